import type { SpecFolder, SpecTask } from '@catalyst/spec-kit';

export function task(
  partial: Partial<SpecTask> & { id: string; line: number },
): SpecTask {
  const state = partial.state ?? (partial.done ? 'done' : 'open');
  return {
    state,
    done: state === 'done',
    mark: state === 'done' ? 'x' : ' ',
    parallel: false,
    stories: [],
    tags: [],
    description: `Task ${partial.id}`,
    details: [],
    source: 'checkbox',
    ...partial,
  };
}

/** A folder as the parser would return it, for store and API tests. */
export function specFolder(
  slug: string,
  tasks: SpecTask[],
  overrides: Partial<SpecFolder> = {},
): SpecFolder {
  const done = tasks.filter(t => t.done).length;
  const open = tasks.filter(t => t.state === 'open').length;
  const number = /^(\d+)-/.exec(slug)?.[1];
  return {
    path: `specs/${slug}`,
    slug,
    number: number ? Number(number) : undefined,
    shortName: slug.replace(/^\d+-/, ''),
    archived: false,
    title: `Title of ${slug}`,
    status: 'Draft',
    files: [
      { path: 'spec.md', kind: 'spec', size: 10, sha256: 'a'.repeat(64) },
      { path: 'tasks.md', kind: 'tasks', size: 10, sha256: 'b'.repeat(64) },
    ],
    tasks,
    counts: {
      total: tasks.length,
      done,
      open,
      other: tasks.length - done - open,
    },
    completion: tasks.length
      ? Math.round((done / tasks.length) * 100) / 100
      : 0,
    userStories: [
      { id: 'US1', number: 1, title: 'Story', priority: 'P1', line: 5 },
    ],
    requirements: [{ id: 'FR-001', text: 'System MUST work', line: 9 }],
    successCriteria: [],
    clarifications: [],
    contentHash: `${slug}-${tasks.map(t => `${t.id}:${t.state}`).join(',')}`,
    ...overrides,
  };
}
