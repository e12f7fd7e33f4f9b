export { TaskActions } from './TaskActions';
