import type { SpecDetail } from '@catalyst/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import ErrorIcon from '@material-ui/icons/Error';
import InfoIcon from '@material-ui/icons/Info';
import WarningIcon from '@material-ui/icons/Warning';

const ICONS = {
  error: <ErrorIcon color="error" aria-label="error" />,
  warning: <WarningIcon aria-label="warning" />,
  info: <InfoIcon color="disabled" aria-label="info" />,
};

/** What the parser skipped or doubted, with file and line. */
export function SpecDiagnostics(props: {
  diagnostics: SpecDetail['diagnostics'];
}) {
  return (
    <List dense aria-label="Diagnostics">
      {props.diagnostics.map((d, index) => (
        <ListItem key={index} disableGutters>
          <ListItemIcon style={{ minWidth: 32 }}>
            {ICONS[d.severity]}
          </ListItemIcon>
          <ListItemText
            primary={d.message}
            secondary={d.line ? `${d.file}:${d.line}` : d.file}
          />
        </ListItem>
      ))}
    </List>
  );
}
