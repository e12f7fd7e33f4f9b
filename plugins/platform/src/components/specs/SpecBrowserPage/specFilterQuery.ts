import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { SpecListQuery } from '@catalyst/plugin-platform-common';
import { urlFilter, UrlFilterSchema } from '../../shared/useUrlFilters';

/** What the portfolio's filter fields hold, as typed. */
export interface SpecFilterValues {
  search: string;
  /** An owner entity ref; a bare name means a group in the default namespace. */
  owner: string;
  status: string;
  /** Completion bounds in percent, 0..100. */
  minPercent: string;
  maxPercent: string;
}

/** @internal */
export const emptySpecFilters: SpecFilterValues = {
  search: '',
  owner: '',
  status: '',
  minPercent: '',
  maxPercent: '',
};

// The fields are bound to the URL as typed; the query trims them.
const typed = urlFilter.text({ trim: false });

/** How the portfolio keeps its filter fields in the URL. */
export const specFilters: UrlFilterSchema<SpecFilterValues> = {
  search: typed,
  owner: typed,
  status: typed,
  minPercent: typed,
  maxPercent: typed,
};

/**
 * Turns the filter fields into backend query parameters. Fields that do not
 * parse are left out of the query and reported, so the user sees why.
 */
export function toSpecListQuery(values: SpecFilterValues): {
  query: SpecListQuery;
  errors: Partial<Record<keyof SpecFilterValues, string>>;
} {
  const query: SpecListQuery = {};
  const errors: Partial<Record<keyof SpecFilterValues, string>> = {};

  if (values.search.trim()) {
    query.search = values.search.trim();
  }
  if (values.status) {
    query.status = values.status;
  }
  if (values.owner.trim()) {
    try {
      query.owner = stringifyEntityRef(
        parseEntityRef(values.owner.trim(), {
          defaultKind: 'group',
          defaultNamespace: 'default',
        }),
      );
    } catch {
      errors.owner = 'Not an entity ref, e.g. group:default/payments-team';
    }
  }
  for (const [field, key] of [
    ['minPercent', 'minCompletion'],
    ['maxPercent', 'maxCompletion'],
  ] as const) {
    const text = values[field].trim();
    if (!text) {
      continue;
    }
    const percent = Number(text);
    if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
      errors[field] = 'A number from 0 to 100';
    } else {
      query[key] = percent / 100;
    }
  }
  if (
    query.minCompletion !== undefined &&
    query.maxCompletion !== undefined &&
    query.minCompletion > query.maxCompletion
  ) {
    errors.maxPercent = 'Below the minimum';
    delete query.maxCompletion;
  }
  return { query, errors };
}

/** Whether any filter narrows the list. */
export function hasSpecFilters(query: SpecListQuery): boolean {
  return Object.values(query).some(v => v !== undefined);
}
