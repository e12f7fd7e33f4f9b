import { HttpAuthService } from '@backstage/backend-plugin-api';
import { ServiceUnavailableError } from '@backstage/errors';
import {
  observabilityAlertsReadPermission,
  ObservabilityStacksResponse,
  ObservabilityStackSummary,
} from '@catalyst/plugin-observability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ObservedEntities } from '../entities/ObservedEntities';
import { parseInput } from '@catalyst/backend-common';
import { redactUrlsInText } from '../redaction/redactUrls';
import { ObservabilityStackReader } from './ObservabilityStackReader';

const stacksSchema = z.object({
  namespace: z
    .string()
    .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'must be a namespace name')
    .max(63)
    .optional(),
});

// Condition messages can echo chart or Alertmanager configuration, webhook URLs included.
function redactStackMessages(
  stack: ObservabilityStackSummary,
): ObservabilityStackSummary {
  return {
    ...stack,
    conditions: stack.conditions.map(condition =>
      condition.message
        ? { ...condition, message: redactUrlsInText(condition.message) }
        : condition,
    ),
  };
}

/**
 * `GET /stacks?namespace`: the ObservabilityStack objects of the configured cluster, with
 * their health, releases and endpoints. A caller whose `observability.alerts.read` reaches
 * every entity sees every stack; one whose policy decides per entity sees the stacks of
 * the Kubernetes namespaces (`backstage.io/kubernetes-namespace`) of the entities it may
 * read and holds the permission on.
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
    const reach = await entities.requireReach(
      credentials,
      observabilityAlertsReadPermission,
    );
    if (!stacks) {
      throw new ServiceUnavailableError(
        'There is no Kubernetes cluster configured: set observability.kubernetes or provide a kubeconfig',
      );
    }
    const namespaces =
      reach === 'all'
        ? undefined
        : await entities.allowedNamespaces(
            credentials,
            observabilityAlertsReadPermission,
          );
    const items = await stacks.list({ namespace: input.namespace });
    const body: ObservabilityStacksResponse = {
      items: items
        .filter(stack => !namespaces || namespaces.has(stack.namespace))
        .map(redactStackMessages),
    };
    res.json(body);
  });
  return router;
}
