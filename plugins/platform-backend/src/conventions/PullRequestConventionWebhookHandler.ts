import { InputError } from '@backstage/errors';
import type {
  GithubWebhookHandler,
  WebhookRepository,
  WebhookResult,
} from '../webhooks/types';
import {
  CHECKED_PULL_REQUEST_ACTIONS,
  PullRequestConventionChecker,
} from './PullRequestConventionChecker';

/**
 * The conventions' part of GitHub webhooks: an opened, edited, reopened or
 * pushed-to pull request gets its convention check run.
 */
export class PullRequestConventionWebhookHandler
  implements GithubWebhookHandler
{
  constructor(private readonly checker: PullRequestConventionChecker) {}

  async handle(
    event: string,
    repository: WebhookRepository,
    payload: any,
  ): Promise<WebhookResult | undefined> {
    if (
      event !== 'pull_request' ||
      !CHECKED_PULL_REQUEST_ACTIONS.includes(payload.action)
    ) {
      return undefined;
    }
    const pr = payload.pull_request;
    if (typeof pr.head?.sha !== 'string' || typeof pr.head?.ref !== 'string') {
      throw new InputError('pull_request payload has no head.sha and head.ref');
    }
    return {
      event,
      status: 'processed',
      conventions: await this.checker.check({
        htmlUrl: pr.html_url,
        owner: repository.owner.login,
        repo: repository.name,
        number: pr.number,
        headSha: pr.head.sha,
        branch: pr.head.ref,
        title: String(pr.title ?? ''),
        action: payload.action,
      }),
    };
  }
}
