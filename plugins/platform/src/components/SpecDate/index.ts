export { SpecDate } from './SpecDate';
