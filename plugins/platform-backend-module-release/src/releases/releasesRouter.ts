import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { entityRefFromParams, parseInput } from '@catalyst/backend-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ComponentReleasesService } from './ComponentReleasesService';

// Entity ref parts as the catalog allows them; anything else is a typo or a probe.
const paramsSchema = z.object({
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'not an entity kind'),
  namespace: z.string().regex(/^[A-Za-z0-9._-]{1,63}$/, 'not a namespace'),
  name: z.string().regex(/^[A-Za-z0-9._-]{1,253}$/, 'not an entity name'),
});
const querySchema = z.object({
  package: z.string().min(1).max(214).optional(),
});

/**
 * `GET /releases/:kind/:namespace/:name[?package=]`: the Releases card of a
 * component, for callers that may read the entity.
 */
export function createReleasesRouter(options: {
  service: ComponentReleasesService;
  httpAuth: HttpAuthService;
}): express.Router {
  const router = Router();
  router.get('/releases/:kind/:namespace/:name', async (req, res) => {
    const credentials = await options.httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const params = parseInput(paramsSchema, req.params, 'entity');
    const query = parseInput(querySchema, req.query, 'query');
    res.json(
      await options.service.get(entityRefFromParams(params), credentials, {
        package: query.package,
      }),
    );
  });
  return router;
}
