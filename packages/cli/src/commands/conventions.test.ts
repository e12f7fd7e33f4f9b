import { goConventionPack } from '@catalyst/conventions';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../__testUtils__/runCli';

const run = (...args: string[]) => runCli('conventions', ...args);
const dirs: string[] = [];

function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'catalyst-cli-conventions-'));
  dirs.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const goProject = {
  'go.mod': 'module example.com/demo\n\ngo 1.22\n',
  'main.go': 'package main\n',
  'main_test.go': 'package main\n',
  '.git/HEAD': 'ref: refs/heads/main\n',
};

function cleanGoRepository(extra: Record<string, string> = {}): string {
  return repository({
    ...goProject,
    ...Object.fromEntries(
      goConventionPack.files.map(file => [file.path, file.content]),
    ),
    ...extra,
  });
}

afterEach(() => {
  while (dirs.length) rmSync(dirs.pop()!, { recursive: true, force: true });
});

describe('catalyst conventions', () => {
  it('prints a passing report for a clean checkout', async () => {
    const result = await run(cleanGoRepository(), '--exit-code');
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('Convention pack go (Go), detected from go.mod');
    expect(lines).toContain('  pass        .golangci.yml (required)');
    expect(lines).toContain('  pass        test/tests-beside-code');
    expect(lines).toContain(
      '10 pass, 0 drift, 0 missing, 0 overridden, 0 unchecked',
    );
  });

  it('shows drift with evidence and exits 1 with --exit-code', async () => {
    const dir = cleanGoRepository({
      '.golangci.yml': 'version: "2"\nlinters:\n  default: none\n',
      '.editorconfig': 'root = true\n',
    });
    rmSync(join(dir, '.github/CODEOWNERS'));
    const result = await run(dir, '--exit-code');
    expect(result.exitCode).toBe(1);
    expect(result.stdout).toContain('  drift       .golangci.yml (required)');
    expect(result.stdout).toContain(
      '$.linters.default: expected "standard", found "none"',
    );
    expect(result.stdout).toContain('+++ .editorconfig');
    expect(result.stdout).toContain(
      '  missing     .github/CODEOWNERS (required)',
    );
    expect((await run(dir)).exitCode).toBe(0);
  });

  it('prints JSON reports', async () => {
    const dir = cleanGoRepository({
      'catalyst.yaml': 'conventions:\n  rules:\n    branch-naming: false\n',
    });
    const result = await run(dir, '--json');
    expect(result.exitCode).toBe(0);
    const check = JSON.parse(result.stdout);
    expect(check.pack).toEqual({
      id: 'go',
      title: 'Go',
      reason: 'detected from go.mod',
    });
    expect(check.drifted).toBe(false);
    expect(check.reports).toContainEqual({
      kind: 'rule',
      name: 'branch-naming',
      ruleType: 'branch',
      required: false,
      status: 'overridden',
      evidence: ['catalyst.yaml:3 rules'],
    });
  });

  it('warns with file and line when catalyst.yaml disables a required rule', async () => {
    const dir = cleanGoRepository({
      'catalyst.yaml': 'conventions:\n  rules:\n    golangci-lint: false\n',
    });
    const result = await run(dir);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe(
      `${join(
        dir,
        'catalyst.yaml',
      )}:3: warning: rule "golangci-lint" is required by pack "go" but catalyst.yaml disables it\n`,
    );
  });

  it('exits 2 with file:line: message for a malformed catalyst.yaml', async () => {
    const dir = cleanGoRepository({
      'catalyst.yaml':
        'conventions:\n  pack: go\n  files:\n    lefthook.yml: yes please\n',
    });
    const result = await run(dir, '--json');
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(
      new RegExp(
        `^${join(dir, 'catalyst.yaml').replace(
          /[.*+?^${}()|[\]\\]/g,
          '\\$&',
        )}:4: conventions\\.files\\.lefthook\\.yml: `,
      ),
    );
  });

  it('exits 2 for an unknown --pack and a missing directory', async () => {
    const unknown = await run(cleanGoRepository(), '--pack', 'cobol');
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toMatch(/^--pack: unknown convention pack "cobol"/);
    const missing = await run(join(tmpdir(), 'catalyst-no-such-dir-4711'));
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toMatch(/is not a directory/);
  });

  it('--fix writes the standard files of the chosen pack, leaving ignored ones', async () => {
    const dir = repository({
      ...goProject,
      'catalyst.yaml': "conventions:\n  ignore: ['.github/']\n",
    });
    const result = await run(dir, '--fix', '--pack', 'go', '--exit-code');
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe(
      'Wrote 3 files: .editorconfig, .golangci.yml, lefthook.yml',
    );
    expect(readFileSync(join(dir, 'lefthook.yml'), 'utf8')).toBe(
      goConventionPack.files.find(f => f.path === 'lefthook.yml')!.content,
    );
    expect(existsSync(join(dir, '.github'))).toBe(false);
    const again = await run(dir, '--fix');
    expect(again.stdout.split('\n')[0]).toBe('Nothing to write.');
  });
});
