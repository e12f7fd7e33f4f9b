/** The parts of a task's text: id, bracket tags and description. */
export interface TaskText {
  id?: string;
  parallel: boolean;
  stories: string[];
  tags: string[];
  description: string;
}

/** A checkbox at the start of a list item: `[ ]`, `[x]`, `[~]`, `[⏳]`... */
export interface Checkbox {
  mark: string;
  rest: string;
}

// One character between the brackets; a letter other than x (`[P]`, `[US1]`)
// is a tag, not a checkbox, which keeps notes like `- [P] tasks = ...` out.
const checkboxPattern = /^\[(.\uFE0F?)\](?:[ \t]+|$)/u;
const taskIdPattern =
  /^(?:(\*\*|__)(T\d+[a-z]?)(:?)\1|(T\d+[a-z]?))(?![\p{L}\p{N}_])/u;
const leadingTagPattern = /^\[([^[\]]{1,60})\](?![([:])/;
const trailingTagPattern = /[ \t]\[([^[\]]{1,60})\][ \t]*$/;
const storyPattern = /^US[-_]?\d+(?:\.\d+)*[a-z]?$/i;

/** Reads the checkbox at the start of a list item's first line, if there is one. */
export function readCheckbox(line: string): Checkbox | undefined {
  const match = checkboxPattern.exec(line);
  if (!match) return undefined;
  const mark = match[1];
  const base = mark.replace(/\uFE0F$/, '');
  if (
    base !== ' ' &&
    base !== 'x' &&
    base !== 'X' &&
    /[\p{L}\p{N}\s]/u.test(base)
  ) {
    return undefined;
  }
  return { mark, rest: line.slice(match[0].length) };
}

/**
 * Splits a task's text into its id (`T001`, `**T044**`), the bracket tags that
 * follow it (`[P]`, `[US1/US2]`, `[Spike]`) and the description. Tags at the
 * end of the text are read too when `trailingTags` is `all` (headings) or when
 * they are `[P]` or story references (`story`).
 */
export function parseTaskText(
  text: string,
  trailingTags: 'all' | 'story',
): TaskText {
  let rest = text.trim();
  let id: string | undefined;
  const idMatch = taskIdPattern.exec(rest);
  if (idMatch) {
    id = idMatch[2] ?? idMatch[4];
    rest = rest.slice(idMatch[0].length);
    // `T001: text`, `T001 - text`; a range (`T020-T025`) keeps its dash.
    rest = rest.replace(/^[ \t]*[:.\u2013\u2014-](?=[ \t])/, '').trim();
  }

  const result: TaskText = {
    id,
    parallel: false,
    stories: [],
    tags: [],
    description: '',
  };
  for (;;) {
    const match = leadingTagPattern.exec(rest);
    if (!match || isClarification(match[1])) break;
    addTag(result, match[1]);
    rest = rest.slice(match[0].length).trimStart();
    rest = rest.replace(/^[:\u2013\u2014-][ \t]+/, '');
  }

  const trailing: string[] = [];
  // Tags sit in the last few characters; looking only there keeps long lines linear.
  const keep = Math.max(0, rest.length - 400);
  let tail = rest.slice(keep);
  for (;;) {
    const match = trailingTagPattern.exec(tail);
    if (!match || isClarification(match[1])) break;
    if (trailingTags === 'story' && !isParallelOrStory(match[1])) break;
    trailing.unshift(match[1]);
    tail = tail.slice(0, match.index).trimEnd();
  }
  rest = rest.slice(0, keep) + tail;
  for (const tag of trailing) addTag(result, tag);

  result.description = rest.trim();
  return result;
}

function addTag(result: TaskText, raw: string) {
  const tag = raw.trim();
  if (tag === 'P') {
    result.parallel = true;
    return;
  }
  const stories = splitStories(tag);
  if (stories) {
    result.stories.push(...stories);
  } else {
    result.tags.push(tag);
  }
}

/** `US1`, `US-1`, `US1/US2`, `US2, US3`: the references as written, or undefined. */
function splitStories(tag: string): string[] | undefined {
  const parts = tag.split(/[ \t]*[/,&+][ \t]*|[ \t]+/).filter(Boolean);
  return parts.length > 0 && parts.every(part => storyPattern.test(part))
    ? parts
    : undefined;
}

function isParallelOrStory(tag: string): boolean {
  return tag.trim() === 'P' || splitStories(tag.trim()) !== undefined;
}

function isClarification(tag: string): boolean {
  return /^NEEDS CLARIFICATION/i.test(tag);
}
