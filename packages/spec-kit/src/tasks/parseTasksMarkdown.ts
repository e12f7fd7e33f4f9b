import { scanBlocks } from '../markdown/scanBlocks';
import { ParsedTasks, TasksReader } from './TasksReader';

export type { ParsedTasks } from './TasksReader';

/**
 * Reads the tasks of a Spec Kit tasks.md: checkbox list items
 * (`- [ ] T001 [P] [US1] Description`) anywhere outside code, and tasks written as headings
 * (`### Task 3: Description [P] [US-2]`). A checkbox item with a `T001`-style
 * id is always a task; one without an id is a task (with an `info`
 * diagnostic) unless it is an acceptance criterion: nested under a task, in a
 * heading task's section, under a criteria heading or label ("Acceptance
 * Criteria", "Checkpoint", "Verify", "Success Criteria"), or starting with a
 * requirement id (`SC-001`). `- [P] tasks = ...` notes are not checkboxes.
 *
 * `phase` is the innermost enclosing heading that starts with "Phase", also
 * when phases follow `## Notes`; a task under any other `##` heading has no
 * phase, and `section` names its `##` heading either way.
 *
 * The file is read with a line scanner for its block structure (the blocks
 * remark-parse would find), not parsed into a syntax tree.
 *
 * @param markdown - the content of tasks.md
 * @param file - the path used in tasks' diagnostics
 * @public
 */
export function parseTasksMarkdown(
  markdown: string,
  file: string,
): ParsedTasks {
  return new TasksReader(markdown, file, scanBlocks(markdown)).read();
}
