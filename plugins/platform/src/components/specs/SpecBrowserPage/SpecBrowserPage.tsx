import {
  Content,
  EmptyState,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import Box from '@material-ui/core/Box';
import type { ReactNode } from 'react';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import useDebounce from 'react-use/esm/useDebounce';
import { platformApiRef } from '../../../api';
import { useSpecDetailLink } from '../../../hooks/useSpecLinks';
import { useUrlFilters } from '../../shared/useUrlFilters';
import { specColumns, SpecOrderBy } from '../SpecTable';
import { SpecPortfolioTable, TableQuery } from './SpecPortfolioTable';
import { SpecFilters } from './SpecFilters';
import {
  hasSpecFilters,
  specFilters,
  toSpecListQuery,
} from './specFilterQuery';

const ORDERABLE = new Set<string>([
  'entityRef',
  'slug',
  'title',
  'status',
  'completion',
  'updatedAt',
]);

// Spec Kit writes `Draft`; offered before any data has been seen.
const KNOWN_STATUSES = ['draft', 'in progress', 'complete'];

/**
 * Every spec in the catalog in one table, filtered, sorted and paged by the
 * backend; the filters are kept in the URL.
 */
export function SpecBrowserPage() {
  const platformApi = useApi(platformApiRef);
  const specHref = useSpecDetailLink();
  const [filters, setFilters] = useUrlFilters(specFilters);
  const [applied, setApplied] = useState(() => toSpecListQuery(filters));
  const [error, setError] = useState<Error>();
  const [statuses, setStatuses] = useState<string[]>(KNOWN_STATUSES);
  // The table calls `load` itself; it reads the newest filters from here.
  const appliedRef = useRef(applied);
  const tableRef = useRef<any>();

  useDebounce(() => setApplied(toSpecListQuery(filters)), 300, [filters]);

  useEffect(() => {
    if (
      JSON.stringify(appliedRef.current.query) === JSON.stringify(applied.query)
    ) {
      return;
    }
    appliedRef.current = applied;
    tableRef.current?.onQueryChange({ page: 0 });
  }, [applied]);

  const columns = useMemo(
    () => specColumns({ specHref, withComponent: true }),
    [specHref],
  );

  const load = useCallback(
    async (query: TableQuery) => {
      const field = query.orderBy?.field;
      try {
        const result = await platformApi.listSpecs({
          ...appliedRef.current.query,
          orderBy:
            typeof field === 'string' && ORDERABLE.has(field)
              ? (field as SpecOrderBy)
              : undefined,
          order:
            field && query.orderDirection ? query.orderDirection : undefined,
          limit: query.pageSize,
          offset: query.page * query.pageSize,
        });
        setError(undefined);
        setStatuses(previous => {
          const seen = new Set(previous);
          result.items.forEach(spec => seen.add(spec.status));
          return seen.size === previous.length ? previous : [...seen].sort();
        });
        return {
          data: result.items,
          page: query.page,
          totalCount: result.totalCount,
        };
      } catch (e) {
        setError(e as Error);
        return { data: [], page: 0, totalCount: 0 };
      }
    },
    [platformApi],
  );

  const filtered = hasSpecFilters(applied.query);
  const emptyMessage = useMemo<ReactNode>(() => {
    if (error) {
      return 'Specs could not be loaded.';
    }
    if (filtered) {
      return 'No spec matches these filters.';
    }
    return (
      <EmptyState
        missing="data"
        title="No specs yet"
        description="Specs appear here once a component's repository has Spec Kit folders (specs/001-name/spec.md) and the catalog has read them."
      />
    );
  }, [error, filtered]);

  return (
    <Content>
      <Box mb={2}>
        <SpecFilters
          value={filters}
          onChange={setFilters}
          statuses={statuses}
          errors={applied.errors}
        />
      </Box>
      {error && (
        <Box mb={2}>
          <ResponseErrorPanel error={error} />
        </Box>
      )}
      <SpecPortfolioTable
        tableRef={tableRef}
        columns={columns}
        load={load}
        emptyMessage={emptyMessage}
      />
    </Content>
  );
}
