import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubSimulator } from '@catalyst/github-simulator';
import {
  GithubAuthError,
  GithubNotFoundError,
  GithubRateLimitError,
  GithubValidationError,
} from './GithubApiError';
import { GithubPullRequestPublisher } from './GithubPullRequestPublisher';
import { PublishPullRequestOptions } from './types';

const REPO = 'acme/payments';

describe('GithubPullRequestPublisher', () => {
  let github: GithubSimulator;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: 'ghs_valid' });
  });

  afterAll(async () => {
    await github.stop();
  });

  let repoCount = 0;
  let repoName: string;
  beforeEach(async () => {
    repoName = `${REPO}-${++repoCount}`;
    await github.createRepository(repoName, {
      commits: [
        {
          message: 'feat: first',
          files: {
            'README.md': '# Payments\n',
            'docs/old.md': 'old\n',
            'scripts/run.sh': 'echo run\n',
          },
        },
      ],
    });
  });

  function publisher(token = 'ghs_valid') {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [{ ...github.integrationConfig(), token }],
        },
      }),
    );
    return new GithubPullRequestPublisher({ integrations });
  }

  const request = (
    overrides: Partial<PublishPullRequestOptions> = {},
  ): PublishPullRequestOptions => ({
    repository: `${github.urls.web}/${repoName}/tree/main/`,
    branch: 'catalyst/agents-md',
    commitMessage: 'chore(agents-md): refresh AGENTS.md',
    title: 'chore(agents-md): refresh AGENTS.md',
    body: 'First body',
    files: { 'AGENTS.md': { content: '# AGENTS.md\n\nv1\n' } },
    ...overrides,
  });

  const git = () => github.repository(repoName);

  it('opens one pull request from a branch holding one commit on top of the base', async () => {
    const result = await publisher().publish(request());

    const mainSha = await git().resolveRef('refs/heads/main');
    expect(result).toEqual({
      status: 'created',
      repository: {
        host: github.host,
        owner: 'acme',
        repo: repoName.split('/')[1],
      },
      branch: 'catalyst/agents-md',
      baseBranch: 'main',
      commitSha: await git().resolveRef('refs/heads/catalyst/agents-md'),
      branchMoved: true,
      pullRequest: {
        number: 1,
        url: `${github.urls.web}/${repoName}/pull/1`,
        // What auto-merge may merge: the commit this publish pushed.
        headSha: await git().resolveRef('refs/heads/catalyst/agents-md'),
      },
    });
    expect(await git().readFile('catalyst/agents-md', 'AGENTS.md')).toBe(
      '# AGENTS.md\n\nv1\n',
    );
    expect(await git().readFile('catalyst/agents-md', 'README.md')).toBe(
      '# Payments\n',
    );
    const commit = await git().readCommit(result.commitSha!);
    expect(commit?.parents).toEqual([mainSha]);
    expect(commit?.message.trim()).toBe('chore(agents-md): refresh AGENTS.md');
    expect(github.pulls(repoName)).toEqual([
      expect.objectContaining({
        number: 1,
        state: 'open',
        title: 'chore(agents-md): refresh AGENTS.md',
        body: 'First body',
        head: expect.objectContaining({ ref: 'catalyst/agents-md' }),
        base: expect.objectContaining({ ref: 'main' }),
      }),
    ]);
    const calls = github.requests.filter(r => r.path.includes(repoName));
    expect(calls.every(r => r.authorization === 'token ghs_valid')).toBe(true);
    expect(calls.map(r => r.operation)).toEqual([
      'git/get-ref',
      'git/get-commit',
      'git/create-blob',
      'git/create-tree',
      'git/get-ref',
      'git/create-commit',
      'git/create-ref',
      'pulls/list',
      'pulls/create',
    ]);
  });

  it('updates the same branch and pull request on the next run, never opening a second one', async () => {
    await publisher().publish(request());
    const firstHead = await git().resolveRef('refs/heads/catalyst/agents-md');

    const second = await publisher().publish(
      request({
        body: 'Second body',
        files: { 'AGENTS.md': { content: '# AGENTS.md\n\nv2\n' } },
      }),
    );

    expect(second).toMatchObject({
      status: 'updated',
      branchMoved: true,
      pullRequest: { number: 1 },
    });
    const head = await git().resolveRef('refs/heads/catalyst/agents-md');
    expect(head).not.toBe(firstHead);
    // Force-updated: still one commit on top of main, not a second on top of the first.
    expect(await git().log('catalyst/agents-md')).toEqual([
      'chore(agents-md): refresh AGENTS.md',
      'feat: first',
    ]);
    expect(await git().readFile('catalyst/agents-md', 'AGENTS.md')).toBe(
      '# AGENTS.md\n\nv2\n',
    );
    expect(github.pulls(repoName)).toHaveLength(1);
    expect(github.pulls(repoName)[0].body).toBe('Second body');
  });

  it('leaves the branch alone when it already holds the same change on the same base', async () => {
    const first = await publisher().publish(request());
    const before = github.requests.length;

    const again = await publisher().publish(request({ title: 'New title' }));

    expect(again).toMatchObject({
      status: 'updated',
      branchMoved: false,
      commitSha: first.commitSha,
    });
    const operations = github.requests.slice(before).map(r => r.operation);
    expect(operations).not.toContain('git/create-commit');
    expect(operations).not.toContain('git/update-ref');
    expect(github.pulls(repoName)).toEqual([
      expect.objectContaining({ title: 'New title' }),
    ]);
  });

  it('moves the branch onto a base that moved on', async () => {
    await publisher().publish(request());
    const newMain = await git().commitFiles(
      'main',
      { 'src/index.ts': 'export {};\n' },
      'feat: add code',
    );

    const result = await publisher().publish(request());

    expect(result.branchMoved).toBe(true);
    expect((await git().readCommit(result.commitSha!))?.parents).toEqual([
      newMain,
    ]);
    expect(await git().readFile('catalyst/agents-md', 'src/index.ts')).toBe(
      'export {};\n',
    );
    expect(github.pulls(repoName)).toHaveLength(1);
  });

  it('writes executable files and deletes files, skipping deletions of files the base lacks', async () => {
    await publisher().publish(
      request({
        files: {
          'docs/old.md': { delete: true },
          'docs/never-existed.md': { delete: true },
          'scripts/check.sh': {
            content: '#!/bin/sh\nexit 0\n',
            executable: true,
          },
        },
      }),
    );

    expect(
      await git().readFile('catalyst/agents-md', 'docs/old.md'),
    ).toBeUndefined();
    const tree = await git().readTree('catalyst/agents-md', true);
    expect(tree?.find(e => e.path === 'scripts/check.sh')?.mode).toBe('100755');
    expect(tree?.find(e => e.path === 'scripts/run.sh')?.mode).toBe('100644');
  });

  it('opens nothing when the base already has the files', async () => {
    const result = await publisher().publish(
      request({ files: { 'README.md': { content: '# Payments\n' } } }),
    );

    expect(result).toMatchObject({ status: 'no-changes', branchMoved: false });
    expect(result.pullRequest).toBeUndefined();
    expect(
      await git().resolveRef('refs/heads/catalyst/agents-md'),
    ).toBeUndefined();
    expect(github.pulls(repoName)).toEqual([]);
  });

  it('uses the default branch for a slug without a base branch', async () => {
    const result = await publisher().publish(
      request({ repository: repoName, defaultHost: github.host }),
    );

    expect(result).toMatchObject({ status: 'created', baseBranch: 'main' });
    expect(github.requests.some(r => r.operation === 'repos/get')).toBe(true);
  });

  it('keeps one pull request when two runs race', async () => {
    const results = await Promise.all([
      publisher().publish(request()),
      publisher().publish(request()),
    ]);

    expect(results.map(r => r.pullRequest?.number)).toEqual([1, 1]);
    expect(github.pulls(repoName)).toHaveLength(1);
    expect(await git().log('catalyst/agents-md')).toHaveLength(2);
  });

  it('refuses bad input before calling GitHub', async () => {
    const before = github.requests.length;
    await expect(
      publisher().publish(request({ branch: 'bad branch' })),
    ).rejects.toThrow(/'bad branch' is not a valid branch name/);
    await expect(
      publisher().publish(
        request({ files: { '../escape.md': { content: 'x' } } }),
      ),
    ).rejects.toThrow(/not a file path inside the repository/);
    await expect(publisher().publish(request({ files: {} }))).rejects.toThrow(
      /at least one file change/,
    );
    await expect(
      publisher().publish(request({ repository: 'not a repo' })),
    ).rejects.toThrow(/does not name a GitHub repository/);
    await expect(
      publisher().publish(request({ baseBranch: 'catalyst/agents-md' })),
    ).rejects.toThrow(/is the base branch/);
    expect(github.requests.length).toBe(before);
  });

  it('pushes one commit on top of the head it was given, and never over a push since', async () => {
    const { commitSha: head } = await publisher().pushCommit({
      repository: `${github.urls.web}/${repoName}`,
      branch: 'main',
      parentSha: (await git().resolveRef('refs/heads/main'))!,
      message: 'fix(ci): repair format failures',
      files: {
        'README.md': { content: '# Payments\n\nFormatted.\n' },
        'docs/old.md': { delete: true },
        'docs/never-there.md': { delete: true },
      },
    });

    expect(await git().resolveRef('refs/heads/main')).toBe(head);
    expect(await git().log('main')).toHaveLength(2);
    expect(await git().readFile('main', 'README.md')).toBe(
      '# Payments\n\nFormatted.\n',
    );
    expect(await git().readFile('main', 'docs/old.md')).toBeUndefined();

    // Someone pushed since `head` was read: the branch keeps their commit.
    const theirs = await git().commitFiles('main', { 'x.md': 'x\n' }, 'docs');
    await expect(
      publisher().pushCommit({
        repository: `${github.urls.web}/${repoName}`,
        branch: 'main',
        parentSha: head,
        message: 'fix(ci): again',
        files: { 'README.md': { content: 'again\n' } },
      }),
    ).rejects.toThrow(GithubValidationError);
    expect(await git().resolveRef('refs/heads/main')).toBe(theirs);
    await expect(
      publisher().pushCommit({
        repository: `${github.urls.web}/${repoName}`,
        branch: 'main',
        parentSha: theirs,
        message: 'escape',
        files: { '.git/config': { content: 'x' } },
      }),
    ).rejects.toThrow(/not a file path inside the repository/);
  });

  describe('errors', () => {
    it('classifies bad credentials (401)', async () => {
      const error = await publisher('ghs_expired')
        .publish(request())
        .catch(e => e);

      expect(GithubAuthError.is(error)).toBe(true);
      expect(error).toMatchObject({
        name: 'GithubAuthError',
        reason: 'unauthorized',
        githubStatus: 401,
        githubMessage: 'Bad credentials',
        operation: 'git.getRef',
        repository: repoName,
      });
    });

    it('classifies a permission refusal (403) apart from a rate limit', async () => {
      github.failNext(
        { operation: 'git/create-blob' },
        {
          status: 403,
          body: {
            message: 'Resource not accessible by integration',
            documentation_url: 'https://docs.github.com/rest/git/blobs',
          },
        },
      );

      const error = await publisher()
        .publish(request())
        .catch(e => e);

      expect(error).toMatchObject({
        name: 'GithubAuthError',
        reason: 'forbidden',
        githubStatus: 403,
        operation: 'git.createBlob',
      });
      expect(GithubRateLimitError.is(error)).toBe(false);
    });

    it('classifies validation failures (422) with their issues', async () => {
      github.failNext(
        { operation: 'pulls/create' },
        {
          status: 422,
          body: {
            message: 'Validation Failed',
            documentation_url:
              'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message:
                  'Pull request creation is disabled by a repository rule',
              },
            ],
          },
        },
      );

      const error = await publisher()
        .publish(request())
        .catch(e => e);

      expect(GithubValidationError.is(error)).toBe(true);
      expect(error.githubStatus).toBe(422);
      expect(error.issues).toEqual([
        {
          resource: 'PullRequest',
          code: 'custom',
          message: 'Pull request creation is disabled by a repository rule',
        },
      ]);
      expect(error.message).toMatch(/disabled by a repository rule/);
    });

    it('classifies the primary rate limit (403) with its reset time', async () => {
      const resetAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 600_000);
      github.setRateLimit(3, resetAt);
      try {
        const error = await publisher()
          .publish(request())
          .catch(e => e);

        expect(GithubRateLimitError.is(error)).toBe(true);
        expect(error.resetAt).toEqual(resetAt);
        expect(error.githubStatus).toBe(403);
        expect(error.operation).toBe('git.createTree');
        expect(error.message).toContain(resetAt.toISOString());
      } finally {
        github.setRateLimit(1_000_000, new Date());
      }
    });

    it('classifies a missing repository (404)', async () => {
      const error = await publisher()
        .publish(request({ repository: `${github.urls.web}/acme/nope` }))
        .catch(e => e);

      expect(GithubNotFoundError.is(error)).toBe(true);
      expect(error).toMatchObject({
        githubStatus: 404,
        repository: 'acme/nope',
      });
    });

    it('says when no integration serves the host', async () => {
      await expect(
        publisher().publish(
          request({ repository: 'https://git.example.org/acme/payments' }),
        ),
      ).rejects.toThrow(
        /No GitHub integration is configured for git.example.org/,
      );
    });
  });
});
