import {
  Entity,
  ANNOTATION_LOCATION,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { formatLabelMatcher, LabelMatcher } from '../matchers';
import { OBSERVABILITY_INSTANCE_KINDS } from './annotations';
import { literalValueSet } from './literalValueSet';
import { EntityScopeClaim } from './resolveScopeClaim';
import {
  ObservabilityScopeGrant,
  ObservabilityScopePolicy,
} from './ScopePolicy';

/**
 * Why the policy does not let an entity use its claim: one message per problem, each
 * naming the entity, what it claimed and what `observability.scopes` grants it. Empty
 * when the claim and every instance it names are granted.
 *
 * @public
 */
export function checkScopeClaim(
  entity: Entity,
  claim: EntityScopeClaim,
  policy: ObservabilityScopePolicy,
): string[] {
  if (policy.mode === 'unrestricted') return [];
  const ref = stringifyEntityRef(entity);
  const who = grantee(entity);
  const covering = policy.grants.filter(grant => covers(grant, entity));
  if (covering.length === 0) {
    return [
      `${ref} may not claim ${formatMatchers(
        claim.matchers,
      )}: observability.scopes has no grant for ${who}`,
    ];
  }
  const permitting = covering.filter(grant => permits(grant, claim.matchers));
  if (permitting.length === 0) {
    const offending = covering.flatMap(grant =>
      outsideGrant(grant, claim.matchers),
    );
    return [
      `${ref} may not claim ${formatMatchers(
        offending.length > 0 ? [...new Set(offending)] : claim.matchers,
      )}: observability.scopes grants ${who} ${covering
        .map(describeGrant)
        .join('; or ')} only`,
    ];
  }
  const problems: string[] = [];
  for (const kind of OBSERVABILITY_INSTANCE_KINDS) {
    const name = claim.instances[kind];
    if (name === undefined || name === policy.defaultInstances[kind]) continue;
    const allowed = [
      ...new Set(permitting.flatMap(grant => grant.instances[kind] ?? [])),
    ];
    if (!allowed.includes(name)) {
      problems.push(
        `${ref} may not use ${kind} instance '${name}': observability.scopes grants ${who} ${
          allowed.length > 0
            ? `the ${kind} instances ${allowed.join(', ')} and `
            : ''
        }the default one${
          policy.defaultInstances[kind]
            ? ` ('${policy.defaultInstances[kind]}')`
            : ''
        } only`,
      );
    }
  }
  return problems;
}

function grantee(entity: Entity): string {
  return (
    normalizedRef(entity, 'owner', 'group') ??
    normalizedRef(entity, 'system', 'system') ??
    stringifyEntityRef(entity)
  );
}

function normalizedRef(
  entity: Entity,
  field: 'owner' | 'system',
  defaultKind: string,
): string | undefined {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, {
        defaultKind,
        defaultNamespace: entity.metadata.namespace ?? 'default',
      }),
    ).toLocaleLowerCase('en-US');
  } catch {
    // An unparseable owner or system is no grantee; the catalog reports the ref itself.
    return undefined;
  }
}

function covers(grant: ObservabilityScopeGrant, entity: Entity): boolean {
  if (grant.owners.length > 0) {
    const owner = normalizedRef(entity, 'owner', 'group');
    if (!owner || !grant.owners.includes(owner)) return false;
  }
  if (grant.systems.length > 0) {
    const system = normalizedRef(entity, 'system', 'system');
    if (!system || !grant.systems.includes(system)) return false;
  }
  if (grant.locations.length > 0) {
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!location || !grant.locations.some(p => location.startsWith(p))) {
      return false;
    }
  }
  return true;
}

/** The labels a grant pins, with the values each may take. */
function pinnedLabels(grant: ObservabilityScopeGrant): [string, string[]][] {
  return [
    ...(grant.namespaces.length > 0
      ? [['namespace', grant.namespaces] as [string, string[]]]
      : []),
    ...Object.entries(grant.labels),
  ];
}

function permits(
  grant: ObservabilityScopeGrant,
  matchers: LabelMatcher[],
): boolean {
  return pinnedLabels(grant).every(([label, allowed]) =>
    matchers.some(m => m.name === label && within(m, allowed)),
  );
}

function within(matcher: LabelMatcher, allowed: string[]): boolean {
  const values = literalValueSet(matcher);
  return values !== undefined && values.every(v => allowed.includes(v));
}

function outsideGrant(
  grant: ObservabilityScopeGrant,
  matchers: LabelMatcher[],
): LabelMatcher[] {
  return pinnedLabels(grant).flatMap(([label, allowed]) =>
    matchers.filter(m => m.name === label && !within(m, allowed)),
  );
}

function describeGrant(grant: ObservabilityScopeGrant): string {
  return pinnedLabels(grant)
    .map(
      ([label, values]) =>
        `${
          label === 'namespace' && values.length > 1 ? 'namespaces' : label
        } ${values.join(', ')}`,
    )
    .join(' with ');
}

function formatMatchers(matchers: LabelMatcher[]): string {
  return matchers.map(formatLabelMatcher).join(',');
}
