import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  observabilityAlertsReadPermission,
  ObservabilityStacksResponse,
} from '@catalyst/plugin-observability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ObservedEntities } from '../entities/ObservedEntities';
import { parseInput } from '@catalyst/backend-common';
import { ObservabilityStackReader } from './ObservabilityStackReader';

const stacksSchema = z.object({
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name')
    .max(63)
    .optional(),
});

/**
 * `GET /stacks?namespace`: the ObservabilityStack objects of the configured cluster, with
 * their health, releases and endpoints (`observability.alerts.read`).
 */
export function createStacksRouter(options: {
  httpAuth: HttpAuthService;
  entities: ObservedEntities;
  /** Undefined when no cluster is configured: the route answers 503. */
  stacks?: ObservabilityStackReader;
}): express.Router {
  const { httpAuth, entities, stacks } = options;
  const router = Router();
  router.get('/stacks', async (req, res) => {
    const input = parseInput(stacksSchema, req.query, 'query');
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    await entities.authorize(credentials, observabilityAlertsReadPermission);
    if (!stacks) {
      throw new ServiceUnavailableError(
        'There is no Kubernetes cluster configured: set observability.kubernetes or provide a kubeconfig',
      );
    }
    const body: ObservabilityStacksResponse = {
      items: await stacks.list({ namespace: input.namespace }),
    };
    res.json(body);
  });
  return router;
}
