export { TaskDetailDrawer } from './TaskDetailDrawer';
