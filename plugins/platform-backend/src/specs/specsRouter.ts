import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  SpecFileContent,
  specRefreshPermission,
} from '@catalyst/plugin-platform-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SpecSourceReader } from '@catalyst/plugin-platform-node';
import {
  entityRefFromParams,
  parseInput,
  requirePermission,
} from '@catalyst/backend-common';
import express from 'express';
import Router from 'express-promise-router';
import { posix } from 'node:path';
import { z } from 'zod';
import { SpecStore } from './SpecStore';
import { SpecIndexer } from './SpecIndexer';
import { visibleEntityRefs } from '../catalog/entityAccess';

const listQuerySchema = z.object({
  entityRef: z.string().min(1).optional(),
  owner: z.string().min(1).optional(),
  status: z.string().min(1).optional(),
  minCompletion: z.coerce.number().min(0).max(1).optional(),
  maxCompletion: z.coerce.number().min(0).max(1).optional(),
  search: z.string().max(200).optional(),
  orderBy: z
    .enum(['entityRef', 'slug', 'title', 'status', 'completion', 'updatedAt'])
    .optional(),
  order: z.enum(['asc', 'desc']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});

const refreshBodySchema = z.object({ entityRef: z.string().min(1) });

const MEDIA_TYPES: Record<string, string> = {
  '.md': 'text/markdown',
  '.markdown': 'text/markdown',
  '.yaml': 'application/yaml',
  '.yml': 'application/yaml',
  '.json': 'application/json',
};

/** Routes of the spec portfolio, spec detail, file content and refresh. */
export function createSpecsRouter(options: {
  store: SpecStore;
  indexer: SpecIndexer;
  reader: SpecSourceReader;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { store, indexer, reader, catalog, httpAuth, permissions } = options;
  const router = Router();

  // Only the specs of components the caller can see in the catalog.
  router.get('/specs', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(listQuerySchema, req.query, 'query');
    const entityRefs = await visibleEntityRefs(
      catalog,
      credentials,
      query.entityRef ? [query.entityRef] : await store.entityRefs(),
    );
    res.json(await store.listSpecs(query, { entityRefs }));
  });

  router.get('/specs/:kind/:namespace/:name/:slug', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = entityRefFromParams(req.params);
    const visible = await visibleEntityRefs(catalog, credentials, [entityRef]);
    const spec = visible.has(entityRef)
      ? await store.getSpec(entityRef, req.params.slug)
      : undefined;
    if (!spec) {
      throw new NotFoundError(`${entityRef} has no spec '${req.params.slug}'`);
    }
    res.json(spec);
  });

  router.get(
    '/specs/:kind/:namespace/:name/:slug/files/*',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const entityRef = entityRefFromParams(req.params);
      const filePath = (req.params as unknown as Record<string, string>)[0];
      const spec = await store.getSpec(entityRef, req.params.slug);
      const file = spec?.files.find(f => f.path === filePath);
      if (!spec || !file) {
        throw new NotFoundError(
          `${entityRef} has no file '${filePath}' in spec '${req.params.slug}'`,
        );
      }
      if (file.skipped) {
        // The parser did not read it (too large, a link out of the tree,
        // unreadable or not UTF-8): neither does this route.
        throw new NotAllowedError(
          `${filePath} of spec '${req.params.slug}' was skipped when indexed (${file.skipped})`,
        );
      }
      const entity = await catalog.getEntityByRef(entityRef, { credentials });
      if (!entity) {
        throw new NotFoundError(`${entityRef} is not in the catalog`);
      }
      const content = await reader.readFile(
        entity,
        posix.join(spec.path, file.path),
        { within: spec.path },
      );
      const body: SpecFileContent = {
        path: file.path,
        kind: file.kind,
        content: content.toString('utf8'),
        mediaType:
          MEDIA_TYPES[posix.extname(file.path).toLocaleLowerCase('en-US')] ??
          'text/plain',
      };
      res.json(body);
    },
  );

  router.post('/specs/refresh', express.json(), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = normalizeRef(
      parseInput(refreshBodySchema, req.body, 'body').entityRef,
    );
    await requirePermission({
      permissions,
      credentials,
      permission: specRefreshPermission,
      resourceRef: entityRef,
      action: `refresh the specs of ${entityRef}`,
    });
    const result = await indexer.syncEntityRef(entityRef);
    if (!result) {
      throw new NotFoundError(`${entityRef} is not in the catalog`);
    }
    res.json(result);
  });

  return router;
}

function normalizeRef(ref: string): string {
  try {
    return stringifyEntityRef(parseEntityRef(ref));
  } catch (error) {
    throw new InputError(
      `Invalid entityRef '${ref}': ${(error as Error).message}`,
    );
  }
}
