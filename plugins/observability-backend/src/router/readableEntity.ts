import { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefFromParams } from '@catalyst/backend-common';
import { observabilityQueryReadPermission } from '@catalyst/plugin-observability-common';
import express from 'express';
import { ObservedEntities } from '../entities/ObservedEntities';

/**
 * The entity of an `ENTITY_PATH` request with its scope, once the caller may read its
 * telemetry (`observability.query.read`).
 */
export async function readableEntity(
  req: express.Request<{ kind: string; namespace: string; name: string }>,
  httpAuth: HttpAuthService,
  entities: ObservedEntities,
) {
  const credentials = await httpAuth.credentials(req, {
    allow: ['user', 'service'],
  });
  const entityRef = entityRefFromParams(req.params);
  await entities.authorize(
    credentials,
    observabilityQueryReadPermission,
    entityRef,
  );
  return entities.load(entityRef, credentials);
}
