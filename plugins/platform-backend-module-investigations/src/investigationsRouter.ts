import type {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  normalizeEntityRef,
  parseInput,
  requirePermission,
} from '@catalyst/backend-common';
import {
  InvestigationsResponse,
  observabilityAlertsReadPermission,
} from '@catalyst/plugin-observability-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { InvestigationStore } from './store/InvestigationStore';

const querySchema = z.object({
  entityRef: z.string().min(1).max(255),
  fingerprint: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(200).optional(),
});

/**
 * `GET /investigations?entityRef=&fingerprint=`: the investigations of an entity's
 * alerts, for callers who see the entity in the catalog and hold
 * `observability.alerts.read` on it (the permission of the alerts they explain).
 */
export function createInvestigationsRouter(options: {
  store: InvestigationStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { store, catalog, httpAuth, permissions } = options;
  const router = Router();
  router.get('/investigations', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(querySchema, req.query, 'query');
    const entityRef = normalizeEntityRef(query.entityRef);
    if (!(await catalog.getEntityByRef(entityRef, { credentials }))) {
      throw new NotFoundError(`No entity ${entityRef}`);
    }
    await requirePermission({
      permissions,
      credentials,
      permission: observabilityAlertsReadPermission,
      resourceRef: entityRef,
      action: `read the investigations of ${entityRef}`,
    });
    const body: InvestigationsResponse = {
      items: await store.list({
        entityRef,
        fingerprint: query.fingerprint,
        limit: query.limit,
      }),
    };
    res.json(body);
  });
  return router;
}
