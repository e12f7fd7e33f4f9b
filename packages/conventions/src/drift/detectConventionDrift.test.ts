import { statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join as joinPath } from 'node:path';
import {
  createCleanRepository,
  createFixtureRepository,
  projectFilesByPack,
  removeFixtureRepositories,
  writeFixtureFiles,
} from '../__testUtils__/fixtureRepositories';
import { fixConventionDrift } from '../fix/fixConventionDrift';
import {
  defaultConventionPacks,
  goConventionPack,
  typescriptConventionPack,
} from '../packs';
import {
  ConventionsConfigError,
  detectConventionDrift,
} from './detectConventionDrift';
import { ConventionsCheck } from './types';

afterEach(removeFixtureRepositories);

const packs = defaultConventionPacks;

function statuses(check: ConventionsCheck): Record<string, string> {
  return Object.fromEntries(
    check.reports.map(entry => [entry.name, entry.status]),
  );
}

function report(check: ConventionsCheck, name: string) {
  const found = check.reports.find(candidate => candidate.name === name);
  if (!found) throw new Error(`no report for ${name}`);
  return found;
}

describe.each(defaultConventionPacks.map(pack => [pack.id, pack] as const))(
  'the %s pack',
  (id, pack) => {
    it('is detected and passes on a clean checkout', async () => {
      const check = await detectConventionDrift({
        repoDir: createCleanRepository(pack),
        packs,
      });
      expect(check.pack.id).toBe(id);
      expect(check.pack.reason).toMatch(/^detected from /);
      expect(check.warnings).toEqual([]);
      expect(check.drifted).toBe(false);
      expect(
        check.reports.filter(r => r.status !== 'pass').map(r => r.name),
      ).toEqual([]);
      expect(check.summary.pass).toBe(pack.files.length + pack.rules.length);
    });

    it('reports missing files, drifted content and failing rules', async () => {
      const repoDir = createFixtureRepository(projectFilesByPack[id]);
      const ci = pack.files.find(f => f.path === '.github/workflows/ci.yml')!;
      writeFixtureFiles(repoDir, {
        '.github/workflows/ci.yml': ci.content.replace(
          'ubuntu-latest',
          'windows-latest',
        ),
        '.editorconfig': 'root = true\n',
        '.git/HEAD': 'ref: refs/heads/my-random-branch\n',
      });
      const check = await detectConventionDrift({ repoDir, packs });
      expect(check.drifted).toBe(true);
      const workflow = report(check, '.github/workflows/ci.yml');
      expect(workflow.status).toBe('drift');
      expect(workflow.evidence).toEqual([
        '$.jobs.lint-and-test.runs-on: expected "ubuntu-latest", found "windows-latest"',
      ]);
      const editorconfig = report(check, '.editorconfig');
      expect(editorconfig.status).toBe('drift');
      expect(editorconfig.diff).toContain('+++ .editorconfig');
      expect(editorconfig.diff).toContain('-charset = utf-8');
      expect(report(check, '.github/CODEOWNERS').status).toBe('missing');
      expect(report(check, 'conventional-commits').status).toBe('missing');
      expect(report(check, 'branch-naming')).toMatchObject({
        status: 'drift',
        evidence: [
          expect.stringContaining('"my-random-branch" does not match'),
        ],
      });
    });

    it('follows catalyst.yaml overrides and warns about required items', async () => {
      const repoDir = createCleanRepository(pack);
      writeFixtureFiles(repoDir, {
        'catalyst.yaml': `conventions:
  pack: ${id}
  rules:
    conventional-commits: false
  files:
    .github/CODEOWNERS: false
`,
      });
      const check = await detectConventionDrift({ repoDir, packs });
      expect(check.pack.reason).toBe('named by catalyst.yaml:2');
      expect(statuses(check)).toMatchObject({
        'conventional-commits': 'overridden',
        '.github/CODEOWNERS': 'overridden',
        '.editorconfig': 'pass',
      });
      expect(check.warnings.map(w => w.line)).toEqual([4, 6]);
      expect(check.drifted).toBe(false);
    });

    it('rejects a malformed catalyst.yaml with its line', async () => {
      const repoDir = createCleanRepository(pack);
      writeFixtureFiles(repoDir, {
        'catalyst.yaml': `conventions:\n  pack: ${id}\n  rules: [oops]\n`,
      });
      await expect(detectConventionDrift({ repoDir, packs })).rejects.toThrow(
        /^catalyst\.yaml:3: conventions\.rules: /,
      );
    });
  },
);

