import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { GithubPullRequestMerger } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { Octokit } from '@octokit/rest';
import { createTaskStores, newTask } from '../__testUtils__/taskStores';
import { GITHUB_BREAKER } from './TaskBreakerStore';
import { TaskMergeStore } from './TaskMergeStore';
import { AutoMergeRunner, queueCiRepair } from './AutoMergeRunner';

const databases = createTestDatabases();
const policy = { failureThreshold: 3, cooldownMs: 60_000 };

describe.each(databases.eachSupportedId())('AutoMergeRunner on %p', id => {
  let simulator: GithubSimulator;
  let ci: Octokit;
  const fullName = `acme/payments-${id.toLowerCase().replace(/_/g, '-')}`;
  let branches = 0;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    await simulator.createRepository(fullName, {
      commits: [{ message: 'init', files: { 'package.json': '{}\n' } }],
    });
    ci = new Octokit({ baseUrl: simulator.urls.api, auth: simulator.token });
  });
  afterAll(() => simulator.stop());

  async function setUp(options: { repairs?: boolean } = {}) {
    const { store, breakers, knex } = await createTaskStores(databases, id);
    const merges = new TaskMergeStore(knex);
    const onChecksFailed = options.repairs ? queueCiRepair(store) : undefined;
    const runner = new AutoMergeRunner({
      onChecksFailed,
      merges,
      breakers,
      merger: new GithubPullRequestMerger({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: { github: [simulator.integrationConfig()] },
          }),
        ),
      }),
      logger: mockServices.logger.mock(),
      options: {
        intervalMinutes: 5,
        mergeMethod: 'squash',
        requireChecks: true,
        batchSize: 10,
      },
      breakerPolicy: policy,
    });
    return { store, breakers, runner };
  }

  /** A chore branch with one commit and its pull request, as an executor leaves it. */
  async function pullRequest() {
    branches += 1;
    const git = simulator.repository(fullName);
    const branch = `chore/dependency-update-${branches}`;
    await git.updateRef(
      `refs/heads/${branch}`,
      (await git.resolveRef('refs/heads/main'))!,
    );
    const head = await git.commitFiles(
      branch,
      { [`update-${branches}.txt`]: 'updated\n' },
      'chore(deps): update',
    );
    const pull = await simulator.openPullRequest(fullName, {
      head: branch,
      title: `chore(deps): update ${branches}`,
    });
    return { number: pull.number, head, file: `update-${branches}.txt` };
  }

  /** Queues, claims and completes a task that opened `number`. */
  async function completedTask(
    store: Awaited<ReturnType<typeof setUp>>['store'],
    number: number,
    approvalPolicy: 'auto-merge' | 'require-approval' = 'auto-merge',
    headSha?: string,
  ) {
    const { task } = await store.enqueue(
      newTask({
        repository: fullName,
        subject: `update-${number}`,
        approvalPolicy,
        payload: { repositoryUrl: `${simulator.urls.web}/${fullName}` },
      }),
      new Date(),
    );
    const [claim] = await store.claim({
      worker: 'w1',
      limit: 1,
      leaseMs: 60_000,
      now: new Date(),
    });
    expect(claim.task.id).toBe(task.id);
    await store.complete(
      claim,
      'done',
      { linkedPr: { number, headSha } },
      new Date(),
    );
    return task.id;
  }

  const check = (head: string, conclusion: 'success' | 'failure') =>
    ci.rest.checks.create({
      owner: fullName.split('/')[0],
      repo: fullName.split('/')[1],
      name: 'test',
      head_sha: head,
      status: 'completed',
      conclusion,
    });

  it('merges an auto-merge task’s pull request once its checks pass', async () => {
    const { store, runner } = await setUp();
    const pull = await pullRequest();
    const taskId = await completedTask(
      store,
      pull.number,
      'auto-merge',
      pull.head,
    );
    const approved = await pullRequest();
    const approvedTaskId = await completedTask(
      store,
      approved.number,
      'require-approval',
      approved.head,
    );

    expect(await runner.run()).toBe(0);
    expect((await store.get(taskId))?.merge).toMatchObject({
      state: 'waiting',
      detail: expect.stringContaining('No checks have run'),
      checkedAt: expect.any(String),
    });

    await check(pull.head, 'success');
    await check(approved.head, 'success');
    expect(await runner.run()).toBe(1);
    expect((await store.get(taskId))?.merge?.state).toBe('merged');
    expect(
      await simulator.repository(fullName).readFile('main', pull.file),
    ).toBe('updated\n');

    // A person merges the pull requests of require-approval tasks.
    expect((await store.get(approvedTaskId))?.merge).toBeUndefined();
    expect(
      simulator.pulls(fullName).find(pr => pr.number === approved.number)
        ?.state,
    ).toBe('open');
  });

  it('hands a pull request whose check failed to one ci_repair task per failed head', async () => {
    const { store, runner } = await setUp({ repairs: true });
    const pull = await pullRequest();
    const taskId = await completedTask(
      store,
      pull.number,
      'auto-merge',
      pull.head,
    );
    await check(pull.head, 'failure');

    expect(await runner.run()).toBe(0);
    const { items } = await store.list({ taskType: 'ci_repair' });
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      status: 'pending',
      repository: fullName,
      subject: `pr-${pull.number}-${pull.head.slice(0, 12)}`,
      approvalPolicy: 'auto-merge',
      payload: {
        repositoryUrl: `${simulator.urls.web}/${fullName}`,
        pullNumber: pull.number,
        headSha: pull.head,
        parentTaskId: taskId,
      },
    });
    expect((await store.get(taskId))?.merge).toMatchObject({
      state: 'checks_failed',
      detail: `Failed checks: test (failure); ci_repair task ${items[0].id} queued`,
    });
    // The same failed head is handed over once.
    const parent = (await store.get(taskId))!;
    expect(
      await queueCiRepair(store)(parent, {
        state: 'checks_failed',
        detail: 'again',
        headSha: pull.head,
      }),
    ).toBe(`ci_repair task ${items[0].id} was already queued`);
  });

  it('leaves a pull request with a failed check open and says which', async () => {
    const { store, runner } = await setUp();
    const pull = await pullRequest();
    const taskId = await completedTask(
      store,
      pull.number,
      'auto-merge',
      pull.head,
    );
    await check(pull.head, 'failure');

    expect(await runner.run()).toBe(0);
    expect((await store.get(taskId))?.merge).toMatchObject({
      state: 'checks_failed',
      detail: 'Failed checks: test (failure)',
    });
    expect(
      simulator.pulls(fullName).find(pr => pr.number === pull.number)?.state,
    ).toBe('open');

    // Decided: later runs leave it alone, even once checks pass.
    await check(pull.head, 'success');
    const before = simulator.requests.length;
    await runner.run();
    expect(simulator.requests.length).toBe(before);
  });

  it('opens the GitHub breaker on a rate limit and waits while it is open', async () => {
    const { store, breakers, runner } = await setUp();
    const pull = await pullRequest();
    const taskId = await completedTask(
      store,
      pull.number,
      'auto-merge',
      pull.head,
    );
    const resetAt = new Date(Date.now() + 3_600_000);
    simulator.setRateLimit(0, resetAt);
    try {
      expect(await runner.run()).toBe(0);
      const [github] = await breakers.get([GITHUB_BREAKER]);
      expect(github).toMatchObject({ state: 'open' });
      expect(new Date(github.openUntil!).getTime()).toBe(
        Math.floor(resetAt.getTime() / 1000) * 1000,
      );
      expect((await store.get(taskId))?.merge?.state).toBe('waiting');

      const before = simulator.requests.length;
      await runner.run();
      expect(simulator.requests.length).toBe(before);
    } finally {
      simulator.setRateLimit(5000, resetAt);
    }
  });

  it('stops, without merging, when someone else pushed to the branch', async () => {
    const { store, runner } = await setUp();
    const pull = await pullRequest();
    const taskId = await completedTask(
      store,
      pull.number,
      'auto-merge',
      pull.head,
    );
    const git = simulator.repository(fullName);
    const main = await git.resolveRef('refs/heads/main');
    const pushed = await git.commitFiles(
      `chore/dependency-update-${branches}`,
      { 'postinstall.js': 'steal()\n' },
      'chore: also this',
    );
    await check(pushed, 'success');

    expect(await runner.run()).toBe(0);
    expect((await store.get(taskId))?.merge).toMatchObject({
      state: 'not_mergeable',
      detail: expect.stringContaining('someone else pushed'),
    });
    expect(await git.resolveRef('refs/heads/main')).toBe(main);
    expect(
      simulator.pulls(fullName).find(pr => pr.number === pull.number)?.state,
    ).toBe('open');

    // Decided: later runs leave it alone.
    const before = simulator.requests.length;
    await runner.run();
    expect(simulator.requests.length).toBe(before);
  });

  it('merges nothing for a task that did not record the commit it pushed', async () => {
    const { store, runner } = await setUp();
    const pull = await pullRequest();
    const taskId = await completedTask(store, pull.number);
    await check(pull.head, 'success');
    const before = simulator.requests.length;

    expect(await runner.run()).toBe(0);
    expect((await store.get(taskId))?.merge).toMatchObject({
      state: 'not_mergeable',
      detail: expect.stringContaining('did not record the commit'),
    });
    expect(simulator.requests.length).toBe(before);
    expect(
      simulator.pulls(fullName).find(pr => pr.number === pull.number)?.state,
    ).toBe('open');
  });
});
