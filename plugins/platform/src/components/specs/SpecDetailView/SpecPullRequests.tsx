import type { SpecPullRequest } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { DateTime } from '../../shared/DateTime';

/** Pull requests whose conventional-commit scope named this spec. */
export function SpecPullRequests(props: { pullRequests: SpecPullRequest[] }) {
  if (props.pullRequests.length === 0) {
    return (
      <Typography color="textSecondary">
        No pull request names this spec yet. Scope commits with the spec&apos;s
        number or slug (feat(001): …) to link them.
      </Typography>
    );
  }
  return (
    <List dense aria-label="Linked pull requests">
      {props.pullRequests.map(pr => (
        <ListItem key={`${pr.repository}#${pr.number}`} disableGutters>
          <ListItemText
            primary={
              <Box
                display="flex"
                flexWrap="wrap"
                alignItems="center"
                style={{ gap: 6 }}
              >
                {pr.url ? (
                  <Link href={pr.url} target="_blank" rel="noopener noreferrer">
                    {pr.repository}#{pr.number}
                  </Link>
                ) : (
                  <span>
                    {pr.repository}#{pr.number}
                  </span>
                )}
                <span>{pr.title}</span>
                {pr.taskIds.map(id => (
                  <Chip key={id} size="small" variant="outlined" label={id} />
                ))}
              </Box>
            }
            secondary={
              pr.mergedAt ? (
                <>
                  merged <DateTime value={pr.mergedAt} precision="day" />
                </>
              ) : (
                'not merged'
              )
            }
          />
        </ListItem>
      ))}
    </List>
  );
}
