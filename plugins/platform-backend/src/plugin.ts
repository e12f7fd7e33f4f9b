import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createPermissionIntegrationRouter } from '@backstage/plugin-permission-node';
import { platformPermissions } from '@catalyst/plugin-platform-common';
import { defaultConventionPacks } from '@catalyst/conventions';
import {
  ConventionPack,
  conventionPacksExtensionPoint,
  GithubIssueReporter,
  GithubPullRequestMerger,
  GithubPullRequestPublisher,
  PlatformTaskExecutor,
  platformTaskExecutorsExtensionPoint,
  PlatformTaskScanner,
  platformTaskScannersExtensionPoint,
  SpecSourceReader,
} from '@catalyst/plugin-platform-node';
import Router from 'express-promise-router';
import { readPlatformConfig } from './config';
import { AgentContextStore } from './database/AgentContextStore';
import { connectAndMigrate } from './database/migrations';
import { SpecStore } from './database/SpecStore';
import { createSpecsRouter, createWebhookRouter } from './router';
import { createAgentContextRouter } from './router/agentContextRouter';
import { createTasksRouter } from './router/tasksRouter';
import { TaskBreakerStore } from './database/TaskBreakerStore';
import { TaskMergeStore } from './database/TaskMergeStore';
import { findComponentOfRepository } from './services/catalog/findComponentOfRepository';
import { TaskStore } from './database/TaskStore';
import { readTaskConfig } from './services/tasks/readTaskConfig';
import { TaskWorker } from './services/tasks/TaskWorker';
import { TaskQueue } from './services/tasks/TaskQueue';
import { AgentsMdRefreshExecutor } from './services/tasks/executors/AgentsMdRefreshExecutor';
import { FlakyTestReportExecutor } from './services/tasks/executors/FlakyTestReportExecutor';
import { LintAutofixExecutor } from './services/tasks/executors/LintAutofixExecutor';
import { TemporaryCheckouts } from './services/tasks/executors/TemporaryCheckouts';
import { DependencyUpdateExecutor } from './services/tasks/executors/DependencyUpdateExecutor';
import { createDependencyUpdateScanners } from './services/tasks/scanners/dependencyUpdates/createDependencyUpdateScanners';
import { TaskScannerRunner } from './services/tasks/TaskScannerRunner';
import { AutoMergeRunner } from './services/tasks/AutoMergeRunner';
import { FlakyTestScanner } from './services/tasks/scanners/flakyTests/FlakyTestScanner';
import { StaleAgentsMdScanner } from './services/tasks/scanners/agentsMd/StaleAgentsMdScanner';
import { ConventionDriftScanner } from './services/tasks/scanners/conventionDrift/ConventionDriftScanner';
import { AgentContextService } from './services/agentContext/AgentContextService';
import { ComponentCheckouts } from './services/agentContext/ComponentCheckouts';
import { GithubPullRequestCommits } from './services/github/PullRequestCommits';
import { GithubWebhookHandler } from './services/github/GithubWebhookHandler';
import { SpecIndexer } from './services/specs/SpecIndexer';
import { ConventionStore } from './database/ConventionStore';
import { ConventionStatusStore } from './database/ConventionStatusStore';
import { ConventionsService } from './services/conventions/ConventionsService';
import { ComponentConventionRules } from './services/conventions/ComponentConventionRules';
import { createConventionFixExecutor } from './services/conventions/conventionFixExecutor';
import { createConventionsRouter } from './router/conventionsRouter';
import { PullRequestConventionChecker } from './services/conventions/PullRequestConventionChecker';
import { GithubPullRequestChecksClient } from './services/github/PullRequestChecksClient';

/**
 * The Catalyst platform backend plugin, mounted at /api/platform.
 *
 * @public
 */
