import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import type { Root } from 'mdast';

// Only block structure is read from the tree (entries are taken from the source
// text), so the GFM inline extensions, which double the parse time, are left out.
const processor = unified()
  .use(remarkParse)
  .use(remarkFrontmatter, ['yaml', 'toml']);

/** Parses markdown into an mdast tree with positions. */
export function parseMarkdownTree(markdown: string): Root {
  return processor.parse(markdown);
}
