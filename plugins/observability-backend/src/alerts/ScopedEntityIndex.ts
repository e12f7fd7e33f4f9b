import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  LabelMatcher,
  LABEL_SELECTOR_ANNOTATION,
  NAMESPACE_ANNOTATION,
  OBSERVABILITY_LABELS_ANNOTATION,
  ObservabilityScopeConfig,
} from '@catalyst/plugin-observability-common';
import { resolveEntityScope, scopeKey } from '../scope/resolveEntityScope';
import { ENTITY_REF_LABEL } from '../rules/ruleLabels';
import { matchesScope } from './matchesScope';

type ScopeEntry = { entityRef: string; matchers: LabelMatcher[] };

/** Most entities with a scope the index keeps; beyond it the catalog is read in part. */
const MAX_ENTRIES = 20_000;

const entryKey = (entry: ScopeEntry) =>
  `${entry.entityRef}\n${scopeKey(entry.matchers)}`;

/**
 * The granted scopes of the catalog at one moment: which entity an alert belongs to, and
 * which entities claim the same scope as another (a conflict: none of them gets it).
 * `generation` counts the reads, up to this one, whose granted scopes differ from the
 * read before: an alert one snapshot cannot link, another of the same generation cannot
 * either.
 */
export class ScopeSnapshot {
  private readonly byRef: Map<string, ScopeEntry>;
  readonly generation: number;

  constructor(
    readonly at: number,
    private readonly entries: ScopeEntry[],
    private readonly conflicts: Map<string, string[]>,
    previous?: ScopeSnapshot,
  ) {
    this.byRef = new Map(entries.map(e => [e.entityRef, e]));
    const before = new Set(previous?.entries.map(entryKey));
    const same =
      previous !== undefined &&
      before.size === entries.length &&
      entries.every(e => before.has(entryKey(e)));
    this.generation = (previous?.generation ?? 0) + (same ? 0 : 1);
  }

  has(entityRef: string): boolean {
    return this.byRef.has(entityRef) || this.conflicts.has(entityRef);
  }

  /** The other entities that claim the same scope as this one, if any. */
  conflictsOf(entityRef: string): string[] | undefined {
    return this.conflicts.get(entityRef);
  }

  /**
   * The entity an alert belongs to: the one named by Catalyst's `catalyst_entity_ref`
   * label when the alert's labels are inside that entity's scope (a rule of another team
   * cannot file alerts under it), else the entity with the most scope matchers that all
   * match the labels. When two scopes match equally well the alert stays unlinked rather
   * than go to whichever sorts first.
   */
  resolve(labels: Record<string, string>): string | undefined {
    const named = this.byRef.get(labels[ENTITY_REF_LABEL] ?? '');
    if (named && matchesScope(labels, named.matchers)) {
      return named.entityRef;
    }
    const [best, next] = this.entries
      .filter(e => matchesScope(labels, e.matchers))
      .sort((a, b) => b.matchers.length - a.matchers.length);
    if (best && next && next.matchers.length === best.matchers.length) {
      return undefined;
    }
    return best?.entityRef;
  }
}

/**
 * The granted scopes of every catalog entity that has one, read with the plugin's own
 * credentials. A snapshot is kept for `ttlMs` (default one minute); a caller that needs
 * a newer one gets it at most every `minRefreshMs` (default ten seconds), so a flood of
 * webhooks naming unknown entities cannot turn into a flood of catalog reads.
 */
export class ScopedEntityIndex {
  private cached?: ScopeSnapshot;
  private reading?: Promise<ScopeSnapshot>;

  constructor(
    private readonly options: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      scopes: ObservabilityScopeConfig;
      ttlMs?: number;
      minRefreshMs?: number;
      now?: () => number;
    },
  ) {}

  /** A snapshot younger than the TTL; `fresh` asks for a re-read (rate-limited). */
  async snapshot(options: { fresh?: boolean } = {}): Promise<ScopeSnapshot> {
    const now = this.options.now?.() ?? Date.now();
    const ttl = this.options.ttlMs ?? 60_000;
    const minRefresh = this.options.minRefreshMs ?? 10_000;
    const age = this.cached ? now - this.cached.at : Infinity;
    if (age < (options.fresh ? minRefresh : ttl)) {
      return this.cached!;
    }
    this.reading ??= this.read(now).finally(() => {
      this.reading = undefined;
    });
    return this.reading;
  }

  private async read(now: number): Promise<ScopeSnapshot> {
    const { catalog, auth, logger, scopes } = this.options;
    const { items } = await catalog.getEntities(
      {
        filter: [
          NAMESPACE_ANNOTATION,
          LABEL_SELECTOR_ANNOTATION,
          OBSERVABILITY_LABELS_ANNOTATION,
        ].map(a => ({
          [`metadata.annotations.${a}`]: CATALOG_FILTER_EXISTS,
        })),
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.annotations',
          'spec.owner',
          'spec.system',
        ],
        limit: MAX_ENTRIES,
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    const byKey = new Map<string, ScopeEntry[]>();
    let refused = 0;
    for (const entity of items) {
      try {
        const entry = {
          entityRef: stringifyEntityRef(entity),
          matchers: resolveEntityScope(entity, scopes).matchers,
        };
        const key = scopeKey(entry.matchers);
        byKey.set(key, [...(byKey.get(key) ?? []), entry]);
      } catch {
        // The entity's own routes and its catalog processor say why.
        refused++;
      }
    }
    if (refused > 0) {
      logger.warn(
        `Alerts cannot be linked to ${refused} entities whose observability scope is not granted`,
      );
    }
    const entries: ScopeEntry[] = [];
    const conflicts = new Map<string, string[]>();
    for (const claimants of byKey.values()) {
      if (claimants.length === 1) {
        entries.push(claimants[0]);
        continue;
      }
      const refs = claimants.map(c => c.entityRef);
      for (const ref of refs) {
        conflicts.set(
          ref,
          refs.filter(r => r !== ref),
        );
      }
    }
    this.cached = new ScopeSnapshot(now, entries, conflicts, this.cached);
    return this.cached;
  }
}
