import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import {
  DefaultCheckoutService,
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
} from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { Octokit } from '@octokit/rest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ReleaseExecutor } from './ReleaseExecutor';
import { ReleaseTagger } from './ReleaseTagger';

jest.setTimeout(60_000);

const CHANGELOG = `# Changelog

## [1.2.0](https://github.com/acme/lib/compare/v1.1.0...v1.2.0) (2026-01-10)


### Features

* first feature ([#1](https://github.com/acme/lib/issues/1)) ([aaaaaaa](https://github.com/acme/lib/commit/aaaaaaa))
`;

function releaseTask(
  repositoryUrl: string,
  overrides: Partial<PlatformTask> = {},
): PlatformTask {
  return {
    id: 7,
    entityRef: 'component:default/lib',
    taskType: 'release',
    title: 'Release',
    status: 'in_progress',
    priority: 0,
    repository: new URL(repositoryUrl).pathname.slice(1),
    subject: 'repository',
    dedupeKey: '',
    retryCount: 1,
    maxRetries: 3,
    approvalPolicy: 'require-approval',
    payload: { repositoryUrl },
    createdAt: '2026-03-01T10:00:00Z',
    updatedAt: '2026-03-01T10:00:00Z',
    ...overrides,
  };
}

const apply: PlatformTaskExecutionContext = {
  phase: 'apply',
  approvalPolicy: 'require-approval',
  attempt: 1,
  signal: new AbortController().signal,
};

