import { compareAgentsMd, normaliseLine } from './compareAgentsMd';

const generated = [
  '<!-- catalyst:begin -->',
  '## Commands',
  '',
  '| Task | Command | Runs |',
  '| --- | --- | --- |',
  '| Test | `pnpm test` | `vitest` |',
  '| Lint | `pnpm lint` | `next lint` |',
  '',
  '## Conventions',
  '',
  '- **Formatting**: Prettier: single quotes.',
  '- **Tests**: Vitest beside the code.',
  '<!-- catalyst:end -->',
].join('\n');

describe('compareAgentsMd', () => {
  it('treats table padding, bullet style, blank lines and reordered lines as the same substance', () => {
    const reformatted = [
      '# AGENTS.md',
      '',
      'Human notes stay out of the comparison.',
      '',
      '<!-- catalyst:begin -->',
      '## Commands',
      '| Task | Command     | Runs          |',
      '| ---- | ----------- | ------------- |',
      '| Lint | `pnpm lint` | `next lint`   |',
      '| Test | `pnpm test` | `vitest`      |',
      '## Conventions',
      '*   **Tests**: Vitest beside the code.',
      '* **Formatting**:   Prettier: single quotes.',
      '',
      '',
      '<!-- catalyst:end -->',
    ].join('\n');
    expect(compareAgentsMd(reformatted, generated)).toEqual({
      fresh: true,
      added: [],
      removed: [],
    });
  });

  it('lists the lines that would be added and removed when the substance differs', () => {
    const stale = generated
      .replace(
        '| Test | `pnpm test` | `vitest` |',
        '| Test | `npm test` | `jest` |',
      )
      .replace('- **Tests**: Vitest beside the code.\n', '');
    expect(compareAgentsMd(stale, generated)).toEqual({
      fresh: false,
      added: [
        '| Test | `pnpm test` | `vitest` |',
        '- **Tests**: Vitest beside the code.',
      ],
      removed: ['| Test | `npm test` | `jest` |'],
    });
  });

  it('says why when there is nothing to compare', () => {
    expect(compareAgentsMd(undefined, generated)).toMatchObject({
      fresh: false,
      reason: 'AGENTS.md does not exist',
    });
    expect(compareAgentsMd('# Notes only\n', generated)).toMatchObject({
      fresh: false,
      reason: 'AGENTS.md has no catalyst block',
    });
    expect(compareAgentsMd('<!-- catalyst:end -->\n', generated)).toMatchObject(
      { fresh: false, reason: expect.stringContaining('has no matching') },
    );
  });

  it('normalises escaped pipes inside table cells without splitting them', () => {
    expect(normaliseLine('|  Run  |  `a \\| b`  |')).toBe(
      '| Run | `a \\| b` |',
    );
    expect(normaliseLine('|:---|---:|')).toBe('|---|---|');
  });
});
