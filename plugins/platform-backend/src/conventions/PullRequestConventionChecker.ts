import { LoggerService } from '@backstage/backend-plugin-api';
import type { ConventionPack } from '@catalyst/plugin-platform-node';
import { ConventionStore } from './ConventionStore';
import {
  CheckRunAnnotationInput,
  PullRequestChecksClient,
  PullRequestRef,
} from './PullRequestChecksClient';
import { checkPullRequest, PullRequestFinding } from './pullRequestChecks';
import {
  CATALYST_CONFIG_FILE,
  resolvePullRequestConventions,
} from './pullRequestConventions';

/** The name of the check run on pull requests. */
export const CONVENTIONS_CHECK_NAME = 'Catalyst conventions';

/** Pull request actions that change what the checks look at. */
export const CHECKED_PULL_REQUEST_ACTIONS = [
  'opened',
  'synchronize',
  'edited',
  'reopened',
];

/** What checking one pull request event did. */
export interface PullRequestConventionResult {
  pack?: string;
  conclusion: 'success' | 'failure' | 'neutral';
  checkRunId: number;
  /** Every check gets a new check run (see PullRequestConventionChecker). */
  checkRun: 'created';
  findings: PullRequestFinding[];
}

const LABELS: Record<PullRequestFinding['check'], string> = {
  'commit-message': 'Commit message',
  'pr-title': 'Pull request title',
  'branch-name': 'Branch name',
  tests: 'Source changed without tests',
  'file-name': 'File name',
  'catalyst-yaml': 'catalyst.yaml',
};

function summaryOf(
  findings: PullRequestFinding[],
  pack: ConventionPack | undefined,
): string {
  const listed = findings.map(
    f =>
      `- ${f.level === 'failure' ? '**failure**' : 'warning'} (${
        LABELS[f.check]
      }): ${f.message}`,
  );
  if (!pack) {
    return findings.length
      ? [
          `${CATALYST_CONFIG_FILE} stops the convention checks:`,
          '',
          ...listed,
        ].join('\n')
      : 'No convention pack applies to this repository, so nothing was checked.';
  }
  const intro = `Checked against the **${pack.title}** convention pack: commit messages and title, branch name, tests for changed sources, file names.`;
  if (!findings.length)
    return `${intro}\n\nEverything follows the conventions.`;
  return [intro, '', ...listed].join('\n');
}

/**
 * Runs the convention checks on a pull request event, with the rule set of
 * the repository's component and as the repository's catalyst.yaml at the
 * head commit configures them, and reports a new check
 * run on the head commit every time. Updating an earlier run would add the
 * new annotations to its stale ones (GitHub appends annotations on update);
 * GitHub shows the newest run of a name per commit. Every check is recorded.
 */
export class PullRequestConventionChecker {
  constructor(
    private readonly options: {
      /** The packs with the rule set of the repository's component (`owner/name`). */
      packs: (repository: string) => Promise<ConventionPack[]>;
      client: PullRequestChecksClient;
      store: ConventionStore;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {}

  async check(
    pr: PullRequestRef & { title: string; branch: string; action: string },
  ): Promise<PullRequestConventionResult> {
    const { client, store } = this.options;
    const facts = await client.read(pr);
    const conventions = resolvePullRequestConventions(
      await this.options.packs(`${pr.owner}/${pr.repo}`),
      facts.paths,
      facts.paths.has(CATALYST_CONFIG_FILE)
        ? await client.readFile(pr, CATALYST_CONFIG_FILE)
        : undefined,
    );
    const { pack } = conventions;
    const checked = facts.files.filter(f => !conventions.isIgnored(f.filename));
    const findings = [
      ...conventions.findings,
      ...(pack
        ? checkPullRequest(
            {
              title: pr.title,
              branch: pr.branch,
              commits: facts.commits,
              files: checked,
            },
            pack,
          )
        : []),
    ];
    const failures = findings.filter(f => f.level === 'failure').length;
    let conclusion: PullRequestConventionResult['conclusion'] = 'success';
    let title = `Conventions followed${
      findings.length ? ` (${findings.length} warnings)` : ''
    }`;
    if (!pack && failures) {
      conclusion = 'failure';
      title = `${CATALYST_CONFIG_FILE} is not valid`;
    } else if (!pack) {
      conclusion = 'neutral';
      title = 'No convention pack applies';
    } else if (failures) {
      conclusion = 'failure';
      title = `${failures} convention ${
        failures === 1 ? 'failure' : 'failures'
      }`;
    }
    // GitHub needs a path on every annotation; pull-request-wide findings sit on the first changed file.
    const anchor =
      facts.files.find(f => f.status !== 'removed')?.filename ??
      [...facts.paths][0] ??
      'README.md';
    const annotations: CheckRunAnnotationInput[] = findings.map(f => ({
      path: f.path ?? anchor,
      start_line: f.line ?? 1,
      end_line: f.line ?? 1,
      annotation_level: f.level,
      title: LABELS[f.check],
      message: f.message,
    }));
    const run = await client.report(pr, {
      name: CONVENTIONS_CHECK_NAME,
      conclusion,
      title,
      summary: summaryOf(findings, pack),
      annotations,
    });
    await store.recordCheck(
      {
        repository: `${pr.owner}/${pr.repo}`,
        prNumber: pr.number,
        headSha: pr.headSha,
        action: pr.action,
        conclusion,
        checkRunId: run.id,
        findings,
      },
      this.options.now?.() ?? new Date(),
    );
    return {
      ...(pack ? { pack: pack.id } : {}),
      conclusion,
      checkRunId: run.id,
      checkRun: 'created',
      findings,
    };
  }
}
