import { GithubApiError } from './GithubApiError';
import {
  GithubClientOptions,
  GithubConnection,
  githubConnector,
} from './connectGithub';
import {
  GithubRepositoryRef,
  parseGithubRepository,
} from './parseGithubRepository';

/**
 * How GitHub combines the pull request into its base branch.
 *
 * @public
 */
export type PullRequestMergeMethod = 'merge' | 'squash' | 'rebase';

/**
 * Where a pull request stands after {@link GithubPullRequestMerger.mergeIfChecksPass}:
 * `merged` (now or earlier), `waiting` for checks to finish (or to start),
 * `checks_failed` (left open for a person), `closed` without merging, or
 * `not_mergeable` (conflicts, or the head is not the commit Catalyst pushed).
 *
 * @public
 */
export interface PullRequestMergeOutcome {
  state: 'merged' | 'waiting' | 'checks_failed' | 'closed' | 'not_mergeable';
  /** One line for people: which checks failed, why GitHub refused. */
  detail: string;
  /** The head commit the checks ran on. */
  headSha?: string;
  /** The commit on the base branch, once merged. */
  mergeCommitSha?: string;
}

/**
 * One check run of a commit, as {@link GithubPullRequestMerger.readChecks}
 * reads it.
 *
 * @public
 */
export interface CommitCheckRun {
  /** The check run's id; for a GitHub Actions job, also the job's id. */
  id: number;
  /** The check's name; a re-run keeps it. */
  name: string;
  /** `queued`, `in_progress` or `completed`. */
  status: string;
  /** Set once completed: `success`, `failure`, `timed_out`, ... */
  conclusion: string | null;
  /** What the check reported: title, Markdown summary and text, and how many annotations it has. */
  output: {
    title: string | null;
    summary: string | null;
    text: string | null;
    annotationsCount: number;
  };
}

/**
 * The check runs of a commit, the newest of each name (a re-run adds a run
 * of the same name), and which of them failed or are still running.
 *
 * @public
 */
export interface CommitChecks {
  /** Every check of the commit, the newest run of each name. */
  runs: CommitCheckRun[];
  /** Completed with a conclusion that blocks a merge. */
  failed: CommitCheckRun[];
  /** Queued or running. */
  pending: CommitCheckRun[];
}

/** Conclusions that let a pull request merge. */
const PASSING = new Set(['success', 'neutral', 'skipped']);

async function readCommitChecks(
  github: GithubConnection,
  { owner, repo }: GithubRepositoryRef,
  sha: string,
): Promise<CommitChecks> {
  const latest = new Map<string, CommitCheckRun>();
  for (let page = 1; ; page++) {
    const { check_runs: found } = await github.call('checks.listForRef', o =>
      o.rest.checks.listForRef({ owner, repo, ref: sha, per_page: 100, page }),
    );
    for (const run of found) {
      const seen = latest.get(run.name);
      if (seen && seen.id > run.id) continue;
      latest.set(run.name, {
        id: run.id,
        name: run.name,
        status: run.status,
        conclusion: run.conclusion,
        output: {
          title: run.output.title,
          summary: run.output.summary,
          text: run.output.text,
          annotationsCount: run.output.annotations_count,
        },
      });
    }
    if (found.length < 100) break;
  }
  const runs = [...latest.values()];
  return {
    runs,
    failed: runs.filter(
      run => run.status === 'completed' && !PASSING.has(run.conclusion ?? ''),
    ),
    pending: runs.filter(run => run.status !== 'completed'),
  };
}

/**
 * Merges a pull request once every check run on its head commit has passed;
 * the "auto-merge when checks pass" approval policy of platform tasks.
 * Merges only the commit Catalyst pushed (`expectedHeadSha`): when the
 * branch holds anything else (someone else pushed) it stops with
 * `not_mergeable` and leaves the pull request to a person. Never merges
 * while a check is queued or running, or when one failed; the merge names
 * that commit (`sha`), so a push in between is refused by GitHub (409)
 * rather than merged unchecked. Credentials come from Backstage's
 * GitHub integrations; rate limits and auth failures throw the typed errors.
 *
 * @public
 */
