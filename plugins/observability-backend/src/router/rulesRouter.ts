import { HttpAuthService } from '@backstage/backend-plugin-api';
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
 * Alert rules of an entity: reading needs `observability.alerts.read`, creating, changing
 * and deleting `observability.rules.manage`. Every change is applied to Prometheus at once.
 */
export function createRulesRouter(options: {
  httpAuth: HttpAuthService;
  entities: ObservedEntities;
  rules: AlertRuleService;
}): express.Router {
  const { httpAuth, entities, rules } = options;
  const router = Router();

  async function caller(
    req: express.Request,
    permission: typeof observabilityAlertsReadPermission,
  ) {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await entities.authorize(credentials, permission);
    return credentials;
  }

  router.get(`${ENTITY_PATH}/rules`, async (req, res) => {
    const credentials = await caller(req, observabilityAlertsReadPermission);
    const target = await entities.load(
      entityRefFromParams(req.params),
      credentials,
    );
    const body: AlertRulesResponse = {
      entityRef: target.entityRef,
      items: await rules.list(target.entityRef),
    };
    res.json(body);
  });

  router.get(`${ENTITY_PATH}/rules/rendered`, async (req, res) => {
    const credentials = await caller(req, observabilityAlertsReadPermission);
    res.json(
      await rules.rendered(
        await entities.load(entityRefFromParams(req.params), credentials),
      ),
    );
  });

  router.post(`${ENTITY_PATH}/rules`, express.json(), async (req, res) => {
    const credentials = await caller(req, observabilityRulesManagePermission);
    const body = parseInput(createAlertRuleSchema, req.body, 'body');
    const target = await entities.load(
      entityRefFromParams(req.params),
      credentials,
    );
    res.status(201).json(await rules.create(target, body));
  });

  router.put(`${ENTITY_PATH}/rules/:id`, express.json(), async (req, res) => {
    const credentials = await caller(req, observabilityRulesManagePermission);
    const { id } = parseInput(idSchema, { id: req.params.id }, 'rule id');
    const body = parseInput(updateAlertRuleSchema, req.body, 'body');
    const target = await entities.load(
      entityRefFromParams(req.params),
      credentials,
    );
    res.json(await rules.update(target, id, body));
  });

  router.delete(`${ENTITY_PATH}/rules/:id`, async (req, res) => {
    const credentials = await caller(req, observabilityRulesManagePermission);
    const { id } = parseInput(idSchema, { id: req.params.id }, 'rule id');
    const target = await entities.load(
      entityRefFromParams(req.params),
      credentials,
    );
    res.json(await rules.delete(target, id));
  });

  router.get('/alertmanager/config', async (req, res) => {
    await caller(req, observabilityRulesManagePermission);
    res.type('application/yaml').send(await rules.renderedAlertmanagerConfig());
  });

  return router;
}
