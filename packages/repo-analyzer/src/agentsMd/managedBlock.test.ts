import { findManagedBlocks } from '../agentFiles/findAgentFiles';
import { upsertCatalystBlock } from './managedBlock';

const block = [
  '<!-- catalyst:begin -->',
  '## Commands',
  '',
  '| Task | Command |',
  '| --- | --- |',
  '| Test | `pnpm test` |',
  '<!-- catalyst:end -->',
].join('\n');

const humanWritten = [
  '# Shop',
  '',
  'Hand-written notes: never call the payments sandbox from tests.',
  '',
  '<!-- SPECKIT START -->',
  '## Active Technologies',
  '- TypeScript 5 + Next.js 14 (001-checkout)',
  '<!-- SPECKIT END -->',
  '',
  '## Deploying',
  '',
  'Ask #ops before touching `infra/`.   ',
  '',
].join('\n');

describe('upsertCatalystBlock', () => {
  it('creates a titled file around the block when there is none', () => {
    expect(upsertCatalystBlock(undefined, block)).toBe(
      `# AGENTS.md\n\n${block}\n`,
    );
    expect(upsertCatalystBlock('  \n', block)).toBe(
      `# AGENTS.md\n\n${block}\n`,
    );
  });

  it('appends the block after hand-written sections and Spec Kit’s block, changing none of their bytes', () => {
    const once = upsertCatalystBlock(humanWritten, block);
    expect(once.startsWith(humanWritten)).toBe(true);
    expect(once.slice(humanWritten.length)).toBe(`\n${block}\n`);
    expect(
      findManagedBlocks(once).map(b => [b.name, b.beginLine, b.endLine]),
    ).toEqual([
      ['speckit', 5, 8],
      ['catalyst', 14, 20],
    ]);
  });

  it('replaces only its own block on the next run, wherever a human moved it', () => {
    const moved = humanWritten.replace(
      '## Deploying',
      `${block.replace('pnpm test', 'npm test')}\n\n## Deploying`,
    );
    const updated = upsertCatalystBlock(moved, block);
    expect(updated).toBe(
      humanWritten.replace('## Deploying', `${block}\n\n## Deploying`),
    );
    expect(upsertCatalystBlock(updated, block)).toBe(updated);
  });

  it('keeps Windows line endings', () => {
    const crlf = humanWritten.replace(/\n/g, '\r\n');
    const updated = upsertCatalystBlock(crlf, block);
    expect(updated.startsWith(crlf)).toBe(true);
    expect(updated.replace(/\r\n/g, '')).not.toContain('\n');
    expect(upsertCatalystBlock(updated, block)).toBe(updated);
  });

  it('refuses to rewrite a file whose markers are unbalanced', () => {
    expect(() =>
      upsertCatalystBlock(
        `# Notes\n<!-- catalyst:begin -->\nleft open\n`,
        block,
      ),
    ).toThrow(
      'AGENTS.md line 2: <!-- catalyst:begin --> has no matching <!-- catalyst:end -->; fix the markers by hand',
    );
  });
});
