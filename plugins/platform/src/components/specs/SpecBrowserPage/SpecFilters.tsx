import Box from '@material-ui/core/Box';
import FormControl from '@material-ui/core/FormControl';
import InputLabel from '@material-ui/core/InputLabel';
import MenuItem from '@material-ui/core/MenuItem';
import Select from '@material-ui/core/Select';
import TextField from '@material-ui/core/TextField';
import type { SpecFilterValues } from './specFilterQuery';

/** The portfolio's filter fields: text, owner, status and completion range. */
export function SpecFilters(props: {
  value: SpecFilterValues;
  onChange: (value: SpecFilterValues) => void;
  /** The statuses to offer; specs write their own, so these come from the data. */
  statuses: string[];
  errors: Partial<Record<keyof SpecFilterValues, string>>;
}) {
  const { value, onChange, statuses, errors } = props;
  const set = (field: keyof SpecFilterValues) => (text: string) =>
    onChange({ ...value, [field]: text });
  const textField = (
    field: keyof SpecFilterValues,
    label: string,
    extra: { type?: string; width?: number; placeholder?: string } = {},
  ) => (
    <TextField
      label={label}
      value={value[field]}
      onChange={e => set(field)(e.target.value)}
      error={Boolean(errors[field])}
      helperText={errors[field] ?? ' '}
      type={extra.type}
      placeholder={extra.placeholder}
      inputProps={{ 'aria-label': label }}
      style={{ width: extra.width ?? 220 }}
    />
  );

  return (
    <div role="search" aria-label="Spec filters">
      <Box
        display="flex"
        flexWrap="wrap"
        alignItems="flex-start"
        style={{ gap: 16 }}
      >
        {textField('search', 'Search', { placeholder: 'Title or slug' })}
        {textField('owner', 'Owner', { placeholder: 'group:default/team' })}
        <FormControl style={{ minWidth: 160 }}>
          <InputLabel id="spec-status-filter">Status</InputLabel>
          <Select
            labelId="spec-status-filter"
            value={value.status}
            onChange={e => set('status')(String(e.target.value))}
          >
            <MenuItem value="">Any</MenuItem>
            {statuses.map(status => (
              <MenuItem key={status} value={status}>
                {status}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        {textField('minPercent', 'Min. done %', { type: 'number', width: 120 })}
        {textField('maxPercent', 'Max. done %', { type: 'number', width: 120 })}
      </Box>
    </div>
  );
}
