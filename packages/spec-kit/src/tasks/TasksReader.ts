import type { SpecDiagnostic, SpecTask, SpecTaskState } from '../types';
import type {
  HeadingBlock,
  LeafBlock,
  ListBlock,
  ListItemBlock,
  MarkdownBlock,
} from '../markdown/scanBlocks';
import { headingText } from '../markdown/headingText';
import { nodeLines, nodeSource } from '../markdown/sourceLines';
import { findUnclosedFence } from '../markdown/findUnclosedFence';
import { parseTaskText, readCheckbox } from './parseTaskText';
import { taskStateFromMark } from './taskState';

/**
 * The tasks of one tasks.md and what was wrong with it.
 *
 * @public
 */
export interface ParsedTasks {
  tasks: SpecTask[];
  diagnostics: SpecDiagnostic[];
}

const phaseHeading = /^[^\p{L}\p{N}]*phase\b/iu;
// Checkboxes under these headings or bold labels are acceptance criteria, not work items.
const criteriaHeading =
  /\b(?:acceptance|criteria|checkpoint|checklist|verify|verification|definition of done|done when|success)\b/i;
const criteriaLabel =
  /^(?:\*\*|__)[^*_]*\b(?:acceptance|criteria|checkpoint|checklist|verify|verification|validation|definition of done|done when|success)\b[^*_]*(?:\*\*|__):?\s*$/i;
const requirementLike = /^(?:\*\*|__)?(?:FR|NFR|SC)-/;
const headingTaskPattern =
  /^(?:(?:Task|TASK)\s+(\d+(?:\.\d+)*[a-z]?)|(T\d+[a-z]?))\s*(?:[:.\u2013\u2014-]\s*|\s+)(.+)$/;
