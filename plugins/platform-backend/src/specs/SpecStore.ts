import type { SpecFolder, SpecTask, SpecTaskState } from '@catalyst/spec-kit';
import type {
  SpecDetail,
  SpecListQuery,
  SpecListResponse,
  SpecPullRequest,
  SpecSummary,
  SpecTaskView,
} from '@catalyst/plugin-platform-common';
import { Knex } from 'knex';

/** A folder to write, with what the catalog says about its component. */
export interface SpecFolderInput {
  folder: SpecFolder;
  specEntityRef: string;
  owner?: string;
  system?: string;
  active: boolean;
}

/** Just enough of a stored folder to match webhook scopes against. */
export interface StoredSpecKey {
  id: number;
  entityRef: string;
  slug: string;
  number?: number;
  path: string;
}

export interface SyncResult {
  updated: number;
  unchanged: number;
  removed: number;
}

type FolderRow = {
  id: number;
  entity_ref: string;
  spec_entity_ref: string;
  path: string;
  slug: string;
  spec_number: number | null;
  title: string;
  status: string;
  completion_percentage: number;
  tasks_total: number;
  tasks_done: number;
  tasks_open: number;
  tasks_other: number;
  archived: boolean | number;
  active: boolean | number;
  owner: string | null;
  system: string | null;
  documents: string;
  detail: string;
  content_hash: string;
  last_synced_at: string | Date | null;
  updated_at: string | Date;
};

type TaskRow = {
  task_id: string | null;
  stories: string;
  tags: string;
  description: string;
  details: string;
  is_parallelizable: boolean | number;
  state: string;
  mark: string;
  phase: string | null;
  line: number;
  source: string;
  linked_pr_number: number | null;
  completed_by: string | null;
  pr_url?: string | null;
};

// Seed status vocabulary of spec_tasks.status.
const SEED_STATUS: Record<SpecTaskState, string> = {
  open: 'pending',
  done: 'complete',
  'in-progress': 'in_progress',
  cancelled: 'cancelled',
  blocked: 'blocked',
  other: 'pending',
};

/** What syncFolders compares; the folder's detail is not read back. */
type StoredFolderKey = Pick<
  FolderRow,
  | 'id'
  | 'path'
  | 'content_hash'
  | 'spec_entity_ref'
  | 'owner'
  | 'system'
  | 'active'
>;

const STORED_KEY_COLUMNS = [
  'id',
  'path',
  'content_hash',
  'spec_entity_ref',
  'owner',
  'system',
  'active',
];

/**
 * Task rows per insert statement: 17 columns stay under SQLite's 32,766 bound
 * parameters and its 500 compound selects (knex inserts several rows as
 * `select ... union all select ...`), and PostgreSQL's 65,535 parameters.
 */
const TASK_ROWS_PER_INSERT = 400;

/** Ids per `where id in (...)`: under every bound-parameter limit. */
const IDS_PER_STATEMENT = 500;

const ORDER_COLUMNS: Record<NonNullable<SpecListQuery['orderBy']>, string> = {
  entityRef: 'entity_ref',
  slug: 'slug',
  title: 'title',
  status: 'status',
  completion: 'completion_percentage',
  updatedAt: 'updated_at',
};

/**
 * Spec folders and tasks in the platform database. Folders are written only
 * when their content hash changed; tasks completed by merged pull requests are
 * kept in their own table and applied on every write.
 */
export class SpecStore {
  constructor(private readonly db: Knex) {}

  async getSourceState(entityRef: string) {
    const row = await this.db('spec_sources')
      .where({ entity_ref: entityRef })
      .first();
    return row
      ? {
          etag: (row.etag as string | null) ?? undefined,
          activeSlugs: JSON.parse(row.active_slugs) as string[],
        }
      : undefined;
  }

  async saveSourceState(
    entityRef: string,
    state: { etag?: string; activeSlugs?: string[]; error?: string },
    now: Date,
  ): Promise<void> {
    const values: Record<string, unknown> = {
      entity_ref: entityRef,
      last_synced_at: now,
      last_error: state.error ?? null,
    };
    if (state.activeSlugs)
      values.active_slugs = JSON.stringify(state.activeSlugs);
    if (state.etag !== undefined || !state.error)
      values.etag = state.etag ?? null;
    await this.db('spec_sources')
      .insert({ active_slugs: '[]', ...values })
      .onConflict('entity_ref')
      .merge(Object.keys(values).filter(k => k !== 'entity_ref'));
  }

