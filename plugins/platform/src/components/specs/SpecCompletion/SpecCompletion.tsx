import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import type { SpecSummary } from '@catalyst/plugin-platform-common';

/** Tasks done out of all tasks, as a bar and as `3 / 5`. */
export function SpecCompletion(props: {
  counts: SpecSummary['counts'];
  /** done / total, 0..1, counting tasks completed by merged pull requests. */
  completion: number;
}) {
  const { counts, completion } = props;
  const percent = Math.round(Math.min(Math.max(completion, 0), 1) * 100);
  return (
    <Box minWidth={120}>
      <Typography variant="body2" component="span">
        {counts.done} / {counts.total}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={percent}
        aria-label={`${percent}% of tasks done`}
      />
    </Box>
  );
}
