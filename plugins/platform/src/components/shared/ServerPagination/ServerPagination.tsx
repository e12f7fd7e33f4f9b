import TablePagination from '@material-ui/core/TablePagination';

// MUI rejects a page past the last one (a stale URL, or before data loads).
function pageWithin(page: number, pageSize: number, count: number): number {
  return Math.min(page, Math.max(0, Math.ceil(count / pageSize) - 1));
}

/** Pages through a list the server pages: the page and its size go to `onChange`. */
export function ServerPagination(props: {
  /** Rows across every page; 0 until the first page loads. */
  count: number;
  page: number;
  pageSize: number;
  pageSizes: number[];
  onChange: (change: { page: number; pageSize: number }) => void;
}) {
  const { count, page, pageSize, pageSizes, onChange } = props;
  return (
    <TablePagination
      component="div"
      count={count}
      page={pageWithin(page, pageSize, count)}
      rowsPerPage={pageSize}
      rowsPerPageOptions={pageSizes}
      onPageChange={(_, next) => onChange({ page: next, pageSize })}
      onRowsPerPageChange={e =>
        onChange({ page: 0, pageSize: Number(e.target.value) })
      }
    />
  );
}
