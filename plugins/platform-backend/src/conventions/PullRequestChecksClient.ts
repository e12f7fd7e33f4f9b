import {
  DefaultGithubCredentialsProvider,
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  classifyGithubError,
  GithubApiError,
  GithubBudget,
  githubOctokit,
} from '@catalyst/plugin-platform-node';
import { Octokit } from '@octokit/rest';

/** The pull request a check is about. */
export interface PullRequestRef {
  htmlUrl: string;
  owner: string;
  repo: string;
  number: number;
  headSha: string;
}

/** One annotation of a check run, as GitHub takes it. */
export interface CheckRunAnnotationInput {
  path: string;
  start_line: number;
  end_line: number;
  annotation_level: 'notice' | 'warning' | 'failure';
  title?: string;
  message: string;
}

/** What a check run reports. */
export interface CheckRunReport {
  name: string;
  conclusion: 'success' | 'failure' | 'neutral';
  title: string;
  summary: string;
  annotations: CheckRunAnnotationInput[];
}

/** Reads what a pull request changes and reports check runs on its head. */
export interface PullRequestChecksClient {
  read(pr: PullRequestRef): Promise<{
    commits: { sha: string; message: string; parents: number }[];
    files: { filename: string; status: string }[];
    /** Every path of the head commit's tree. */
    paths: Set<string>;
  }>;
  /** A text file at the head commit; undefined when it is not there. */
  readFile(pr: PullRequestRef, path: string): Promise<string | undefined>;
  /** Creates a new completed check run on the head commit. */
  report(pr: PullRequestRef, report: CheckRunReport): Promise<{ id: number }>;
}

// GitHub lists at most 250 commits and 3000 files of a pull request.
const MAX_COMMIT_PAGES = 3;
const MAX_FILE_PAGES = 30;
// GitHub takes at most 50 annotations per request.
const MAX_ANNOTATIONS = 50;

/**
 * The GitHub REST API of the pull request's host, named by Backstage's GitHub
 * integration, with its credentials (token or GitHub App; a check run needs
 * an App's `checks: write`). Every report is a new check run: an update
 * would keep the run's earlier annotations.
 */
export class GithubPullRequestChecksClient implements PullRequestChecksClient {
  private readonly credentials: GithubCredentialsProvider;

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    credentialsProvider?: GithubCredentialsProvider,
    private readonly budget?: GithubBudget,
  ) {
    this.credentials =
      credentialsProvider ??
      DefaultGithubCredentialsProvider.fromIntegrations(integrations);
  }

  async read(pr: PullRequestRef) {
    const github = await this.connect(pr);
    const { owner, repo } = pr;
    const commits: { sha: string; message: string; parents: number }[] = [];
    for (let page = 1; page <= MAX_COMMIT_PAGES; page++) {
      const data = await github.call('pulls.listCommits', o =>
        o.rest.pulls.listCommits({
          owner,
          repo,
          pull_number: pr.number,
          per_page: 100,
          page,
        }),
      );
      commits.push(
        ...data.map(c => ({
          sha: c.sha,
          message: c.commit.message,
          parents: c.parents.length,
        })),
      );
      if (data.length < 100) break;
    }
    const files: { filename: string; status: string }[] = [];
    for (let page = 1; page <= MAX_FILE_PAGES; page++) {
      const data = await github.call('pulls.listFiles', o =>
        o.rest.pulls.listFiles({
          owner,
          repo,
          pull_number: pr.number,
          per_page: 100,
          page,
        }),
      );
      files.push(
        ...data.map(f => ({ filename: f.filename, status: f.status })),
      );
      if (data.length < 100) break;
    }
    const tree = await github.call('git.getTree', o =>
      o.rest.git.getTree({
        owner,
        repo,
        tree_sha: pr.headSha,
        recursive: 'true',
      }),
    );
    const paths = new Set(
      tree.tree.filter(e => e.type === 'blob').map(e => e.path!),
    );
    return { commits, files, paths };
  }

  async readFile(pr: PullRequestRef, path: string) {
    const github = await this.connect(pr);
    const { owner, repo } = pr;
    try {
      const data = await github.call('repos.getContent', o =>
        o.rest.repos.getContent({ owner, repo, path, ref: pr.headSha }),
      );
      if (Array.isArray(data) || data.type !== 'file' || !('content' in data)) {
        return undefined;
      }
      return Buffer.from(data.content, 'base64').toString('utf8');
    } catch (error) {
      if (error instanceof GithubApiError && error.githubStatus === 404) {
        return undefined;
      }
      throw error;
    }
  }

  async report(pr: PullRequestRef, report: CheckRunReport) {
    const github = await this.connect(pr);
    const { owner, repo } = pr;
    const created = await github.call('checks.create', o =>
      o.rest.checks.create({
        owner,
        repo,
        name: report.name,
        head_sha: pr.headSha,
        status: 'completed',
        conclusion: report.conclusion,
        completed_at: new Date().toISOString(),
        output: {
          title: report.title,
          summary: report.summary,
          annotations: report.annotations.slice(0, MAX_ANNOTATIONS),
        },
      }),
    );
    return { id: created.id };
  }

  private async connect(pr: PullRequestRef) {
    const integration = this.integrations.github.byUrl(pr.htmlUrl);
    if (!integration) {
      throw new Error(`No GitHub integration configured for ${pr.htmlUrl}`);
    }
    const { token } = await this.credentials.getCredentials({
      url: pr.htmlUrl,
    });
    const octokit = githubOctokit({
      baseUrl: integration.config.apiBaseUrl,
      token,
      budget: this.budget,
      feature: 'webhooks',
    });
    const repository = `${pr.owner}/${pr.repo}`;
    return {
      async call<T>(
        operation: string,
        request: (client: Octokit) => Promise<{ data: T }>,
      ): Promise<T> {
        try {
          return (await request(octokit)).data;
        } catch (error) {
          throw classifyGithubError(error, { operation, repository });
        }
      },
    };
  }
}
