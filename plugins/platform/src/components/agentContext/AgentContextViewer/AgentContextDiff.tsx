import type { AgentContextDiffLine } from '@catalyst/plugin-platform-common';
import { alpha, makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';

const useStyles = makeStyles(theme => ({
  table: {
    borderCollapse: 'collapse',
    width: '100%',
    fontFamily: 'monospace',
    fontSize: theme.typography.body2.fontSize,
  },
  number: {
    color: theme.palette.text.secondary,
    textAlign: 'right',
    padding: theme.spacing(0, 1),
    width: '1%',
    whiteSpace: 'nowrap',
    userSelect: 'none',
  },
  sign: { width: '1%', padding: theme.spacing(0, 0.5), userSelect: 'none' },
  text: { whiteSpace: 'pre-wrap', wordBreak: 'break-word' },
  added: { backgroundColor: alpha(theme.palette.success.main, 0.18) },
  removed: { backgroundColor: alpha(theme.palette.error.main, 0.18) },
  unchanged: {},
}));

const SIGNS = { added: '+', removed: '−', unchanged: ' ' };

/** The committed AGENTS.md against the generated one, added and removed lines highlighted. */
export function AgentContextDiff(props: {
  diff: AgentContextDiffLine[];
  committed: boolean;
}) {
  const classes = useStyles();
  const { diff, committed } = props;
  return (
    <>
      {!committed && (
        <Typography variant="body2" color="textSecondary" paragraph>
          The repository has no AGENTS.md; every line would be new.
        </Typography>
      )}
      <table
        className={classes.table}
        aria-label="Difference from the committed AGENTS.md"
      >
        <tbody>
          {diff.map((line, index) => (
            <tr
              key={index}
              className={classes[line.type]}
              data-diff={line.type}
              aria-label={`${line.type} line`}
            >
              <td className={classes.number}>{line.committedLine ?? ''}</td>
              <td className={classes.number}>{line.generatedLine ?? ''}</td>
              <td className={classes.sign}>{SIGNS[line.type]}</td>
              <td className={classes.text}>{line.text}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