describe('detectConventionDrift', () => {
  it('finds source folders without tests', async () => {
    const repoDir = createCleanRepository(goConventionPack);
    writeFixtureFiles(repoDir, {
      'internal/cache/cache.go': 'package cache\n',
      'vendor/x/x.go': 'package x\n',
    });
    const check = await detectConventionDrift({ repoDir, packs });
    expect(report(check, 'tests-beside-code')).toMatchObject({
      status: 'drift',
      evidence: [
        '2 of 4 source folders have no test: internal/cache, vendor/x',
      ],
    });
  });

  it('lets catalyst.yaml turn things off, with warnings at their lines', async () => {
    const repoDir = createFixtureRepository(projectFilesByPack.typescript);
    writeFixtureFiles(repoDir, {
      'catalyst.yaml': `conventions:
  ignore:
    - .github/workflows/
    - src/legacy/**
  rules:
    conventional-commits: false
    prettier: { enabled: false }
    no-such-rule: false
  files:
    .prettierrc.json: false
    .github/CODEOWNERS: false
`,
      'src/legacy/old.ts': 'export const old = 1;\n',
    });
    const check = await detectConventionDrift({ repoDir, packs });
    expect(statuses(check)).toMatchObject({
      '.github/workflows/ci.yml': 'overridden',
      '.prettierrc.json': 'overridden',
      '.github/CODEOWNERS': 'overridden',
      'conventional-commits': 'overridden',
      prettier: 'overridden',
      'tests-beside-code': 'pass',
      '.editorconfig': 'missing',
    });
    expect(report(check, '.github/workflows/ci.yml').evidence).toEqual([
      'catalyst.yaml:3 ignore ".github/workflows/"',
    ]);
    expect(report(check, 'prettier').evidence).toEqual([
      'catalyst.yaml:7 rules',
    ]);
    expect(
      check.warnings.map(w => `${w.file}:${w.line}: ${w.message}`),
    ).toEqual([
      'catalyst.yaml:3: ".github/workflows/ci.yml" is required by pack "typescript" but catalyst.yaml ignores it',
      'catalyst.yaml:6: rule "conventional-commits" is required by pack "typescript" but catalyst.yaml disables it',
      'catalyst.yaml:8: pack "typescript" has no rule "no-such-rule"',
      'catalyst.yaml:11: ".github/CODEOWNERS" is required by pack "typescript" but catalyst.yaml turns it off',
    ]);
  });

  it('merges rule config from catalyst.yaml over the pack', async () => {
    const repoDir = createCleanRepository(typescriptConventionPack);
    writeFixtureFiles(repoDir, {
      'src/lonely/thing.ts': 'export const thing = 1;\n',
    });
    expect(
      report(
        await detectConventionDrift({ repoDir, packs }),
        'tests-beside-code',
      ).status,
    ).toBe('drift');
    writeFixtureFiles(repoDir, {
      'catalyst.yaml':
        'conventions:\n  rules:\n    tests-beside-code:\n      config: { granularity: repository }\n',
    });
    const check = await detectConventionDrift({ repoDir, packs });
    expect(report(check, 'tests-beside-code').status).toBe('pass');
    expect(check.warnings).toEqual([]);
  });

  it('says a rule is unchecked when catalyst.yaml gives it a broken pattern', async () => {
    const repoDir = createCleanRepository(goConventionPack);
    writeFixtureFiles(repoDir, {
      'catalyst.yaml':
        "conventions:\n  rules:\n    tests-beside-code:\n      config: { testPattern: '(_test' }\n",
    });
    const check = await detectConventionDrift({ repoDir, packs });
    expect(report(check, 'tests-beside-code')).toMatchObject({
      status: 'unchecked',
      evidence: [
        expect.stringMatching(/^config testPattern is not a valid pattern: /),
      ],
    });
  });

  it('prefers --pack, then catalyst.yaml, over detection', async () => {
    const repoDir = createCleanRepository(goConventionPack);
    writeFixtureFiles(repoDir, {
      'catalyst.yaml': '\nconventions:\n  pack: ruby\n',
    });
    expect((await detectConventionDrift({ repoDir, packs })).pack).toEqual({
      id: 'ruby',
      title: 'Ruby',
      reason: 'named by catalyst.yaml:3',
    });
    expect(
      (await detectConventionDrift({ repoDir, packs, packId: 'python' })).pack
        .id,
    ).toBe('python');
  });

  it('rejects malformed catalyst.yaml with file and line', async () => {
    const repoDir = createCleanRepository(goConventionPack);
    writeFixtureFiles(repoDir, {
      'catalyst.yaml':
        'conventions:\n  pack: go\n  rules:\n    golangci-lint: maybe\n',
    });
    const error = await detectConventionDrift({ repoDir, packs }).catch(e => e);
    expect(error).toBeInstanceOf(ConventionsConfigError);
    expect(error.diagnostics).toEqual([
      expect.objectContaining({ file: 'catalyst.yaml', line: 4 }),
    ]);
    expect(error.message).toMatch(
      /^catalyst\.yaml:4: conventions\.rules\.golangci-lint: /,
    );
  });

  it('rejects an unknown pack named in catalyst.yaml at its line', async () => {
    const repoDir = createFixtureRepository({
      'catalyst.yaml': 'conventions:\n  pack: cobol\n',
    });
    await expect(detectConventionDrift({ repoDir, packs })).rejects.toThrow(
      /^catalyst\.yaml:2: unknown convention pack "cobol"/,
    );
  });

  it('says so when no pack matches', async () => {
    const repoDir = createFixtureRepository({ 'README.md': '# hi\n' });
    await expect(detectConventionDrift({ repoDir, packs })).rejects.toThrow(
      /no convention pack matches this checkout/,
    );
  });
});

