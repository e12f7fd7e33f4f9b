import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import {
  AlertRulesResponse,
  observabilityAlertsReadPermission,
  observabilityRulesManagePermission,
} from '@catalyst/plugin-observability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ObservedEntities } from '../entities/ObservedEntities';
import {
  createAlertRuleSchema,
  updateAlertRuleSchema,
} from '../rules/alertRuleInput';
import { AlertRuleService } from '../rules/AlertRuleService';
import { entityRefFromParams, parseInput } from '@catalyst/backend-common';
import { ENTITY_PATH } from './entityPath';

const idSchema = z.object({ id: z.coerce.number().int().positive() });

/**
 * Alert rules of an entity: reading needs `observability.alerts.read` on the entity,
 * creating, changing and deleting `observability.rules.manage` on it. Every change is
 * applied to Prometheus at once. Notification URLs come back redacted.
 */
export function createRulesRouter(options: {
  httpAuth: HttpAuthService;
  entities: ObservedEntities;
  rules: AlertRuleService;
}): express.Router {
  const { httpAuth, entities, rules } = options;
  const router = Router();

  /** The entity of the request, once the caller holds the permission on it. */
  async function target(
    req: express.Request<{ kind: string; namespace: string; name: string }>,
    permission: ResourcePermission<'catalog-entity'>,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromParams(req.params);
    await entities.authorize(credentials, permission, entityRef);
    return entities.load(entityRef, credentials);
  }

  router.get(`${ENTITY_PATH}/rules`, async (req, res) => {
    const entity = await target(req, observabilityAlertsReadPermission);
    const body: AlertRulesResponse = {
      entityRef: entity.entityRef,
      items: await rules.list(entity.entityRef),
    };
    res.json(body);
  });

  router.get(`${ENTITY_PATH}/rules/rendered`, async (req, res) => {
    res.json(
      await rules.rendered(
        await target(req, observabilityAlertsReadPermission),
      ),
    );
  });

  router.post(`${ENTITY_PATH}/rules`, express.json(), async (req, res) => {
    const entity = await target(req, observabilityRulesManagePermission);
    const body = parseInput(createAlertRuleSchema, req.body, 'body');
    res.status(201).json(await rules.create(entity, body));
  });

  router.put(`${ENTITY_PATH}/rules/:id`, express.json(), async (req, res) => {
    const entity = await target(req, observabilityRulesManagePermission);
    const { id } = parseInput(idSchema, { id: req.params.id }, 'rule id');
    const body = parseInput(updateAlertRuleSchema, req.body, 'body');
    res.json(await rules.update(entity, id, body));
  });

  router.delete(`${ENTITY_PATH}/rules/:id`, async (req, res) => {
    const entity = await target(req, observabilityRulesManagePermission);
    const { id } = parseInput(idSchema, { id: req.params.id }, 'rule id');
    res.json(await rules.delete(entity, id));
  });

  // Spans entities: the rules of the entities the caller may manage, or all of them.
  router.get('/alertmanager/config', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const reach = await entities.requireReach(
      credentials,
      observabilityRulesManagePermission,
    );
    const yaml = await rules.renderedAlertmanagerConfig(
      reach === 'all'
        ? undefined
        : refs =>
            entities.allowedRefs(
              credentials,
              observabilityRulesManagePermission,
              refs,
            ),
    );
    res.type('application/yaml').send(yaml);
  });

  return router;
}
