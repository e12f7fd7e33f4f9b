import { useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useCallback, useMemo } from 'react';

/**
 * How one filter lives in the URL: read from its query parameter (`null`
 * when absent), written back as text, `''` leaving it out of the URL.
 */
export interface UrlFilterField<T> {
  read(text: string | null): T;
  write(value: T): string;
}

/** One field per filter; the URL keeps them in the schema's key order. */
export type UrlFilterSchema<V> = { [K in keyof V]: UrlFilterField<V[K]> };

/** The kinds of filter the pages keep in the URL. */
export const urlFilter = {
  /**
   * Free text; written trimmed unless `trim` is false (fields bound
   * directly to the URL, where trimming would eat the space being typed).
   */
  text(options: { trim?: boolean } = {}): UrlFilterField<string> {
    const trim = options.trim ?? true;
    return {
      read: text => text ?? '',
      write: value => (trim ? value.trim() : value),
    };
  },
  /** One of `values`, or `''` for none; anything else reads as `''`. */
  oneOf<T extends string>(values: readonly T[]): UrlFilterField<T | ''> {
    return {
      read: text => (values.includes(text as T) ? (text as T) : ''),
      write: value => value,
    };
  },
  /** Any of `values`, comma-separated; unknown entries are dropped. */
  list<T extends string>(values: readonly T[]): UrlFilterField<T[]> {
    return {
      read: text =>
        (text ?? '')
          .split(',')
          .filter((item): item is T => values.includes(item as T)),
      write: value => value.join(','),
    };
  },
  /** A zero-based page; the first page stays out of the URL. */
  page(): UrlFilterField<number> {
    return {
      read: text => {
        const page = Number(text);
        return Number.isInteger(page) && page > 0 ? page : 0;
      },
      write: value => (value > 0 ? String(value) : ''),
    };
  },
  /** Rows per page, one of `sizes`; the first size is the default. */
  pageSize(sizes: readonly number[]): UrlFilterField<number> {
    return {
      read: text => (sizes.includes(Number(text)) ? Number(text) : sizes[0]),
      write: value => (value === sizes[0] ? '' : String(value)),
    };
  },
};

/** Reads the filters of `schema` from the URL, ignoring values they cannot use. */
export function readUrlFilters<V>(
  schema: UrlFilterSchema<V>,
  params: URLSearchParams,
): V {
  const value = {} as V;
  for (const key of Object.keys(schema) as (keyof V & string)[]) {
    value[key] = schema[key].read(params.get(key));
  }
  return value;
}

/**
 * Writes the filters into a copy of `previous`, keeping its other parameters
 * and leaving defaults out of the URL.
 */
export function writeUrlFilters<V>(
  schema: UrlFilterSchema<V>,
  value: V,
  previous: URLSearchParams,
): URLSearchParams {
  const next = new URLSearchParams(previous);
  const keys = Object.keys(schema) as (keyof V & string)[];
  keys.forEach(key => next.delete(key));
  for (const key of keys) {
    const text = schema[key].write(value[key]);
    if (text) {
      next.set(key, text);
    }
  }
  return next;
}

/**
 * A page's filters kept in the URL's query, so a filtered view can be shared
 * and survives a reload. Returns the current filters and `update`, which
 * merges a change into them (after `reset`, e.g. back to the first page)
 * and replaces the URL's query, keeping parameters outside the schema.
 * Works in both frontend systems.
 */
export function useUrlFilters<V>(
  schema: UrlFilterSchema<V>,
  options: { reset?: Partial<V> } = {},
): [V, (change: Partial<V>) => void] {
  const [searchParams, setSearchParams] = useAppSearchParams();
  const search = searchParams.toString();
  const value = useMemo(
    () => readUrlFilters(schema, new URLSearchParams(search)),
    [schema, search],
  );
  const resetKey = JSON.stringify(options.reset ?? {});
  const update = useCallback(
    (change: Partial<V>) =>
      setSearchParams(
        previous =>
          writeUrlFilters(
            schema,
            {
              ...readUrlFilters(schema, previous),
              ...(JSON.parse(resetKey) as Partial<V>),
              ...change,
            },
            previous,
          ),
        { replace: true },
      ),
    [schema, resetKey, setSearchParams],
  );
  return [value, update];
}
