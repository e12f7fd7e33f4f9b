import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  actionsRegistryServiceRef,
  actionsServiceRef,
} from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createPermissionIntegrationRouter } from '@backstage/plugin-permission-node';
import { defaultConventionPacks } from '@catalyst/conventions';
import { platformPermissions } from '@catalyst/plugin-platform-common';
import {
  checkoutServiceRef,
  ConventionPack,
  conventionPacksExtensionPoint,
  PlatformTaskExecutor,
  platformTaskExecutorsExtensionPoint,
  PlatformTaskScanner,
  platformTaskScannersExtensionPoint,
  platformGithubServiceRef,
} from '@catalyst/plugin-platform-node';
import Router from 'express-promise-router';
import { createAgentToolsRouter } from './actions/agentToolsRouter';
import { registerPlatformActions } from './actions/registerPlatformActions';
import { createAgentContextFeature } from './agentContext/createAgentContextFeature';
import { readPlatformConfig } from './config';
import { createConventionsFeature } from './conventions/createConventionsFeature';
import { connectAndMigrate } from './database/migrations';
import { PlatformFeatureDeps } from './features';
import { createSpecsFeature } from './specs/createSpecsFeature';
import { createTasksFeature } from './tasks/createTasksFeature';
import { readTaskConfig } from './tasks/readTaskConfig';
import { createWebhooksFeature } from './webhooks/createWebhooksFeature';
import { createGithubBudgetRouter } from './github/githubBudgetRouter';

/**
 * The Catalyst platform backend plugin, mounted at /api/platform.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    // Keyed by id: a module's pack replaces the default pack of the same id.
    const conventionPacks = new Map<string, ConventionPack>(
      defaultConventionPacks.map(pack => [pack.id, pack]),
    );
    env.registerExtensionPoint(conventionPacksExtensionPoint, {
      addPack(...packs) {
        for (const pack of packs) {
          conventionPacks.delete(pack.id);
          conventionPacks.set(pack.id, pack);
        }
      },
    });
    const taskExecutors: PlatformTaskExecutor[] = [];
    env.registerExtensionPoint(platformTaskExecutorsExtensionPoint, {
      addExecutor(executor) {
        taskExecutors.push(executor);
      },
    });
    const taskScanners = new Map<string, PlatformTaskScanner>();
    env.registerExtensionPoint(platformTaskScannersExtensionPoint, {
      addScanner(scanner) {
        if (taskScanners.has(scanner.id)) {
          throw new Error(
            `A platform task scanner with id ${scanner.id} is already registered`,
          );
        }
        taskScanners.set(scanner.id, scanner);
      },
    });
    env.registerInit({
      deps: {
        rootConfig: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        lifecycle: coreServices.lifecycle,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
        github: platformGithubServiceRef,
        checkouts: checkoutServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        actions: actionsServiceRef,
        discovery: coreServices.discovery,
      },
      async init({
        httpRouter,
        database,
        github,
        actionsRegistry,
        lifecycle,
        actions,
        discovery,
        ...services
      }) {
        const deps: PlatformFeatureDeps = {
          ...services,
          ...github,
          config: readPlatformConfig(services.rootConfig),
          db: await connectAndMigrate(database),
        };
        const taskConfig = readTaskConfig(services.rootConfig);

        const specs = await createSpecsFeature(deps);
        const agentContext = await createAgentContextFeature(deps);
        const conventions = await createConventionsFeature(deps, () => [
          ...conventionPacks.values(),
        ]);
        const tasks = await createTasksFeature(deps, {
          taskConfig,
          lifecycle,
          // A module's executor replaces the core's one of its task type.
          executors: [
            ...conventions.executors,
            ...taskExecutors,
            ...agentContext.executors.filter(
              core => !taskExecutors.some(e => e.taskType === core.taskType),
            ),
          ],
          scanners: [
            ...taskScanners.values(),
            ...agentContext.scanners,
            ...conventions.scanners,
          ],
        });
        const webhooks = await createWebhooksFeature(deps, [
          conventions.webhookHandler,
          specs.webhookHandler,
        ]);

        registerPlatformActions(actionsRegistry, {
          ...deps,
          specs,
          agentContext,
          conventions,
          tasks,
        });

        const router = Router();
        router.use(
          createPermissionIntegrationRouter({
            permissions: platformPermissions,
          }),
        );
        router.use(webhooks.router);
        router.use(specs.router);
        router.use(agentContext.router);
        router.use(
          createAgentToolsRouter({
            ...services,
            actions,
            discovery,
            config: services.rootConfig,
          }),
        );
        router.use(tasks.router);
        router.use(conventions.router);
        router.use(
          createGithubBudgetRouter({
            budget: github.budget,
            httpAuth: services.httpAuth,
          }),
        );
        httpRouter.use(router);
        httpRouter.addAuthPolicy({
          path: '/webhooks/github',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
