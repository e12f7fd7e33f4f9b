import type { PullRequestConventionResult } from '../conventions/PullRequestConventionChecker';

/** What a delivery did, returned to GitHub and shown in delivery logs. */
export interface WebhookResult {
  event: string;
  status: 'processed' | 'ignored';
  reason?: string;
  reindexed?: string[];
  linked?: Array<{
    entityRef: string;
    slug: string;
    pullRequest: number;
    taskIds: string[];
  }>;
  warnings?: string[];
  /** The convention check of an opened, edited or pushed-to pull request. */
  conventions?: PullRequestConventionResult;
}

/** The `repository` of a delivery, checked by the dispatcher. */
export interface WebhookRepository {
  full_name: string;
  default_branch: string;
  name: string;
  owner: { login: string };
}

/**
 * A feature's part of GitHub webhooks. Returns undefined for deliveries that
 * are not its business, so the dispatcher asks the next feature.
 */
export interface GithubWebhookHandler {
  handle(
    event: string,
    repository: WebhookRepository,
    payload: any,
  ): Promise<WebhookResult | undefined>;
}