describe('release agent on the GitHub simulator', () => {
  let simulator: GithubSimulator;
  let workDir: string;
  let integrations: ScmIntegrations;
  let octokit: Octokit;
  const executor = (optIn: string[] = []) =>
    new ReleaseExecutor({
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      optIn: new Set(optIn),
    });

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    workDir = await fs.mkdtemp(join(tmpdir(), 'release-agent-'));
    integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    octokit = new Octokit({
      baseUrl: simulator.urls.api,
      auth: simulator.token,
    });
  });
  afterAll(async () => {
    await simulator.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  it('opens one release pull request, updates it on new commits, and tags and releases it once merged', async () => {
    const git = await simulator.createRepository('acme/lib', {
      commits: [
        {
          message: 'chore: release 1.2.0',
          files: {
            'package.json':
              '{\n  "name": "@acme/lib",\n  "version": "1.2.0"\n}\n',
            'CHANGELOG.md': CHANGELOG,
          },
        },
      ],
    });
    await git.updateRef(
      'refs/tags/v1.2.0',
      (await git.resolveRef('refs/heads/main'))!,
    );
    const feat = await git.commitFiles(
      'main',
      { 'src/search.js': 'search' },
      'feat(api): search (#4)',
    );
    const url = `${simulator.urls.web}/acme/lib`;

    const first = await executor().execute(releaseTask(url), apply);
    expect(first.outcome).toBe('done');
    expect(first.summary).toBe(
      'chore(release): @acme/lib 1.3.0: minor from 1.2.0: 0 breaking, 1 features, 0 fixes',
    );
    let pulls = simulator.pulls('acme/lib');
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      title: 'chore(release): @acme/lib 1.3.0',
      head: { ref: 'chore/release-acme-lib' },
      state: 'open',
    });
    let head = (await git.resolveRef('refs/heads/chore/release-acme-lib'))!;
    expect(await git.readFile(head, 'package.json')).toBe(
      '{\n  "name": "@acme/lib",\n  "version": "1.3.0"\n}\n',
    );
    const changelog = (await git.readFile(head, 'CHANGELOG.md'))!;
    expect(changelog).toContain(
      `## [1.3.0](https://github.com/acme/lib/compare/v1.2.0...v1.3.0)`,
    );
    expect(changelog).toContain(
      `* **api:** search ([#4](https://github.com/acme/lib/issues/4)) ([${feat.slice(
        0,
        7,
      )}](https://github.com/acme/lib/commit/${feat}))`,
    );
    expect(changelog.indexOf('## [1.3.0]')).toBeLessThan(
      changelog.indexOf('## [1.2.0]'),
    );

    // A fix lands on main: the same pull request is updated, never a second one.
    await git.commitFiles(
      'main',
      { 'src/fix.js': 'fix' },
      'fix: empty query (#5)',
    );
    const second = await executor().execute(releaseTask(url), apply);
    pulls = simulator.pulls('acme/lib');
    expect(pulls).toHaveLength(1);
    expect(second.linkedPr?.number).toBe(pulls[0].number);
    head = (await git.resolveRef('refs/heads/chore/release-acme-lib'))!;
    expect(await git.readFile(head, 'CHANGELOG.md')).toContain(
      '* empty query ([#5]',
    );
    expect(pulls[0].body).toContain('### Bug Fixes');

    // Nothing is released before the merge.
    const tagger = new ReleaseTagger({ integrations });
    expect(await tagger.publishMerged(url)).toEqual([]);

    const merged = await octokit.rest.pulls.merge({
      owner: 'acme',
      repo: 'lib',
      pull_number: pulls[0].number,
      merge_method: 'squash',
    });
    const published = await tagger.publishMerged(url);
    expect(published).toEqual([
      {
        repository: 'acme/lib',
        tag: 'v1.3.0',
        pullRequest: pulls[0].number,
        url: `${simulator.urls.web}/acme/lib/releases/tag/v1.3.0`,
      },
    ]);
    expect(await git.resolveRef('refs/tags/v1.3.0')).toBe(merged.data.sha);
    const releases = simulator.releases('acme/lib');
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({
      tagName: 'v1.3.0',
      name: '@acme/lib 1.3.0',
    });
    expect(releases[0].body).toMatch(
      /^## \[1\.3\.0\]\(https:\/\/github\.com\/acme\/lib\/compare\/v1\.2\.0\.\.\.v1\.3\.0\) \(\d{4}-\d{2}-\d{2}\)\n\n### Features\n\n\* \*\*api:\*\* search/,
    );
    expect(releases[0].body).toContain('### Bug Fixes');

    // Polling again publishes nothing twice, and the released main has nothing to release.
    expect(await tagger.publishMerged(url)).toEqual([]);
    expect(simulator.releases('acme/lib')).toHaveLength(1);
    const after = await executor().execute(releaseTask(url), apply);
    expect(after).toEqual({
      outcome: 'nothing_to_do',
      summary: 'No releasable commits since v1.3.0',
    });
    expect(simulator.pulls('acme/lib')).toHaveLength(1);
  });

  it('leaves a repository that runs release-please in CI alone unless an admin opts it in', async () => {
    const git = await simulator.createRepository('acme/tool', {
      commits: [
        {
          message: 'chore: start',
          files: {
            'package.json': '{"name":"tool","version":"2.0.0"}\n',
            '.github/workflows/release.yml':
              'on: push\njobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: googleapis/release-please-action@v4\n',
          },
        },
      ],
    });
    await git.updateRef(
      'refs/tags/v2.0.0',
      (await git.resolveRef('refs/heads/main'))!,
    );
    await git.commitFiles('main', { 'a.js': 'a' }, 'fix: crash');
    const url = `${simulator.urls.web}/acme/tool`;

    const skipped = await executor().execute(releaseTask(url), apply);
    expect(skipped).toEqual({
      outcome: 'nothing_to_do',
      summary:
        'Skipped: acme/tool already releases with release-please (.github/workflows/release.yml); an admin can opt it in with platform.release.optIn',
    });
    expect(simulator.pulls('acme/tool')).toHaveLength(0);

    const optedIn = await executor(['acme/tool']).execute(
      releaseTask(url),
      apply,
    );
    expect(optedIn.outcome).toBe('done');
    expect(simulator.pulls('acme/tool').map(p => p.title)).toEqual([
      'chore(release): tool 2.0.1',
    ]);
  });

  it('prepares without touching GitHub while the task waits for approval', async () => {
    const git = await simulator.createRepository('acme/py', {
      commits: [
        {
          message: 'chore: start',
          files: {
            'pyproject.toml': '[project]\nname = "py"\nversion = "0.3.0"\n',
          },
        },
      ],
    });
    await git.updateRef(
      'refs/tags/v0.3.0',
      (await git.resolveRef('refs/heads/main'))!,
    );
    await git.commitFiles('main', { 'py/a.py': 'a' }, 'feat: new option');
    const prepared = await executor().execute(
      releaseTask(`${simulator.urls.web}/acme/py`),
      {
        ...apply,
        phase: 'prepare',
      },
    );
    expect(prepared.outcome).toBe('awaiting_approval');
    expect(prepared.summary).toBe(
      'chore(release): py 0.3.1: patch from 0.3.0: 0 breaking, 1 features, 0 fixes',
    );
    expect(simulator.pulls('acme/py')).toHaveLength(0);
  });
});
