import { WarningPanel } from '@backstage/core-components';
import type { ConventionsReport } from '@catalyst/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';

/** What catalyst.yaml says that the pack had to overrule or ignore, by file and line. */
export function ConventionWarnings(props: {
  warnings: ConventionsReport['warnings'];
}) {
  const { warnings } = props;
  if (warnings.length === 0) {
    return null;
  }
  return (
    <WarningPanel
      severity="warning"
      title={`catalyst.yaml warnings (${warnings.length})`}
      defaultExpanded
    >
      <List dense disablePadding aria-label="catalyst.yaml warnings">
        {warnings.map((warning, index) => (
          <ListItem key={index} disableGutters>
            <ListItemText
              primary={warning.message}
              secondary={
                warning.line ? `${warning.file}:${warning.line}` : warning.file
              }
            />
          </ListItem>
        ))}
      </List>
    </WarningPanel>
  );
}
