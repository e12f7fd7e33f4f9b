import {
  AuthService,
  BackstageCredentials,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { InputError } from '@backstage/errors';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ConventionsCheck,
  ConventionsConfigError,
  ConventionsOverrides,
  detectConventionDrift,
  readCatalystConfig,
} from '@catalyst/conventions';
import type {
  ConventionsFixResponse,
  ConventionsReport,
} from '@catalyst/plugin-platform-common';
import {
  ConventionPack,
  GithubPullRequestPublisher,
  PullRequestFileChange,
} from '@catalyst/plugin-platform-node';
import { ConventionStatusStore } from './ConventionStatusStore';
import { ConventionStore } from './ConventionStore';
import type { CheckoutService } from '@catalyst/plugin-platform-node';
import { asRequestError } from '../agentContext/githubFailures';
import { publishTargetOf } from '../catalog/publishTarget';
import { applyRuleSet } from './applyRuleSet';
import { ConcurrencyLimit } from './ConcurrencyLimit';
import {
  CONVENTIONS_BRANCH,
  CONVENTIONS_COMMIT_MESSAGE,
  conventionPullRequestBody,
} from './conventionPullRequest';
import { requireCatalogEntity } from '../catalog/requireCatalogEntity';

/** A drift check, its catalyst.yaml overrides, and the commit of a clone it read. */
type CheckResult = ConventionsCheck & {
  overrides: ConventionsOverrides;
  revision?: string;
};

/**
 * Conventions of components: the drift of a component's repository against
 * its pack (as the platform's rule set and the repository's catalyst.yaml
 * have it), and the one pull request on `catalyst/conventions` that fixes it.
 */
export class ConventionsService {
  constructor(
    private readonly options: {
      packs: () => readonly ConventionPack[];
      store: ConventionStore;
      status: ConventionStatusStore;
      checkouts: Pick<CheckoutService, 'openComponent' | 'componentRevision'>;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      integrations: ScmIntegrationRegistry;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      /** Clones and drift checks at once; default 2, with 20 more waiting. */
      checks?: ConcurrencyLimit;
      /**
       * How long a drift check answers the reads of the same component under
       * the same rules without cloning again (default 60 s), and how many
       * checks are kept (default 500).
       */
      checkCache?: { ttlMs?: number; maxEntries?: number };
      now?: () => Date;
    },
  ) {
    this.checks = options.checks ?? new ConcurrencyLimit(2, 20);
  }

  private readonly checks: ConcurrencyLimit;
  /** Recent drift checks by component, source and rule set; oldest first. */
  private readonly recentChecks = new Map<
    string,
    {
      at: number;
      result: Promise<CheckResult>;
    }
  >();

  private now() {
    return this.options.now?.() ?? new Date();
  }

  /** The packs with the platform's rule set applied, for one component or platform-wide. */
  async packsFor(entityRef?: string): Promise<ConventionPack[]> {
    return applyRuleSet(
      this.options.packs(),
      await this.options.store.listRules(),
      entityRef,
    );
  }

