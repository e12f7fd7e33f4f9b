import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { SpecStore } from '../../database/SpecStore';
import { SpecIndexer } from '../specs/SpecIndexer';
import {
  CHECKED_PULL_REQUEST_ACTIONS,
  PullRequestConventionChecker,
  PullRequestConventionResult,
} from '../conventions/PullRequestConventionChecker';
import { PullRequestCommits } from './PullRequestCommits';
import { parseSpecReferences, scopeNamesSpec } from './specReferences';

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

interface RepositoryPayload {
  full_name: string;
  default_branch: string;
  name: string;
  owner: { login: string };
}

/**
 * Turns GitHub `push` and `pull_request` deliveries into spec updates: a push
 * to the default branch re-indexes the repository's specs; a merged pull
 * request links itself to the specs its conventional-commit scopes name and
 * completes the tasks its messages mention; an opened, edited, reopened or
 * pushed-to pull request gets its convention check run.
 */
export class GithubWebhookHandler {
  constructor(
    private readonly options: {
      store: SpecStore;
      indexer: SpecIndexer;
      commits: PullRequestCommits;
      conventions?: PullRequestConventionChecker;
      logger: LoggerService;
    },
  ) {}

  async handle(event: string, payload: any): Promise<WebhookResult> {
    switch (event) {
      case 'ping':
        return { event, status: 'processed', reason: 'pong' };
      case 'push':
        return this.onPush(requireRepository(payload), payload);
      case 'pull_request':
        return this.onPullRequest(requireRepository(payload), payload);
      default:
        return {
          event,
          status: 'ignored',
          reason: `event '${event}' is not used`,
        };
    }
  }

  private async onPush(
    repository: RepositoryPayload,
    payload: any,
  ): Promise<WebhookResult> {
    const event = 'push';
    if (payload.ref !== `refs/heads/${repository.default_branch}`) {
      return {
        event,
        status: 'ignored',
        reason: `${payload.ref} is not the default branch`,
      };
    }
    const components = await this.options.indexer.componentsOfRepository(
      repository.full_name,
    );
    if (!components.length) {
      return {
        event,
        status: 'ignored',
        reason: `no component has github.com/project-slug ${repository.full_name}`,
      };
    }
    const reindexed: string[] = [];
    for (const component of components) {
      await this.options.indexer.syncEntity(component);
      reindexed.push(stringifyEntityRef(component));
    }
    return { event, status: 'processed', reindexed };
  }

  private async onPullRequest(
    repository: RepositoryPayload,
    payload: any,
  ): Promise<WebhookResult> {
    const event = 'pull_request';
    const pr = payload.pull_request;
    if (!pr || typeof pr.number !== 'number') {
      throw new InputError('pull_request payload has no pull_request.number');
    }
    if (
      this.options.conventions &&
      CHECKED_PULL_REQUEST_ACTIONS.includes(payload.action)
    ) {
      if (
        typeof pr.head?.sha !== 'string' ||
        typeof pr.head?.ref !== 'string'
      ) {
        throw new InputError(
          'pull_request payload has no head.sha and head.ref',
        );
      }
      return {
        event,
        status: 'processed',
        conventions: await this.options.conventions.check({
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
    if (payload.action !== 'closed' || !pr.merged) {
      return {
        event,
        status: 'ignored',
        reason: `action '${payload.action}' of an unmerged pull request`,
      };
    }
    const warnings: string[] = [];
    const messages: string[] = [String(pr.title ?? '')];
    try {
      messages.push(
        ...(await this.options.commits.listMessages({
          htmlUrl: pr.html_url,
          number: pr.number,
          owner: repository.owner.login,
          repo: repository.name,
        })),
      );
    } catch (error) {
      // The title alone still links the pull request; say what was missed.
      const warning = `could not read the commits of ${repository.full_name}#${
        pr.number
      }: ${(error as Error).message}`;
      this.options.logger.warn(warning);
      warnings.push(warning);
    }
    const references = parseSpecReferences(messages);
    if (!references.scopes.length) {
      return {
        event,
        status: 'ignored',
        reason: 'no conventional-commit scope',
        warnings,
      };
    }
    const components = await this.options.indexer.componentsOfRepository(
      repository.full_name,
    );
    const keys = await this.options.store.listKeys(
      components.map(c => stringifyEntityRef(c)),
    );
    const matched = keys.filter(key =>
      references.scopes.some(scope => scopeNamesSpec(scope, key)),
    );
    if (!matched.length) {
      return {
        event,
        status: 'ignored',
        reason: `scopes ${references.scopes.join(', ')} name no spec of ${
          repository.full_name
        }`,
        warnings,
      };
    }
    const linked: NonNullable<WebhookResult['linked']> = [];
    for (const key of matched) {
      const taskIds = await this.options.store.linkPullRequest(
        key.id,
        {
          repository: repository.full_name,
          number: pr.number,
          title: String(pr.title ?? ''),
          url: pr.html_url,
          mergedAt: pr.merged_at ? new Date(pr.merged_at) : undefined,
        },
        references.taskIds,
      );
      linked.push({
        entityRef: key.entityRef,
        slug: key.slug,
        pullRequest: pr.number,
        taskIds,
      });
    }
    return {
      event,
      status: 'processed',
      linked,
      ...(warnings.length ? { warnings } : {}),
    };
  }
}

function requireRepository(payload: any): RepositoryPayload {
  const repository = payload?.repository;
  if (!repository || typeof repository.full_name !== 'string') {
    throw new InputError('payload has no repository.full_name');
  }
  return repository;
}