const htmlCheckboxLine = /^\s*(?:[-*+]|\d+[.)])\s+(\[.+)$/u;

interface PendingHeadingTask {
  task: SpecTask;
  depth: number;
  boxes: number;
  checked: number;
  fixedState: boolean;
  holdsIdTasks: boolean;
}

/** Walks the blocks of one tasks.md in document order, tracking headings and heading tasks. */
export class TasksReader {
  private readonly tasks: SpecTask[] = [];
  private readonly diagnostics: SpecDiagnostic[] = [];
  private readonly firstLineOfId = new Map<string, number>();
  private readonly headings: Array<{ depth: number; text: string }> = [];
  private headingTask?: PendingHeadingTask;
  private afterCriteriaLabel = false;

  constructor(
    private readonly markdown: string,
    private readonly file: string,
    private readonly blocks: MarkdownBlock[],
  ) {}

  read(): ParsedTasks {
    this.readBlocks(this.blocks);
    this.finishHeadingTask();
    this.tasks.sort((a, b) => a.line - b.line);
    return { tasks: this.tasks, diagnostics: this.diagnostics };
  }

  private readBlocks(nodes: MarkdownBlock[]) {
    for (const node of nodes) {
      switch (node.type) {
        case 'heading':
          this.readHeading(node);
          this.afterCriteriaLabel = false;
          break;
        case 'list':
          this.readList(node);
          this.afterCriteriaLabel = false;
          break;
        case 'blockquote':
          this.readBlocks(node.children);
          break;
        case 'paragraph': {
          const text = nodeSource(this.markdown, node).trim();
          // Labels are short; the length cap keeps the regex linear on long paragraphs.
          this.afterCriteriaLabel =
            text.length <= 120 && criteriaLabel.test(text);
          break;
        }
        case 'code':
          this.checkFence(node);
          this.afterCriteriaLabel = false;
          break;
        case 'html':
          this.readHtml(node);
          break;
        default:
          this.afterCriteriaLabel = false;
      }
    }
  }

  private readHeading(node: HeadingBlock) {
    if (this.headingTask && node.depth <= this.headingTask.depth) {
      this.finishHeadingTask();
    }
    while (
      this.headings.length > 0 &&
      this.headings[this.headings.length - 1].depth >= node.depth
    ) {
      this.headings.pop();
    }
    const text = headingText(this.markdown, node);
    if (node.depth > 1) this.startHeadingTask(node, text);
    this.headings.push({ depth: node.depth, text });
  }

  private startHeadingTask(node: HeadingBlock, heading: string) {
    let text = heading;
    let mark = '';
    const checkbox = readCheckbox(text);
    if (checkbox) {
      mark = checkbox.mark;
      text = checkbox.rest;
    }
    const match = headingTaskPattern.exec(text);
    if (!match) return;
    const parsed = parseTaskText(match[3], 'all');
    const doneMark = parsed.description.includes('\u2705');
    let state: SpecTaskState = doneMark ? 'done' : 'open';
    if (mark) state = taskStateFromMark(mark);
    const task: SpecTask = {
      id: match[2],
      label: match[1] ? `Task ${match[1]}` : undefined,
      state,
      done: state === 'done',
      mark,
      parallel: parsed.parallel,
      stories: parsed.stories,
      tags: parsed.tags,
      ...this.placement(),
      description: parsed.description.replace(/\s*\u2705\s*/g, ' ').trim(),
      line: node.line,
      details: [],
      source: 'heading',
    };
    this.headingTask = {
      task,
      depth: node.depth,
      boxes: 0,
      checked: 0,
      fixedState: Boolean(mark) || doneMark,
      holdsIdTasks: false,
    };
  }

  private finishHeadingTask() {
    const pending = this.headingTask;
    this.headingTask = undefined;
    // A heading over T001-style checkbox tasks groups them; it is not a task itself.
    if (!pending || pending.holdsIdTasks) return;
    if (!pending.fixedState && pending.boxes > 0) {
      let state: SpecTaskState = 'open';
      if (pending.checked === pending.boxes) state = 'done';
      else if (pending.checked > 0) state = 'in-progress';
      pending.task.state = state;
      pending.task.done = state === 'done';
    }
    this.addTask(pending.task);
  }

  private readList(list: ListBlock, parent?: SpecTask) {
    for (const item of list.children) {
      this.readListItem(item, parent);
    }
  }

  private readListItem(item: ListItemBlock, parent?: SpecTask) {
    const [first, ...others] = item.children;
    if (first?.type !== 'paragraph') {
      for (const child of item.children) {
        if (child.type === 'list') this.readList(child, parent);
      }
      return;
    }
    const lines = nodeLines(this.markdown, first);
    const task = this.readItemLine(
      lines[0].text,
      lines[0].line,
      lines.map(line => line.text).join(' '),
      parent,
    );
    if (task) {
      for (const line of lines.slice(1)) {
        if (line.text) task.details.push(line.text);
      }
    }
    for (const child of others) {
      if (child.type === 'list') {
        this.readList(child, task ?? parent);
      } else if (child.type === 'paragraph' && task) {
        task.details.push(
          nodeLines(this.markdown, child)
            .map(line => line.text)
            .join(' '),
        );
      }
    }
  }

  /** Turns one list item's first line into a task, a detail, or nothing. */
  private readItemLine(
    line: string,
    lineNumber: number,
    fullText: string,
    parent?: SpecTask,
  ): SpecTask | undefined {
    const checkbox = readCheckbox(line);
    if (!checkbox) {
      if (looksLikeMalformedTask(line)) {
        this.diagnostics.push({
          file: this.file,
          line: lineNumber,
          severity: 'warning',
          message: `Checkbox is malformed (write \`[ ]\` or \`[x]\` followed by a space); not indexed: ${truncate(
            line,
          )}`,
        });
      }
      this.addDetail(fullText, parent);
      return undefined;
    }
    if (!checkbox.rest.trim()) {
      this.diagnostics.push({
        file: this.file,
        line: lineNumber,
        severity: 'warning',
        message: 'Checkbox item is empty; not indexed',
      });
      return undefined;
    }
    const text = parseTaskText(checkbox.rest, 'story');
    if (!text.id) {
      if (parent || this.headingTask) {
        this.addDetail(fullText, parent);
        if (!parent && this.headingTask) {
          this.headingTask.boxes++;
          if (taskStateFromMark(checkbox.mark) === 'done') {
            this.headingTask.checked++;
          }
        }
        return undefined;
      }
      if (this.inCriteria() || requirementLike.test(checkbox.rest)) {
        return undefined;
      }
      this.diagnostics.push({
        file: this.file,
        line: lineNumber,
        severity: 'info',
        message: `Checkbox item has no task id (T001); indexed as a task without an id: ${truncate(
          checkbox.rest,
        )}`,
      });
    } else if (this.headingTask) {
      this.headingTask.holdsIdTasks = true;
    }
    const state = taskStateFromMark(checkbox.mark);
    const task: SpecTask = {
      id: text.id,
      state,
      done: state === 'done',
      mark: checkbox.mark,
      parallel: text.parallel,
      stories: text.stories,
      tags: text.tags,
      ...this.placement(),
      description: text.description,
      line: lineNumber,
      details: [],
      source: 'checkbox',
    };
    if (text.id && !text.description) {
      this.diagnostics.push({
        file: this.file,
        line: lineNumber,
        severity: 'info',
        message: `Task ${text.id} has no description`,
      });
    }
    this.addTask(task);
    return task;
  }

  private addDetail(text: string, parent?: SpecTask) {
    if (!text) return;
    if (parent) {
      parent.details.push(text);
    } else if (this.headingTask) {
      this.headingTask.task.details.push(text);
    }
  }

  private addTask(task: SpecTask) {
    if (task.id) {
      const first = this.firstLineOfId.get(task.id);
      if (first === undefined) {
        this.firstLineOfId.set(task.id, task.line);
      } else {
        this.diagnostics.push({
          file: this.file,
          line: task.line,
          severity: 'warning',
          message: `Duplicate task id ${task.id}; first used on line ${first}`,
        });
      }
    }
    this.tasks.push(task);
  }

  private placement(): Pick<SpecTask, 'phase' | 'section'> {
    let phase: string | undefined;
    let section: string | undefined;
    for (const heading of this.headings) {
      if (heading.depth > 1 && phaseHeading.test(heading.text)) {
        phase = heading.text;
      }
      if (heading.depth === 2) section = heading.text;
    }
    return { phase, section };
  }

  private inCriteria(): boolean {
    if (this.afterCriteriaLabel) return true;
    const innermost = this.headings[this.headings.length - 1];
    return Boolean(
      innermost &&
        !phaseHeading.test(innermost.text) &&
        criteriaHeading.test(innermost.text),
    );
  }

  private checkFence(node: LeafBlock) {
    const line = findUnclosedFence(this.markdown, node);
    if (line !== undefined) {
      this.diagnostics.push({
        file: this.file,
        line,
        severity: 'warning',
        message:
          'Code fence is never closed; what follows it is read as code and tasks in it are not indexed',
      });
    }
  }

  /** Checkbox lines swallowed by an HTML block (`<details>`) are still tasks; comments are not. */
  private readHtml(node: LeafBlock) {
    if (nodeSource(this.markdown, node).trimStart().startsWith('<!--')) return;
    for (const { text, line } of nodeLines(this.markdown, node)) {
      const match = htmlCheckboxLine.exec(text);
      if (match) this.readItemLine(match[1], line, match[1]);
    }
  }
}

/** `[]T001`, `[ ]T001`, `[  ] T001`: meant as a task, not a checkbox to markdown. Tags such as `[P]` are not. */
function looksLikeMalformedTask(line: string): boolean {
  const match =
    /^\[([^\]]{0,3})\]\s*(?:\*\*|__)?T\d+[a-z]?(?![\p{L}\p{N}])/u.exec(line);
  return Boolean(match && !/\p{L}/u.test(match[1].replace(/[xX]/g, '')));
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
