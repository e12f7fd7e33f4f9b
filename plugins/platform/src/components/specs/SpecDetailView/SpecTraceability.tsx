import { WarningPanel } from '@backstage/core-components';
import type { SpecDetail } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';

/** User stories, requirements, success criteria and open clarifications. */
export function SpecTraceability(props: { spec: SpecDetail }) {
  const { userStories, requirements, successCriteria, clarifications } =
    props.spec;
  return (
    <Grid container spacing={3}>
      {clarifications.length > 0 && (
        <Grid item xs={12}>
          <WarningPanel
            severity="warning"
            defaultExpanded
            title={`${clarifications.length} open clarification${
              clarifications.length === 1 ? '' : 's'
            }`}
          >
            <ul aria-label="Clarifications">
              {clarifications.map(c => (
                <li key={`${c.file}:${c.line}`}>
                  {c.text}{' '}
                  <Typography variant="caption" color="textSecondary">
                    ({c.file}:{c.line})
                  </Typography>
                </li>
              ))}
            </ul>
          </WarningPanel>
        </Grid>
      )}
      <Grid item xs={12} md={4}>
        <Section title="User stories" empty="No user stories.">
          {userStories.map(story => (
            <ListItem key={story.id} disableGutters>
              <ListItemText
                primary={
                  <Box display="flex" alignItems="center" style={{ gap: 6 }}>
                    <Chip size="small" variant="outlined" label={story.id} />
                    {story.title}
                    {story.priority && (
                      <Chip size="small" label={story.priority} />
                    )}
                  </Box>
                }
              />
            </ListItem>
          ))}
        </Section>
      </Grid>
      <Grid item xs={12} md={4}>
        <Section title="Requirements" empty="No functional requirements.">
          {requirements.map(r => (
            <ListItem key={r.id} disableGutters>
              <ListItemText primary={r.id} secondary={r.text} />
            </ListItem>
          ))}
        </Section>
      </Grid>
      <Grid item xs={12} md={4}>
        <Section title="Success criteria" empty="No success criteria.">
          {successCriteria.map(r => (
            <ListItem key={r.id} disableGutters>
              <ListItemText primary={r.id} secondary={r.text} />
            </ListItem>
          ))}
        </Section>
      </Grid>
    </Grid>
  );
}

function Section(props: {
  title: string;
  empty: string;
  children: ReactNode[];
}) {
  return (
    <section aria-label={props.title}>
      <Typography variant="h6" component="h3">
        {props.title}
      </Typography>
      {props.children.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      ) : (
        <List dense disablePadding>
          {props.children}
        </List>
      )}
    </section>
  );
}
