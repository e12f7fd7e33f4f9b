import { InputError } from '@backstage/errors';
import type {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import type { PlatformTask } from '@catalyst/plugin-platform-common';
import {
  githubConnector,
  GithubPullRequestMerger,
  GithubPullRequestPublisher,
  parseGithubRepository,
} from '@catalyst/plugin-platform-node';
import type {
  CheckoutService,
  GithubBudget,
  GithubConnection,
  GithubRepositoryRef,
  IsolatedToolRunner,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import {
  installLockedDependencies,
  runLintFixers,
} from '@catalyst/plugin-platform-backend-module-lint-autofix';
import type {
  InstallDependencies,
  LintFixer,
} from '@catalyst/plugin-platform-backend-module-lint-autofix';
import type { RefreshLockfile } from '@catalyst/plugin-platform-backend-module-dependency-updates';
import { z } from 'zod';
import {
  CheckFailure,
  CheckFailureKind,
  classifyCheckFailure,
  FailedCheck,
} from './classifyCheckFailure';
import type { CiRepairConfig } from './readCiRepairConfig';
import { readJobLogTail } from './readJobLogTail';

/** What AutoMergeRunner hands over: the chore pull request and the head whose checks failed. */
const payloadSchema = z.object({
  repositoryUrl: z.string().url().max(2000),
  pullNumber: z.number().int().positive(),
  headSha: z.string().regex(/^[0-9a-f]{40}$/),
});

/** Kinds a push of the repository's own fixers repairs. */
const PUSH_KINDS = new Set<CheckFailureKind>(['format', 'lint', 'lockfile']);
/** Kinds a re-run of the check repairs. */
const RERUN_KINDS = new Set<CheckFailureKind>(['infrastructure', 'flaky_test']);
/** The trailer that marks Catalyst's repair commits; counted for the push limit. */
const TRAILER = 'Catalyst-Repair';
/** Annotations read per check run, and check runs read per head (untrusted, bounded). */
const MAX_ANNOTATIONS = 100;
// The end of a job log: where a failing step prints why.
const MAX_JOB_LOG_BYTES = 65_536;
const MAX_FAILED_CHECKS = 20;
/** Formatters: what a format failure runs; a lint failure runs every fixer. */
const FORMATTERS: LintFixer['tool'][] = [
  'prettier',
  'ruff',
  'gofmt',
  'goimports',
];

const marker = (action: string, sha: string) =>
  `<!-- catalyst-ci-repair:${action}:${sha} -->`;

/**
 * `ci_repair`: a Catalyst chore pull request whose checks failed. Reads the
 * failed check runs of the head Catalyst pushed (their annotations and log),
 * classifies each ({@link classifyCheckFailure}) and acts:
 *
 * - format, lint: runs the repository's own fixers (the lint-autofix
 *   module's, through the isolated tool runner) on the pull request's branch;
 *   lockfile: refreshes it with the dependency-updates module's lockfile
 *   refresh; then pushes one commit on top of the head, never forced, at most
 *   `maxPushes` per pull request, and never on a branch someone else pushed to;
 * - infrastructure, known-flaky test: re-requests the check runs, at most
 *   `maxReruns` times per pull request;
 * - type error, test failure, anything else: comments with the
 *   classification and its evidence and leaves the pull request to a person.
 *
 * Every action comments on the pull request with what it saw and did. After
 * a push or a re-run the task links the pull request with the head to merge,
 * so the auto-merge loop waits on the new checks.
 *
 * @public
 */
export class CiRepairExecutor implements PlatformTaskExecutor {
  readonly taskType = 'ci_repair';
  private readonly connect: ReturnType<typeof githubConnector>;
  private readonly publisher: GithubPullRequestPublisher;
  private readonly merger: GithubPullRequestMerger;

  constructor(
    private readonly deps: {
      integrations: ScmIntegrationRegistry;
      credentialsProvider: GithubCredentialsProvider;
      /** The platform's GitHub budget; requests count as `tasks`. */
      budget?: GithubBudget;
      checkouts: CheckoutService;
      tools: IsolatedToolRunner;
      config: CiRepairConfig;
      /** Known flaky test ids of a repository (`owner/name`). */
      flakyTests: (repository: string) => Promise<string[]>;
      refreshLockfile: RefreshLockfile;
      install?: InstallDependencies;
    },
  ) {
    const github = { ...deps, feature: 'tasks' };
    this.connect = githubConnector(github);
    // The merger judges the checks that queued this task; the repair reads them the same way.
    this.merger = new GithubPullRequestMerger(github);
    this.publisher = new GithubPullRequestPublisher(github);
  }

  async execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult> {
    const parsed = payloadSchema.safeParse(task.payload);
    if (!parsed.success) {
      throw new InputError(
        `Task ${task.id} is no ci_repair task: ${parsed.error.message}`,
      );
    }
    const payload = parsed.data;
    const target = parseGithubRepository(payload.repositoryUrl);
    const { owner, repo } = target;
    const github = await this.connect(target);
    const pull = await github.call('pulls.get', o =>
      o.rest.pulls.get({ owner, repo, pull_number: payload.pullNumber }),
    );
    if (pull.state !== 'open') {
      return {
        outcome: 'nothing_to_do',
        summary: 'The pull request is closed',
      };
    }
    if (pull.head.sha !== payload.headSha) {
      return {
        outcome: 'nothing_to_do',
        summary: `The branch moved to ${pull.head.sha.slice(
          0,
          12,
        )} since its checks failed on ${payload.headSha.slice(0, 12)}`,
      };
    }
    if (
      pull.head.repo?.full_name?.toLowerCase() !==
      `${owner}/${repo}`.toLowerCase()
    ) {
      return {
        outcome: 'nothing_to_do',
        summary: 'The pull request comes from another repository',
      };
    }

    const failed = await this.failedChecks(
      github,
      target,
      payload.headSha,
      ctx.signal,
    );
    if (failed.length === 0) {
      return {
        outcome: 'nothing_to_do',
        summary: 'No check failed on the head',
      };
    }
    const flaky = await this.deps.flakyTests(`${owner}/${repo}`);
    const failures = failed.map(check => classifyCheckFailure(check, flaky));
    const comments = await github.call('issues.listComments', o =>
      o.rest.issues.listComments({
        owner,
        repo,
        issue_number: pull.number,
        per_page: 100,
      }),
    );
    const comment = async (action: string, text: string) => {
      const tag = marker(action, payload.headSha);
      // A retried attempt does not say the same thing twice.
      if (
        ctx.phase === 'prepare' ||
        comments.some(c => c.body?.includes(tag))
      ) {
        return;
      }
      await github.call('issues.createComment', o =>
        o.rest.issues.createComment({
          owner,
          repo,
          issue_number: pull.number,
          body: `${tag}\n${text}\n\n${describeFailures(
            failures,
            payload.headSha,
          )}`,
        }),
      );
    };
    const linkedPr = (headSha: string) => ({
      number: pull.number,
      url: pull.html_url,
      headSha,
    });
    const kinds = [...new Set(failures.map(f => f.kind))].join(', ');

    const forPerson = failures.filter(
      f => !PUSH_KINDS.has(f.kind) && !RERUN_KINDS.has(f.kind),
    );
    if (forPerson.length > 0) {
      await comment(
        'person',
        `**Catalyst CI repair** leaves this pull request to a person: ${forPerson
          .map(f => `\`${f.check.name}\` failed with a ${label(f.kind)}`)
          .join(', ')}, which no fixer or re-run repairs.`,
      );
      return { outcome: 'done', summary: `Left for a person (${kinds})` };
    }

    const toPush = failures.filter(f => PUSH_KINDS.has(f.kind));
    if (toPush.length > 0) {
      return this.push(github, target, {
        task,
        ctx,
        pull: { number: pull.number, branch: pull.head.ref },
        headSha: payload.headSha,
        failures: toPush,
        comment,
        linkedPr,
        kinds,
      });
    }

    const reruns = comments.filter(c =>
      c.body?.includes('<!-- catalyst-ci-repair:rerun-'),
    ).length;
    if (reruns >= this.deps.config.maxReruns) {
      await comment(
        'limit-rerun',
        `**Catalyst CI repair** re-ran checks of this pull request ${reruns} times already (platform.ciRepair.maxReruns: ${this.deps.config.maxReruns}); it is left to a person.`,
      );
      return { outcome: 'done', summary: `Re-run limit reached (${kinds})` };
    }
    if (ctx.phase === 'prepare') {
      return {
        outcome:
          ctx.approvalPolicy === 'dry-run' ? 'done' : 'awaiting_approval',
        summary: `Would re-run ${failures
          .map(f => f.check.name)
          .join(', ')} (${kinds})`,
      };
    }
    for (const failure of failures) {
      await github.call('checks.rerequestRun', o =>
        o.rest.checks.rerequestRun({
          owner,
          repo,
          check_run_id: failure.check.id,
        }),
      );
    }
    await comment(
      `rerun-${reruns + 1}`,
      `**Catalyst CI repair** re-ran ${failures
        .map(f => `\`${f.check.name}\``)
        .join(', ')} (re-run ${reruns + 1} of at most ${
        this.deps.config.maxReruns
      }).`,
    );
    return {
      outcome: 'done',
      summary: `Re-ran ${failures.length} checks (${kinds})`,
      linkedPr: linkedPr(payload.headSha),
    };
  }

  private async push(
    github: GithubConnection,
    target: GithubRepositoryRef,
    options: {
      task: PlatformTask;
      ctx: PlatformTaskExecutionContext;
      pull: { number: number; branch: string };
      headSha: string;
      failures: CheckFailure[];
      comment: (action: string, text: string) => Promise<void>;
      linkedPr: (headSha: string) => PlatformTaskExecutionResult['linkedPr'];
      kinds: string;
    },
  ): Promise<PlatformTaskExecutionResult> {
    const { owner, repo } = target;
    const { ctx, pull, headSha, failures, comment, kinds } = options;
    const { maxPushes } = this.deps.config;
    const commits = await github.call('pulls.listCommits', o =>
      o.rest.pulls.listCommits({
        owner,
        repo,
        pull_number: pull.number,
        per_page: 100,
      }),
    );
    const pushes = commits.filter(c =>
      new RegExp(`^${TRAILER}: \\d+$`, 'm').test(c.commit.message),
    ).length;
    if (pushes >= maxPushes) {
      await comment(
        'limit-push',
        `**Catalyst CI repair** pushed ${pushes} repairs to this pull request already (platform.ciRepair.maxPushes: ${maxPushes}); it is left to a person.`,
      );
      return { outcome: 'done', summary: `Push limit reached (${kinds})` };
    }
    // Catalyst opened the pull request, so its first commit is Catalyst's:
    // any other author means a person works on the branch now.
    const author = (c: (typeof commits)[number]) =>
      c.commit.author?.email?.toLowerCase() ?? '';
    const others = commits.filter(c => author(c) !== author(commits[0]));
    if (others.length > 0) {
      await comment(
        'person-commits',
        `**Catalyst CI repair** does not push: ${
          others.length
        } commit(s) on this branch are not Catalyst's (${[
          ...new Set(others.map(c => c.commit.author?.name ?? author(c))),
        ].join(', ')}).`,
      );
      return {
        outcome: 'done',
        summary: `Not pushed: a person committed to the branch (${kinds})`,
      };
    }

    const checkout = await this.deps.checkouts.clone({
      repositoryUrl: target.url,
      ref: pull.branch,
    });
    try {
      const ran: string[] = [];
      const byKind = new Set(failures.map(f => f.kind));
      if (byKind.has('format') || byKind.has('lint')) {
        const fixers = await runLintFixers(checkout, {
          tools: this.deps.tools,
          signal: ctx.signal,
          install: this.deps.install ?? installLockedDependencies,
          only: byKind.has('lint') ? undefined : FORMATTERS,
        });
        ran.push(...fixers.ran.map(f => `\`${f.tool} ${f.args.join(' ')}\``));
      }
      if (byKind.has('lockfile')) {
        await this.deps.refreshLockfile(checkout.dir, {
          signal: ctx.signal,
          tools: this.deps.tools,
        });
        ran.push('the lockfile refresh of its package manager');
      }
      ctx.signal.throwIfAborted();
      const { files, diff } = await checkout.changes();
      const changed = Object.keys(files).length;
      if (changed === 0) {
        await comment(
          'no-change',
          `**Catalyst CI repair** ran ${
            ran.join(', ') || 'no fixer (the repository declares none)'
          } on the branch, which changed nothing; it is left to a person.`,
        );
        return {
          outcome: 'done',
          summary: `Fixers changed nothing (${kinds})`,
        };
      }
      const n = pushes + 1;
      const summary = `Repair ${n} of ${maxPushes}: ${kinds} (${changed} files)`;
      if (ctx.phase === 'prepare') {
        return {
          outcome:
            ctx.approvalPolicy === 'dry-run' ? 'done' : 'awaiting_approval',
          diff,
          summary,
        };
      }
      const message = [
        `fix(ci): repair ${kinds} failures`,
        '',
        `Catalyst ran ${ran.join(', ')} after ${failures
          .map(f => f.check.name)
          .join(', ')} failed on ${headSha.slice(0, 12)}.`,
        '',
        `${TRAILER}: ${n}`,
      ].join('\n');
      const { commitSha: sha } = await this.publisher.pushCommit({
        repository: target.url,
        branch: pull.branch,
        parentSha: headSha,
        files,
        message,
      });
      await comment(
        'push',
        `**Catalyst CI repair** pushed ${sha.slice(
          0,
          12,
        )} (repair ${n} of at most ${maxPushes}): it ran ${ran.join(', ')}.`,
      );
      return {
        outcome: 'done',
        summary,
        diff,
        linkedPr: options.linkedPr(sha),
      };
    } finally {
      await checkout.close();
    }
  }

  /** The failed check runs of a head (the newest run of each name), with their annotations and job logs. */
  private async failedChecks(
    github: GithubConnection,
    target: GithubRepositoryRef,
    headSha: string,
    signal: AbortSignal,
  ): Promise<FailedCheck[]> {
    const { owner, repo } = target;
    const { failed } = await this.merger.readChecks({
      repository: target.url,
      sha: headSha,
    });
    const checks: FailedCheck[] = [];
    for (const run of failed.slice(0, MAX_FAILED_CHECKS)) {
      const annotations = run.output.annotationsCount
        ? await github.call('checks.listAnnotations', o =>
            o.rest.checks.listAnnotations({
              owner,
              repo,
              check_run_id: run.id,
              per_page: MAX_ANNOTATIONS,
            }),
          )
        : [];
      // An Actions job's id is its check run's id.
      const jobLog = await readJobLogTail(github, target, run.id, {
        maxBytes: MAX_JOB_LOG_BYTES,
        signal,
      });
      checks.push({
        id: run.id,
        name: run.name.slice(0, 200),
        conclusion: run.conclusion ?? 'failure',
        title: run.output.title ?? undefined,
        summary: run.output.summary ?? undefined,
        text: run.output.text ?? undefined,
        // Actions prefixes every line with its time.
        jobLog: jobLog?.replace(/^\d{4}-\d\d-\d\dT[\d:.]+Z /gm, ''),
        annotations: annotations.map(a => ({
          path: a.path,
          line: a.start_line,
          message: (a.message ?? '').slice(0, 1000),
          title: a.title ?? undefined,
        })),
      });
    }
    return checks;
  }
}

function label(kind: CheckFailureKind): string {
  return kind.replace(/_/g, ' ');
}

/** The classification and evidence of every failed check, as Markdown. */
function describeFailures(failures: CheckFailure[], headSha: string): string {
  const fence = (line: string) => line.replace(/`/g, "'");
  return [
    `Failed checks on ${headSha.slice(0, 12)}:`,
    '',
    ...failures.flatMap(f => [
      `- \`${fence(f.check.name)}\`: **${label(f.kind)}**${
        f.failedTests.length
          ? ` (tests: ${f.failedTests
              .slice(0, 5)
              .map(t => `\`${fence(t)}\``)
              .join(', ')})`
          : ''
      }`,
      ...f.evidence.map(line => `  - \`${fence(line)}\``),
    ]),
  ].join('\n');
}
