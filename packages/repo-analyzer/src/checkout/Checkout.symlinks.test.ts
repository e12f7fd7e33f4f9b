import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureRepo } from '../__testUtils__/FixtureRepo';
import { analyzeRepository } from '../analyzeRepository';
import { generateAgentsMd } from '../agentsMd/generateAgentsMd';

// The author of a repository controls its symlinks: none may pull a file from
// outside the checkout into the facts or the generated AGENTS.md.
describe('a checkout whose symlinks lead outside it', () => {
  let outside: string;
  let repo: FixtureRepo;

  beforeEach(() => {
    outside = mkdtempSync(join(tmpdir(), 'analyzer-outside-'));
    writeFileSync(
      join(outside, 'package.json'),
      '{"name":"ghp_backend_secret","scripts":{"test":"ghp_backend_secret"}}',
    );
    repo = FixtureRepo.create('symlinks-out')
      .write('go.mod', 'module example.com/demo\n\ngo 1.22\n')
      .symlink('package.json', join(outside, 'package.json'))
      .symlink('AGENTS.md', '/proc/self/environ')
      .symlink('.editorconfig', '../../../../../../../etc/passwd')
      .symlink('config', outside);
  });

  afterEach(() => {
    repo.remove();
    rmSync(outside, { recursive: true, force: true });
  });

  it.each([false, true])(
    'leaves them out with a diagnostic (git: %s)',
    async withGit => {
      if (withGit) repo.init().commit('chore: add files');
      const facts = await analyzeRepository(repo.root);
      const text = JSON.stringify(facts) + generateAgentsMd(facts).content;
      expect(text).not.toContain('ghp_backend_secret');
      expect(text).not.toContain('PATH=');
      expect(text).not.toContain('root:x:0');
      expect(facts.agentFiles).toEqual([]);
      expect(facts.diagnostics).toContainEqual({
        severity: 'warning',
        file: 'package.json',
        message: 'symlink leads outside the checkout: skipped',
      });
    },
  );
});
