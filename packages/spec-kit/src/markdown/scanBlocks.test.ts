import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fixtureRoot } from '../__testUtils__/fixtures';
import { corpusRoot } from '../__testUtils__/corpus';
import { mdastBlocks } from '../__testUtils__/mdastBlocks';
import { TasksReader } from '../tasks/TasksReader';
import { parseTasksMarkdown } from '../tasks/parseTasksMarkdown';
import { parseSpecMarkdown, readSpecBlocks } from '../spec/parseSpecMarkdown';
import { scanBlocks } from './scanBlocks';

/** Every markdown file below a folder, dot folders included (`.templates`). */
function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter(entry => entry.isFile() && entry.name.endsWith('.md'))
    .map(entry => join(entry.parentPath, entry.name))
    .sort();
}

const corpus = corpusRoot();
const documents = [
  ...markdownFiles(corpus).map(file => ({
    name: `corpus/${relative(corpus, file)}`,
    file,
  })),
  ...markdownFiles(join(fixtureRoot('blocks'), '..')).map(file => ({
    name: `fixtures/${relative(join(fixtureRoot('blocks'), '..'), file)}`,
    file,
  })),
];

/** The same document with other line endings: `\r\n` and a lone `\r`. */
const variants: Array<[string, (text: string) => string]> = [
  ['LF', text => text],
  ['CRLF', text => text.replace(/\n/g, '\r\n')],
  ['CR', text => text.replace(/\n/g, '\r')],
];

describe('scanBlocks', () => {
  it('has documents to compare: the corpus and the fixtures', () => {
    expect(
      documents.filter(doc => doc.name.startsWith('corpus/')).length,
    ).toBeGreaterThanOrEqual(50);
    expect(
      documents.filter(doc => doc.name.startsWith('fixtures/blocks/')).length,
    ).toBeGreaterThanOrEqual(5);
  });

  describe.each(variants)('with %s line endings', (_, convert) => {
    it.each(documents.map(doc => [doc.name, doc.file]))(
      'finds the blocks, tasks and spec entries remark-parse finds in %s',
      (name, file) => {
        const markdown = convert(readFileSync(file, 'utf8'));
        const reference = mdastBlocks(markdown);
        expect(scanBlocks(markdown)).toEqual(reference);
        expect(parseTasksMarkdown(markdown, name)).toEqual(
          new TasksReader(markdown, name, reference).read(),
        );
        expect(parseSpecMarkdown(markdown, name)).toEqual(
          readSpecBlocks(markdown, name, reference),
        );
      },
    );
  });

  it('keeps task-like lines in code, comments and HTML out of the tasks', () => {
    const markdown = readFileSync(
      join(fixtureRoot('blocks'), 'code-fences.md'),
      'utf8',
    );
    const ids = parseTasksMarkdown(markdown, 'tasks.md').tasks.map(
      task => task.id,
    );
    expect(ids).toEqual(['T001', 'T002', 'T003', 'T004', 'T005', 'T006']);
  });

  it('reads setext headings, heading tasks and quoted tasks', () => {
    const markdown = readFileSync(
      join(fixtureRoot('blocks'), 'headings-html.md'),
      'utf8',
    ).replace(/\n/g, '\r\n');
    const { tasks } = parseTasksMarkdown(markdown, 'tasks.md');
    const byId = new Map(tasks.map(task => [task.id ?? task.label, task]));
    expect(byId.get('T001')).toMatchObject({
      phase: 'Phase 2: Setext phase',
      section: 'Phase 2: Setext phase',
    });
    expect(byId.get('Task 3')).toMatchObject({
      source: 'heading',
      parallel: true,
      stories: ['US-2'],
      section: 'Multi-line setext heading',
    });
    expect(byId.get('T008')).toMatchObject({
      phase: 'Phase 5: Quoted',
      details: ['lazy continuation of T008'],
    });
    expect(byId.has('T900')).toBe(false);
    expect(tasks.some(task => task.section?.startsWith('title:'))).toBe(false);
  });
});
