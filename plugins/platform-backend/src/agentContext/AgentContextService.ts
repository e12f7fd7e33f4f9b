import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  AgentContextRefreshResponse,
  AgentContextSourceInfo,
  AgentContextStaleness,
  AgentContextView,
} from '@catalyst/plugin-platform-common';
import {
  GithubPullRequestPublisher,
  InProcessScanPacer,
  PlatformTaskScanPacer,
} from '@catalyst/plugin-platform-node';
import { AgentContextRecord, AgentContextStore } from './AgentContextStore';
import {
  AGENT_CONTEXT_ANALYZER_VERSION,
  analyzeAgentContext,
  AGENTS_MD_PATH,
} from './analyzeAgentContext';
import type { CheckoutService } from '@catalyst/plugin-platform-node';
import { diffLines } from './diffLines';
import type { ProjectCommand } from './projectCommands';
import { publishTargetOf } from '../catalog/publishTarget';
import { asRequestError } from './githubFailures';
import {
  AGENTS_MD_BRANCH,
  AGENTS_MD_COMMIT_MESSAGE,
  refreshPullRequestBody,
} from './refreshPullRequest';
import { requireCatalogEntity } from '../catalog/requireCatalogEntity';

function toView(record: AgentContextRecord): AgentContextView {
  return {
    entityRef: record.entityRef,
    factsHash: record.factsHash,
    committedHash: record.committedHash,
    stale: record.stale,
    staleReason: record.staleReason,
    content: record.content,
    committedContent: record.committedContent,
    diff: diffLines(record.committedContent, record.content),
    changes: record.changes,
    lines: record.lines,
    diagnostics: record.diagnostics,
    source: record.source,
    pullRequest: record.pullRequest,
    lastGeneratedAt: record.lastGeneratedAt.toISOString(),
    lastCheckedAt: record.lastCheckedAt.toISOString(),
    lastError: record.lastError,
  };
}

/**
 * The agent context of components: generates AGENTS.md from a fresh
 * analysis of the repository, stores it with its facts, tells whether the
 * committed AGENTS.md is stale, and refreshes it through one pull request
 * per repository on `chore/agents-md`.
 */
export class AgentContextService {
  constructor(
    private readonly options: {
      store: AgentContextStore;
      checkouts: Pick<CheckoutService, 'openComponent' | 'componentRevision'>;
      /** How components are cloned: commits of history, and whether to clone at all (else a tree). */
      clone: { depth: number; history: boolean };
      /** The version of the analysis; default `AGENT_CONTEXT_ANALYZER_VERSION`. */
      analyzerVersion?: string;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      integrations: ScmIntegrationRegistry;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      now?: () => Date;
    },
  ) {
    // How much history a clone holds changes what the analysis can say.
    const { depth, history } = options.clone;
    this.analyzerVersion = `${
      options.analyzerVersion ?? AGENT_CONTEXT_ANALYZER_VERSION
    } ${history ? `depth=${depth}` : 'tree'}`;
  }