export class GithubPullRequestMerger {
  private readonly connect: ReturnType<typeof githubConnector>;

  constructor(options: GithubClientOptions) {
    this.connect = githubConnector(options);
  }

  /** The check runs of commit `sha`: what {@link GithubPullRequestMerger.mergeIfChecksPass} judges. */
  async readChecks(options: {
    /** `owner/repo` or a repository URL. */
    repository: string;
    defaultHost?: string;
    sha: string;
  }): Promise<CommitChecks> {
    const target = parseGithubRepository(options.repository, {
      defaultHost: options.defaultHost,
    });
    return readCommitChecks(await this.connect(target), target, options.sha);
  }

  async mergeIfChecksPass(options: {
    /** `owner/repo` or a repository URL. */
    repository: string;
    defaultHost?: string;
    number: number;
    /**
     * The commit Catalyst pushed to the pull request's branch: the only head
     * that may be merged.
     */
    expectedHeadSha: string;
    mergeMethod?: PullRequestMergeMethod;
    /** Whether a head without any check run waits (default) or merges. */
    requireChecks?: boolean;
  }): Promise<PullRequestMergeOutcome> {
    const target = parseGithubRepository(options.repository, {
      defaultHost: options.defaultHost,
    });
    const { owner, repo } = target;
    const github = await this.connect(target);
    const pull = await github.call('pulls.get', o =>
      o.rest.pulls.get({ owner, repo, pull_number: options.number }),
    );
    const headSha = pull.head.sha;
    if (pull.merged) {
      return {
        state: 'merged',
        detail: `Merged at ${pull.merged_at}`,
        headSha,
        mergeCommitSha: pull.merge_commit_sha ?? undefined,
      };
    }
    if (pull.state !== 'open') {
      return { state: 'closed', detail: 'Closed without merging', headSha };
    }
    if (headSha !== options.expectedHeadSha) {
      return {
        state: 'not_mergeable',
        detail: `The branch holds ${headSha.slice(
          0,
          12,
        )}, not the commit Catalyst pushed (${options.expectedHeadSha.slice(
          0,
          12,
        )}): someone else pushed, so it is left for a person to review`,
        headSha,
      };
    }

    const {
      runs: checks,
      failed,
      pending,
    } = await readCommitChecks(github, target, headSha);
    if (failed.length > 0) {
      return {
        state: 'checks_failed',
        detail: `Failed checks: ${failed
          .map(run => `${run.name} (${run.conclusion})`)
          .join(', ')}`,
        headSha,
      };
    }
    if (pending.length > 0) {
      return {
        state: 'waiting',
        detail: `Waiting for ${pending.map(run => run.name).join(', ')}`,
        headSha,
      };
    }
    if (checks.length === 0 && options.requireChecks !== false) {
      return {
        state: 'waiting',
        detail: `No checks have run on ${headSha.slice(0, 12)} yet`,
        headSha,
      };
    }

    try {
      const merged = await github.call('pulls.merge', o =>
        o.rest.pulls.merge({
          owner,
          repo,
          pull_number: options.number,
          sha: options.expectedHeadSha,
          merge_method: options.mergeMethod ?? 'squash',
        }),
      );
      return {
        state: 'merged',
        detail: `Merged after ${checks.length} passing checks`,
        headSha,
        mergeCommitSha: merged.sha,
      };
    } catch (error) {
      // 405: not mergeable (conflicts, protection); 409: the head moved.
      if (
        GithubApiError.is(error) &&
        (error.githubStatus === 405 || error.githubStatus === 409)
      ) {
        return {
          state: 'not_mergeable',
          detail: error.githubMessage ?? error.message,
          headSha,
        };
      }
      throw error;
    }
  }
}
