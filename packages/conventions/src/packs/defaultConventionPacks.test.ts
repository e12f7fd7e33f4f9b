import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { parseStructured } from '../compare/parseStructured';
import { defaultConventionPacks } from '.';

const structuredFiles = defaultConventionPacks.flatMap(pack =>
  pack.files
    .filter(file => file.format !== 'text')
    .map(file => [pack.id, file.path, file] as const),
);

describe('default convention packs', () => {
  it('have unique ids, file paths and rule names', () => {
    const ids = defaultConventionPacks.map(pack => pack.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const pack of defaultConventionPacks) {
      const paths = pack.files.map(file => file.path);
      const rules = pack.rules.map(rule => rule.ruleName);
      expect(new Set(paths).size).toBe(paths.length);
      expect(new Set(rules).size).toBe(rules.length);
      expect(pack.detection.anyOfFiles.length).toBeGreaterThan(0);
    }
  });

  it.each(structuredFiles)('%s %s parses as its format', (_id, _path, file) => {
    const parsed = parseStructured(
      file.content,
      file.format as 'json' | 'yaml' | 'toml',
    );
    expect(parsed).toEqual(expect.any(Object));
  });

  it.each(defaultConventionPacks.map(pack => [pack.id, pack] as const))(
    '%s workflow runs lint, tests and a commit-message check',
    (_id, pack) => {
      const workflow = pack.files.find(
        file => file.path === '.github/workflows/ci.yml',
      );
      const parsed = parseYaml(workflow!.content);
      expect(Object.keys(parsed.jobs).sort()).toEqual([
        'commit-messages',
        'lint-and-test',
      ]);
      const steps = JSON.stringify(parsed.jobs['lint-and-test'].steps);
      expect(steps).toMatch(/lint|rubocop|ruff check/);
      expect(steps).toMatch(/npm test|go test|pytest|rspec/);
      expect(JSON.stringify(parsed.jobs['commit-messages'].steps)).toContain(
        'commitlint',
      );
    },
  );

  it('has every pack ask for a CODEOWNERS file, a PR template and .editorconfig', () => {
    for (const pack of defaultConventionPacks) {
      expect(pack.files.map(file => file.path)).toEqual(
        expect.arrayContaining([
          '.editorconfig',
          '.github/CODEOWNERS',
          '.github/pull_request_template.md',
        ]),
      );
    }
  });

  describe('lefthook commit-msg check', () => {
    const dir = mkdtempSync(joinPath(tmpdir(), 'catalyst-lefthook-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const lefthooks = defaultConventionPacks.flatMap(pack =>
      pack.files
        .filter(file => file.path === 'lefthook.yml')
        .map(file => [pack.id, parseYaml(file.content)] as const),
    );

    function runHook(command: string, message: string): number {
      const messageFile = joinPath(dir, 'COMMIT_EDITMSG');
      writeFileSync(messageFile, message);
      try {
        execFileSync('sh', ['-c', command.replace('{1}', messageFile)], {
          stdio: 'pipe',
        });
        return 0;
      } catch (error) {
        return (error as { status: number }).status;
      }
    }

    it('is shipped by the Go and Ruby packs', () => {
      expect(lefthooks.map(([id]) => id).sort()).toEqual(['go', 'ruby']);
    });

    it.each(lefthooks)('%s accepts conventional messages only', (_id, hook) => {
      const command = hook['commit-msg'].commands['conventional-commit'].run;
      expect(runHook(command, 'feat(api): add users endpoint\n')).toBe(0);
      expect(runHook(command, 'fix!: drop the legacy flag\n')).toBe(0);
      expect(runHook(command, 'added some stuff\n')).toBe(1);
      expect(runHook(command, 'feature: not a known type\n')).toBe(1);
    });
  });
});
