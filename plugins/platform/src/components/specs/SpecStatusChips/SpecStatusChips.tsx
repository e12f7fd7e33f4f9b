import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import type { SpecSummary } from '@catalyst/plugin-platform-common';

/** The spec's status as written, plus the active and archived badges. */
export function SpecStatusChips(props: {
  spec: Pick<SpecSummary, 'status' | 'active' | 'archived'>;
}) {
  const { status, active, archived } = props.spec;
  return (
    <Box display="flex" flexWrap="wrap" style={{ gap: 4 }}>
      <Chip size="small" label={status} />
      {active && (
        <Tooltip title="Listed in the repository's AGENTS.md">
          <Chip size="small" color="primary" label="active" />
        </Tooltip>
      )}
      {archived && <Chip size="small" variant="outlined" label="archived" />}
    </Box>
  );
}