  /** Marks every folder of the entity as seen now, without reading anything. */
  async touch(entityRef: string, now: Date): Promise<number> {
    return this.db('spec_folders')
      .where({ entity_ref: entityRef })
      .update({ last_synced_at: now });
  }

  /**
   * Makes the stored folders of one component match `inputs`: changed folders
   * are rewritten, unchanged ones only touched, vanished ones removed. The
   * number of statements grows with the changed folders' tasks over
   * {@link TASK_ROWS_PER_INSERT}, not with the folders: unchanged folders are
   * touched, replaced tasks deleted and pull-request completions read in
   * chunks, and each folder's counts are taken from its tasks in memory.
   */
  async syncFolders(
    entityRef: string,
    inputs: SpecFolderInput[],
    now: Date,
  ): Promise<SyncResult> {
    return this.db.transaction(async tx => {
      const existing = new Map<string, StoredFolderKey>(
        (
          (await tx('spec_folders')
            .where({ entity_ref: entityRef })
            .select(STORED_KEY_COLUMNS)) as StoredFolderKey[]
        ).map(row => [row.path, row]),
      );
      const result: SyncResult = { updated: 0, unchanged: 0, removed: 0 };
      const touched: number[] = [];
      const changed: Array<{ input: SpecFolderInput; previous?: number }> = [];

      for (const input of inputs) {
        const previous = existing.get(input.folder.path);
        existing.delete(input.folder.path);
        if (previous && isUnchanged(previous, input)) {
          touched.push(previous.id);
        } else {
          changed.push({ input, previous: previous?.id });
        }
      }
      for (const ids of chunks(touched, IDS_PER_STATEMENT)) {
        await tx('spec_folders')
          .whereIn('id', ids)
          .update({ last_synced_at: now });
      }
      result.unchanged = touched.length;

      const rewritten = changed.flatMap(c =>
        c.previous === undefined ? [] : [c.previous],
      );
      const completions = await readCompletions(tx, rewritten);
      for (const ids of chunks(rewritten, IDS_PER_STATEMENT)) {
        await tx('spec_tasks').whereIn('spec_folder_id', ids).delete();
      }

      let pending: TaskInsertRow[] = [];
      for (const { input, previous } of changed) {
        const done = completions.get(previous ?? -1) ?? new Map();
        const tasks = input.folder.tasks.map((task, position) =>
          taskRow(
            task,
            position,
            task.id === undefined ? undefined : done.get(task.id),
          ),
        );
        const row = {
          ...folderColumns(input.folder),
          ...countColumns(tasks),
          ...folderMeta(input),
          last_synced_at: now,
          updated_at: now,
        };
        let id: number;
        if (previous !== undefined) {
          id = previous;
          await tx('spec_folders').where({ id }).update(row);
        } else {
          const [inserted] = await tx('spec_folders')
            .insert({ entity_ref: entityRef, ...row, created_at: now })
            .returning('id');
          id = typeof inserted === 'object' ? inserted.id : inserted;
        }
        for (const task of tasks) pending.push({ spec_folder_id: id, ...task });
        if (pending.length >= TASK_ROWS_PER_INSERT) {
          pending = await insertTasks(tx, pending);
        }
        result.updated += 1;
      }
      await insertTasks(tx, pending, true);

      const removed = [...existing.values()].map(row => row.id);
      // Children first: foreign keys are not enforced on every SQLite connection.
      for (const ids of chunks(removed, IDS_PER_STATEMENT)) {
        await tx('spec_task_completions')
          .whereIn('spec_folder_id', ids)
          .delete();
        await tx('spec_pull_requests').whereIn('spec_folder_id', ids).delete();
        await tx('spec_tasks').whereIn('spec_folder_id', ids).delete();
        await tx('spec_folders').whereIn('id', ids).delete();
      }
      result.removed = removed.length;
      return result;
    });
  }

