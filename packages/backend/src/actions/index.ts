export { cachingActionsServiceFactory } from './cachingActionsServiceFactory';
export { CachingActionsService } from './CachingActionsService';
export { createActionFilter } from './actionFilter';
export { inProcessActionsRegistryServiceFactory } from './inProcessActionsRegistryServiceFactory';
export {
  LocalActions,
  LocalPluginActions,
  localActionsServiceRef,
} from './LocalActions';