  /**
   * The component's drift report; every report is recorded as the
   * component's compliance for the overview.
   */
  async report(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<ConventionsReport> {
    return (await this.inspect(entityRef, credentials)).report;
  }

  /**
   * The drift report, the catalyst.yaml overrides it applied, and the commit
   * it read when the repository was cloned.
   */
  async inspect(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<{
    report: ConventionsReport;
    overrides: ConventionsOverrides;
    revision?: string;
  }> {
    const entity = await requireCatalogEntity(
      this.options,
      entityRef,
      credentials,
    );
    const { overrides, revision, ...check } = await this.check(
      entity,
      entityRef,
    );
    const report: ConventionsReport = {
      entityRef,
      pack: check.pack,
      drifted: check.drifted,
      summary: check.summary,
      items: check.reports,
      warnings: check.warnings.map(w => ({
        file: w.file,
        ...(w.line ? { line: w.line } : {}),
        message: w.message,
      })),
      pullRequest: await this.options.store.getPullRequest(entityRef),
    };
    await this.options.status.saveReport(report, this.now());
    return { report, overrides, ...(revision && { revision }) };
  }

  /**
   * Opens the pull request that writes the missing and drifted standard
   * files, or updates the one already open on `catalyst/conventions`.
   */
  async fix(
    entityRef: string,
    credentials?: BackstageCredentials,
  ): Promise<ConventionsFixResponse> {
    const entity = await requireCatalogEntity(
      this.options,
      entityRef,
      credentials,
    );
    const target = publishTargetOf(entity, this.options.integrations);
    // A fix writes what drifts now: a fresh check, which the next reads share.
    const check = await this.check(entity, entityRef, { fresh: true });
    const pack = (await this.packsFor(entityRef)).find(
      p => p.id === check.pack.id,
    )!;
    const changes: Record<string, PullRequestFileChange> = {};
    for (const report of check.reports) {
      if (
        report.kind !== 'file' ||
        (report.status !== 'missing' && report.status !== 'drift')
      ) {
        continue;
      }
      const file = pack.files.find(f => f.path === report.name)!;
      changes[file.path] = {
        content: file.content,
        ...(file.executable ? { executable: true } : {}),
      };
    }
    const files = Object.keys(changes).sort();
    const previous = await this.options.store.getPullRequest(entityRef);
    if (!files.length) {
      return {
        entityRef,
        status: 'up-to-date',
        branch: CONVENTIONS_BRANCH,
        files,
        pullRequest: previous,
      };
    }
    let published;
    try {
      published = await this.options.publisher.publish({
        ...target,
        branch: CONVENTIONS_BRANCH,
        commitMessage: CONVENTIONS_COMMIT_MESSAGE,
        title: CONVENTIONS_COMMIT_MESSAGE,
        body: conventionPullRequestBody(check, entityRef, files),
        files: changes,
      });
    } catch (error) {
      throw asRequestError(error);
    }
    if (!published.pullRequest) {
      return {
        entityRef,
        status: 'up-to-date',
        branch: CONVENTIONS_BRANCH,
        files: [],
        pullRequest: previous,
      };
    }
    const { owner, repo } = published.repository;
    const pullRequest = await this.options.store.savePullRequest(
      entityRef,
      {
        repository: `${owner}/${repo}`,
        branch: published.branch,
        number: published.pullRequest.number,
        url: published.pullRequest.url,
        files,
      },
      this.now(),
    );
    this.options.logger.info(
      `${
        published.status === 'created' ? 'Opened' : 'Updated'
      } conventions pull request ${pullRequest.url} for ${entityRef}`,
    );
    return {
      entityRef,
      status: published.status === 'created' ? 'opened' : 'updated',
      branch: published.branch,
      files,
      pullRequest,
      commitSha: published.commitSha,
    };
  }

  /**
   * What a drift check of the component depends on besides its repository's
   * files: the component's annotations and the rule set applied to its packs.
   */
  async checkInputs(entity: Entity): Promise<string> {
    const entityRef = stringifyEntityRef(entity);
    return checkKey(entity, entityRef, await this.packsFor(entityRef));
  }

  /**
   * The commit a drift check of the component would read now (see
   * `CheckoutService.componentRevision`); undefined when its source is not a
   * cloned repository.
   */
  async revision(entity: Entity): Promise<string | undefined> {
    return this.options.checkouts.componentRevision(entity);
  }

  /** Records that the component's compliance row was confirmed now without a new check. */
  async confirmReport(entityRef: string): Promise<boolean> {
    return this.options.status.markScanned(entityRef, this.now());
  }

  /**
   * The component's drift check. Reads of the same component, source and
   * rule set within the cache's lifetime share one check (concurrent ones
   * included), so reading a report does not clone per request; the clones
   * that do happen wait for a slot, never run without bound. A failed check
   * is not kept.
   */
  private async check(
    entity: Entity,
    entityRef: string,
    options: { fresh?: boolean } = {},
  ): Promise<CheckResult> {
    const packs = await this.packsFor(entityRef);
    const key = checkKey(entity, entityRef, packs);
    const ttlMs = this.options.checkCache?.ttlMs ?? 60_000;
    const maxEntries = this.options.checkCache?.maxEntries ?? 500;
    const now = this.now().getTime();
    const recent = this.recentChecks.get(key);
    if (!options.fresh && recent && now - recent.at < ttlMs) {
      return recent.result;
    }
    const result = this.checks.run(() => this.checkNow(entity, packs));
    this.recentChecks.delete(key);
    this.recentChecks.set(key, { at: now, result });
    while (this.recentChecks.size > maxEntries) {
      this.recentChecks.delete(this.recentChecks.keys().next().value!);
    }
    // The caller gets the failure from `result`; the cache only forgets it.
    result.then(undefined, () => {
      if (this.recentChecks.get(key)?.result === result) {
        this.recentChecks.delete(key);
      }
    });
    return result;
  }

  private async checkNow(
    entity: Entity,
    packs: ConventionPack[],
  ): Promise<CheckResult> {
    // Drift reads files and the checked-out branch; no history needed.
    const checkout = await this.options.checkouts.openComponent(entity, {
      depth: 1,
      history: true,
    });
    try {
      const check = await detectConventionDrift({
        repoDir: checkout.dir,
        packs,
      });
      // detectConventionDrift has read it already and thrown on its errors.
      const config = await readCatalystConfig(checkout.dir);
      const revision =
        checkout.source.type === 'clone'
          ? (await checkout.run('git', ['rev-parse', 'HEAD'])).stdout.trim()
          : undefined;
      return {
        ...check,
        overrides: config.overrides,
        ...(revision && { revision }),
      };
    } catch (error) {
      // catalyst.yaml mistakes are the repository's, with file and line.
      if (error instanceof ConventionsConfigError) {
        throw new InputError(error.message);
      }
      throw error;
    } finally {
      await checkout.close();
    }
  }
}

function checkKey(
  entity: Entity,
  entityRef: string,
  packs: ConventionPack[],
): string {
  return createHash('sha256')
    .update(entityRef)
    .update('\0')
    .update(JSON.stringify(entity.metadata.annotations ?? {}))
    .update('\0')
    .update(JSON.stringify(packs))
    .digest('hex');
}
