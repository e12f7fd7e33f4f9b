import type { SpecTaskView } from '@catalyst/plugin-platform-common';

/** Tasks of one `## Phase ...` heading, in file order. */
export interface SpecTaskPhase {
  /** The heading's text; undefined for tasks above the first phase. */
  phase?: string;
  tasks: SpecTaskView[];
  done: number;
}

/**
 * Done in tasks.md, or by a merged pull request that named the task: the
 * backend may report the latter without touching the markdown's checkbox.
 */
export function isTaskDone(task: SpecTaskView): boolean {
  return task.done || task.completedBy !== undefined;
}

/** Groups tasks by phase in the order the phases first appear in tasks.md. */
export function groupTasksByPhase(tasks: SpecTaskView[]): SpecTaskPhase[] {
  const phases = new Map<string | undefined, SpecTaskPhase>();
  for (const task of [...tasks].sort((a, b) => a.line - b.line)) {
    let group = phases.get(task.phase);
    if (!group) {
      group = { phase: task.phase, tasks: [], done: 0 };
      phases.set(task.phase, group);
    }
    group.tasks.push(task);
    if (isTaskDone(task)) {
      group.done += 1;
    }
  }
  return [...phases.values()];
}
