import { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { visibleEntityRefs } from '../catalog/entityAccess';
import { SpecSourceReader } from '@catalyst/plugin-platform-node';
import { SpecStore } from '../specs/SpecStore';
import { normalizeEntityRef } from '@catalyst/backend-common';
import { readSpecContext } from './readSpecContext';
import type { ActionZod } from './actionZod';

const specSummarySchema = (z: ActionZod) =>
  z.object({
    entityRef: z.string().describe('The component the spec belongs to'),
    specEntityRef: z.string().describe('The Spec entity of the folder'),
    slug: z.string().describe('Folder name, e.g. 002-spec-driven-development'),
    path: z.string().describe('Folder path in the repository'),
    title: z.string(),
    status: z.string().describe('As written in the spec, lower-cased'),
    active: z.boolean().describe('Listed as active work in the root AGENTS.md'),
    archived: z.boolean(),
    owner: z.string().optional(),
    completion: z.number().describe('Done tasks / all tasks, 0..1'),
    counts: z.object({
      total: z.number(),
      done: z.number(),
      open: z.number(),
      other: z.number(),
    }),
    documents: z.array(z.string()).describe('spec, plan, tasks...'),
  });

const specTaskSchema = (z: ActionZod) =>
  z.object({
    id: z.string().optional().describe('T001 style id'),
    description: z.string(),
    state: z
      .string()
      .describe('open, done, in-progress, cancelled, blocked or other'),
    done: z.boolean().describe('Done in tasks.md or by a merged pull request'),
    parallel: z.boolean().describe('[P]: can run in parallel with others'),
    phase: z.string().optional().describe('The Phase heading it sits under'),
    stories: z.array(z.string()).describe('User story refs (US1)'),
    details: z.array(z.string()),
    line: z.number().describe('1-based line in tasks.md'),
    linkedPrNumber: z.number().optional(),
    linkedPrUrl: z.string().optional(),
  });

const requirementSchema = (z: ActionZod) =>
  z.object({
    id: z.string(),
    text: z.string(),
    line: z.number(),
  });

const pullRequestSchema = (z: ActionZod) =>
  z.object({
    repository: z.string(),
    number: z.number(),
    title: z.string(),
    url: z.string().optional(),
    mergedAt: z.string().optional(),
    taskIds: z.array(z.string()),
  });

const userStorySchema = (z: ActionZod) =>
  z.object({
    id: z.string(),
    title: z.string(),
    priority: z.string().optional(),
    line: z.number(),
  });

const TASK_STATES = [
  'open',
  'done',
  'in-progress',
  'cancelled',
  'blocked',
  'other',
] as const;

const MAX_SPECS_SCANNED = 1000;

/**
 * The spec actions: one spec's context (optionally of one task), the
 * portfolio, and open tasks across specs. Read as the caller, through the
 * store and reader the spec routes use.
 */
export function registerSpecActions(
  registry: ActionsRegistryService,
  deps: {
    store: SpecStore;
    reader: Pick<SpecSourceReader, 'readFile'>;
    catalog: CatalogService;
  },
) {
  const { store } = deps;

  registry.register({
    name: 'get-spec-context',
    title: 'Get spec context',
    description: `Returns what a Spec Kit spec of a component says, to work on it or on one of its tasks: user stories, functional requirements, success criteria, the plan summary, open [NEEDS CLARIFICATION] questions, linked pull requests, and, when taskId is given, that task with its phase, user stories, the task ids it depends on and the pull requests that completed it.
Pass the component's entity ref and either the spec slug (folder name, e.g. 002-spec-driven-development) or a task id (T012): without a slug, the task id finds the spec; with neither, the component's only active spec is used. Use list-specs to find slugs.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(255)
            .describe(
              'Component entity ref, e.g. component:default/payments-api (kind and namespace default to component and default)',
            ),
          slug: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe('Spec folder name, e.g. 001-user-auth'),
          taskId: z
            .string()
            .regex(/^T\d{3,}[a-z]?$/i, 'a task id like T012')
            .optional()
            .describe('Task id from tasks.md, e.g. T012'),
        }),
      output: z =>
        z.object({
          spec: specSummarySchema(z).extend({
            branch: z.string().optional(),
            userStories: z.array(userStorySchema(z)),
            requirements: z.array(requirementSchema(z)),
            successCriteria: z.array(requirementSchema(z)),
            clarifications: z
              .array(
                z.object({
                  text: z.string(),
                  file: z.string(),
                  line: z.number(),
                }),
              )
              .describe('Open [NEEDS CLARIFICATION] questions'),
            pullRequests: z.array(pullRequestSchema(z)),
            openTasks: z
              .array(z.string())
              .describe('Ids of the tasks not done yet, in order'),
          }),
          planSummary: z
            .string()
            .optional()
            .describe('The Summary section of plan.md'),
          task: specTaskSchema(z)
            .extend({
              dependsOn: z.array(z.string()),
              userStories: z.array(userStorySchema(z)),
              pullRequests: z.array(pullRequestSchema(z)),
            })
            .optional(),
        }),
    },
    action: async ({ input, credentials }) => {
      const context = await readSpecContext(deps, credentials, {
        ...input,
        entityRef: normalizeEntityRef(input.entityRef),
      });
      return {
        output: {
          ...context,
          spec: {
            ...context.spec,
            openTasks: context.spec.tasks
              .filter(t => !t.done && t.id)
              .map(t => t.id!),
          },
        },
      };
    },
  });

  registry.register({
    name: 'list-specs',
    title: 'List specs',
    description: `Lists Spec Kit specs of the portfolio with their status, completion and task counts, filtered by component, owner, status or text, most recently changed first unless orderBy says otherwise. Use it to find the slug for get-spec-context.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe('Only the specs of this component'),
          owner: z
            .string()
            .min(1)
            .max(255)
            .optional()
            .describe('Owner entity ref, e.g. group:default/payments-team'),
          status: z
            .string()
            .min(1)
            .max(50)
            .optional()
            .describe('Spec status as written, e.g. draft'),
          search: z
            .string()
            .max(200)
            .optional()
            .describe('Text in the slug or title'),
          orderBy: z
            .enum([
              'entityRef',
              'slug',
              'title',
              'status',
              'completion',
              'updatedAt',
            ])
            .optional(),
          limit: z.number().int().min(1).max(500).optional(),
          offset: z.number().int().min(0).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(specSummarySchema(z)),
          totalCount: z.number(),
        }),
    },
    action: async ({ input, credentials }) => {
      const entityRef = input.entityRef && normalizeEntityRef(input.entityRef);
      // The components the caller can see, as GET /specs does.
      const entityRefs = await visibleEntityRefs(
        deps.catalog,
        credentials,
        entityRef ? [entityRef] : await store.entityRefs(),
      );
      const page = await store.listSpecs(
        {
          ...input,
          entityRef,
          orderBy: input.orderBy ?? 'updatedAt',
          order: input.orderBy ? 'asc' : 'desc',
          limit: input.limit ?? 100,
        },
        { entityRefs },
      );
      return { output: page };
    },
  });

  registry.register({
    name: 'list-spec-tasks',
    title: 'List spec tasks',
    description: `Lists tasks of Spec Kit specs (tasks.md), by default the ones not done yet, with their spec, phase, user stories and linked pull requests. Filter by component, owner, spec slug, task state and phase. Use get-spec-context with the task id for everything about one task.`,
    attributes: { readOnly: true, idempotent: true, destructive: false },
    schema: {
      input: z =>
        z.object({
          entityRef: z.string().min(1).max(255).optional(),
          owner: z.string().min(1).max(255).optional(),
          slug: z.string().min(1).max(255).optional(),
          states: z
            .array(z.enum(TASK_STATES))
            .optional()
            .describe(
              'Task states to return; default every task that is not done',
            ),
          phase: z
            .string()
            .max(200)
            .optional()
            .describe('Text in the phase heading, e.g. "Phase 2"'),
          limit: z.number().int().min(1).max(500).optional(),
        }),
      output: z =>
        z.object({
          items: z.array(
            specTaskSchema(z).extend({
              entityRef: z.string(),
              slug: z.string(),
              specTitle: z.string(),
            }),
          ),
          truncated: z
            .boolean()
            .describe('More tasks matched than limit; narrow the filters'),
        }),
    },
    action: async ({ input, credentials }) => {
      const limit = input.limit ?? 100;
      const entityRef = input.entityRef && normalizeEntityRef(input.entityRef);
      const entityRefs = await visibleEntityRefs(
        deps.catalog,
        credentials,
        entityRef ? [entityRef] : await store.entityRefs(),
      );
      const { items: specs } = await store.listSpecs(
        { entityRef, owner: input.owner, limit: MAX_SPECS_SCANNED },
        { entityRefs },
      );
      const states = input.states && new Set<string>(input.states);
      const phase = input.phase?.toLocaleLowerCase('en-US');
      const items = [];
      for (const summary of specs) {
        if (input.slug ? summary.slug !== input.slug : summary.archived) {
          continue;
        }
        const spec = await store.getSpec(summary.entityRef, summary.slug);
        for (const task of spec?.tasks ?? []) {
          if (states ? !states.has(task.state) : task.done) continue;
          if (
            phase &&
            !task.phase?.toLocaleLowerCase('en-US').includes(phase)
          ) {
            continue;
          }
          if (items.length === limit) {
            return { output: { items, truncated: true } };
          }
          items.push({
            ...task,
            entityRef: summary.entityRef,
            slug: summary.slug,
            specTitle: summary.title,
          });
        }
      }
      return { output: { items, truncated: false } };
    },
  });
}
