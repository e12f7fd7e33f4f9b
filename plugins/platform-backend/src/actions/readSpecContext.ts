import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  SpecDetail,
  SpecTaskView,
} from '@catalyst/plugin-platform-common';
import { SpecSourceReader } from '@catalyst/plugin-platform-node';
import { posix } from 'node:path';
import { SpecStore } from '../specs/SpecStore';
import { planSummary } from './planSummary';

const TASK_ID = /\bT\d{3,}[a-z]?\b/g;

/** What an agent needs to work on a spec, or on one task of it. */
export interface SpecContext {
  spec: SpecDetail;
  planSummary?: string;
  task?: SpecTaskView & {
    /** Other task ids the task's text names (`after T004`, `needs T010`). */
    dependsOn: string[];
    /** The user stories the task belongs to, with their titles. */
    userStories: SpecDetail['userStories'];
    /** Merged pull requests that named the task. */
    pullRequests: SpecDetail['pullRequests'];
  };
}

/**
 * Reads a spec of a component and, when a task id is given, that task in it,
 * as the caller: the component must be visible to them in the catalog (as
 * for the spec file route). Without a slug, the task id or the component's
 * only active spec picks the folder.
 */
export async function readSpecContext(
  deps: {
    store: SpecStore;
    reader: Pick<SpecSourceReader, 'readFile'>;
    catalog: CatalogService;
  },
  credentials: BackstageCredentials,
  input: { entityRef: string; slug?: string; taskId?: string },
): Promise<SpecContext> {
  const { store, reader, catalog } = deps;
  const { entityRef } = input;
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`${entityRef} is not in the catalog`);
  }
  const taskId = input.taskId?.toLocaleUpperCase('en-US');
  const spec = input.slug
    ? await store.getSpec(entityRef, input.slug)
    : await findSpec(store, entityRef, taskId);
  if (!spec) {
    throw new NotFoundError(`${entityRef} has no spec '${input.slug}'`);
  }

  const planFile = spec.files.find(f => f.kind === 'plan' && !f.skipped);
  const plan = planFile
    ? planSummary(
        (
          await reader.readFile(entity, posix.join(spec.path, planFile.path))
        ).toString('utf8'),
      )
    : undefined;

  if (!taskId) return { spec, planSummary: plan };
  const task = spec.tasks.find(
    t => t.id?.toLocaleUpperCase('en-US') === taskId,
  );
  if (!task) {
    throw new NotFoundError(
      `Spec ${spec.slug} of ${entityRef} has no task ${taskId}`,
    );
  }
  const text = [task.description, ...task.details].join('\n');
  const dependsOn = [...new Set(text.match(TASK_ID) ?? [])].filter(
    id => id !== task.id,
  );
  const storyIds = new Set(task.stories.map(normalizeStory));
  return {
    spec,
    planSummary: plan,
    task: {
      ...task,
      dependsOn,
      userStories: spec.userStories.filter(s =>
        storyIds.has(normalizeStory(s.id)),
      ),
      pullRequests: spec.pullRequests.filter(pr =>
        pr.taskIds.includes(task.id!),
      ),
    },
  };
}

// `US-1`, `us1` and `US1` name the same story.
function normalizeStory(id: string): string {
  return id.toLocaleUpperCase('en-US').replace(/[^A-Z0-9.]/g, '');
}

async function findSpec(
  store: SpecStore,
  entityRef: string,
  taskId: string | undefined,
): Promise<SpecDetail> {
  const { items } = await store.listSpecs({ entityRef, limit: 1000 });
  const current = items.filter(s => !s.archived);
  if (!taskId) {
    const active = current.filter(s => s.active);
    const only = active.length === 1 ? active : current;
    if (only.length === 1) {
      return (await store.getSpec(entityRef, only[0].slug))!;
    }
    if (!only.length) throw new NotFoundError(`${entityRef} has no specs`);
    throw new InputError(
      `${entityRef} has ${only.length} specs; pass slug, one of: ${only
        .map(s => s.slug)
        .join(', ')}`,
    );
  }
  // Active folders first: a task id like T001 exists in most specs.
  const ordered = [...current].sort(
    (a, b) => Number(b.active) - Number(a.active),
  );
  const matches: SpecDetail[] = [];
  for (const summary of ordered) {
    const detail = await store.getSpec(entityRef, summary.slug);
    if (detail?.tasks.some(t => t.id?.toLocaleUpperCase('en-US') === taskId)) {
      matches.push(detail);
    }
  }
  const activeMatches = matches.filter(m => m.active);
  const chosen = activeMatches.length ? activeMatches : matches;
  if (chosen.length === 1) return chosen[0];
  if (!chosen.length) {
    throw new NotFoundError(`No spec of ${entityRef} has a task ${taskId}`);
  }
  throw new InputError(
    `${taskId} is in several specs of ${entityRef}; pass slug, one of: ${chosen
      .map(s => s.slug)
      .join(', ')}`,
  );
}
