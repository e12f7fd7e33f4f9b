import { ActionsServiceAction } from '@backstage/backend-plugin-api/alpha';
import { Config } from '@backstage/config';
import { Minimatch } from 'minimatch';

type AttributeKey = keyof ActionsServiceAction['attributes'];
const ATTRIBUTE_KEYS: AttributeKey[] = [
  'destructive',
  'readOnly',
  'idempotent',
];

/** What the filter looks at: an action's id and its attributes. */
export type FilterableAction = Pick<ActionsServiceAction, 'id' | 'attributes'>;

interface FilterRule {
  idMatcher?: Minimatch;
  attributes?: Partial<Record<AttributeKey, boolean>>;
}

function parseRules(configs: Config[]): FilterRule[] {
  return configs.map(config => {
    const rule: FilterRule = {};
    const id = config.getOptionalString('id');
    if (id) rule.idMatcher = new Minimatch(id);
    const attributes = config.getOptionalConfig('attributes');
    if (attributes) {
      rule.attributes = {};
      for (const key of ATTRIBUTE_KEYS) {
        const value = attributes.getOptionalBoolean(key);
        if (value !== undefined) rule.attributes[key] = value;
      }
    }
    return rule;
  });
}

function matches(action: FilterableAction, rule: FilterRule): boolean {
  if (rule.idMatcher && !rule.idMatcher.match(action.id)) return false;
  for (const key of ATTRIBUTE_KEYS) {
    const value = rule.attributes?.[key];
    if (value !== undefined && action.attributes[key] !== value) return false;
  }
  return true;
}

/**
 * `backend.actions.filter` as Backstage applies it, both where an actions
 * service lists actions and where a plugin's registry lists or invokes its
 * own: an action that matches an exclude rule is dropped; otherwise it stays
 * when there are no include rules or it matches one. A rule matches when its
 * `id` glob (minimatch) and every attribute it names match.
 *
 * Backstage keeps its copy private to `@backstage/backend-defaults`
 * (`actionsRegistry/actionFilters`), so this is the one copy both the caching
 * actions service and the in-process invocation use; the tests run the same
 * rules through Backstage's registry route to keep the two in step.
 */
export function createActionFilter(
  config: Config,
): <T extends FilterableAction>(actions: T[]) => T[] {
  const filter = config.getOptionalConfig('backend.actions.filter');
  if (!filter) return actions => actions;
  const include = parseRules(filter.getOptionalConfigArray('include') ?? []);
  const exclude = parseRules(filter.getOptionalConfigArray('exclude') ?? []);
  return actions =>
    actions.filter(action => {
      if (exclude.some(rule => matches(action, rule))) return false;
      return (
        include.length === 0 || include.some(rule => matches(action, rule))
      );
    });
}
