import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { actionsServiceRef } from '@backstage/backend-plugin-api/alpha';
import { durationToMilliseconds } from '@backstage/types';
import { readDurationFromConfig } from '@backstage/config';
import { CachingActionsService } from './CachingActionsService';
import { localActionsServiceRef } from './LocalActions';

/**
 * The actions service with each principal's action list cached briefly (see
 * {@link CachingActionsService}); replaces Backstage's default one.
 * `catalyst.actions.listCacheTtl` (a duration, default 10 seconds) sets how
 * long a list is reused; `{ milliseconds: 0 }` turns the cache off.
 * Actions of the plugins registered through
 * `inProcessActionsRegistryServiceFactory` are invoked in process.
 */
export const cachingActionsServiceFactory = createServiceFactory({
  service: actionsServiceRef,
  deps: {
    discovery: coreServices.discovery,
    config: coreServices.rootConfig,
    logger: coreServices.logger,
    auth: coreServices.auth,
    localActions: localActionsServiceRef,
  },
  factory: ({ discovery, config, logger, auth, localActions }) =>
    new CachingActionsService({
      discovery,
      config,
      logger,
      auth,
      localActions,
      ttlMs: config.has('catalyst.actions.listCacheTtl')
        ? durationToMilliseconds(
            readDurationFromConfig(config, {
              key: 'catalyst.actions.listCacheTtl',
            }),
          )
        : undefined,
    }),
});
