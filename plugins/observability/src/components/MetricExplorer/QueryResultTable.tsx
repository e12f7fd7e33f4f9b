import type { TimeSeries } from '@catalyst/plugin-observability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import { formatValue, seriesName } from '../TimeSeriesChart';

/** Each series with its latest point, as Prometheus' table view shows an instant vector. */
export function QueryResultTable(props: { series: TimeSeries[] }) {
  return (
    <Table size="small" aria-label="Query result">
      <TableHead>
        <TableRow>
          <TableCell>Series</TableCell>
          <TableCell align="right">Value</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.series.map((s, index) => (
          <TableRow key={index}>
            <TableCell style={{ fontFamily: 'monospace' }}>
              {seriesName(s.labels)}
            </TableCell>
            <TableCell align="right">
              {formatValue(s.values[s.values.length - 1], 'number')}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
