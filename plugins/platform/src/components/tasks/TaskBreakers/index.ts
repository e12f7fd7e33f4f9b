export { TaskBreakerBanner } from './TaskBreakerBanner';
export { TaskBreakerList, isBreakerTripped } from './TaskBreakerList';
