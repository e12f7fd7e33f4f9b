import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { buildNextApp } from '../__testUtils__/nextAppFixture';
import { analyzeRepository } from '../analyzeRepository';
import { significantFactsHash } from './factsHash';
import { generateAgentsMd } from './generateAgentsMd';

describe('significantFactsHash', () => {
  let repo: FixtureRepo;
  beforeAll(() => {
    repo = buildNextApp();
  });
  afterAll(() => repo.remove());

  it('ignores changes the AGENTS.md block does not depend on, and follows the ones it does', async () => {
    const before = await analyzeRepository(repo.root);
    const hash = significantFactsHash(before);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(significantFactsHash(before)).toBe(hash);

    // A typo fix in prose, a new source file, reordered JSON keys: same context.
    repo.write(
      'README.md',
      '# Acme shop\n\nFixed a typo in the setup notes.\n',
    );
    repo.write('src/lib/tax.ts', 'export const tax = 0.2\n');
    repo.commit('fix(ui): typo in the setup notes');
    const unchanged = await analyzeRepository(repo.root);
    expect(unchanged.git.head).not.toBe(before.git.head);
    expect(significantFactsHash(unchanged)).toBe(hash);
    expect(generateAgentsMd(unchanged).block).toBe(
      generateAgentsMd(before).block,
    );

    // A formatter setting changes what agents must do: new hash.
    repo.write(
      '.prettierrc',
      '{\n  "singleQuote": false,\n  "semi": false,\n  "printWidth": 100\n}\n',
    );
    const changed = await analyzeRepository(repo.root);
    expect(significantFactsHash(changed)).not.toBe(hash);
  });
});