export const platformPlugin = createBackendPlugin({
  pluginId: 'platform',
  register(env) {
    const taskExecutors: PlatformTaskExecutor[] = [];
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
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        urlReader: coreServices.urlReader,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        const config = readPlatformConfig(deps.config);
        const integrations = ScmIntegrations.fromConfig(deps.config);
        // One credentials provider, so GitHub App tokens are fetched and cached once.
        const credentialsProvider =
          DefaultGithubCredentialsProvider.fromIntegrations(integrations);
        const github = { integrations, credentialsProvider };
        const publisher = new GithubPullRequestPublisher(github);
        const db = await connectAndMigrate(deps.database);
        const store = new SpecStore(db);
        const reader = new SpecSourceReader(deps.urlReader, integrations);
        const indexer = new SpecIndexer({
          store,
          reader,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
        });

        await deps.scheduler.scheduleTask({
          id: 'platform-spec-index',
          frequency: { minutes: config.specs.refreshIntervalMinutes },
          timeout: { minutes: 15 },
          initialDelay: { seconds: 15 },
          fn: async () => {
            await indexer.syncAll();
          },
        });

        const agentContextStore = new AgentContextStore(db);
        const agentContext = new AgentContextService({
          store: agentContextStore,
          checkouts: new ComponentCheckouts({
            urlReader: deps.urlReader,
            integrations,
            credentialsProvider,
            workingDirectory: config.agentContext.workingDirectory,
            cloneDepth: config.agentContext.cloneDepth,
            history: config.agentContext.readHistory,
          }),
          publisher,
          integrations,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: 'platform-agent-context-check',
          frequency: { minutes: config.agentContext.checkIntervalMinutes },
          timeout: { minutes: 30 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await agentContext.checkAll();
          },
        });

        const conventionStore = new ConventionStore(db);
        await conventionStore.seedRules(
          [...conventionPacks.values()],
          new Date(),
        );
        const conventionStatus = new ConventionStatusStore(db);
        const conventions = new ConventionsService({
          packs: () => [...conventionPacks.values()],
          store: conventionStore,
          status: conventionStatus,
          checkouts: new ComponentCheckouts({
            urlReader: deps.urlReader,
            integrations,
            credentialsProvider,
            workingDirectory: config.agentContext.workingDirectory,
            // Drift reads files and the checked-out branch; no history needed.
            cloneDepth: 1,
            history: true,
            folderPrefix: 'catalyst-conventions-',
          }),
          publisher,
          integrations,
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
        });

        const handler = new GithubWebhookHandler({
          store,
          indexer,
          commits: new GithubPullRequestCommits(
            integrations,
            credentialsProvider,
          ),
          conventions: new PullRequestConventionChecker({
            // A repository's component (by github.com/project-slug) brings its own rule rows.
            packs: async repository =>
              conventions.packsFor(
                await findComponentOfRepository(deps, repository),
              ),
            client: new GithubPullRequestChecksClient(
              integrations,
              credentialsProvider,
            ),
            store: conventionStore,
            logger: deps.logger,
          }),
          logger: deps.logger,
        });

        const taskConfig = readTaskConfig(deps.config);
        const taskStore = new TaskStore(db);
        const taskBreakers = new TaskBreakerStore(db);
        const taskWorker = new TaskWorker({
          store: taskStore,
          breakers: taskBreakers,
          logger: deps.logger,
          workerId: taskConfig.workerId,
          options: taskConfig,
        });
        taskWorker.addExecutor(createConventionFixExecutor(conventions));
        taskExecutors.forEach(executor => taskWorker.addExecutor(executor));
        const checkouts = new TemporaryCheckouts({
          integrations,
          credentialsProvider,
          workingDirectory: config.agentContext.workingDirectory,
        });
        // Built-in executors, unless a module brought its own for the type.
        [
          // convention_fix is the conventions service's executor (added above), which
          // shares its pull request with the portal's "fix" route.
          new LintAutofixExecutor({ checkouts, publisher }),
          new AgentsMdRefreshExecutor({ checkouts, publisher }),
          new FlakyTestReportExecutor({
            reporter: new GithubIssueReporter(github),
          }),
          new DependencyUpdateExecutor({
            checkouts,
            publisher,
            npmRegistry: taskConfig.dependencyUpdates.npmRegistry,
            goProxy: taskConfig.dependencyUpdates.goProxy,
            goSumDb: taskConfig.dependencyUpdates.goSumDb,
          }),
        ]
          .filter(
            builtIn =>
              !taskExecutors.some(e => e.taskType === builtIn.taskType),
          )
          .forEach(executor => taskWorker.addExecutor(executor));
        // Local scope: every replica claims its own batch; leases keep them apart.
        await deps.scheduler.scheduleTask({
          id: 'platform-task-worker',
          scope: 'local',
          frequency: { seconds: taskConfig.frequencySeconds },
          timeout: { milliseconds: taskConfig.leaseMs * 4 },
          initialDelay: { seconds: 10 },
          fn: async () => {
            await taskWorker.tick();
          },
        });

        const autoMerge = new AutoMergeRunner({
          merges: new TaskMergeStore(db),
          breakers: taskBreakers,
          merger: new GithubPullRequestMerger(github),
          logger: deps.logger,
          options: taskConfig.autoMerge,
          breakerPolicy: taskConfig.breaker,
        });
        await deps.scheduler.scheduleTask({
          id: 'platform-task-auto-merge',
          frequency: { minutes: taskConfig.autoMerge.intervalMinutes },
          timeout: { minutes: 10 },
          initialDelay: { minutes: 1 },
          fn: async () => {
            await autoMerge.run();
          },
        });

        const scannerRunner = new TaskScannerRunner({
          queue: new TaskQueue(taskStore, taskConfig.approvalPolicies),
          logger: deps.logger,
        });
        const flakyTestScanners = taskConfig.flakyTests.map(
          flaky =>
            new FlakyTestScanner(
              `flaky-tests:${flaky.id}`,
              {
                frequency: { minutes: flaky.frequencyMinutes },
                timeout: { minutes: 10 },
                initialDelay: { minutes: 1 },
              },
              flaky,
            ),
        );
        const builtInScanners = [
          ...flakyTestScanners,
          ...createDependencyUpdateScanners(taskConfig.dependencyUpdates, {
            catalog: deps.catalog,
            auth: deps.auth,
            integrations,
            credentialsProvider,
            checkouts,
            logger: deps.logger,
          }),
          new StaleAgentsMdScanner(
            {
              frequency: { minutes: config.agentContext.checkIntervalMinutes },
              timeout: { minutes: 5 },
              initialDelay: { minutes: 5 },
            },
            { store: agentContextStore, integrations },
          ),
          new ConventionDriftScanner(
            {
              frequency: { minutes: config.conventions.scanIntervalMinutes },
              timeout: { minutes: 30 },
              initialDelay: { minutes: 3 },
            },
            {
              service: conventions,
              catalog: deps.catalog,
              auth: deps.auth,
              integrations,
              logger: deps.logger,
            },
          ),
        ];
        for (const scanner of [...taskScanners.values(), ...builtInScanners]) {
          await deps.scheduler.scheduleTask({
            id: `platform-task-scanner:${scanner.id}`,
            ...scanner.schedule,
            fn: async abortSignal => {
              await scannerRunner.run(scanner, abortSignal);
            },
          });
        }

        const router = Router();
        router.use(
          createPermissionIntegrationRouter({
            permissions: platformPermissions,
          }),
        );
        router.use(
          createWebhookRouter({
            store,
            handler,
            webhookSecret: config.github.webhookSecret,
            logger: deps.logger,
          }),
        );
        router.use(
          createSpecsRouter({
            store,
            indexer,
            reader,
            catalog: deps.catalog,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
        router.use(
          createAgentContextRouter({
            service: agentContext,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
        router.use(
          createTasksRouter({
            store: taskStore,
            breakers: taskBreakers,
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
        router.use(
          createConventionsRouter({
            service: conventions,
            store: conventionStore,
            status: conventionStatus,
            componentRules: new ComponentConventionRules({
              packs: () => [...conventionPacks.values()],
              service: conventions,
              store: conventionStore,
              status: conventionStatus,
              catalog: deps.catalog,
              auth: deps.auth,
            }),
            httpAuth: deps.httpAuth,
            permissions: deps.permissions,
          }),
        );
        deps.httpRouter.use(router);
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks/github',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
