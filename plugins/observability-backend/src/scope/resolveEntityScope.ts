import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  checkScopeClaim,
  EntityScope,
  LabelMatcher,
  ObservabilityScopeConfig,
  resolveScopeClaim,
} from '@catalyst/plugin-observability-common';

/** The label matchers every query of an entity is restricted to. */
export type ResolvedScope = Pick<EntityScope, 'matchers' | 'sources'> & {
  matchers: LabelMatcher[];
};

/**
 * An entity's scope, once `observability.scopes` grants what its annotations claim: the
 * scope and the instances it names. Throws InputError saying what to add or fix, or what
 * the platform grants instead.
 */
export function resolveEntityScope(
  entity: Entity,
  scopes: ObservabilityScopeConfig,
): ResolvedScope {
  const claim = resolveScopeClaim(entity, scopes.labelMapping);
  const problems = checkScopeClaim(entity, claim, scopes.policy);
  if (problems.length > 0) {
    throw new InputError(problems.join('; '));
  }
  return { matchers: claim.matchers, sources: claim.sources };
}

/** One text per distinct scope, so two entities claiming the same scope can be found. */
export function scopeKey(matchers: LabelMatcher[]): string {
  return matchers
    .map(m => {
      const values =
        m.op === '=~' ? m.value.split('|').sort().join('|') : m.value;
      return JSON.stringify([m.name, m.op, values]);
    })
    .sort()
    .join(',');
}