  /**
   * A page of spec folders; with `visible`, only folders of those entity
   * refs (what the caller can see in the catalog).
   */
  async listSpecs(
    query: SpecListQuery,
    visible?: { entityRefs: Iterable<string> },
  ): Promise<SpecListResponse> {
    const base = this.db<FolderRow>('spec_folders').where(builder => {
      if (visible) builder.whereIn('entity_ref', [...visible.entityRefs]);
      if (query.entityRef) builder.where('entity_ref', query.entityRef);
      if (query.owner) builder.where('owner', query.owner);
      if (query.status)
        builder.where('status', query.status.toLocaleLowerCase('en-US'));
      if (query.minCompletion !== undefined)
        builder.where(
          'completion_percentage',
          '>=',
          Math.round(query.minCompletion * 100),
        );
      if (query.maxCompletion !== undefined)
        builder.where(
          'completion_percentage',
          '<=',
          Math.round(query.maxCompletion * 100),
        );
      if (query.search) {
        const term = `%${query.search.toLocaleLowerCase('en-US')}%`;
        builder.where(inner =>
          inner
            .whereRaw('lower(slug) like ?', [term])
            .orWhereRaw('lower(title) like ?', [term]),
        );
      }
    });
    const [{ count }] = await base.clone().count({ count: '*' });
    const rows = (await base
      .clone()
      .orderBy(
        ORDER_COLUMNS[query.orderBy ?? 'entityRef'],
        query.order ?? 'asc',
      )
      .orderBy('entity_ref', 'asc')
      .orderBy('path', 'asc')
      .limit(query.limit ?? 500)
      .offset(query.offset ?? 0)) as FolderRow[];
    return { items: rows.map(toSummary), totalCount: Number(count) };
  }

  /** The entity refs that have spec folders. */
  async entityRefs(): Promise<string[]> {
    const rows = await this.db('spec_folders').distinct('entity_ref');
    return rows.map(row => row.entity_ref as string);
  }

  async getSpec(
    entityRef: string,
    slug: string,
  ): Promise<SpecDetail | undefined> {
    const row = await this.findFolder(entityRef, slug);
    if (!row) return undefined;
    const tasks = (await this.db('spec_tasks')
      .leftJoin('spec_task_completions', join =>
        join
          .on(
            'spec_task_completions.spec_folder_id',
            'spec_tasks.spec_folder_id',
          )
          .andOn('spec_task_completions.task_id', 'spec_tasks.task_id'),
      )
      .where('spec_tasks.spec_folder_id', row.id)
      .orderBy('spec_tasks.position')
      .select(
        'spec_tasks.*',
        'spec_task_completions.pr_url as pr_url',
      )) as TaskRow[];
    const pullRequests = await this.db('spec_pull_requests')
      .where({ spec_folder_id: row.id })
      .orderBy('number', 'desc');
    const detail = JSON.parse(row.detail);
    return {
      ...toSummary(row),
      ...detail,
      tasks: tasks.map(toTaskView),
      pullRequests: pullRequests.map(
        (pr): SpecPullRequest => ({
          repository: pr.repository,
          number: pr.number,
          title: pr.title,
          url: pr.url ?? undefined,
          mergedAt: pr.merged_at
            ? new Date(pr.merged_at).toISOString()
            : undefined,
          taskIds: JSON.parse(pr.task_ids),
        }),
      ),
    };
  }

  async findFolder(
    entityRef: string,
    slug: string,
  ): Promise<FolderRow | undefined> {
    return this.db<FolderRow>('spec_folders')
      .where({ entity_ref: entityRef, slug })
      .orderBy('archived', 'asc')
      .first();
  }

  async listKeys(entityRefs: string[]): Promise<StoredSpecKey[]> {
    if (!entityRefs.length) return [];
    const rows = (await this.db('spec_folders')
      .whereIn('entity_ref', entityRefs)
      .select(
        'id',
        'entity_ref',
        'slug',
        'spec_number',
        'path',
      )) as FolderRow[];
    return rows.map(row => ({
      id: row.id,
      entityRef: row.entity_ref,
      slug: row.slug,
      number: row.spec_number ?? undefined,
      path: row.path,
    }));
  }

