import { LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type {
  GithubWebhookHandler,
  WebhookRepository,
  WebhookResult,
} from '../webhooks/types';
import { PullRequestCommits } from './PullRequestCommits';
import { SpecIndexer } from './SpecIndexer';
import { SpecStore } from './SpecStore';
import { parseSpecReferences, scopeNamesSpec } from './specReferences';

/**
 * The specs' part of GitHub webhooks: a push to the default branch
 * re-indexes the repository's specs; a merged pull request links itself to
 * the specs its conventional-commit scopes name and completes the tasks its
 * messages mention (`SpecStore.linkPullRequest`).
 */
export class SpecWebhookHandler implements GithubWebhookHandler {
  constructor(
    private readonly options: {
      store: SpecStore;
      indexer: SpecIndexer;
      commits: PullRequestCommits;
      logger: LoggerService;
    },
  ) {}

  async handle(
    event: string,
    repository: WebhookRepository,
    payload: any,
  ): Promise<WebhookResult | undefined> {
    if (event === 'push') return this.onPush(repository, payload);
    if (event === 'pull_request') {
      return this.onPullRequest(repository, payload);
    }
    return undefined;
  }

  private async onPush(
    repository: WebhookRepository,
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
    repository: WebhookRepository,
    payload: any,
  ): Promise<WebhookResult> {
    const event = 'pull_request';
    const pr = payload.pull_request;
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
