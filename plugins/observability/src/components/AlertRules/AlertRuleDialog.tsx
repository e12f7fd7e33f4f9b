import type { AlertRule } from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import {
  AlertRuleFormValues,
  EMPTY_RULE_FORM,
  OPERATOR_SYMBOLS,
  ruleToForm,
  SIGNAL_LABELS,
} from './alertRuleForm';

/**
 * Creates a rule (without `rule`) or edits one. `onSubmit` sends the form; a refusal (the
 * backend's 400 message) is shown in the dialog, which stays open so the user can fix it.
 */
export function AlertRuleDialog(props: {
  rule?: AlertRule;
  onSubmit: (form: AlertRuleFormValues) => Promise<void>;
  onClose: () => void;
}) {
  const { rule, onSubmit, onClose } = props;
  const [form, setForm] = useState<AlertRuleFormValues>(
    rule ? ruleToForm(rule) : EMPTY_RULE_FORM,
  );
  const [error, setError] = useState<Error>();
  const [saving, setSaving] = useState(false);
  const set =
    <K extends keyof AlertRuleFormValues>(key: K) =>
    (value: AlertRuleFormValues[K]) =>
      setForm(current => ({ ...current, [key]: value }));
  const text = (
    key: keyof AlertRuleFormValues,
    label: string,
    help?: string,
  ) => (
    <TextField
      id={`alert-rule-${key}`}
      label={label}
      value={form[key] as string}
      onChange={e => set(key)(e.target.value as never)}
      helperText={help}
      fullWidth
      margin="dense"
    />
  );
  const select = <K extends 'signalType' | 'operator' | 'severity'>(
    key: K,
    label: string,
    options: Record<AlertRuleFormValues[K], string>,
  ) => (
    <TextField
      id={`alert-rule-${key}`}
      select
      label={label}
      value={form[key]}
      onChange={e => set(key)(e.target.value as AlertRuleFormValues[K])}
      fullWidth
      margin="dense"
    >
      {Object.entries(options).map(([value, name]) => (
        <MenuItem key={value} value={value}>
          {name as string}
        </MenuItem>
      ))}
    </TextField>
  );

  async function submit() {
    setSaving(true);
    setError(undefined);
    try {
      await onSubmit(form);
    } catch (e) {
      setError(e as Error);
      setSaving(false);
    }
  }

  return (
    <Dialog open onClose={onClose} fullWidth maxWidth="sm">
      <DialogTitle>
        {rule ? `Edit alert rule ${rule.id}` : 'New alert rule'}
      </DialogTitle>
      <DialogContent>
        {error && (
          <Box mb={2}>
            <ObservabilityErrorPanel error={error} />
          </Box>
        )}
        {select('signalType', 'Signal', SIGNAL_LABELS)}
        {select('operator', 'Operator', OPERATOR_SYMBOLS)}
        {text(
          'threshold',
          'Threshold',
          'Latency in seconds, error rate and saturation as a ratio (0.05 = 5 %), traffic in requests per second',
        )}
        {text('duration', 'Duration', 'How long it must hold, e.g. 5m')}
        {select('severity', 'Severity', {
          critical: 'critical',
          warning: 'warning',
          info: 'info',
        })}
        {text('quantile', 'Quantile', 'Latency rules only, e.g. 0.99')}
        {text(
          'objective',
          'SLO objective',
          'Makes the rule an SLO with burn-rate alerts, e.g. 0.999',
        )}
        {text('description', 'Description')}
        <TextField
          id="alert-rule-channels"
          label="Notification channels"
          value={form.channels}
          onChange={e => set('channels')(e.target.value)}
          helperText="One a line: slack #channel [webhook URL], email address, webhook URL"
          multiline
          minRows={2}
          fullWidth
          margin="dense"
        />
        <FormControlLabel
          control={
            <Checkbox
              checked={form.enabled}
              onChange={e => set('enabled')(e.target.checked)}
            />
          }
          label="Enabled"
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving}
          onClick={submit}
        >
          {rule ? 'Save' : 'Create'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
