import { HttpAuthService } from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AlertsResponse,
  LiveAlertsResponse,
  observabilityAlertsReadPermission,
  observabilityQueryReadPermission,
} from '@catalyst/plugin-observability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { readLiveAlerts } from '../alerts/readLiveAlerts';
import { AlertEventStore } from '../database/AlertEventStore';
import { ObservedEntities } from '../entities/ObservedEntities';
import { IncidentCorrelator } from '../incidents/IncidentCorrelator';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';
import { readTime } from '../queries/QueryLimits';
import { entityRefFromParams, parseInput } from '@catalyst/backend-common';
import { ENTITY_PATH } from './entityPath';

const alertsSchema = z.object({
  state: z.enum(['active', 'resolved', 'all']).optional(),
  since: z.string().optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});
const idSchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * Alerts of an entity (`observability.alerts.read` on the entity): the history received through the
 * webhook, filtered in the database; what Alertmanager holds now, filtered by Alertmanager;
 * and the incident view of one alert, which also reads the entity's telemetry and so needs
 * `observability.query.read` on it. An alert linked to no entity is shown only to callers
 * whose `observability.alerts.read` reaches every entity.
 */
export function createAlertsRouter(options: {
  httpAuth: HttpAuthService;
  entities: ObservedEntities;
  events: AlertEventStore;
  instances: ObservabilityInstances;
  correlator: IncidentCorrelator;
}): express.Router {
  const { httpAuth, entities, events, instances, correlator } = options;
  const router = Router();

  router.get(`${ENTITY_PATH}/alerts`, async (req, res) => {
    const input = parseInput(alertsSchema, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromParams(req.params);
    await entities.authorize(
      credentials,
      observabilityAlertsReadPermission,
      entityRef,
    );
    const target = await entities.load(entityRef, credentials);
    const body: AlertsResponse = {
      entityRef: target.entityRef,
      items: await events.list({
        entityRef: target.entityRef,
        state: input.state,
        since:
          input.since === undefined
            ? undefined
            : new Date(readTime(input.since, 'since')),
        limit: input.limit,
      }),
    };
    res.json(body);
  });

  router.get(`${ENTITY_PATH}/alerts/live`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromParams(req.params);
    await entities.authorize(
      credentials,
      observabilityAlertsReadPermission,
      entityRef,
    );
    const target = await entities.load(entityRef, credentials);
    const client = instances.alertmanagerFor(target.entity);
    const body: LiveAlertsResponse = {
      entityRef: target.entityRef,
      instance: client.instance.name,
      items: await readLiveAlerts(client, target.entityRef, target.matchers),
    };
    res.json(body);
  });

  router.get('/alerts/:id/incident', async (req, res) => {
    const { id } = parseInput(idSchema, req.params, 'alert id');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await entities.requireReach(credentials, observabilityAlertsReadPermission);
    const alert = await events.get(id);
    if (!alert) {
      throw new NotFoundError(`There is no alert ${id}`);
    }
    if (!alert.entityRef) {
      // Linked to no entity, so no policy condition can speak for it: only a caller
      // allowed to read every entity's alerts sees it.
      if (
        (await entities.reach(
          credentials,
          observabilityAlertsReadPermission,
        )) !== 'all'
      ) {
        throw new NotAllowedError(
          `Not allowed: ${observabilityAlertsReadPermission.name} on alerts linked to no entity`,
        );
      }
      res.json(await correlator.correlateIncident(alert));
      return;
    }
    for (const permission of [
      observabilityAlertsReadPermission,
      observabilityQueryReadPermission,
    ]) {
      await entities.authorize(credentials, permission, alert.entityRef);
    }
    const target = await entities.load(alert.entityRef, credentials);
    res.json(await correlator.correlateIncident(alert, target));
  });

  return router;
}
