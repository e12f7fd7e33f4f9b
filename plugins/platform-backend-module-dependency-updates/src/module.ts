import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  checkoutServiceRef,
  isolatedToolRunnerServiceRef,
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { readDependencyUpdateConfig } from './config';
import { DependencyUpdateExecutor } from './executor/DependencyUpdateExecutor';
import { createDependencyUpdateScanners } from './scanner/createDependencyUpdateScanners';

/**
 * The `dependency_update` task type of the platform backend: its scanner
 * (npm and Go, security fixes first) and its executor (manifests, lockfile
 * or go.sum, one pull request per task).
 *
 * @public
 */
export const platformModuleDependencyUpdates = createBackendModule({
  pluginId: 'platform',
  moduleId: 'dependency-updates',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        github: platformGithubServiceRef,
        checkouts: checkoutServiceRef,
        tools: isolatedToolRunnerServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
        scanners: platformTaskScannersExtensionPoint,
      },
      async init({
        config,
        github,
        checkouts,
        tools,
        executors,
        scanners,
        ...deps
      }) {
        const dependencyUpdates = readDependencyUpdateConfig(
          config.getOptionalConfig('platform.tasks'),
        );
        executors.addExecutor(
          new DependencyUpdateExecutor({
            checkouts,
            publisher: github.publisher,
            tools,
            npmRegistry: dependencyUpdates.npmRegistry,
            goProxy: dependencyUpdates.goProxy,
            goSumDb: dependencyUpdates.goSumDb,
          }),
        );
        createDependencyUpdateScanners(dependencyUpdates, {
          ...deps,
          integrations: github.integrations,
          credentialsProvider: github.credentialsProvider,
          checkouts,
        }).forEach(scanner => scanners.addScanner(scanner));
      },
    });
  },
});
