/**
 * A line scanner for the block structure of markdown: headings, paragraphs,
 * lists, block quotes, code and HTML blocks, with their source spans and no
 * inline content. It follows CommonMark's block rules as micromark (and so
 * remark-parse) applies them, including its choices where the spec leaves
 * room, so that the index reads the same blocks remark would find at a small
 * part of the cost. `scanBlocks.test.ts` compares the two on the corpus, the
 * fixtures and tricky cases.
 */

/** Where a block sits in the source: its first line and its offsets (end excludes trailing whitespace). */
export interface SourceSpan {
  /** 1-based line of the block's first character. */
  line: number;
  start: number;
  end: number;
}

/** @internal */
export interface HeadingBlock extends SourceSpan {
  type: 'heading';
  depth: number;
}

/** @internal */
export interface LeafBlock extends SourceSpan {
  type:
    | 'paragraph'
    | 'code'
    | 'html'
    | 'thematicBreak'
    | 'definition'
    | 'yaml'
    | 'toml';
}

/** @internal */
export interface ListItemBlock {
  type: 'listItem';
  line: number;
  children: MarkdownBlock[];
}

/** @internal */
export interface ListBlock {
  type: 'list';
  line: number;
  children: ListItemBlock[];
}

/** @internal */
export interface BlockquoteBlock {
  type: 'blockquote';
  line: number;
  children: MarkdownBlock[];
}

/** @internal */
export type MarkdownBlock =
  | HeadingBlock
  | LeafBlock
  | ListBlock
  | ListItemBlock
  | BlockquoteBlock;

interface Container {
  kind: 'blockquote' | 'list';
  /** Where blocks inside go: the quote's children or the current item's. */
  children: MarkdownBlock[];
  list?: ListBlock;
  /** The list's bullet or ordered delimiter. */
  marker?: string;
  ordered?: boolean;
  /** Columns a line must be indented by to continue the current item. */
  size?: number;
  initialBlankLine?: boolean;
  furtherBlankLines?: boolean;
}

interface OpenFlow {
  kind: 'paragraph' | 'fenced' | 'indented' | 'html';
  target: MarkdownBlock[];
  line: number;
  start: number;
  end: number;
  /** Paragraph lines (start offset, end offset, line), read for definitions. */
  lines?: number[];
  fence?: string;
  fenceLength?: number;
  /** HTML blocks: the text that ends them, or undefined when a blank line does. */
  htmlEnd?: RegExp | string;
}

interface ListStart {
  /** Index in the line where the item's content starts. */
  content: number;
  size: number;
  marker: string;
  ordered: boolean;
  blank: boolean;
}

