import { InputError } from '@backstage/errors';
import {
  LabelMatcher,
  PromQLLookbackLimits,
  QueryScopeError,
  scopeLogQL,
  scopePromQL,
} from '@catalyst/plugin-observability-common';

function asInputError(language: string, error: unknown): never {
  if (error instanceof QueryScopeError) {
    throw new InputError(
      `The ${language} query cannot be scoped to the entity (${error.reason}): ${error.message}`,
    );
  }
  throw error;
}

/** scopePromQL, with a refusal turned into a 400 that carries the reason. */
export function scopeEntityPromQL(
  query: string,
  matchers: LabelMatcher[],
  limits?: PromQLLookbackLimits,
): string {
  try {
    return scopePromQL(query, matchers, limits);
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
