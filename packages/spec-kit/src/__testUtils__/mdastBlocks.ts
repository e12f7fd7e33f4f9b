import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Node, Parent } from 'unist';
import type { Heading } from 'mdast';
import type { MarkdownBlock } from '../markdown/scanBlocks';

// The reference the line scanner is held to: remark-parse with frontmatter,
// as the index used before it read blocks line by line.
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml']);

const leafTypes = new Set([
  'paragraph',
  'code',
  'html',
  'thematicBreak',
  'definition',
  'yaml',
  'toml',
]);

/**
 * The blocks remark-parse finds in a document, in the shape `scanBlocks`
 * returns: block structure and source spans, ends without trailing whitespace.
 */
export function mdastBlocks(markdown: string): MarkdownBlock[] {
  // micromark drops a byte order mark and counts offsets without it.
  const shift = markdown.charCodeAt(0) === 0xfeff ? 1 : 0;
  return project(processor.parse(markdown).children, markdown, shift);
}

function project(
  nodes: Node[],
  markdown: string,
  shift: number,
): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  for (const node of nodes) {
    const line = node.position!.start.line;
    const start = node.position!.start.offset! + shift;
    const end =
      start +
      markdown
        .slice(start, node.position!.end.offset! + shift)
        .replace(/[ \t\r\n]+$/, '').length;
    const children = (node as Parent).children ?? [];
    switch (node.type) {
      case 'heading':
        blocks.push({
          type: 'heading',
          depth: (node as Heading).depth,
          line,
          start,
          end,
        });
        break;
      case 'list':
        blocks.push({
          type: 'list',
          line,
          children: project(children, markdown, shift) as any,
        });
        break;
      case 'listItem':
      case 'blockquote':
        blocks.push({
          type: node.type,
          line,
          children: project(children, markdown, shift),
        });
        break;
      default:
        if (!leafTypes.has(node.type)) {
          throw new Error(`Unexpected block ${node.type} on line ${line}`);
        }
        blocks.push({ type: node.type as any, line, start, end });
    }
  }
  return blocks;
}
