import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  GithubIssueReporter,
  platformGithubServiceRef,
  platformTaskExecutorsExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { readInvestigationsConfig } from './config';
import { ObservabilityEvidence } from './evidence/ObservabilityEvidence';
import { RecentChanges } from './evidence/RecentChanges';
import { InvestigationExecutor } from './InvestigationExecutor';
import { createInvestigationsRouter } from './investigationsRouter';
import { InvestigationStore } from './store/InvestigationStore';

/**
 * Alert investigations: the `incident_investigation` task type, which the
 * observability backend's alert intake queues once per firing episode, and
 * the route that serves the stored investigations
 * (`GET /api/platform/investigations`).
 *
 * @public
 */
export const platformModuleInvestigations = createBackendModule({
  pluginId: 'platform',
  moduleId: 'investigations',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        permissions: coreServices.permissions,
        catalog: catalogServiceRef,
        github: platformGithubServiceRef,
        executors: platformTaskExecutorsExtensionPoint,
      },
      async init(deps) {
        const config = readInvestigationsConfig(deps.config);
        const store = await InvestigationStore.create(deps.database);
        const { integrations, credentialsProvider } = deps.github;
        deps.executors.addExecutor(
          new InvestigationExecutor({
            evidence: new ObservabilityEvidence(deps),
            changes: new RecentChanges({
              catalog: deps.catalog,
              auth: deps.auth,
              integrations,
              credentialsProvider,
            }),
            store,
            issues: new GithubIssueReporter({
              integrations,
              credentialsProvider,
            }),
            catalog: deps.catalog,
            auth: deps.auth,
            integrations,
            config,
            logger: deps.logger,
          }),
        );
        // A module's httpRouter is its plugin's: served under /api/platform.
        deps.httpRouter.use(
          createInvestigationsRouter({
            store,
            catalog: deps.catalog,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
      },
    });
  },
});
