export { TaskStatus, taskStatusLabel } from './TaskStatus';
