import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { parseInput } from '@catalyst/backend-common';
import {
  PLATFORM_TASK_STATUSES,
  PlatformTaskDetails,
  PlatformTaskStatus,
  taskManagePermission,
} from '@catalyst/plugin-platform-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { TaskBreakerStore } from './TaskBreakerStore';
import { TaskStore } from './TaskStore';
import {
  requireEntityPermission,
  visibleEntityRefs,
} from '../catalog/entityAccess';

const idSchema = z.object({ id: z.coerce.number().int().positive() });

const listSchema = z.object({
  status: z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform(value =>
      value === undefined
        ? undefined
        : (Array.isArray(value) ? value : value.split(',')).map(s => s.trim()),
    )
    .pipe(
      z
        .array(z.enum(PLATFORM_TASK_STATUSES as [PlatformTaskStatus]))
        .optional(),
    ),
  type: z.string().min(1).max(100).optional(),
  entityRef: z.string().min(1).max(255).optional(),
  repository: z
    .string()
    .regex(/^[\w.-]+\/[\w.-]+$/, 'not an owner/name repository')
    .optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

/**
 * The task `id` if the caller can see its component in the catalog;
 * otherwise, as when there is no such task, a NotFoundError.
 */
export async function requireVisibleTask(
  options: { store: TaskStore; catalog: CatalogService },
  credentials: BackstageCredentials,
  id: number,
) {
  const task = await options.store.get(id);
  if (
    !task ||
    !(
      await visibleEntityRefs(options.catalog, credentials, [task.entityRef])
    ).has(task.entityRef)
  ) {
    throw new NotFoundError(`No task with id ${id}`);
  }
  return task;
}

/**
 * Routes of the platform task queue: list and inspect the tasks of
 * components the caller can see in the catalog, their attempts and the
 * circuit breakers; retry, cancel and approve with `catalyst.task.manage` on
 * the task's component.
 */
export function createTasksRouter(options: {
  store: TaskStore;
  breakers: TaskBreakerStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { store, breakers, catalog, httpAuth, permissions } = options;
  const router = Router();

  router.get('/tasks', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const query = parseInput(listSchema, req.query, 'task query');
    const entityRefs = await visibleEntityRefs(
      catalog,
      credentials,
      query.entityRef ? [query.entityRef] : await store.entityRefs(),
    );
    res.json(
      await store.list(
        {
          status: query.status,
          taskType: query.type,
          entityRef: query.entityRef,
          repository: query.repository,
          offset: query.offset,
          limit: query.limit,
        },
        { entityRefs },
      ),
    );
  });

  router.get('/tasks/breakers', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({ items: await breakers.list() });
  });

  router.get('/tasks/:id', async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['user', 'service'],
    });
    const { id } = parseInput(idSchema, req.params, 'task id');
    const task = await requireVisibleTask(options, credentials, id);
    const details: PlatformTaskDetails = {
      ...task,
      attempts: await store.attempts(id),
      breakers: await breakers.get(TaskStore.breakerKeys(task)),
    };
    res.json(details);
  });

  const actions = {
    retry: (id: number) => store.retry(id, new Date()),
    cancel: (id: number) => store.cancel(id, new Date()),
    approve: (id: number) => store.approve(id, new Date()),
  };
  for (const [action, run] of Object.entries(actions)) {
    router.post(`/tasks/:id/${action}`, async (req, res) => {
      const credentials = await httpAuth.credentials(req, {
        allow: ['user', 'service'],
      });
      const { id } = parseInput(idSchema, req.params, 'task id');
      const task = await requireVisibleTask(options, credentials, id);
      await requireEntityPermission({
        permissions,
        credentials,
        permission: taskManagePermission,
        entityRef: task.entityRef,
        action: `${action} task ${id}`,
      });
      res.json(await run(id));
    });
  }

  return router;
}
