export { SpecTaskList } from './SpecTaskList';
