import { Table, TableColumn } from '@backstage/core-components';
import type { SpecSummary } from '@catalyst/plugin-platform-common';
import type { MutableRefObject, ReactNode } from 'react';
import { memo } from 'react';

/** What the remote table asks for: the part of material-table's query used here. */
export interface TableQuery {
  page: number;
  pageSize: number;
  orderBy?: { field?: unknown };
  orderDirection?: 'asc' | 'desc' | '';
}

/** The portfolio table; rows come from `load`, page by page. */
function PortfolioTable(props: {
  tableRef: MutableRefObject<any>;
  columns: TableColumn<SpecSummary>[];
  load: (query: TableQuery) => Promise<{
    data: SpecSummary[];
    page: number;
    totalCount: number;
  }>;
  emptyMessage: ReactNode;
}) {
  return (
    <Table<SpecSummary>
      tableRef={props.tableRef}
      title="Specs"
      columns={props.columns}
      data={props.load}
      options={{
        search: false,
        paging: true,
        pageSize: 20,
        pageSizeOptions: [20, 50, 100],
        padding: 'dense',
      }}
      localization={{ body: { emptyDataSourceMessage: props.emptyMessage } }}
    />
  );
}

// Memoized so typing in the filters does not re-render every row.
export const SpecPortfolioTable = memo(PortfolioTable);
