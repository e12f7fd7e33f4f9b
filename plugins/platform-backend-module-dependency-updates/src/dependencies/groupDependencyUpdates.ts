import { DependencyUpdate } from './types';

/** How updates are bundled into tasks; majors and security fixes are always alone. */
export type DependencyUpdateGrouping =
  | 'per-dependency'
  | 'per-repository'
  | 'non-major-together';

/** The updates of one task (one pull request). */
export interface DependencyUpdateGroup {
  /** Names the task and its branch: `npm:left-pad`, `npm:non-major`. */
  subject: string;
  /** Higher is done first: security fixes by their worst severity. */
  priority: number;
  updates: DependencyUpdate[];
}

const SEVERITY_PRIORITY: Record<string, number> = {
  critical: 40,
  high: 30,
  medium: 20,
  low: 10,
  unknown: 5,
};

function priorityOf(updates: DependencyUpdate[]): number {
  return Math.max(
    0,
    ...updates.flatMap(update =>
      update.advisories.map(a => SEVERITY_PRIORITY[a.severity] ?? 5),
    ),
  );
}

// Workspace manifests share their root's lockfile, so they share its tasks.
const inDirectory = (update: DependencyUpdate, subject: string) => {
  const directory = update.workspaceRoot ?? update.directory;
  return directory ? `${directory}:${subject}` : subject;
};

/**
 * Bundles a repository's updates by policy: `per-dependency` is a task per
 * dependency (one per manifest, or one for every manifest of a workspace
 * root); `non-major-together` one task per manifest (per workspace root)
 * for its patch and minor updates; `per-repository` one task for every manifest's patch and
 * minor updates. Security fixes and majors always get their own task.
 * Security fixes come first, worst severity first.
 */
export function groupDependencyUpdates(
  updates: DependencyUpdate[],
  grouping: DependencyUpdateGrouping,
): DependencyUpdateGroup[] {
  const groups = new Map<string, DependencyUpdate[]>();
  const add = (subject: string, update: DependencyUpdate) =>
    groups.set(subject, [...(groups.get(subject) ?? []), update]);
  for (const update of updates) {
    const alone =
      grouping === 'per-dependency' ||
      update.kind === 'major' ||
      update.advisories.length > 0;
    if (alone) {
      add(inDirectory(update, `${update.ecosystem}:${update.name}`), update);
    } else if (grouping === 'non-major-together') {
      add(inDirectory(update, `${update.ecosystem}:non-major`), update);
    } else {
      add('non-major', update);
    }
  }
  return [...groups.entries()]
    .map(([subject, grouped]) => ({
      subject,
      priority: priorityOf(grouped),
      updates: grouped,
    }))
    .sort(
      (a, b) => b.priority - a.priority || a.subject.localeCompare(b.subject),
    );
}

/**
 * `update left-pad to 1.3.0` (also for one dependency in several workspace
 * manifests), or `update 3 dependencies (non-major)`.
 */
export function describeDependencyUpdates(updates: DependencyUpdate[]) {
  if (new Set(updates.map(u => `${u.name}@${u.to}`)).size === 1) {
    return `update ${updates[0].name} to ${updates[0].to}`;
  }
  const kind = updates.some(update => update.kind === 'major')
    ? ''
    : ' (non-major)';
  return `update ${updates.length} dependencies${kind}`;
}