  /** What a stored revision's `analyzerVersion` must equal to stand. */
  private readonly analyzerVersion: string;

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** The stored context, for callers who can see the component in the catalog. */
  async getContext(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<AgentContextView> {
    await requireCatalogEntity(this.options, entityRef, credentials);
    const record = await this.options.store.get(entityRef);
    if (!record) {
      throw new NotFoundError(
        `No agent context has been generated for ${entityRef} yet`,
      );
    }
    return toView(record);
  }

  /**
   * The commands of the stored context with their sources, for callers who
   * can see the component in the catalog.
   */
  async getProjectCommands(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<{
    entityRef: string;
    commands: ProjectCommand[];
    source: AgentContextSourceInfo;
    lastGeneratedAt: string;
  }> {
    await requireCatalogEntity(this.options, entityRef, credentials);
    const record = await this.options.store.get(entityRef);
    if (!record) {
      throw new NotFoundError(
        `No agent context has been generated for ${entityRef} yet`,
      );
    }
    if (!record.commands) {
      throw new NotFoundError(
        `The agent context of ${entityRef} predates stored commands; generate it again`,
      );
    }
    return {
      entityRef,
      commands: record.commands,
      source: record.source,
      lastGeneratedAt: record.lastGeneratedAt.toISOString(),
    };
  }

  /** Analyses the component's repository now and stores the result. */
  async generate(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<AgentContextView> {
    const entity = await requireCatalogEntity(
      this.options,
      entityRef,
      credentials,
    );
    return toView(await this.analyze(entity));
  }

  async checkStaleness(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<AgentContextStaleness> {
    const record = await this.analyze(
      await requireCatalogEntity(this.options, entityRef, credentials),
    );
    return {
      entityRef,
      stale: record.stale,
      reason: record.staleReason,
      factsHash: record.factsHash,
      committedHash: record.committedHash,
      changes: record.changes,
      checkedAt: record.lastCheckedAt.toISOString(),
    };
  }

  /**
   * Opens the pull request that brings the committed AGENTS.md up to date,
   * or updates the one already open; does nothing when it is fresh.
   */
  async refresh(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<AgentContextRefreshResponse> {
    const entity = await requireCatalogEntity(
      this.options,
      entityRef,
      credentials,
    );
    const target = publishTargetOf(entity, this.options.integrations);
    const record = await this.analyze(entity);
    const upToDate: AgentContextRefreshResponse = {
      entityRef,
      status: 'up-to-date',
      factsHash: record.factsHash,
      branch: AGENTS_MD_BRANCH,
      pullRequest: record.pullRequest,
    };
    if (!record.stale) return upToDate;
    let published;
    try {
      published = await this.options.publisher.publish({
        ...target,
        branch: AGENTS_MD_BRANCH,
        commitMessage: AGENTS_MD_COMMIT_MESSAGE,
        title: AGENTS_MD_COMMIT_MESSAGE,
        body: refreshPullRequestBody(record, entityRef),
        files: { [AGENTS_MD_PATH]: { content: record.content } },
      });
    } catch (error) {
      await this.options.store.saveError(
        entityRef,
        `Refresh failed: ${(error as Error).message}`,
        this.now(),
      );
      throw asRequestError(error);
    }
    if (!published.pullRequest) return upToDate;
    const pullRequest = {
      number: published.pullRequest.number,
      url: published.pullRequest.url,
    };
    await this.options.store.savePullRequest(entityRef, pullRequest);
    this.options.logger.info(
      `${
        published.status === 'created' ? 'Opened' : 'Updated'
      } AGENTS.md pull request ${pullRequest.url} for ${entityRef}`,
    );
    return {
      entityRef,
      status: published.status === 'created' ? 'opened' : 'updated',
      factsHash: record.factsHash,
      branch: published.branch,
      pullRequest,
    };
  }

  /**
   * Re-analyses every stored context and marks the stale ones; contexts of
   * components that left the catalog are removed. One failure does not stop
   * the rest. With `pace` (the platform's scan pacer) the contexts due now
   * are checked, the rest in later runs; without, all of them.
   *
   * A component on GitHub whose branch head (`git ls-remote`, no API
   * request) is the commit its context was analysed at, by the same version
   * of the analysis, is not cloned: neither its code nor its committed
   * AGENTS.md can have changed, so the stored context stands (`unchanged`,
   * counted in `checked` too). A head that cannot be read is a failure.
   */
  async checkAll(
    signal?: AbortSignal,
    pace: PlatformTaskScanPacer = new InProcessScanPacer().pace,
  ): Promise<{
    checked: number;
    unchanged: number;
    stale: number;
    failed: number;
    removed: number;
  }> {
    const { store, catalog, auth, logger } = this.options;
    const result = {
      checked: 0,
      unchanged: 0,
      stale: 0,
      failed: 0,
      removed: 0,
    };
    const credentials = await auth.getOwnServiceCredentials();
    await pace({
      items: await store.listEntityRefs(),
      key: entityRef => entityRef,
      scan: async entityRef => {
        // The scheduler's timeout: stop, so the next run does not overlap.
        if (signal?.aborted) return undefined;
        try {
          const entity = await catalog.getEntityByRef(entityRef, {
            credentials,
          });
          if (!entity) {
            await store.delete(entityRef);
            result.removed += 1;
            return undefined;
          }
          const head = await this.branchHead(entity, entityRef);
          const unchanged =
            head &&
            (await store.confirmRevision(
              entityRef,
              { commit: head, analyzerVersion: this.analyzerVersion },
              this.now(),
            ));
          const record = unchanged || (await this.analyze(entity, head));
          result.checked += 1;
          if (unchanged) result.unchanged += 1;
          if (record.stale) result.stale += 1;
        } catch (error) {
          result.failed += 1;
          logger.warn(
            `Could not check the agent context of ${entityRef}: ${error}`,
          );
        }
        return undefined;
      },
    });
    return result;
  }

  /** The commit a clone of the component would read now; a failure is recorded on its context. */
  private async branchHead(
    entity: Entity,
    entityRef: string,
  ): Promise<string | undefined> {
    try {
      return await this.options.checkouts.componentRevision(entity);
    } catch (error) {
      await this.options.store.saveError(
        entityRef,
        `Reading the branch head failed: ${(error as Error).message}`,
        this.now(),
      );
      throw error;
    }
  }

  /**
   * Analyses the component and stores the result with the commit it read:
   * the clone's, else `head` when the caller read the branch head before a
   * tree was read (a push in between only costs one more analysis).
   */
  private async analyze(
    entity: Entity,
    head?: string,
  ): Promise<AgentContextRecord> {
    const entityRef = stringifyEntityRef(entity);
    const checkout = await this.options.checkouts.openComponent(
      entity,
      this.options.clone,
    );
    try {
      const analysis = await analyzeAgentContext(checkout);
      const commit = analysis.source.commit ?? head;
      return await this.options.store.saveAnalysis(
        entityRef,
        {
          ...analysis,
          ...(commit && {
            revision: { commit, analyzerVersion: this.analyzerVersion },
          }),
        },
        this.now(),
      );
    } catch (error) {
      await this.options.store.saveError(
        entityRef,
        `Analysis failed: ${(error as Error).message}`,
        this.now(),
      );
      throw error;
    } finally {
      await checkout.close();
    }
  }
}
