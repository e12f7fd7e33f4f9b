import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import {
  DefaultCheckoutService,
  DefaultIsolatedToolRunner,
  GithubBudget,
  GithubPullRequestMerger,
  runCommand,
} from '@catalyst/plugin-platform-node';
import {
  executionContext,
  executorTask,
} from '@catalyst/plugin-platform-backend/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import { Octokit } from '@octokit/rest';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CiRepairExecutor } from './CiRepairExecutor';

jest.setTimeout(120_000);

const GO_MOD = 'module example.com/svc\n\ngo 1.21\n';
const FORMATTED =
  'package svc\n\nimport "strings"\n\n// Upper shouts.\nfunc Upper(s string) string {\n\treturn strings.ToUpper(s)\n}\n';
/** What a dependency bump might leave: valid Go, not gofmt-ed. */
const UNFORMATTED =
  'package svc\n\nimport "strings"\n\n// Upper shouts.\nfunc Upper( s string ) string {\n    return strings.ToUpper(s)\n}\n';
const CATALYST = { name: 'Catalyst', email: 'catalyst@example.com' };

describe('CiRepairExecutor', () => {
  let simulator: GithubSimulator;
  let ci: Octokit;
  let workDir: string;
  let repositories = 0;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    ci = new Octokit({ baseUrl: simulator.urls.api, auth: simulator.token });
  });
  afterAll(() => simulator.stop());
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'ci-repair-'));
  });
  afterEach(() => fs.rm(workDir, { recursive: true, force: true }));

  const integrations = () =>
    ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
  const checkouts = () =>
    new DefaultCheckoutService({
      integrations: integrations(),
      workingDirectory: workDir,
    });

  function executor(
    config = { maxPushes: 2, maxReruns: 2 },
    flaky: string[] = [],
    budget?: GithubBudget,
  ) {
    const refreshed: string[] = [];
    const repair = new CiRepairExecutor({
      budget,
      integrations: integrations(),
      credentialsProvider: DefaultGithubCredentialsProvider.fromIntegrations(
        integrations(),
      ),
      checkouts: checkouts(),
      tools: new DefaultIsolatedToolRunner({ mode: 'bwrap' }),
      config,
      flakyTests: async () => flaky,
      refreshLockfile: async dir => {
        refreshed.push(dir);
      },
      install: async () => {
        throw new Error('a Go repository installs no Node tools');
      },
    });
    return { repair, refreshed };
  }

  /** A Go repository and a Catalyst chore pull request whose commit is not gofmt-ed. */
  async function chorePullRequest(
    files: Record<string, string> = { 'svc.go': UNFORMATTED },
  ) {
    repositories += 1;
    const fullName = `acme/svc-${repositories}`;
    const git = await simulator.createRepository(fullName, {
      commits: [
        { message: 'init', files: { 'go.mod': GO_MOD, 'svc.go': FORMATTED } },
      ],
    });
    const head = await git.commitFiles(
      'chore/dependency-update-go',
      files,
      'chore(deps): bump',
      { from: 'main', author: CATALYST },
    );
    const pull = await simulator.openPullRequest(fullName, {
      head: 'chore/dependency-update-go',
      title: 'chore(deps): bump',
    });
    return { fullName, git, head, number: pull.number };
  }

  /** The repository's CI: `gofmt -l` on a clone of the branch, reported as the `format` check. */
  async function runFormatCheck(fullName: string, sha: string) {
    const checkout = await checkouts().clone({
      repositoryUrl: `${simulator.urls.web}/${fullName}`,
      ref: 'chore/dependency-update-go',
    });
    try {
      const { stdout } = await runCommand('gofmt', ['-l', '.'], {
        cwd: checkout.dir,
      });
      const files = stdout.split('\n').filter(Boolean);
      const [owner, repo] = fullName.split('/');
      await ci.rest.checks.create({
        owner,
        repo,
        name: 'format',
        head_sha: sha,
        status: 'completed',
        conclusion: files.length ? 'failure' : 'success',
        output: {
          title: files.length ? `${files.length} files not formatted` : 'ok',
          summary: files.length ? '`gofmt -l .` lists files' : 'gofmt clean',
          text: files.length ? `$ gofmt -l .\n${files.join('\n')}` : '',
          annotations: files.map(path => ({
            path,
            start_line: 1,
            end_line: 1,
            annotation_level: 'failure' as const,
            message: 'File is not gofmt-ed',
          })),
        },
      });
      return files.length ? 'failure' : 'success';
    } finally {
      await checkout.close();
    }
  }

  async function failCheck(
    fullName: string,
    sha: string,
    name: string,
    conclusion: 'failure' | 'timed_out',
    text: string,
  ) {
    const [owner, repo] = fullName.split('/');
    await ci.rest.checks.create({
      owner,
      repo,
      name,
      head_sha: sha,
      status: 'completed',
      conclusion,
      output: { title: name, summary: 'failed', text },
    });
  }

  const task = (
    fullName: string,
    number: number,
    headSha: string,
  ): PlatformTask =>
    executorTask('ci_repair', `${simulator.urls.web}/${fullName}`, {
      subject: `pr-${number}-${headSha.slice(0, 12)}`,
      payload: {
        repositoryUrl: `${simulator.urls.web}/${fullName}`,
        pullNumber: number,
        headSha,
      },
    });
  const apply = () => executionContext('apply', 'auto-merge');
  const branchHead = (git: {
    resolveRef(ref: string): Promise<string | undefined>;
  }) => git.resolveRef('refs/heads/chore/dependency-update-go');

  it("repairs a format failure with one push of the repository's own formatter, and the checks pass", async () => {
    const { fullName, git, head, number } = await chorePullRequest();
    expect(await runFormatCheck(fullName, head)).toBe('failure');

    const result = await executor().repair.execute(
      task(fullName, number, head),
      apply(),
    );

    expect(result.outcome).toBe('done');
    const repaired = (await branchHead(git))!;
    expect(repaired).not.toBe(head);
    expect(result.linkedPr).toEqual(
      expect.objectContaining({ number, headSha: repaired }),
    );
    const commit = (await git.readCommit(repaired))!;
    expect(commit.parents).toEqual([head]);
    expect(commit.message).toContain('Catalyst-Repair: 1');
    expect(await git.git(['show', `${repaired}:svc.go`])).toBe(FORMATTED);
    const comments = simulator.comments(fullName, number);
    expect(comments).toHaveLength(1);
    expect(comments[0].body).toContain('**format**');
    expect(comments[0].body).toContain('svc.go:1: File is not gofmt-ed');

    // The repository's CI runs on the repaired head and passes; the
    // auto-merge loop merges the commit the repair pushed.
    expect(await runFormatCheck(fullName, repaired)).toBe('success');
    const merged = await new GithubPullRequestMerger({
      integrations: integrations(),
    }).mergeIfChecksPass({
      repository: `${simulator.urls.web}/${fullName}`,
      number,
      expectedHeadSha: repaired,
    });
    expect(merged.state).toBe('merged');
  });

  it('comments on a test failure with its evidence and pushes nothing', async () => {
    const { fullName, git, head, number } = await chorePullRequest({
      'svc.go': FORMATTED.replace('ToUpper', 'ToLower'),
    });
    await failCheck(
      fullName,
      head,
      'test',
      'failure',
      [
        '=== RUN   TestUpper',
        '    svc_test.go:9: Upper("a") = "a", want "A"',
        '--- FAIL: TestUpper (0.00s)',
        'FAIL',
        'FAIL\texample.com/svc\t0.003s',
      ].join('\n'),
    );

    const result = await executor().repair.execute(
      task(fullName, number, head),
      apply(),
    );

    expect(result).toEqual(
      expect.objectContaining({
        outcome: 'done',
        summary: 'Left for a person (test_failure)',
      }),
    );
    expect(result.linkedPr).toBeUndefined();
    expect(await branchHead(git)).toBe(head);
    const [comment] = simulator.comments(fullName, number);
    expect(comment.body).toContain('leaves this pull request to a person');
    expect(comment.body).toContain('**test failure** (tests: `TestUpper`)');
    expect(comment.body).toContain('--- FAIL: TestUpper (0.00s)');

    // A retried attempt does not comment twice.
    await executor().repair.execute(task(fullName, number, head), apply());
    expect(simulator.comments(fullName, number)).toHaveLength(1);
  });

  it('reads the failure from the end of a large Actions job log when the check run says nothing', async () => {
    const { fullName, git, head, number } = await chorePullRequest({
      'svc.go': FORMATTED.replace('ToUpper', 'ToLower'),
    });
    await failCheck(fullName, head, 'build', 'failure', '');
    const run = simulator.checkRuns(fullName).at(-1)!;
    // Megabytes of output before the failing step; the first failure the
    // log names lies outside the tail that is read.
    const earlier = Array.from(
      { length: 120_000 },
      (_, i) => `2026-12-07T04:59:00.0000000Z downloading module ${i}`,
    );
    simulator.setJobLog(
      fullName,
      run.id,
      [
        '2026-12-07T04:58:00.0000000Z --- FAIL: TestEarlier (0.00s)',
        ...earlier,
        '2026-12-07T05:00:00.0000000Z ##[group]Run go test ./...',
        '2026-12-07T05:00:01.0000000Z === RUN   TestUpper',
        '2026-12-07T05:00:01.1000000Z     svc_test.go:9: Upper("a") = "a", want "A"',
        '2026-12-07T05:00:01.2000000Z --- FAIL: TestUpper (0.00s)',
        '2026-12-07T05:00:01.3000000Z ##[error]Process completed with exit code 1.',
      ].join('\n'),
    );

    const budget = new GithubBudget();
    const from = simulator.requests.length;

    const result = await executor(undefined, [], budget).repair.execute(
      task(fullName, number, head),
      apply(),
    );

    expect(result).toEqual(
      expect.objectContaining({
        outcome: 'done',
        summary: 'Left for a person (test_failure)',
      }),
    );
    expect(await branchHead(git)).toBe(head);
    // Every API request counts in the budget as `tasks`; the log itself is
    // read from the address GitHub redirects to, outside the API.
    const apiRequests = simulator.requests
      .slice(from)
      .filter(r => r.operation !== undefined && r.operation !== 'git');
    expect(budget.snapshot().features).toEqual([
      expect.objectContaining({
        feature: 'tasks',
        requests: apiRequests.length,
      }),
    ]);
    expect(
      simulator.requests.filter(
        r =>
          r.operation === 'actions/download-job-logs-for-workflow-run' &&
          r.path.endsWith(`/actions/jobs/${run.id}/logs`),
      ),
    ).toHaveLength(1);
    const [comment] = simulator.comments(fullName, number);
    expect(comment.body).toContain('**test failure** (tests: `TestUpper`)');
    expect(comment.body).toContain('--- FAIL: TestUpper (0.00s)');
    expect(comment.body).not.toContain('2026-12-07T05:00:01');
    expect(comment.body).not.toContain('TestEarlier');
  });

  it('holds the push limit under repeated failures', async () => {
    const { fullName, git, head, number } = await chorePullRequest();
    const { repair } = executor({ maxPushes: 1, maxReruns: 2 });
    await runFormatCheck(fullName, head);
    const first = await repair.execute(task(fullName, number, head), apply());
    const pushed = first.linkedPr!.headSha;
    expect(pushed).not.toBe(head);

    // The repaired head fails formatting again (another generator run).
    const again = await git.commitFiles(
      'chore/dependency-update-go',
      { 'svc.go': UNFORMATTED },
      'chore(deps): regenerate',
      { author: CATALYST },
    );
    expect(await runFormatCheck(fullName, again)).toBe('failure');
    const second = await repair.execute(task(fullName, number, again), apply());

    expect(second.summary).toBe('Push limit reached (format)');
    expect(second.linkedPr).toBeUndefined();
    expect(await branchHead(git)).toBe(again);
    const bodies = simulator.comments(fullName, number).map(c => c.body);
    expect(bodies).toHaveLength(2);
    expect(bodies[1]).toContain(
      'pushed 1 repairs to this pull request already',
    );
  });

  it("never pushes on top of a person's commit", async () => {
    const { fullName, git, number } = await chorePullRequest();
    const personal = await git.commitFiles(
      'chore/dependency-update-go',
      { 'notes.md': 'why\n' },
      'docs: note',
      { author: { name: 'Dana Developer', email: 'dana@example.com' } },
    );
    await runFormatCheck(fullName, personal);

    const result = await executor().repair.execute(
      task(fullName, number, personal),
      apply(),
    );

    expect(result.summary).toBe(
      'Not pushed: a person committed to the branch (format)',
    );
    expect(await branchHead(git)).toBe(personal);
    expect(simulator.comments(fullName, number)[0].body).toContain(
      "are not Catalyst's (Dana Developer)",
    );
  });

  it('re-runs an infrastructure failure and a known flaky test, within the re-run limit', async () => {
    const { fullName, head, number } = await chorePullRequest({
      'svc.go': FORMATTED.replace('shouts', 'shouts loudly'),
    });
    await failCheck(
      fullName,
      head,
      'build',
      'timed_out',
      'The job exceeded the maximum execution time',
    );
    await failCheck(
      fullName,
      head,
      'test',
      'failure',
      '--- FAIL: TestClock (0.01s)\nFAIL\texample.com/svc\t0.010s',
    );
    const { repair } = executor({ maxPushes: 2, maxReruns: 1 }, [
      'example.com/svc › TestClock',
    ]);

    const result = await repair.execute(task(fullName, number, head), apply());

    expect(result.summary).toBe('Re-ran 2 checks (infrastructure, flaky_test)');
    expect(result.linkedPr?.headSha).toBe(head);
    const runs = simulator.checkRuns(fullName);
    expect(simulator.checkRunRerequests(fullName).sort()).toEqual(
      runs.map(r => r.id).sort(),
    );

    // They fail again: the limit of one re-run holds.
    await failCheck(fullName, head, 'build', 'timed_out', 'timed out again');
    const second = await repair.execute(task(fullName, number, head), apply());
    expect(second.summary).toBe('Re-run limit reached (infrastructure)');
    expect(simulator.checkRunRerequests(fullName)).toHaveLength(2);
  });

  it('has nothing to do once the branch moved or the pull request closed', async () => {
    const { fullName, git, head, number } = await chorePullRequest();
    await runFormatCheck(fullName, head);
    const moved = await git.commitFiles(
      'chore/dependency-update-go',
      { 'svc.go': FORMATTED },
      'fix: format',
      { author: CATALYST },
    );
    const result = await executor().repair.execute(
      task(fullName, number, head),
      apply(),
    );
    expect(result.outcome).toBe('nothing_to_do');
    expect(result.summary).toContain(`moved to ${moved.slice(0, 12)}`);
    await expect(
      executor().repair.execute(
        executorTask('ci_repair', `${simulator.urls.web}/${fullName}`, {
          payload: { repositoryUrl: 'not a url', pullNumber: -1 },
        }),
        apply(),
      ),
    ).rejects.toThrow(/no ci_repair task/);
  });
});
