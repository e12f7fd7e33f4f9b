import type { AlertRule } from '@catalyst/plugin-observability-common';
import IconButton from '@material-ui/core/IconButton';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import EditIcon from '@material-ui/icons/Edit';
import {
  formatChannel,
  OPERATOR_SYMBOLS,
  SIGNAL_LABELS,
} from './alertRuleForm';

const COLUMNS = [
  'Signal',
  'Condition',
  'Duration',
  'Severity',
  'Enabled',
  'SLO objective',
  'Channels',
];

/** The stored rules of an entity; edit and delete buttons only when `onEdit`/`onDelete` are given. */
export function AlertRuleTable(props: {
  rules: AlertRule[];
  onEdit?: (rule: AlertRule) => void;
  onDelete?: (rule: AlertRule) => void;
}) {
  const { rules, onEdit, onDelete } = props;
  if (rules.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        This entity has no alert rules.
      </Typography>
    );
  }
  const manage = Boolean(onEdit || onDelete);
  return (
    <Table size="small" aria-label="Alert rules">
      <TableHead>
        <TableRow>
          {COLUMNS.map(c => (
            <TableCell key={c}>{c}</TableCell>
          ))}
          {manage && <TableCell>Actions</TableCell>}
        </TableRow>
      </TableHead>
      <TableBody>
        {rules.map(rule => (
          <TableRow key={rule.id}>
            <TableCell>
              {SIGNAL_LABELS[rule.signalType]}
              {rule.quantile !== undefined && ` (p${rule.quantile * 100})`}
            </TableCell>
            <TableCell>
              {OPERATOR_SYMBOLS[rule.operator]} {rule.threshold}
            </TableCell>
            <TableCell>{rule.duration}</TableCell>
            <TableCell>{rule.severity}</TableCell>
            <TableCell>{rule.enabled ? 'yes' : 'no'}</TableCell>
            <TableCell>
              {rule.objective === undefined
                ? '–'
                : `${+(rule.objective * 100).toPrecision(12)} %`}
            </TableCell>
            <TableCell>
              {rule.notificationChannels.map(formatChannel).join(', ') || '–'}
            </TableCell>
            {manage && (
              <TableCell>
                {onEdit && (
                  <IconButton
                    size="small"
                    aria-label={`Edit rule ${rule.id}`}
                    onClick={() => onEdit(rule)}
                  >
                    <EditIcon fontSize="small" />
                  </IconButton>
                )}
                {onDelete && (
                  <IconButton
                    size="small"
                    aria-label={`Delete rule ${rule.id}`}
                    onClick={() => onDelete(rule)}
                  >
                    <DeleteIcon fontSize="small" />
                  </IconButton>
                )}
              </TableCell>
            )}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
