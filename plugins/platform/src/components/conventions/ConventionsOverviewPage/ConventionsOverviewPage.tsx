import {
  Content,
  EmptyState,
  ResponseErrorPanel,
  Table,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ConventionComplianceRow } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import type { ReactNode } from 'react';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { platformApiRef } from '../../../api';
import { ServerPagination } from '../../shared/ServerPagination';
import { useUrlFilters } from '../../shared/useUrlFilters';
import { platformTasksRouteRef, TASK_QUERY_PARAM } from '../../../routes';
import { complianceColumns } from './complianceColumns';
import { ComplianceFilters } from './ComplianceFilters';
import {
  COMPLIANCE_PAGE_SIZES,
  complianceFilters,
  toComplianceQuery,
} from './complianceQuery';
import { ComplianceTotals } from './ComplianceTotals';

// A filter change goes back to the first page.
const FIRST_PAGE = { reset: { page: 0 } };

/**
 * The `/conventions` page: how many components follow their convention
 * pack, and every scanned component with its drift, pull request and open
 * fix task; filters and page kept in the URL.
 */
export function ConventionsOverviewPage() {
  const platformApi = useApi(platformApiRef);
  const tasksRoute = useRouteRef(platformTasksRouteRef);
  const [params, update] = useUrlFilters(complianceFilters, FIRST_PAGE);
  const queryKey = JSON.stringify(toComplianceQuery(params));
  const { value, loading, error } = useAsync(
    () => platformApi.listConventionCompliance(JSON.parse(queryKey)),
    [platformApi, queryKey],
  );

  const columns = useMemo(
    () =>
      complianceColumns({
        taskHref: tasksRoute
          ? id =>
              `${tasksRoute()}?${new URLSearchParams({
                [TASK_QUERY_PARAM]: String(id),
              })}`
          : undefined,
      }),
    [tasksRoute],
  );

  const filtered = Boolean(params.drifted || params.pack || params.q);
  let emptyMessage: ReactNode = 'No component matches these filters.';
  if (error) {
    emptyMessage = 'Compliance could not be loaded.';
  } else if (!filtered) {
    emptyMessage = (
      <EmptyState
        missing="data"
        title="No component scanned yet"
        description="The drift scanner checks every component against its convention pack on a schedule; opening a component's Conventions tab scans it now."
      />
    );
  }

  return (
    <Content>
      {value && (
        <Box mb={2}>
          <ComplianceTotals totals={value.totals} />
        </Box>
      )}
      <Box mb={2}>
        <ComplianceFilters value={params} onChange={update} />
      </Box>
      {error && (
        <Box mb={2}>
          <ResponseErrorPanel error={error} />
        </Box>
      )}
      <Table<ConventionComplianceRow>
        title={value ? `Components (${value.totalCount})` : 'Components'}
        isLoading={loading}
        columns={columns}
        data={value?.items ?? []}
        options={{ search: false, paging: false, padding: 'dense' }}
        localization={{ body: { emptyDataSourceMessage: emptyMessage } }}
      />
      <ServerPagination
        count={value?.totalCount ?? 0}
        page={params.page}
        pageSize={params.pageSize}
        pageSizes={COMPLIANCE_PAGE_SIZES}
        onChange={update}
      />
    </Content>
  );
}