const atxHeading = /^(#{1,6})(?:[ \t]|$)/;
const thematicBreak = /^(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const setextUnderline = /^(?:=+|-+)[ \t]*$/;
const fenceOpen = /^(`{3,}|~{3,})(.*)$/;
const fenceClose = /^(`{3,}|~{3,})[ \t]*$/;
const rawHtmlStart = /^<(?:pre|script|style|textarea)(?:[ \t>]|$)/i;
const rawHtmlEnd = /<\/(?:pre|script|style|textarea)>/i;
const basicHtmlStart = new RegExp(
  `^</?(?:${[
    'address',
    'article',
    'aside',
    'base',
    'basefont',
    'blockquote',
    'body',
    'caption',
    'center',
    'col',
    'colgroup',
    'dd',
    'details',
    'dialog',
    'dir',
    'div',
    'dl',
    'dt',
    'fieldset',
    'figcaption',
    'figure',
    'footer',
    'form',
    'frame',
    'frameset',
    'h[1-6]',
    'head',
    'header',
    'hr',
    'html',
    'iframe',
    'legend',
    'li',
    'link',
    'main',
    'menu',
    'menuitem',
    'nav',
    'noframes',
    'ol',
    'optgroup',
    'option',
    'p',
    'param',
    'search',
    'section',
    'summary',
    'table',
    'tbody',
    'td',
    'tfoot',
    'th',
    'thead',
    'title',
    'tr',
    'track',
    'ul',
  ].join('|')})(?:[ \t>]|/>|$)`,
  'i',
);
const completeHtmlTag =
  /^(?:<([A-Za-z][A-Za-z0-9-]*)(?:[ \t]+[A-Za-z_:][A-Za-z0-9_.:-]*(?:[ \t]*=[ \t]*(?:[^"'=<>`\s]+|'[^'\n]*'|"[^"\n]*"))?)*[ \t]*\/?>|<\/([A-Za-z][A-Za-z0-9-]*)[ \t]*>)[ \t]*$/;
const rawNames = /^(?:pre|script|style|textarea)$/i;
const definitionLabel =
  /^\[(?:[^\\[\]]|\\.){0,999}[^ \t\\[\]](?:[^\\[\]]|\\.){0,999}\]:[ \t]*/;
const definitionDestination =
  /^(?:<[^<>\n]*>|[^ \t<][^ \t]*)(?:[ \t]+(?:"[^"]*"|'[^']*'|\([^()]*\)))?[ \t]*$/;

class BlockScanner {
  private readonly root: MarkdownBlock[] = [];
  private containers: Container[] = [];
  private flow?: OpenFlow;
  private lineNumber = 0;
  private lineStart = 0;
  /** The current line with tabs expanded to spaces (tab stops of 4). */
  private text = '';
  /** For a line with tabs: the source offset of each index of `text`. */
  private offsets?: number[];

  constructor(private readonly markdown: string) {}

  scan(): MarkdownBlock[] {
    const markdown = this.markdown;
    const length = markdown.length;
    // A byte order mark is not content.
    const bom = markdown.charCodeAt(0) === 0xfeff ? 1 : 0;
    let start = this.frontmatter(bom);
    let line = this.lineNumber + 1;
    while (start < length || (start === length && line === 1)) {
      let end = start;
      while (end < length) {
        const code = markdown.charCodeAt(end);
        if (code === 10 || code === 13) break;
        end++;
      }
      this.readLine(line, start, end);
      if (end >= length) break;
      start =
        markdown.charCodeAt(end) === 13 && markdown.charCodeAt(end + 1) === 10
          ? end + 2
          : end + 1;
      line++;
    }
    this.closeFlow();
    return this.root;
  }

  /** YAML (`---`) or TOML (`+++`) frontmatter at the very top; returns where the body starts. */
  private frontmatter(bom: number): number {
    const markdown = this.markdown;
    let fence: string | undefined;
    if (markdown.startsWith('---', bom)) fence = '---';
    else if (markdown.startsWith('+++', bom)) fence = '+++';
    if (!fence) return bom;
    const fencePattern = fence === '---' ? /^---[ \t]*$/ : /^\+\+\+[ \t]*$/;
    let start = bom;
    let line = 1;
    let opened = false;
    for (;;) {
      const match = /\r\n|\r|\n/g;
      match.lastIndex = start;
      const found = match.exec(markdown);
      const end = found ? found.index : markdown.length;
      const isFence = fencePattern.test(markdown.slice(start, end));
      if (!opened) {
        if (!isFence || !found) return bom;
        opened = true;
      } else if (isFence) {
        this.root.push({
          type: fence === '---' ? 'yaml' : 'toml',
          line: 1,
          start: bom,
          end: trimmedEnd(markdown, start, end),
        });
        this.lineNumber = line;
        return found ? found.index + found[0].length : markdown.length;
      }
      if (!found) return bom;
      start = found.index + found[0].length;
      line++;
    }
  }

  private readLine(line: number, start: number, end: number) {
    this.lineNumber = line;
    this.lineStart = start;
    const raw = this.markdown.slice(start, end);
    if (raw.includes('\t')) {
      this.expandTabs(raw);
    } else {
      this.text = raw;
      this.offsets = undefined;
    }
    const text = this.text;

    // 1. Continue the open containers.
    let pos = 0;
    let matched = 0;
    let siblingItem = false;
    for (; matched < this.containers.length; matched++) {
      const container = this.containers[matched];
      if (container.kind === 'blockquote') {
        const at = skipSpaces(text, pos, 3);
        if (text.charCodeAt(at) !== 62) break;
        pos = text.charCodeAt(at + 1) === 32 ? at + 2 : at + 1;
        continue;
      }
      const size = container.size!;
      if (isBlank(text, pos)) {
        container.furtherBlankLines =
          container.furtherBlankLines || container.initialBlankLine;
        pos = skipSpaces(text, pos, size);
        continue;
      }
      const further = container.furtherBlankLines;
      container.furtherBlankLines = undefined;
      container.initialBlankLine = undefined;
      if (!further && skipSpaces(text, pos, size) - pos === size) {
        pos += size;
        continue;
      }
      const item = this.listStart(pos, container, false);
      if (!item) break;
      this.closeFlow();
      this.containers.length = matched + 1;
      this.startItem(container, item);
      pos = item.content;
      siblingItem = true;
      matched++;
      break;
    }

    // 2. Start new containers (block quotes, lists).
    const allMatched = matched === this.containers.length;
    const flow = this.flow;
    if (
      allMatched &&
      !siblingItem &&
      flow &&
      (flow.kind === 'fenced' || flow.kind === 'html')
    ) {
      this.continueFlow(pos);
      return;
    }
    const interrupt =
      allMatched &&
      !siblingItem &&
      flow !== undefined &&
      (flow.kind === 'paragraph' || flow.kind === 'indented');
    let opened = false;
    for (;;) {
      const at = skipSpaces(text, pos, 3);
      if (text.charCodeAt(at) === 62) {
        if (!opened) this.openContainers(matched);
        opened = true;
        const quote: BlockquoteBlock = {
          type: 'blockquote',
          line,
          children: [],
        };
        this.target().push(quote);
        this.containers.push({ kind: 'blockquote', children: quote.children });
        pos = text.charCodeAt(at + 1) === 32 ? at + 2 : at + 1;
        continue;
      }
      const item = this.listStart(pos, undefined, interrupt);
      if (!item) break;
      if (!opened) this.openContainers(matched);
      opened = true;
      const list: ListBlock = { type: 'list', line, children: [] };
      this.target().push(list);
      const container: Container = {
        kind: 'list',
        children: [],
        list,
        marker: item.marker,
        ordered: item.ordered,
      };
      this.containers.push(container);
      this.startItem(container, item);
      pos = item.content;
    }

    // 3. A line that continues no container may still continue a paragraph.
    if (!allMatched && !opened) {
      if (flow?.kind === 'paragraph' && !isBlank(text, pos)) {
        if (!this.interruptsParagraph(pos, true)) {
          this.addParagraphLine(flow, pos);
          return;
        }
        const at = skipSpaces(text, pos, 3);
        const rest = text.slice(at);
        if (htmlStart(rest, true) === undefined && htmlStart(rest, false)) {
          // micromark keeps a complete tag that ends a paragraph lazily
          // inside the paragraph's container.
          this.closeFlow();
          this.startFlow(pos);
          return;
        }
      }
      this.closeFlow();
      this.containers.length = matched;
      this.startFlow(pos);
      // Indented code that starts on a lazy line ends with it in micromark.
      if (this.flow?.kind === 'indented') this.closeFlow();
      return;
    }
    if (siblingItem || opened) {
      this.startFlow(pos);
    } else {
      this.continueFlow(pos);
    }
  }

  private expandTabs(raw: string) {
    let text = '';
    const offsets: number[] = [];
    for (let i = 0; i < raw.length; i++) {
      if (raw.charCodeAt(i) === 9) {
        const width = 4 - (text.length % 4);
        // Columns past a tab's first sit, as micromark counts them, after it.
        for (let j = 0; j < width; j++) {
          text += ' ';
          offsets.push(this.lineStart + i + (j === 0 ? 0 : 1));
        }
      } else {
        text += raw[i];
        offsets.push(this.lineStart + i);
      }
    }
    offsets.push(this.lineStart + raw.length);
    this.text = text;
    this.offsets = offsets;
  }

  /** The source offset of an index in the current line. */
  private offset(index: number): number {
    return this.offsets ? this.offsets[index] : this.lineStart + index;
  }

  /** The source offset just after the line's last non-space character. */
  private lineEnd(): number {
    const text = this.text;
    let end = text.length;
    while (end > 0 && text.charCodeAt(end - 1) === 32) end--;
    return this.offset(end);
  }

  private target(): MarkdownBlock[] {
    const innermost = this.containers[this.containers.length - 1];
    return innermost ? innermost.children : this.root;
  }

  private openContainers(matched: number) {
    this.closeFlow();
    this.containers.length = matched;
  }

  private startItem(container: Container, item: ListStart) {
    const listItem: ListItemBlock = {
      type: 'listItem',
      line: this.lineNumber,
      children: [],
    };
    container.list!.children.push(listItem);
    container.children = listItem.children;
    container.size = item.size;
    container.initialBlankLine = item.blank ? true : undefined;
    container.furtherBlankLines = undefined;
  }

  /** A list item starting at `pos`: of any list, or of `list` when given. */
  private listStart(
    pos: number,
    list: Container | undefined,
    interrupt: boolean,
  ): ListStart | undefined {
    const text = this.text;
    const at = skipSpaces(text, pos, 3);
    const code = text.charCodeAt(at);
    const bullet = code === 42 || code === 43 || code === 45;
    const ordered = list ? list.ordered! : !bullet;
    let markerEnd: number;
    let marker: string;
    if (!ordered) {
      if (!bullet || (list && text[at] !== list.marker)) return undefined;
      if (code !== 43 && thematicBreak.test(text.slice(at))) return undefined;
      marker = text[at];
      markerEnd = at + 1;
    } else {
      if (code < 48 || code > 57) return undefined;
      if (interrupt && code !== 49) return undefined;
      let end = at;
      while (end < text.length && end - at < 9) {
        const digit = text.charCodeAt(end);
        if (digit < 48 || digit > 57) break;
        end++;
      }
      if (interrupt && end - at > 1) return undefined;
      marker = text[end];
      if (list ? marker !== list.marker : marker !== '.' && marker !== ')') {
        return undefined;
      }
      markerEnd = end + 1;
    }
    const initial = at - pos;
    if (isBlank(text, markerEnd)) {
      if (interrupt) return undefined;
      return {
        content: text.length,
        size: initial + 1 + (markerEnd - at),
        marker,
        ordered,
        blank: true,
      };
    }
    const spaces = skipSpaces(text, markerEnd, 5) - markerEnd;
    if (spaces === 0) return undefined;
    const width = spaces <= 4 ? spaces : 1;
    return {
      content: markerEnd + width,
      size: initial + markerEnd - at + width,
      marker,
      ordered,
      blank: false,
    };
  }

  /** Whether the line at `pos` ends a paragraph instead of continuing it. */
  private interruptsParagraph(pos: number, lazy: boolean): boolean {
    const text = this.text;
    const at = skipSpaces(text, pos, 3);
    if (text.charCodeAt(at) === 32) return false;
    const rest = at === 0 ? text : text.slice(at);
    switch (rest.charCodeAt(0)) {
      case 35: // #
        return atxHeading.test(rest);
      case 42: // *
      case 95: // _
        return thematicBreak.test(rest);
      case 45: // -
        return (
          (!lazy && setextUnderline.test(rest)) || thematicBreak.test(rest)
        );
      case 61: // =
        return !lazy && setextUnderline.test(rest);
      case 60: // <
        // micromark lets a complete tag interrupt a lazy line only.
        return htmlStart(rest, !lazy) !== undefined;
      case 96: // `
      case 126: // ~
        return isFenceOpen(rest);
      default:
        return false;
    }
  }

  private continueFlow(pos: number) {
    const flow = this.flow;
    const text = this.text;
    if (!flow) {
      this.startFlow(pos);
      return;
    }
    switch (flow.kind) {
      case 'fenced': {
        const at = skipSpaces(text, pos, 3);
        if (text.charCodeAt(at) !== 32) {
          const close = fenceClose.exec(at === 0 ? text : text.slice(at));
          if (
            close &&
            close[1][0] === flow.fence &&
            close[1].length >= flow.fenceLength!
          ) {
            flow.end = this.lineEnd();
            this.closeFlow();
            return;
          }
        }
        if (!isBlank(text, pos)) flow.end = this.lineEnd();
        return;
      }
      case 'html': {
        if (flow.htmlEnd === undefined) {
          if (isBlank(text, pos)) {
            this.closeFlow();
            return;
          }
          flow.end = this.lineEnd();
          return;
        }
        if (!isBlank(text, pos)) flow.end = this.lineEnd();
        if (containsEnd(text, pos, flow.htmlEnd)) this.closeFlow();
        return;
      }
      case 'indented': {
        if (isBlank(text, pos)) return;
        if (skipSpaces(text, pos, 4) - pos === 4) {
          flow.end = this.lineEnd();
          return;
        }
        this.closeFlow();
        this.startFlow(pos);
        return;
      }
      default: {
        if (isBlank(text, pos)) {
          this.closeFlow();
          return;
        }
        const at = skipSpaces(text, pos, 3);
        const code = text.charCodeAt(at);
        if (
          (code === 61 || code === 45) &&
          setextUnderline.test(text.slice(at))
        ) {
          this.flow = undefined;
          this.closeParagraph(flow, code === 61 ? 1 : 2);
          return;
        }
        if (code === 32 || !this.interruptsParagraph(pos, false)) {
          this.addParagraphLine(flow, pos);
          return;
        }
        this.closeFlow();
        this.startFlow(pos);
      }
    }
  }

  private addParagraphLine(flow: OpenFlow, pos: number) {
    const at = skipAllSpaces(this.text, pos);
    flow.end = this.lineEnd();
    flow.lines!.push(this.offset(at), flow.end, this.lineNumber);
  }

  private startFlow(pos: number) {
    const text = this.text;
    if (isBlank(text, pos)) return;
    const at = skipAllSpaces(text, pos);
    const line = this.lineNumber;
    const target = this.target();
    if (at - pos >= 4) {
      this.flow = {
        kind: 'indented',
        target,
        line,
        start: this.offset(pos),
        end: this.lineEnd(),
      };
      return;
    }
    const rest = at === 0 ? text : text.slice(at);
    const start = this.offset(at);
    const code = rest.charCodeAt(0);
    if (code === 35) {
      const heading = atxHeading.exec(rest);
      if (heading) {
        target.push({
          type: 'heading',
          depth: heading[1].length,
          line,
          start,
          end: this.lineEnd(),
        });
        return;
      }
    }
    if (
      (code === 42 || code === 45 || code === 95) &&
      thematicBreak.test(rest)
    ) {
      target.push({ type: 'thematicBreak', line, start, end: this.lineEnd() });
      return;
    }
    if (code === 96 || code === 126) {
      const fence = isFenceOpen(rest) ? fenceOpen.exec(rest) : null;
      if (fence) {
        this.flow = {
          kind: 'fenced',
          target,
          line,
          start,
          end: this.lineEnd(),
          fence: fence[1][0],
          fenceLength: fence[1].length,
        };
        return;
      }
    }
    if (code === 60) {
      const html = htmlStart(rest, false);
      if (html) {
        this.flow = {
          kind: 'html',
          target,
          line,
          start: this.offset(pos),
          end: this.lineEnd(),
          htmlEnd: html.end,
        };
        if (html.end !== undefined && containsEnd(rest, html.from, html.end)) {
          this.closeFlow();
        }
        return;
      }
    }
    this.flow = {
      kind: 'paragraph',
      target,
      line,
      start,
      end: this.lineEnd(),
      lines: [start, this.lineEnd(), line],
    };
  }

  private closeFlow() {
    const flow = this.flow;
    if (!flow) return;
    this.flow = undefined;
    if (flow.kind === 'paragraph') {
      this.closeParagraph(flow);
      return;
    }
    flow.target.push({
      type: flow.kind === 'html' ? 'html' : 'code',
      line: flow.line,
      start: flow.start,
      end: flow.end,
    });
  }

  /**
   * How many paragraph lines from `first` make a link reference definition
   * (`[label]: url "title"`, the url may sit on the next line): 0 when none.
   */
  private definitionLines(lines: number[], first: number): number {
    const markdown = this.markdown;
    if (markdown.charCodeAt(lines[first]) !== 91) return 0;
    const text = markdown.slice(lines[first], lines[first + 1]);
    const label = definitionLabel.exec(text);
    if (!label) return 0;
    if (label[0].length < text.length) {
      return definitionDestination.test(text.slice(label[0].length)) ? 1 : 0;
    }
    if (first + 3 >= lines.length) return 0;
    const next = markdown.slice(lines[first + 3], lines[first + 4]);
    return definitionDestination.test(next) ? 2 : 0;
  }

  /** Ends a paragraph: leading definitions become their own blocks; a setext underline makes it a heading. */
  private closeParagraph(flow: OpenFlow, setextDepth?: number) {
    const lines = flow.lines!;
    let first = 0;
    while (first < lines.length) {
      const span = this.definitionLines(lines, first);
      if (span === 0) break;
      flow.target.push({
        type: 'definition',
        line: lines[first + 2],
        start: lines[first],
        end: lines[first + 3 * span - 2],
      });
      first += 3 * span;
    }
    if (setextDepth !== undefined) {
      if (first < lines.length) {
        flow.target.push({
          type: 'heading',
          depth: setextDepth,
          line: lines[first + 2],
          start: lines[first],
          end: this.lineEnd(),
        });
        return;
      }
      // Only definitions: the underline starts a paragraph of its own.
      const at = skipAllSpaces(this.text, 0);
      this.flow = {
        kind: 'paragraph',
        target: flow.target,
        line: this.lineNumber,
        start: this.offset(at),
        end: this.lineEnd(),
        lines: [this.offset(at), this.lineEnd(), this.lineNumber],
      };
      return;
    }
    if (first >= lines.length) return;
    flow.target.push({
      type: 'paragraph',
      line: lines[first + 2],
      start: lines[first],
      end: flow.end,
    });
  }
}

function skipSpaces(text: string, from: number, max: number): number {
  let at = from;
  while (at - from < max && text.charCodeAt(at) === 32) at++;
  return at;
}

function skipAllSpaces(text: string, from: number): number {
  let at = from;
  while (text.charCodeAt(at) === 32) at++;
  return at;
}

function isBlank(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) {
    if (text.charCodeAt(i) !== 32) return false;
  }
  return true;
}

function trimmedEnd(markdown: string, start: number, end: number): number {
  let at = end;
  while (at > start && /[ \t]/.test(markdown[at - 1])) at--;
  return at;
}

function isFenceOpen(rest: string): boolean {
  const fence = fenceOpen.exec(rest);
  return Boolean(fence && !(fence[1][0] === '`' && fence[2].includes('`')));
}

/** The kind of HTML block starting `rest`: what ends it (undefined: a blank line) and where to look for it. */
function htmlStart(
  rest: string,
  interrupt: boolean,
): { end?: RegExp | string; from: number } | undefined {
  if (rawHtmlStart.test(rest)) return { end: rawHtmlEnd, from: 1 };
  if (rest.startsWith('<!--')) return { end: '-->', from: 4 };
  if (rest.startsWith('<?')) return { end: '?>', from: 2 };
  if (rest.startsWith('<![CDATA[')) return { end: ']]>', from: 9 };
  if (/^<![A-Za-z]/.test(rest)) return { end: '>', from: 2 };
  if (basicHtmlStart.test(rest)) return { from: 0 };
  if (interrupt) return undefined;
  const tag = completeHtmlTag.exec(rest);
  if (tag && !rawNames.test(tag[1] ?? tag[2])) return { from: 0 };
  return undefined;
}

function containsEnd(
  text: string,
  from: number,
  end: RegExp | string,
): boolean {
  if (typeof end === 'string') return text.indexOf(end, from) !== -1;
  end.lastIndex = 0;
  return end.test(from === 0 ? text : text.slice(from));
}

/**
 * Scans markdown into its blocks. Inline content is not parsed: readers take
 * each block's text from the source by its span.
 */
export function scanBlocks(markdown: string): MarkdownBlock[] {
  return new BlockScanner(markdown).scan();
}
