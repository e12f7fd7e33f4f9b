import {
  coreServices,
  createServiceFactory,
  createServiceRef,
} from '@backstage/backend-plugin-api';
import { tmpdir } from 'node:os';
import { platformGithubServiceRef } from '../github/platformGithubServiceRef';
import { readLocalSpecRoots } from '../specs/resolveSpecSource';
import { DefaultCheckoutService } from './DefaultCheckoutService';
import type { CheckoutService } from './types';

/**
 * The platform's checkout service, shared by the platform backend and its
 * modules. Checkouts go under `backend.workingDirectory` (default: the
 * system's temporary folder); leftovers of crashed backends are removed at
 * start, and this backend's at shutdown.
 *
 * @public
 */
export const checkoutServiceRef = createServiceRef<CheckoutService>({
  id: 'catalyst.platform.checkouts',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        urlReader: coreServices.urlReader,
        logger: coreServices.logger,
        lifecycle: coreServices.lifecycle,
        github: platformGithubServiceRef,
      },
      async factory({ config, urlReader, logger, lifecycle, github }) {
        const checkouts = new DefaultCheckoutService({
          urlReader,
          integrations: github.integrations,
          credentialsProvider: github.credentialsProvider,
          workingDirectory:
            config.getOptionalString('backend.workingDirectory') ?? tmpdir(),
          localRoots: readLocalSpecRoots(config),
        });
        const removed = await checkouts.removeLeftovers();
        if (removed.length) {
          logger.info(
            `Removed ${removed.length} checkout folders left by stopped backends`,
          );
        }
        lifecycle.addShutdownHook(() => checkouts.dispose());
        return checkouts;
      },
    }),
});
