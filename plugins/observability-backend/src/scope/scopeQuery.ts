import { InputError } from '@backstage/errors';
import {
  LabelMatcher,
  PromQLLookbackLimits,
  QueryScopeError,
  scopeLogQL,
  scopePromQL,
} from '@catalyst/plugin-observability-common';
import { TtlCache } from '../cache/TtlCache';

/** Distinct (scope, query, limits) whose scoped PromQL is kept; panels repeat the same few. */
export const SCOPED_QUERY_CACHE_SIZE = 2000;

function asInputError(language: string, error: unknown): never {
  if (error instanceof QueryScopeError) {
    throw new InputError(
      `The ${language} query cannot be scoped to the entity (${error.reason}): ${error.message}`,
    );
  }
  throw error;
}

/**
 * scopePromQL is a pure function of its arguments, so its answers are kept in a bounded
 * LRU: a panel refreshed every few seconds parses its query once. The window only
 * matters to `@ <timestamp>`, so it is part of the key only when the query contains `@`;
 * without a window such a query depends on the clock and is never cached.
 */
export class ScopedPromQLCache {
  private readonly cache: TtlCache<string>;

  constructor(maxEntries = SCOPED_QUERY_CACHE_SIZE) {
    this.cache = new TtlCache({ ttlMs: Infinity, maxEntries });
  }

  get size(): number {
    return this.cache.size;
  }

  scope(
    query: string,
    matchers: LabelMatcher[],
    limits?: PromQLLookbackLimits,
  ): string {
    const readsAt = query.includes('@');
    if (readsAt && limits && !limits.window) {
      return scopePromQL(query, matchers, limits);
    }
    const key = JSON.stringify([
      query,
      matchers,
      limits?.maxLookbackMs ?? null,
      limits?.maxSubqueryPoints ?? null,
      readsAt ? limits?.window ?? null : null,
    ]);
    let scoped = this.cache.get(key);
    if (scoped === undefined) {
      scoped = scopePromQL(query, matchers, limits);
      this.cache.set(key, scoped);
    }
    return scoped;
  }
}

const scopedPromQL = new ScopedPromQLCache();

/** scopePromQL (through the LRU above), with a refusal turned into a 400 that carries the reason. */
export function scopeEntityPromQL(
  query: string,
  matchers: LabelMatcher[],
  limits?: PromQLLookbackLimits,
): string {
  try {
    return scopedPromQL.scope(query, matchers, limits);
  } catch (error) {
    return asInputError('PromQL', error);
  }
}

/** scopeLogQL, with a refusal turned into a 400 that carries the reason. */
export function scopeEntityLogQL(
  query: string,
  matchers: LabelMatcher[],
): string {
  try {
    return scopeLogQL(query, matchers);
  } catch (error) {
    return asInputError('LogQL', error);
  }
}