  /**
   * Links a merged pull request to a spec and marks the named tasks done.
   * Returns the ids of tasks that exist in the spec and were marked.
   */
  async linkPullRequest(
    folderId: number,
    pr: {
      repository: string;
      number: number;
      title: string;
      url?: string;
      mergedAt?: Date;
    },
    taskIds: string[],
  ): Promise<string[]> {
    return this.db.transaction(async tx => {
      const known = new Set(
        (
          await tx('spec_tasks')
            .where({ spec_folder_id: folderId })
            .whereIn('task_id', taskIds.length ? taskIds : [''])
            .select('task_id')
        ).map(r => r.task_id as string),
      );
      const marked = taskIds.filter(id => known.has(id));
      await tx('spec_pull_requests')
        .insert({
          spec_folder_id: folderId,
          repository: pr.repository,
          number: pr.number,
          title: pr.title.slice(0, 1024),
          url: pr.url ?? null,
          merged_at: pr.mergedAt ?? null,
          task_ids: JSON.stringify(marked),
        })
        .onConflict(['spec_folder_id', 'repository', 'number'])
        .merge(['title', 'url', 'merged_at', 'task_ids']);
      for (const taskId of marked) {
        await tx('spec_task_completions')
          .insert({
            spec_folder_id: folderId,
            task_id: taskId,
            pr_number: pr.number,
            pr_url: pr.url ?? null,
            completed_at: pr.mergedAt ?? new Date(),
          })
          .onConflict(['spec_folder_id', 'task_id'])
          .ignore();
      }
      await this.applyCompletions(tx, folderId);
      return marked;
    });
  }

  /** Applies pull-request completions to tasks and recounts the folder. */
  private async applyCompletions(tx: Knex.Transaction, folderId: number) {
    const completions = await tx('spec_task_completions').where({
      spec_folder_id: folderId,
    });
    for (const completion of completions) {
      await tx('spec_tasks')
        .where({ spec_folder_id: folderId, task_id: completion.task_id })
        .update({ linked_pr_number: completion.pr_number });
      await tx('spec_tasks')
        .where({ spec_folder_id: folderId, task_id: completion.task_id })
        .whereNot({ state: 'done' })
        .update({ status: 'complete', completed_by: 'pull-request' });
    }
    const tasks = await tx('spec_tasks')
      .where({ spec_folder_id: folderId })
      .select('state', 'completed_by');
    await tx('spec_folders')
      .where({ id: folderId })
      .update(countColumns(tasks));
  }
}

type TaskColumns = ReturnType<typeof taskRow>;
type TaskInsertRow = TaskColumns & { spec_folder_id: number };

function folderMeta(input: SpecFolderInput) {
  return {
    spec_entity_ref: input.specEntityRef,
    owner: input.owner ?? null,
    system: input.system ?? null,
    active: input.active,
  };
}

function isUnchanged(stored: StoredFolderKey, input: SpecFolderInput) {
  const meta = folderMeta(input);
  return (
    stored.content_hash === input.folder.contentHash &&
    stored.spec_entity_ref === meta.spec_entity_ref &&
    stored.owner === meta.owner &&
    stored.system === meta.system &&
    Boolean(stored.active) === meta.active
  );
}

function* chunks<T>(items: T[], size: number): Generator<T[]> {
  for (let start = 0; start < items.length; start += size) {
    yield items.slice(start, start + size);
  }
}

/** The pull-request numbers that completed tasks, by folder id and task id. */
async function readCompletions(
  tx: Knex.Transaction,
  folderIds: number[],
): Promise<Map<number, Map<string, number>>> {
  const byFolder = new Map<number, Map<string, number>>();
  for (const ids of chunks(folderIds, IDS_PER_STATEMENT)) {
    const rows = await tx('spec_task_completions')
      .whereIn('spec_folder_id', ids)
      .select('spec_folder_id', 'task_id', 'pr_number');
    for (const row of rows) {
      let tasks = byFolder.get(row.spec_folder_id);
      if (!tasks) byFolder.set(row.spec_folder_id, (tasks = new Map()));
      tasks.set(row.task_id, row.pr_number);
    }
  }
  return byFolder;
}

/** Inserts the rows (all of them with `flush`, else whole statements' worth); returns the rest. */
async function insertTasks(
  tx: Knex.Transaction,
  rows: TaskInsertRow[],
  flush = false,
): Promise<TaskInsertRow[]> {
  let start = 0;
  while (
    rows.length - start >= TASK_ROWS_PER_INSERT ||
    (flush && start < rows.length)
  ) {
    await tx('spec_tasks').insert(
      rows.slice(start, start + TASK_ROWS_PER_INSERT),
    );
    start += TASK_ROWS_PER_INSERT;
  }
  return rows.slice(start);
}

