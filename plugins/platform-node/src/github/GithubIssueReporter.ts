import { InputError } from '@backstage/errors';
import { GithubClientOptions, githubConnector } from './connectGithub';
import { parseGithubRepository } from './parseGithubRepository';

/**
 * An issue to file, or to update when the open issue with the same key
 * already says something.
 *
 * @public
 */
export interface FileIssueOptions {
  /** `owner/repo` or a repository URL. */
  repository: string;
  /** Host that a bare `owner/repo` belongs to. Default `github.com`. */
  defaultHost?: string;
  /** Identifies the issue across runs; kept as a hidden marker in its body. */
  key: string;
  title: string;
  body: string;
  /** Labels of a new issue; the first one narrows the search for an open issue. */
  labels?: string[];
}

/**
 * What filing did.
 *
 * @public
 */
export interface FiledIssue {
  status: 'created' | 'updated';
  issue: { number: number; url: string };
}

/**
 * Files an issue, or updates the open issue that carries the same key; never
 * a second one. Credentials and hosts come from Backstage's GitHub
 * integrations; failures throw the typed GitHub errors.
 *
 * @public
 */
export class GithubIssueReporter {
  private readonly connect: ReturnType<typeof githubConnector>;

  constructor(options: GithubClientOptions) {
    this.connect = githubConnector(options);
  }

  async fileIssue(options: FileIssueOptions): Promise<FiledIssue> {
    if (!options.title.trim() || !options.key.trim()) {
      throw new InputError('An issue needs a title and a key');
    }
    const target = parseGithubRepository(options.repository, {
      defaultHost: options.defaultHost,
    });
    const github = await this.connect(target);
    const { owner, repo } = target;
    const marker = `<!-- catalyst-issue-key: ${encodeURIComponent(
      options.key,
    )} -->`;
    const body = `${options.body}\n\n${marker}\n`;
    const open = await github.call('issues.listForRepo', o =>
      o.rest.issues.listForRepo({
        owner,
        repo,
        state: 'open',
        labels: options.labels?.[0],
        per_page: 100,
      }),
    );
    const existing = open.find(
      item => !item.pull_request && (item.body ?? '').includes(marker),
    );
    if (existing) {
      const updated = await github.call('issues.update', o =>
        o.rest.issues.update({
          owner,
          repo,
          issue_number: existing.number,
          title: options.title,
          body,
        }),
      );
      return {
        status: 'updated',
        issue: { number: updated.number, url: updated.html_url },
      };
    }
    const created = await github.call('issues.create', o =>
      o.rest.issues.create({
        owner,
        repo,
        title: options.title,
        body,
        labels: options.labels,
      }),
    );
    return {
      status: 'created',
      issue: { number: created.number, url: created.html_url },
    };
  }
}