describe('fixConventionDrift', () => {
  it('writes missing and drifted files, then the checkout is clean', async () => {
    const repoDir = createFixtureRepository(projectFilesByPack.typescript);
    writeFixtureFiles(repoDir, {
      '.prettierrc.json': '{"printWidth": 120}',
      '.git/HEAD': 'ref: refs/heads/main\n',
    });
    const { written, check } = await fixConventionDrift({ repoDir, packs });
    expect(written.sort()).toEqual(
      typescriptConventionPack.files.map(file => file.path).sort(),
    );
    expect(check.drifted).toBe(false);
    expect(
      statSync(joinPath(repoDir, '.husky/commit-msg')).mode & 0o111,
    ).not.toBe(0);
    expect(
      await readFile(joinPath(repoDir, '.prettierrc.json'), 'utf8'),
    ).toContain('"singleQuote": true');
  });

  it('never writes ignored or turned-off files and keeps filled-in ones', async () => {
    const repoDir = createFixtureRepository(projectFilesByPack.go);
    writeFixtureFiles(repoDir, {
      'catalyst.yaml':
        "conventions:\n  ignore: ['.github/workflows/**']\n  files:\n    lefthook.yml: false\n",
      '.github/CODEOWNERS': '* @acme/payments\n',
    });
    const { written, check } = await fixConventionDrift({ repoDir, packs });
    expect(written.sort()).toEqual([
      '.editorconfig',
      '.github/pull_request_template.md',
      '.golangci.yml',
    ]);
    await expect(
      readFile(joinPath(repoDir, '.github/workflows/ci.yml')),
    ).rejects.toThrow(/ENOENT/);
    await expect(readFile(joinPath(repoDir, 'lefthook.yml'))).rejects.toThrow(
      /ENOENT/,
    );
    expect(
      await readFile(joinPath(repoDir, '.github/CODEOWNERS'), 'utf8'),
    ).toBe('* @acme/payments\n');
    expect(report(check, 'conventional-commits').status).toBe('missing');
  });
});

describe('rules the platform switched off', () => {
  const platformOff = (ruleName: string) =>
    packs.map(pack => ({
      ...pack,
      rules: pack.rules.map(rule =>
        rule.ruleName === ruleName
          ? { ...rule, enabled: false, overriddenBy: 'convention rule 7' }
          : rule,
      ),
    }));

  it('keep the reason they were switched off, and catalyst.yaml still wins', async () => {
    const repoDir = createCleanRepository(typescriptConventionPack);
    const off = await detectConventionDrift({
      repoDir,
      packs: platformOff('conventional-commits'),
    });
    expect(report(off, 'conventional-commits')).toMatchObject({
      status: 'overridden',
      evidence: ['convention rule 7'],
    });
    // Required, but catalyst.yaml did not switch it off: no warning.
    expect(off.warnings).toEqual([]);

    writeFixtureFiles(repoDir, {
      'catalyst.yaml':
        'conventions:\n  rules:\n    conventional-commits:\n      config: { extra: true }\n',
    });
    const configured = await detectConventionDrift({
      repoDir,
      packs: platformOff('conventional-commits'),
    });
    expect(report(configured, 'conventional-commits').evidence).toEqual([
      'convention rule 7',
    ]);
    expect(configured.warnings).toEqual([]);

    writeFixtureFiles(repoDir, {
      'catalyst.yaml':
        'conventions:\n  rules:\n    conventional-commits: { enabled: true }\n',
    });
    const enabled = await detectConventionDrift({
      repoDir,
      packs: platformOff('conventional-commits'),
    });
    expect(report(enabled, 'conventional-commits').status).toBe('pass');
  });
});
