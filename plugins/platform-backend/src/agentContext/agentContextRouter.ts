import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  agentContextGeneratePermission,
  agentContextRefreshPermission,
} from '@catalyst/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { AgentContextService } from './AgentContextService';
import { requireEntityPermission } from '../catalog/entityAccess';

// Entity ref parts as the catalog allows them; anything else is a typo or a probe.
const refParamsSchema = z.object({
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'not an entity kind'),
  namespace: z.string().regex(/^[A-Za-z0-9._-]+$/, 'not a namespace'),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'not an entity name'),
});

export function entityRefOf(params: unknown): string {
  const result = refParamsSchema.safeParse(params);
  if (!result.success) {
    throw new InputError(
      `Invalid entity: ${result.error.issues
        .map(issue => `${issue.path.join('.')}: ${issue.message}`)
        .join('; ')}`,
    );
  }
  return stringifyEntityRef(result.data);
}

/**
 * Routes of the agent context: the stored context of a component, generate
 * now, a live staleness check, and the refresh pull request.
 */
export function createAgentContextRouter(options: {
  service: AgentContextService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { service, httpAuth, permissions } = options;
  const router = Router();
  const base = '/agent-context/:kind/:namespace/:name';

  router.get(base, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    res.json(await service.getContext(entityRefOf(req.params), credentials));
  });

  router.post(`${base}/generate`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefOf(req.params);
    await requireEntityPermission({
      permissions,
      credentials,
      entityRef,
      permission: agentContextGeneratePermission,
      action: `generate the agent context of ${entityRef}`,
    });
    res.json(await service.generate(entityRef, credentials));
  });

  router.get(`${base}/staleness`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefOf(req.params);
    // A live check clones and analyses the repository, like generating.
    await requireEntityPermission({
      permissions,
      credentials,
      entityRef,
      permission: agentContextGeneratePermission,
      action: `check the agent context of ${entityRef}`,
    });
    res.json(await service.checkStaleness(entityRef, credentials));
  });

  router.post(`${base}/refresh`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefOf(req.params);
    await requireEntityPermission({
      permissions,
      credentials,
      entityRef,
      permission: agentContextRefreshPermission,
      action: `refresh the AGENTS.md of ${entityRef}`,
    });
    res.json(await service.refresh(entityRef, credentials));
  });

  return router;
}
