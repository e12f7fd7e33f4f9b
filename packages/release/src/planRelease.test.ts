import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TestRepo } from './__testUtils__/TestRepo';
import { planRelease, ReleasePlanError } from './planRelease';
import { fileReaderAt } from './config/FileReader';
import { GitRepository } from './git/GitRepository';
import { versionFileEdits } from './versionFiles/versionFileEdits';

describe('planRelease', () => {
  const repos: TestRepo[] = [];
  const repo = () => {
    const r = TestRepo.create();
    repos.push(r);
    return r;
  };
  afterAll(() => repos.forEach(r => r.remove()));

  it('bumps minor for a feature since the last v-tag and renders a release-please section', async () => {
    const r = repo();
    r.commit('chore: init', {
      'package.json': '{\n  "name": "lib",\n  "version": "1.2.3"\n}\n',
      'CHANGELOG.md':
        '# Changelog\n\n## [1.2.3](https://github.com/acme/lib/compare/v1.2.2...v1.2.3) (2023-12-01)\n\n\n### Bug Fixes\n\n* old ([#1](https://github.com/acme/lib/issues/1)) ([abcdef0](https://github.com/acme/lib/commit/abcdef0))\n',
    });
    r.tag('v1.2.3');
    const feat = r.commit('feat(api): add search (#12)');
    const fix = r.commit('fix: handle empty input');
    r.commit('chore: tidy');
    const plan = await planRelease({ dir: r.dir, date: '2024-02-01' });
    expect(plan.previousVersion).toBe('1.2.3');
    expect(plan.nextVersion).toBe('1.3.0');
    expect(plan.nextTag).toBe('v1.3.0');
    expect(plan.bump).toBe('minor');
    expect(
      plan.entries.map(e => [e.type, e.scope, e.subject, e.pr, e.hash]),
    ).toEqual([
      ['fix', undefined, 'handle empty input', undefined, fix],
      ['feat', 'api', 'add search', 12, feat],
    ]);
    expect(plan.markdown).toBe(
      [
        '## [1.3.0](https://github.com/acme/lib/compare/v1.2.3...v1.3.0) (2024-02-01)',
        '',
        '### Features',
        '',
        `* **api:** add search ([#12](https://github.com/acme/lib/issues/12)) ([${feat.slice(
          0,
          7,
        )}](https://github.com/acme/lib/commit/${feat}))`,
        '',
        '### Bug Fixes',
        '',
        `* handle empty input ([${fix.slice(
          0,
          7,
        )}](https://github.com/acme/lib/commit/${fix}))`,
        '',
      ].join('\n'),
    );
  });

  it('reads breaking changes from `!` and footers, and applies the pre-1.0 rules', async () => {
    const r = repo();
    r.commit('chore: init', {
      'package.json': '{"name":"x","version":"0.4.1"}',
    });
    r.tag('0.4.1');
    r.commit('feat!: drop node 16\n\nBREAKING CHANGE: node 18 is the minimum');
    const plan = await planRelease({ dir: r.dir });
    expect(plan.bump).toBe('minor');
    expect(plan.nextVersion).toBe('0.5.0');
    expect(plan.nextTag).toBe('0.5.0');
    expect(plan.entries[0].breakingNotes).toEqual(['node 18 is the minimum']);
    expect(plan.markdown).toContain(
      '### ⚠ BREAKING CHANGES\n\n* node 18 is the minimum',
    );

    r.tag('0.5.0');
    r.commit('feat: something new');
    expect((await planRelease({ dir: r.dir })).nextVersion).toBe('0.5.1');
  });

  it('follows release-please configuration: major for breaking below 1.0 unless bump-minor-pre-major', async () => {
    const r = repo();
    r.commit('chore: init', {
      'release-please-config.json': JSON.stringify({
        packages: { '.': { 'release-type': 'node' } },
      }),
      '.release-please-manifest.json': '{".":"0.3.0"}',
      'package.json': '{"name":"x","version":"0.3.0"}',
    });
    r.tag('v0.3.0');
    r.commit('feat(core)!: new API');
    const plan = await planRelease({ dir: r.dir });
    expect(plan.config.tool).toBe('release-please');
    expect(plan.nextVersion).toBe('1.0.0');
    r.commit('chore: opt in', {
      'release-please-config.json': JSON.stringify({
        'bump-minor-pre-major': true,
        packages: { '.': {} },
      }),
    });
    expect((await planRelease({ dir: r.dir })).nextVersion).toBe('0.4.0');
  });

  it('reads several changes from one squashed message and honours Release-As', async () => {
    const r = repo();
    r.commit('chore: init', {
      '.github/release-please.yml': 'releaseType: python\n',
    });
    r.tag('v2.0.0');
    r.commit(
      'feat: add v4 UUIDs (#40)\n\nSupport for v4.\n\nfix(utils): unicode no longer throws\n\nfeat(utils): encode unicode',
    );
    const plan = await planRelease({ dir: r.dir });
    expect(
      plan.entries.map(e => `${e.type}:${e.scope ?? ''}:${e.subject}:${e.pr}`),
    ).toEqual([
      'feat::add v4 UUIDs:40',
      'fix:utils:unicode no longer throws:40',
      'feat:utils:encode unicode:40',
    ]);
    r.commit('chore: pin the next version\n\nRelease-As: 3.0.0');
    expect((await planRelease({ dir: r.dir })).nextVersion).toBe('3.0.0');
  });

  it('gives merged pull request numbers to the commits a merge brings in', async () => {
    const r = repo();
    r.commit('chore: init');
    r.tag('v1.0.0');
    r.git('checkout', '-q', '-b', 'topic');
    const fix = r.commit('fix: close the file');
    r.git('checkout', '-q', 'main');
    r.commit('chore: readme');
    r.git(
      'merge',
      '--no-ff',
      '-q',
      '-m',
      'Merge pull request #77 from acme/topic\n\nClose files',
      'topic',
    );
    const plan = await planRelease({ dir: r.dir });
    expect(plan.entries.map(e => [e.hash, e.pr, e.type])).toEqual([
      [fix, 77, 'fix'],
    ]);
    expect(plan.nextVersion).toBe('1.0.1');
  });

  it('plans per package in a Yarn workspace from the paths each commit touched and package tags', async () => {
    const r = repo();
    r.commit('chore: init', {
      'package.json': JSON.stringify({
        private: true,
        workspaces: ['packages/*'],
      }),
      'packages/a/package.json': '{"name":"@acme/a","version":"1.0.0"}',
      'packages/b/package.json': '{"name":"@acme/b","version":"2.1.0"}',
    });
    r.tag('@acme/a@1.0.0').tag('@acme/b@2.1.0');
    r.commit('feat(a): new thing', { 'packages/a/index.js': 'x' });
    const fixB = r.commit('fix(b): bug', { 'packages/b/index.js': 'y' });
    const b = await planRelease({ dir: r.dir, package: '@acme/b' });
    expect(b.previousTag).toBe('@acme/b@2.1.0');
    expect(b.nextTag).toBe('@acme/b@2.1.1');
    expect(b.entries.map(e => e.hash)).toEqual([fixB]);
    const a = await planRelease({ dir: r.dir, package: 'packages/a' });
    expect(a.nextVersion).toBe('1.1.0');
    await expect(planRelease({ dir: r.dir, package: 'nope' })).rejects.toThrow(
      ReleasePlanError,
    );
  });

  it('plans a Cargo workspace member with pkg-v tags', async () => {
    const r = repo();
    r.commit('chore: init', {
      'Cargo.toml': '[workspace]\nmembers = ["crates/*"]\n',
      'crates/core/Cargo.toml':
        '[package]\nname = "acme-core"\nversion = "0.2.0"\n\n[dependencies]\nserde = { version = "1" }\n',
    });
    r.tag('acme-core-v0.2.0');
    r.commit('fix(core): overflow', { 'crates/core/src/lib.rs': 'fn a() {}' });
    r.commit('feat: other', { 'README.md': 'x' });
    const plan = await planRelease({ dir: r.dir, package: 'acme-core' });
    expect(plan.previousVersion).toBe('0.2.0');
    expect(plan.nextTag).toBe('acme-core-v0.2.1');
    const edits = await versionFileEdits(
      fileReaderAt(new GitRepository(r.dir), 'HEAD'),
      plan.package,
      plan.nextVersion,
    );
    expect(edits).toEqual([
      {
        path: 'crates/core/Cargo.toml',
        content:
          '[package]\nname = "acme-core"\nversion = "0.2.1"\n\n[dependencies]\nserde = { version = "1" }\n',
      },
    ]);
  });

  it('uses changesets when the repository has them', async () => {
    const r = repo();
    r.commit('chore: init', {
      '.changeset/config.json': '{}',
      'package.json': '{"name":"pkg","version":"1.4.0"}',
      'CHANGELOG.md':
        '# pkg\n\n## 1.4.0\n\n### Minor Changes\n\n- abc1234: Old\n',
    });
    r.tag('pkg@1.4.0');
    const added = r.commit('Add a flag (#9)', {
      '.changeset/fresh-cats.md':
        '---\n"pkg": minor\n---\n\nAdd a `--flag` option\n',
    });
    const plan = await planRelease({ dir: r.dir });
    expect(plan.config.tool).toBe('changesets');
    expect(plan.nextVersion).toBe('1.5.0');
    expect(plan.entries.map(e => [e.hash, e.pr])).toEqual([[added, 9]]);
    expect(plan.markdown).toBe(
      `## 1.5.0\n\n### Minor Changes\n\n- ${added.slice(
        0,
        7,
      )}: Add a \`--flag\` option\n`,
    );
  });

  it('reads semantic-release configuration from package.json and its release rules', async () => {
    const r = repo();
    r.commit('chore: init', {
      'package.json': JSON.stringify({
        name: 'sr',
        release: {
          tagFormat: 'release-${version}',
          plugins: [
            [
              '@semantic-release/commit-analyzer',
              { releaseRules: [{ type: 'docs', release: 'patch' }] },
            ],
          ],
        },
      }),
    });
    r.tag('release-3.1.0');
    r.commit('docs: explain');
    const plan = await planRelease({ dir: r.dir });
    expect(plan.config).toEqual({
      tool: 'semantic-release',
      source: 'package.json#release',
    });
    expect(plan.nextTag).toBe('release-3.1.1');
  });

  it('leaves out release commits and shows what the release type shows', async () => {
    const r = repo();
    r.commit('chore: init', {
      '.github/release-please.yml': 'releaseType: python\n',
    });
    r.tag('v1.0.0');
    const docs = r.commit('docs: explain retries (#3)');
    r.commit('chore(main): release 1.0.1 (#4)');
    const plan = await planRelease({ dir: r.dir });
    expect(plan.entries.map(e => e.hash)).toEqual([docs]);
    expect(plan.nextVersion).toBe('1.0.1');
    expect(plan.markdown).toContain('### Documentation');
    r.commit('chore: node release', {
      '.github/release-please.yml': 'releaseType: node\n',
    });
    expect((await planRelease({ dir: r.dir })).entries).toEqual([]);
  });

  it('releases breaking changes of a v1 Go module as minor until its path has /v2', async () => {
    const r = repo();
    r.commit('chore: init', {
      'go.mod': 'module github.com/acme/sdk\n\ngo 1.22\n',
    });
    r.tag('v1.4.0');
    r.commit('feat!: new client API');
    const plan = await planRelease({ dir: r.dir });
    expect(plan.nextVersion).toBe('1.5.0');
    expect(plan.reason).toBe(
      "minor: breaking changes, but a Go module's major release needs a new module path (/v2)",
    );
    r.commit('chore: v2 path', {
      'go.mod': 'module github.com/acme/sdk/v2\n\ngo 1.22\n',
    });
    expect((await planRelease({ dir: r.dir })).nextVersion).toBe('2.0.0');
  });

  it('writes conventional-changelog sections for standard-version repositories', async () => {
    const r = repo();
    r.commit('chore: init', {
      'package.json': JSON.stringify({
        name: 'sv',
        version: '2.0.0',
        devDependencies: { 'standard-version': '^9' },
      }),
    });
    r.tag('v2.0.0');
    r.commit('docs: typo');
    r.commit('feat(cli): flag\n\nBREAKING CHANGE: --old is gone');
    const plan = await planRelease({ dir: r.dir, date: '2024-03-01' });
    expect(plan.config.tool).toBe('conventional-changelog');
    expect(plan.entries.map(e => e.type)).toEqual(['feat']);
    expect(plan.markdown.split('\n').slice(0, 5)).toEqual([
      '# 3.0.0 (2024-03-01)',
      '',
      '### BREAKING CHANGES',
      '',
      '* **cli:** --old is gone',
    ]);
  });

  it('says why when nothing is releasable', async () => {
    const r = repo();
    r.commit('chore: init');
    r.tag('v1.0.0');
    r.commit('not conventional at all');
    const plan = await planRelease({ dir: r.dir });
    expect(plan.bump).toBe('none');
    expect(plan.nextVersion).toBe('1.0.0');
    expect(plan.reason).toBe('no releasable commits since the last release');
    expect(readFileSync(join(r.dir, '.git', 'HEAD'), 'utf8')).toContain('main');
  });
});
