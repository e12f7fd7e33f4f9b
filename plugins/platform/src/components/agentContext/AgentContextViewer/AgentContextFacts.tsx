import type {
  AgentContextFactSource,
  AgentContextLine,
} from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';

/** `package.json:7`, or the git evidence, with the note when there is one. */
export function describeFactSource(source: AgentContextFactSource): string {
  const where = source.file
    ? `${source.file}${source.line ? `:${source.line}` : ''}`
    : source.git ?? 'no recorded source';
  return source.note ? `${where} (${source.note})` : where;
}

/** Each line of Catalyst's block with the facts it states and where they were read. */
export function AgentContextFacts(props: { lines: AgentContextLine[] }) {
  if (props.lines.length === 0) {
    return (
      <Typography color="textSecondary">
        The generated file has no Catalyst block to explain.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Facts behind each line">
      {props.lines.map(line => (
        <ListItem
          key={line.line}
          disableGutters
          divider
          aria-label={`Line ${line.line}`}
        >
          <Box width="100%">
            <Box display="flex" style={{ gap: 8 }}>
              <Typography
                variant="caption"
                color="textSecondary"
                style={{ minWidth: 40 }}
              >
                {line.line}
              </Typography>
              <Typography
                variant="body2"
                component="code"
                style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
              >
                {line.text}
              </Typography>
            </Box>
            {line.facts.length === 0 ? (
              <Typography variant="caption" color="textSecondary">
                No fact with a source behind this line.
              </Typography>
            ) : (
              <Box component="ul" m={0} pl={6}>
                {line.facts.map((fact, index) => (
                  <li key={index}>
                    <Typography variant="caption">
                      {fact.label} —{' '}
                      <code>{describeFactSource(fact.source)}</code>
                    </Typography>
                  </li>
                ))}
              </Box>
            )}
          </Box>
        </ListItem>
      ))}
    </List>
  );
}