/** A task's row, with the pull request that completed it (what applyCompletions writes). */
function taskRow(task: SpecTask, position: number, completedBy?: number) {
  const byPullRequest = completedBy !== undefined && task.state !== 'done';
  return {
    position,
    task_id: task.id ?? null,
    user_story_ref: task.stories[0]?.slice(0, 20) ?? null,
    stories: JSON.stringify(task.stories),
    tags: JSON.stringify(task.tags),
    description: task.description,
    details: JSON.stringify(task.details),
    is_parallelizable: task.parallel,
    status: byPullRequest ? 'complete' : SEED_STATUS[task.state],
    state: task.state,
    mark: task.mark.slice(0, 8),
    phase: task.phase?.slice(0, 255) ?? null,
    line: task.line,
    source: task.source,
    linked_pr_number: completedBy ?? null,
    completed_by: completedByColumn(task, byPullRequest),
  };
}

function completedByColumn(task: SpecTask, byPullRequest: boolean) {
  if (byPullRequest) return 'pull-request';
  return task.done ? 'markdown' : null;
}

/** The folder's counts from its task rows, as applyCompletions takes them. */
function countColumns(
  tasks: Array<Pick<TaskColumns, 'state' | 'completed_by'>>,
) {
  const total = tasks.length;
  let done = 0;
  let open = 0;
  for (const task of tasks) {
    if (task.state === 'done' || task.completed_by === 'pull-request') done++;
    else if (task.state === 'open') open++;
  }
  return {
    tasks_total: total,
    tasks_done: done,
    tasks_open: open,
    tasks_other: total - done - open,
    completion_percentage: total ? Math.round((done / total) * 100) : 0,
  };
}

function folderColumns(folder: SpecFolder) {
  return {
    path: folder.path,
    slug: folder.slug,
    spec_number: folder.number ?? null,
    title: (folder.title ?? folder.slug).slice(0, 255),
    status: (folder.status ?? 'unknown')
      .toLocaleLowerCase('en-US')
      .slice(0, 50),
    archived: folder.archived,
    documents: JSON.stringify(
      [...new Set(folder.files.map(f => f.kind))].sort(),
    ),
    detail: JSON.stringify({
      branch: folder.branch,
      created: folder.created,
      files: folder.files,
      userStories: folder.userStories,
      requirements: folder.requirements,
      successCriteria: folder.successCriteria,
      clarifications: folder.clarifications,
      diagnostics: [],
    }),
    content_hash: folder.contentHash,
  };
}

function toIso(value: string | Date | null): string {
  return value ? new Date(value).toISOString() : new Date(0).toISOString();
}

function toSummary(row: FolderRow): SpecSummary {
  const total = row.tasks_total;
  return {
    entityRef: row.entity_ref,
    specEntityRef: row.spec_entity_ref,
    path: row.path,
    slug: row.slug,
    number: row.spec_number ?? undefined,
    title: row.title,
    status: row.status,
    active: Boolean(row.active),
    archived: Boolean(row.archived),
    owner: row.owner ?? undefined,
    system: row.system ?? undefined,
    documents: JSON.parse(row.documents),
    counts: {
      total,
      done: row.tasks_done,
      open: row.tasks_open,
      other: row.tasks_other,
    },
    completion: total ? Math.round((row.tasks_done / total) * 100) / 100 : 0,
    contentHash: row.content_hash,
    updatedAt: toIso(row.updated_at),
    lastSyncedAt: toIso(row.last_synced_at),
  };
}

function toTaskView(row: TaskRow): SpecTaskView {
  const byPr = row.completed_by === 'pull-request';
  const state = row.state as SpecTaskState;
  return {
    id: row.task_id ?? undefined,
    state,
    done: state === 'done' || byPr,
    mark: row.mark,
    parallel: Boolean(row.is_parallelizable),
    stories: JSON.parse(row.stories),
    tags: JSON.parse(row.tags),
    phase: row.phase ?? undefined,
    description: row.description,
    line: row.line,
    details: JSON.parse(row.details),
    source: row.source as SpecTaskView['source'],
    completedBy: (row.completed_by as SpecTaskView['completedBy']) ?? undefined,
    linkedPrNumber: row.linked_pr_number ?? undefined,
    linkedPrUrl: row.pr_url ?? undefined,
  };
}
