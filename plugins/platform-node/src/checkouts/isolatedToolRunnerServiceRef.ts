import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import {
  DefaultIsolatedToolRunner,
  IsolatedToolRunner,
} from './isolatedToolRunner';

/**
 * Runs repository tools isolated as `platform.isolation` configures, for
 * every executor that runs a repository's code (lint fixes, lockfile and
 * go.sum refreshes). One per plugin; the configured isolation is checked on
 * first use, and a missing one fails those tasks without retries.
 *
 * @public
 */
export const isolatedToolRunnerServiceRef =
  createServiceRef<IsolatedToolRunner>({
    id: 'catalyst.platform.isolated-tool-runner',
    scope: 'plugin',
    defaultFactory: async service =>
      createServiceFactory({
        service,
        deps: {
          config: coreServices.rootConfig,
          logger: coreServices.logger,
        },
        async factory({ config, logger }) {
          const runner = DefaultIsolatedToolRunner.fromConfig(config);
          if (runner.mode === 'none') {
            logger.warn(
              'platform.isolation.mode is none: repository tools run with a cleared environment but can read the backend host and reach its network',
            );
          }
          return runner;
        },
      }),
  });
