export { PlatformTaskQueue } from './PlatformTaskQueue';
export { PlatformTaskQueuePage } from './PlatformTaskQueuePage';
