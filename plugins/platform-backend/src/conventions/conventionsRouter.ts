import {
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseInput } from '@catalyst/backend-common';
import {
  conventionRulesManagePermission,
  conventionsFixPermission,
} from '@catalyst/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { ConventionStatusStore } from './ConventionStatusStore';
import { ConventionStore } from './ConventionStore';
import { ComponentConventionRules } from './ComponentConventionRules';
import { ConventionsService } from './ConventionsService';
import {
  canSeeRepository,
  requireEntityPermission,
  requirePermissionOnAllEntities,
  visibleEntityRefs,
} from '../catalog/entityAccess';

const refParamsSchema = z.object({
  kind: z.string().regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'not an entity kind'),
  namespace: z.string().regex(/^[A-Za-z0-9._-]+$/, 'not a namespace'),
  name: z.string().regex(/^[A-Za-z0-9._-]+$/, 'not an entity name'),
});

const pullRequestParamsSchema = z.object({
  owner: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'not a GitHub owner'),
  repo: z.string().regex(/^[A-Za-z0-9_.-]+$/, 'not a GitHub repository'),
  number: z.coerce.number().int().positive(),
});

const overviewQuerySchema = z.object({
  drifted: z
    .enum(['true', 'false'])
    .optional()
    .transform(value => (value === undefined ? undefined : value === 'true')),
  packId: z.string().min(1).max(100).optional(),
  q: z.string().max(255).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const ruleNameSchema = z.object({
  ruleName: z
    .string()
    .max(100)
    .regex(/^[A-Za-z0-9._-]+$/, 'not a rule name'),
});
const componentRuleSchema = z
  .object({
    enabled: z.boolean({
      required_error: 'enabled (true or false) is required',
    }),
    config: z.record(z.unknown()).optional(),
  })
  .strict();

const ruleIdSchema = z.object({ id: z.coerce.number().int().positive() });
const ruleUpdateSchema = z.object({
  enabled: z.boolean({ required_error: 'enabled (true or false) is required' }),
});

/**
 * Routes of conventions: the compliance overview across components, the
 * platform's rule set and a component's own rule rows, a component's drift
 * report
 * with its open convention pull request, the fix that opens or updates it,
 * and the recorded convention checks of a pull request.
 */
export function createConventionsRouter(options: {
  service: ConventionsService;
  store: ConventionStore;
  status: ConventionStatusStore;
  componentRules: ComponentConventionRules;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const {
    service,
    store,
    status,
    componentRules,
    catalog,
    httpAuth,
    permissions,
  } = options;
  const router = Router();
  router.use(express.json());
  const base = '/conventions/:kind/:namespace/:name';

  // Registered before the entity routes, which would otherwise take it.
  // Only the components the caller can see in the catalog.
  router.get('/conventions', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(overviewQuerySchema, req.query, 'overview query');
    const entityRefs = await visibleEntityRefs(
      catalog,
      credentials,
      await status.entityRefs(),
    );
    res.json(await status.overview(query, { entityRefs }));
  });

  router.get('/conventions/rules', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await store.listRules() });
  });

  router.patch('/conventions/rules/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { id } = parseInput(ruleIdSchema, req.params, 'rule id');
    const { enabled } = parseInput(ruleUpdateSchema, req.body, 'rule update');
    // The shared rule set applies to every component.
    await requirePermissionOnAllEntities({
      permissions,
      credentials,
      permission: conventionRulesManagePermission,
      action: `change convention rule ${id}`,
    });
    res.json(await store.setRuleEnabled(id, enabled, new Date()));
  });

  router.get(
    '/conventions/pull-requests/:owner/:repo/:number/checks',
    async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { owner, repo, number } = parseInput(
        pullRequestParamsSchema,
        req.params,
        'pull request',
      );
      const repository = `${owner}/${repo}`;
      // Only for callers who can see a component of the repository.
      res.json({
        items: (await canSeeRepository(catalog, credentials, repository))
          ? await store.listChecks(repository, number)
          : [],
      });
    },
  );

  router.get(base, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef(
      parseInput(refParamsSchema, req.params, 'entity'),
    );
    res.json(await service.report(entityRef, credentials));
  });

  router.get(`${base}/rules`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef(
      parseInput(refParamsSchema, req.params, 'entity'),
    );
    res.json(await componentRules.list(entityRef, credentials));
  });

  router.put(`${base}/rules/:ruleName`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef(
      parseInput(refParamsSchema, req.params, 'entity'),
    );
    const { ruleName } = parseInput(ruleNameSchema, req.params, 'rule name');
    const input = parseInput(componentRuleSchema, req.body, 'rule');
    await requireEntityPermission({
      permissions,
      credentials,
      entityRef,
      permission: conventionRulesManagePermission,
      action: `change convention rule ${ruleName} of ${entityRef}`,
    });
    res.json(
      await componentRules.save(entityRef, ruleName, input, credentials),
    );
  });

  router.delete(`${base}/rules/:ruleName`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef(
      parseInput(refParamsSchema, req.params, 'entity'),
    );
    const { ruleName } = parseInput(ruleNameSchema, req.params, 'rule name');
    await requireEntityPermission({
      permissions,
      credentials,
      entityRef,
      permission: conventionRulesManagePermission,
      action: `change convention rule ${ruleName} of ${entityRef}`,
    });
    await componentRules.remove(entityRef, ruleName, credentials);
    res.status(204).end();
  });

  router.post(`${base}/fix`, async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const entityRef = stringifyEntityRef(
      parseInput(refParamsSchema, req.params, 'entity'),
    );
    await requireEntityPermission({
      permissions,
      credentials,
      entityRef,
      permission: conventionsFixPermission,
      action: `fix the conventions of ${entityRef}`,
    });
    res.json(await service.fix(entityRef, credentials));
  });

  return router;
}
