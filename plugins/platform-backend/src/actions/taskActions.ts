import { AuthService, PermissionsService } from '@backstage/backend-plugin-api';
import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { visibleEntityRefs } from '../catalog/entityAccess';
import { requirePermission } from '@catalyst/backend-common';
import {
  PLATFORM_TASK_STATUSES,
  PlatformTaskStatus,
  taskManagePermission,
} from '@catalyst/plugin-platform-common';
import type { ActionZod } from './actionZod';
import { requireCatalogEntity } from '../catalog/requireCatalogEntity';
import { TaskQueue } from '../tasks/TaskQueue';
import { TaskStore } from '../tasks/TaskStore';
import { normalizeEntityRef } from '@catalyst/backend-common';

const MAX_PAYLOAD_BYTES = 16 * 1024;
const REPOSITORY = /^[\w.-]+\/[\w.-]+$/;

const taskSchema = (z: ActionZod) =>
  z.object({
    id: z.number(),
    entityRef: z.string(),
    taskType: z.string(),
    title: z.string(),
    description: z.string().optional(),
    status: z.string(),
    priority: z.number(),
    repository: z.string().optional(),
    subject: z.string().optional(),
    retryCount: z.number(),
    maxRetries: z.number(),
    approvalPolicy: z.string(),
    linkedPrNumber: z.number().optional(),
    lastError: z.string().optional(),
    errorClass: z.string().optional(),
    nextRunAt: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
    completedAt: z.string().optional(),
  });

/**
 * The platform task queue actions: list it (as `GET /tasks`), and enqueue a
 * task of a registered type behind `catalyst.task.manage`, the permission of
 * every mutating task route.
 */
export function registerTaskActions(
  registry: ActionsRegistryService,
  deps: {
    store: TaskStore;
    queue: TaskQueue;
    taskTypes: string[];
    permissions: PermissionsService;
    catalog: CatalogService;
    auth: AuthService;
  },
) {
  const { store, queue, taskTypes, permissions } = deps;

  registry.register({
    name: 'list-platform-tasks',
    title: 'List platform tasks',
    description: `Lists Catalyst's platform task queue (maintenance work such as convention fixes, dependency updates, lint fixes, AGENTS.md refreshes), newest first, with each task's status, attempts, last error and linked pull request. Filter by status, task type, component or GitHub repository.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          status: z
            .array(z.enum(PLATFORM_TASK_STATUSES as [PlatformTaskStatus]))
            .optional(),
          taskType: z.string().min(1).max(100).optional(),
          entityRef: z.string().min(1).max(255).optional(),
          repository: z
            .string()
            .regex(REPOSITORY, 'an owner/name repository')
            .optional(),
          offset: z.number().int().min(0).optional(),
          limit: z.number().int().min(1).max(500).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(taskSchema(z)),
          totalCount: z.number(),
          offset: z.number(),
          limit: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = input.entityRef && normalizeEntityRef(input.entityRef);
      // The components the caller can see, as GET /tasks does.
      const entityRefs = await visibleEntityRefs(
        deps.catalog,
        credentials,
        entityRef ? [entityRef] : await store.entityRefs(),
      );
      return {
        output: await store.list(
          {
            ...input,
            entityRef,
            offset: input.offset ?? 0,
            limit: input.limit ?? 50,
          },
          { entityRefs },
        ),
      };
    },
  });

  registry.register({
    name: 'enqueue-platform-task',
    title: 'Enqueue platform task',
    description: `Adds a task to Catalyst's platform task queue for a component; a worker runs it with the executor of its type and usually opens a pull request. Returns the open task with the same component, type and subject instead of a second one. Needs the catalyst.task.manage permission. Task types: ${
      taskTypes.join(', ') || 'none registered'
    }.`,
    attributes: { readOnly: false, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(255),
          taskType: z.string().min(1).max(100),
          title: z.string().min(1).max(500),
          description: z.string().max(10_000).optional(),
          subject: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe('What in the repository the task is about'),
          repository: z
            .string()
            .regex(REPOSITORY, 'an owner/name repository')
            .optional()
            .describe(
              'owner/name; default the github.com/project-slug of the component',
            ),
          priority: z.number().int().min(0).max(100).optional(),
          payload: z.record(z.unknown()).optional(),
        }),
      output: z =>
        z.object({
          task: taskSchema(z),
          created: z.boolean().describe('false: an open task already existed'),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = normalizeEntityRef(input.entityRef);
      await requirePermission({
        permissions,
        credentials,
        permission: taskManagePermission,
        resourceRef: entityRef,
        action: `enqueue a ${input.taskType} task for ${entityRef}`,
      });
      if (!taskTypes.includes(input.taskType)) {
        throw new InputError(
          `Unknown task type '${input.taskType}'; one of: ${taskTypes.join(
            ', ',
          )}`,
        );
      }
      if (
        input.payload &&
        Buffer.byteLength(JSON.stringify(input.payload)) > MAX_PAYLOAD_BYTES
      ) {
        throw new InputError(
          `payload is over ${MAX_PAYLOAD_BYTES} bytes of JSON`,
        );
      }
      const entity = await requireCatalogEntity(deps, entityRef, credentials);
      const repository =
        input.repository ??
        entity.metadata.annotations?.['github.com/project-slug'];
      return {
        output: await queue.enqueue({
          ...input,
          entityRef,
          repository:
            repository && REPOSITORY.test(repository) ? repository : undefined,
        }),
      };
    },
  });
}
