import { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  InstancesHealthResponse,
  observabilityAlertsReadPermission,
} from '@catalyst/plugin-observability-common';
import express from 'express';
import Router from 'express-promise-router';
import { ObservedEntities } from '../entities/ObservedEntities';
import { ObservabilityInstances } from '../instances/ObservabilityInstances';

/** `GET /health`: reachability and version of every configured instance. */
export function createHealthRouter(options: {
  httpAuth: HttpAuthService;
  entities: ObservedEntities;
  instances: ObservabilityInstances;
}): express.Router {
  const router = Router();
  router.get('/health', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    // Instance health is about no one entity: reading any entity's alerts is enough.
    await options.entities.requireReach(
      credentials,
      observabilityAlertsReadPermission,
    );
    const body: InstancesHealthResponse = {
      items: await options.instances.health(),
    };
    res.json(body);
  });
  return router;
}
