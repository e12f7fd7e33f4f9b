import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { TIME_RANGES, TimeRangeKey } from './timeRanges';

/** Picks one of the fixed windows ending now; none is selected while a fixed window is shown. */
export function TimeRangePicker(props: {
  value: TimeRangeKey | undefined;
  onChange: (value: TimeRangeKey) => void;
}) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={props.value ?? null}
      aria-label="Time range"
      onChange={(_, value: TimeRangeKey | null) => {
        // A click on the selected button deselects it; keep the range instead.
        if (value) props.onChange(value);
      }}
    >
      {TIME_RANGES.map(range => (
        <ToggleButton
          key={range.key}
          value={range.key}
          aria-label={`Last ${range.label}`}
        >
          {range.label}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
