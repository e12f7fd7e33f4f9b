import { Link } from '@backstage/core-components';
import type { AlertEvent } from '@catalyst/plugin-observability-common';
import Chip from '@material-ui/core/Chip';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';

const SEVERITY_COLORS: Record<string, 'secondary' | 'primary' | 'default'> = {
  critical: 'secondary',
  warning: 'primary',
};

/** Alerts of the history as rows, each linking to its incident view. */
export function AlertTable(props: {
  alerts: AlertEvent[];
  label: string;
  incidentHref: (alert: AlertEvent) => string;
}) {
  const { alerts, label, incidentHref } = props;
  if (alerts.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No {label.toLocaleLowerCase('en-US')}
      </Typography>
    );
  }
  return (
    <Table size="small" aria-label={label}>
      <TableHead>
        <TableRow>
          <TableCell>Alert</TableCell>
          <TableCell>Severity</TableCell>
          <TableCell>Status</TableCell>
          <TableCell>Started</TableCell>
          <TableCell>Ended</TableCell>
          <TableCell>Summary</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {alerts.map(alert => (
          <TableRow key={alert.id}>
            <TableCell>
              <Link to={incidentHref(alert)}>{alert.alertName}</Link>
            </TableCell>
            <TableCell>
              <Chip
                size="small"
                label={alert.labels.severity ?? 'none'}
                color={SEVERITY_COLORS[alert.labels.severity] ?? 'default'}
              />
            </TableCell>
            <TableCell>{alert.status}</TableCell>
            <TableCell>{new Date(alert.startsAt).toLocaleString()}</TableCell>
            <TableCell>
              {alert.endsAt ? new Date(alert.endsAt).toLocaleString() : '–'}
            </TableCell>
            <TableCell>
              {alert.annotations.summary ?? alert.annotations.description ?? ''}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
