export { cachingActionsServiceFactory } from './cachingActionsServiceFactory';
export {
  CachingActionsService,
  createActionFilter,
} from './CachingActionsService';
