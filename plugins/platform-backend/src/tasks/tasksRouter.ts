import {
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
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
import { TaskQueue } from './TaskQueue';
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

// What another Catalyst plugin may queue: bounded, since it ends up in a row and a worker.
const enqueueSchema = z.object({
  entityRef: z.string().min(1).max(255),
  taskType: z.string().min(1).max(100),
  title: z.string().min(1).max(500),
  description: z.string().max(10_000).optional(),
  subject: z.string().min(1).max(500),
  priority: z.number().int().min(-100).max(100).optional(),
  payload: z
    .record(z.unknown())
    .refine(
      value => JSON.stringify(value).length <= 64_000,
      'payload is larger than 64 kB',
    )
    .optional(),
  once: z.boolean().optional(),
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
 * the task's component; and queue a task (service principals only, with
 * `catalyst.task.manage` on the component).
 */
export function createTasksRouter(options: {
  store: TaskStore;
  queue: TaskQueue;
  taskTypes: string[];
  breakers: TaskBreakerStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
}): express.Router {
  const { store, queue, taskTypes, breakers, catalog, httpAuth, permissions } =
    options;
  const router = Router();

  // Other backend plugins (observability's alert intake) queue tasks here with
  // their service credentials; people go through scanners and the UI instead.
  router.post('/tasks', express.json({ limit: '100kb' }), async (req, res) => {
    const credentials = await httpAuth.credentials(req, {
      allow: ['service'],
    });
    const input = parseInput(enqueueSchema, req.body, 'task');
    if (!taskTypes.includes(input.taskType)) {
      throw new InputError(
        `No executor is installed for task type ${input.taskType}`,
      );
    }
    await requireEntityPermission({
      permissions,
      credentials,
      permission: taskManagePermission,
      entityRef: input.entityRef,
      action: `queue a ${input.taskType} task for ${input.entityRef}`,
    });
    const { task, created } = await queue.enqueue(input);
    res.status(created ? 201 : 200).json({ task, created });
  });

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
