import Chip from '@material-ui/core/Chip';
import { useTheme } from '@material-ui/core/styles';
import type { ObservabilityStackHealth } from '@catalyst/plugin-observability-common';

/** A stack's health as a coloured chip. */
export function StackHealthChip(props: { health: ObservabilityStackHealth }) {
  const { palette } = useTheme();
  const colors: Record<ObservabilityStackHealth, string> = {
    healthy: palette.success.main,
    progressing: palette.info.main,
    degraded: palette.error.main,
    unknown: palette.grey[500],
  };
  return (
    <Chip
      size="small"
      label={props.health}
      style={{ backgroundColor: colors[props.health], color: '#fff' }}
    />
  );
}
