import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FixtureRepo } from './__testUtils__/FixtureRepo';
import { analyzeRepository } from './analyzeRepository';
import { generateAgentsMd } from './agentsMd/generateAgentsMd';

describe('analyzeRepository on awkward checkouts', () => {
  const repos: FixtureRepo[] = [];
  const track = (repo: FixtureRepo) => {
    repos.push(repo);
    return repo;
  };
  afterAll(() => repos.forEach(r => r.remove()));

  it('walks a folder that is not a git repository, honouring nested .gitignore files, and says it read no history', async () => {
    const repo = track(FixtureRepo.create('nogit'))
      .writeJson('package.json', {
        name: 'plain',
        scripts: { test: 'jest' },
        devDependencies: { jest: '^29.0.0' },
      })
      .write('.gitignore', 'generated/\n*.log\n')
      .write('src/a.test.js', 'test("a", () => {});\n')
      .write('src/a.js', 'module.exports = 1;\n')
      .write('src/.gitignore', 'scratch.js\n')
      .write('src/scratch.js', 'ignored\n')
      .write('generated/out.js', 'ignored\n')
      .write('debug.log', 'ignored\n')
      .write('node_modules/jest/package.json', '{"name":"jest"}\n');
    const facts = await analyzeRepository(repo.root);
    expect(facts.git).toEqual({ isRepository: false, shallow: false });
    expect(facts.files.total).toBe(5);
    expect(facts.history).toMatchObject({
      available: false,
      commitsAnalysed: 0,
      source: { git: 'not a git repository' },
    });
    expect(facts.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'info',
        message: expect.stringContaining('not a git repository'),
      }),
    );
    expect(facts.commands.find(c => c.kind === 'test')).toMatchObject({
      command: 'npm test',
      source: { file: 'package.json', line: 4 },
    });
    expect(facts.packageManagers[0].source.note).toBe(
      'no lock file or packageManager field: npm assumed',
    );
    const { content } = generateAgentsMd(facts);
    expect(content).not.toContain('**Commits**');
    expect(content).toContain('| Test | `npm test` | `jest` |');
  });

  it('reads a shallow clone and says history is cut short', async () => {
    const origin = track(FixtureRepo.create('origin').init());
    for (let i = 0; i < 15; i++)
      origin.commit(`feat: change ${i}`, `file-${i}.txt`);
    const parent = mkdtempSync(join(tmpdir(), 'catalyst-shallow-'));
    const clone = join(parent, 'clone');
    execFileSync('git', [
      'clone',
      '-q',
      '--depth',
      '1',
      `file://${origin.root}`,
      clone,
    ]);
    try {
      const facts = await analyzeRepository(clone);
      expect(facts.git).toMatchObject({
        isRepository: true,
        shallow: true,
        defaultBranch: 'main',
      });
      expect(facts.history).toMatchObject({
        available: true,
        shallow: true,
        commitsAnalysed: 1,
      });
      expect(facts.diagnostics.map(d => d.message)).toEqual(
        expect.arrayContaining([
          'shallow clone: only 1 commit(s) are visible, so commit and branch conventions may be missing',
          'only 1 non-merge commit(s) in history: too few to infer a commit convention',
        ]),
      );
      expect(generateAgentsMd(facts).content).not.toContain('**Commits**');
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });

  it('survives symlink loops, with and without git', async () => {
    const repo = track(FixtureRepo.create('loops'))
      .write('Makefile', 'test:\n\tgo test ./...\n')
      .write('real/file.txt', 'x\n')
      .symlink('loop', 'loop')
      .symlink('real/up', '..')
      .symlink('CLAUDE.md', 'AGENTS.md')
      .write('AGENTS.md', '# Notes\n');
    const walked = await analyzeRepository(repo.root);
    expect(walked.files.total).toBe(4);
    expect(walked.diagnostics).toContainEqual({
      severity: 'warning',
      file: 'loop',
      message: 'symlink loop: skipped',
    });
    expect(walked.agentFiles).toEqual([
      {
        path: 'AGENTS.md',
        lines: 1,
        managedBlocks: [],
        source: { file: 'AGENTS.md' },
      },
      {
        path: 'CLAUDE.md',
        lines: 1,
        managedBlocks: [],
        symlinkTo: 'AGENTS.md',
        source: { file: 'CLAUDE.md' },
      },
    ]);
    repo.init().commit('chore: add files');
    const tracked = await analyzeRepository(repo.root);
    expect(tracked.git.isRepository).toBe(true);
    expect(tracked.diagnostics).toContainEqual({
      severity: 'warning',
      file: 'loop',
      message: 'symlink loop: skipped',
    });
    expect(tracked.commands.find(c => c.kind === 'test')?.command).toBe(
      'make test',
    );
  });

  it('reports a malformed package.json with its file and line and still reads the rest', async () => {
    const repo = track(FixtureRepo.create('malformed'))
      .write(
        'package.json',
        '{\n  "name": "broken",\n  "scripts": {\n    "test": "jest"\n  \n',
      )
      .write('packages/ok/package.json', '["not", "an", "object"]\n')
      .write('Makefile', 'lint: ## Lint everything\n\teslint .\n')
      .write('.golangci.yml', 'linters: [unclosed\n');
    const facts = await analyzeRepository(repo.root);
    expect(facts.diagnostics).toContainEqual(
      expect.objectContaining({
        severity: 'warning',
        file: 'package.json',
        line: 6,
        message: expect.stringMatching(/^malformed JSON/),
      }),
    );
    expect(facts.commands.find(c => c.kind === 'lint')).toMatchObject({
      command: 'make lint',
      description: 'Lint everything',
    });
    expect(facts.packageManagers).toEqual([]);
  });

  it('leaves the Go modules of sample repositories under fixtures/ out', async () => {
    const repo = track(FixtureRepo.create('samples'))
      .writeJson('package.json', { name: 'portal', scripts: { test: 'jest' } })
      .write('operator/go.mod', 'module example.com/operator\n\ngo 1.23\n')
      .write('operator/main.go', 'package main\n')
      .write(
        'examples/fixtures/repos/worker/go.mod',
        'module example.com/worker\n\ngo 1.23\n',
      )
      .write('examples/fixtures/repos/worker/main.go', 'package main\n');
    const facts = await analyzeRepository(repo.root);
    expect(JSON.stringify(facts)).toContain('example.com/operator');
    expect(JSON.stringify(facts)).not.toContain('example.com/worker');
    expect(facts.commands.map(c => c.command)).not.toContain(
      'cd examples/fixtures/repos/worker && go test ./...',
    );
  });

  it('counts huge and binary files by size without reading them', async () => {
    const big = 'x'.repeat(3 * 1024 * 1024);
    const repo = track(FixtureRepo.create('huge'))
      .write('src/huge.ts', `export const s = "${big}";\n`)
      .write('src/small.ts', 'export const n = 1;\n')
      .write(
        'assets/logo.png',
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0, 1, 2, 3]),
      )
      .write('bin/setup', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 0]))
      .write('Makefile', `${'# padding\n'.repeat(200)}test:\n\tgo test ./...\n`)
      .init()
      .commit('chore: add files');
    const facts = await analyzeRepository(repo.root, { maxReadBytes: 1000 });
    const typescript = facts.languages.find(l => l.name === 'TypeScript')!;
    expect(typescript.files).toBe(2);
    expect(typescript.share).toBeGreaterThan(0.99);
    expect(typescript.bytes).toBeGreaterThan(3 * 1024 * 1024);
    expect(facts.files.skippedHuge).toBe(1);
    expect(facts.files.skippedBinary).toBe(1);
    expect(facts.diagnostics).toContainEqual({
      severity: 'info',
      file: 'Makefile',
      message: 'not read: 2021 bytes is over the 1000-byte limit',
    });
    // The binary binstub is still an entry point; only its content was not read.
    expect(facts.commands.find(c => c.command === 'bin/setup')).toMatchObject({
      kind: 'setup',
      runs: undefined,
    });
  });

  it('throws a clear error for a folder that does not exist', async () => {
    await expect(
      analyzeRepository('/nonexistent/catalyst-repo'),
    ).rejects.toThrow('/nonexistent/catalyst-repo does not exist');
  });
});
