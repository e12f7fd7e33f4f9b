import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createPermissionIntegrationRouter } from '@backstage/plugin-permission-node';
import { observabilityPermissions } from '@catalyst/plugin-observability-common';
import Router from 'express-promise-router';
import { registerObservabilityActions } from './actions/registerObservabilityActions';
import { AlertIntake } from './alerts/AlertIntake';
import {
  PlatformInvestigationRequests,
  readInvestigationsEnabled,
} from './alerts/InvestigationRequests';
import { ScopedEntityIndex } from './alerts/ScopedEntityIndex';
import { readObservabilityConfig } from './config';
import { AlertEventStore } from './database/AlertEventStore';
import { AlertRuleStore } from './database/AlertRuleStore';
import { connectAndMigrate } from './database/migrations';
import { ObservedEntities } from './entities/ObservedEntities';
import { GoldenSignalsService } from './goldenSignals/GoldenSignalsService';
import { IncidentCorrelator } from './incidents/IncidentCorrelator';
import { ObservabilityInstances } from './instances/ObservabilityInstances';
import {
  createStacksRouter,
  ObservabilityStackReader,
  PrometheusRuleApplier,
} from './kubernetes';
import { ScopedLogService } from './logStore/ScopedLogService';
import { ScopedQueryService } from './queries/ScopedQueryService';
import {
  createAlertsRouter,
  createHealthRouter,
  createLogsRouter,
  createQueryRouter,
  createRulesRouter,
  createWebhookRouter,
} from './router';
import { AlertRuleService } from './rules/AlertRuleService';
import { RuleFileApplier } from './rules/RuleFileApplier';

/**
 * How often alerts stored before the catalog had their entity are linked to it; with the
 * index's one-minute snapshot, an alert is linked at most ~90 s after its entity is.
 */
const ALERT_RELINK_INTERVAL_SECONDS = 30;

/**
 * The Catalyst observability backend plugin, mounted at /api/observability.
 *
 * @public
 */
export const observabilityPlugin = createBackendPlugin({
  pluginId: 'observability',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        permissions: coreServices.permissions,
        scheduler: coreServices.scheduler,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        const config = readObservabilityConfig(deps.config);
        const db = await connectAndMigrate(deps.database);
        const ruleStore = new AlertRuleStore(db);
        const eventStore = new AlertEventStore(db);
        const instances = new ObservabilityInstances(config);
        const scopeIndex = new ScopedEntityIndex({
          catalog: deps.catalog,
          auth: deps.auth,
          logger: deps.logger,
          scopes: config.scopes,
        });
        const entities = new ObservedEntities({
          catalog: deps.catalog,
          permissions: deps.permissions,
          instances,
          scopes: config.scopes,
          index: scopeIndex,
        });
        const goldenSignals = new GoldenSignalsService(instances, config);
        const logs = new ScopedLogService(
          instances,
          config.limits,
          config.tracing,
        );
        const rules = new AlertRuleService({
          store: ruleStore,
          instances,
          config,
          applier:
            config.rules.mode === 'kubernetes'
              ? PrometheusRuleApplier.fromConfig({
                  cluster: config.kubernetes,
                  target: config.rules.kubernetes,
                  logger: deps.logger,
                })
              : new RuleFileApplier(),
        });
        const intake = new AlertIntake({
          store: eventStore,
          index: scopeIndex,
          investigations: readInvestigationsEnabled(deps.config)
            ? new PlatformInvestigationRequests(deps)
            : undefined,
          logger: deps.logger,
        });
        await deps.scheduler.scheduleTask({
          id: 'observability-alert-relink',
          frequency: { seconds: ALERT_RELINK_INTERVAL_SECONDS },
          timeout: { minutes: 5 },
          initialDelay: { seconds: ALERT_RELINK_INTERVAL_SECONDS },
          fn: async () => {
            await intake.relink();
          },
        });
        const correlator = new IncidentCorrelator({
          events: eventStore,
          instances,
          logs,
          goldenSignals,
          config,
        });
        const queries = new ScopedQueryService(instances, config.limits);
        registerObservabilityActions(deps.actionsRegistry, {
          entities,
          queries,
          goldenSignals,
          logs,
          events: eventStore,
          correlator,
          config,
        });
        if (!config.webhook.secret) {
          deps.logger.warn(
            'observability.alertmanager.webhookSecret is not set: the Alertmanager webhook intake answers 503',
          );
        }

        const router = Router();
        router.use(
          createPermissionIntegrationRouter({
            permissions: observabilityPermissions,
          }),
        );
        router.use(
          createWebhookRouter({ intake, secret: config.webhook.secret }),
        );
        router.use(
          createHealthRouter({ httpAuth: deps.httpAuth, entities, instances }),
        );
        router.use(
          createQueryRouter({
            httpAuth: deps.httpAuth,
            entities,
            queries,
            goldenSignals,
            config,
          }),
        );
        router.use(
          createLogsRouter({
            httpAuth: deps.httpAuth,
            entities,
            logs,
            config,
          }),
        );
        router.use(
          createAlertsRouter({
            httpAuth: deps.httpAuth,
            entities,
            events: eventStore,
            instances,
            correlator,
          }),
        );
        router.use(
          createRulesRouter({ httpAuth: deps.httpAuth, entities, rules }),
        );
        router.use(
          createStacksRouter({
            httpAuth: deps.httpAuth,
            entities,
            stacks: ObservabilityStackReader.fromConfig(
              config.kubernetes,
              deps.logger,
            ),
          }),
        );
        deps.httpRouter.use(router);
        deps.httpRouter.addAuthPolicy({
          path: '/webhooks/alertmanager',
          allow: 'unauthenticated',
        });
      },
    });
  },
});
