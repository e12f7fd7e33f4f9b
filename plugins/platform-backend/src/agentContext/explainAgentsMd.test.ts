import { analyzeRepository, generateAgentsMd } from '@catalyst/repo-analyzer';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createPaymentsCheckout } from '../__testUtils__/agentContextRepository';
import { explainAgentsMd } from './explainAgentsMd';

describe('explainAgentsMd', () => {
  let checkout: Awaited<ReturnType<typeof createPaymentsCheckout>>;

  beforeAll(async () => {
    checkout = await createPaymentsCheckout();
  });

  afterAll(async () => {
    await checkout.remove();
  });

  async function explain() {
    const facts = await analyzeRepository(checkout.dir);
    const existing = readFileSync(join(checkout.dir, 'AGENTS.md'), 'utf8');
    const generated = generateAgentsMd(facts, existing);
    const lines = explainAgentsMd(facts, generated.context, generated.content);
    return { lines, content: generated.content.split('\n') };
  }

  const lineOf = (file: string, text: string) =>
    readFileSync(join(checkout.dir, file), 'utf8')
      .split('\n')
      .findIndex(l => l.includes(text)) + 1;

  it('gives each stated line its number in the generated file', async () => {
    const { lines, content } = await explain();

    expect(lines.length).toBeGreaterThan(5);
    for (const line of lines) {
      expect(content[line.line - 1]).toBe(line.text);
    }
    // Hand-written text, headings, table headers and markers state no facts.
    const texts = lines.map(l => l.text);
    expect(texts).not.toContain(
      'Hand-written: ask Dana before touching billing.',
    );
    expect(texts.some(t => t.startsWith('## ') || t.startsWith('<!--'))).toBe(
      false,
    );
    expect(texts).not.toContain('| Task | Command | Runs |');
    expect(texts).not.toContain('| --- | --- | --- |');
  });

  it('traces a command row to the package.json script it comes from', async () => {
    const { lines } = await explain();

    const test = lines.find(l => l.text.startsWith('| Test |'));
    expect(test).toMatchObject({
      section: 'Commands',
      facts: [
        {
          kind: 'command',
          label: 'package.json script `test`',
          source: {
            file: 'package.json',
            line: lineOf('package.json', '"test": "jest"'),
          },
        },
      ],
    });
  });

  it('traces conventions to the configuration and to the git history', async () => {
    const { lines } = await explain();

    const formatting = lines.find(l => l.text.startsWith('- **Formatting**'));
    expect(formatting?.section).toBe('Conventions');
    expect(formatting?.facts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'style',
          source: expect.objectContaining({ file: '.prettierrc' }),
        }),
      ]),
    );
    const commits = lines.find(l => l.text.startsWith('- **Commits**'));
    expect(commits?.facts).toEqual([
      {
        kind: 'history',
        label: 'recent commit subjects',
        source: { git: expect.stringMatching(/^git log/) },
      },
    ]);
    const summary = lines.find(
      l => l.text === 'Payments API: charges and refunds',
    );
    expect(summary?.facts).toEqual([
      expect.objectContaining({
        kind: 'project',
        source: {
          file: 'package.json',
          line: lineOf('package.json', '"description"'),
        },
      }),
    ]);
    const toolchain = lines.find(l => l.text.startsWith('Use yarn 4.1.0'));
    expect(toolchain?.facts[0]).toMatchObject({
      kind: 'toolchain',
      source: { file: 'package.json' },
    });
    const layout = lines.find(l => l.text.startsWith('| `src/`'));
    expect(layout).toMatchObject({
      section: 'Layout',
      facts: [{ kind: 'layout', label: 'folder `src/`' }],
    });
  });

  it('explains nothing in a file without the block', () => {
    expect(
      explainAgentsMd(
        {} as never,
        {} as never,
        '# AGENTS.md\n\nNo block here.\n',
      ),
    ).toEqual([]);
  });
});
