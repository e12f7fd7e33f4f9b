import type { SpecTaskView } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { groupTasksByPhase, isTaskDone } from './groupTasksByPhase';
import { SpecTaskStateIcon } from './SpecTaskStateIcon';

/**
 * A spec's tasks grouped by phase: state, id, `[P]`, story and tag chips,
 * description, and the pull request that completed the task.
 */
export function SpecTaskList(props: { tasks: SpecTaskView[] }) {
  if (props.tasks.length === 0) {
    return (
      <Typography color="textSecondary">
        This spec has no tasks yet; they appear once tasks.md is written.
      </Typography>
    );
  }
  return (
    <>
      {groupTasksByPhase(props.tasks).map(group => (
        <section
          key={group.phase ?? ''}
          aria-label={group.phase ?? 'Tasks without a phase'}
        >
          <Box display="flex" alignItems="baseline" mt={2} style={{ gap: 8 }}>
            <Typography variant="h6" component="h3">
              {group.phase ?? 'Tasks without a phase'}
            </Typography>
            <Typography variant="body2" color="textSecondary">
              {group.done} / {group.tasks.length}
            </Typography>
          </Box>
          <List dense disablePadding>
            {group.tasks.map(task => (
              <SpecTaskItem key={`${task.line}`} task={task} />
            ))}
          </List>
        </section>
      ))}
    </>
  );
}

function SpecTaskItem(props: { task: SpecTaskView }) {
  const { task } = props;
  return (
    <ListItem
      alignItems="flex-start"
      data-testid={`task-${task.id ?? task.line}`}
    >
      <ListItemIcon style={{ minWidth: 32, marginTop: 4 }}>
        <SpecTaskStateIcon
          state={isTaskDone(task) ? 'done' : task.state}
          mark={task.mark}
        />
      </ListItemIcon>
      <ListItemText
        disableTypography
        primary={
          <Box
            display="flex"
            flexWrap="wrap"
            alignItems="center"
            style={{ gap: 6 }}
          >
            {task.id && (
              <Typography variant="body2" style={{ fontFamily: 'monospace' }}>
                {task.id}
              </Typography>
            )}
            {task.parallel && (
              <Tooltip title="Can run in parallel with other tasks">
                <Chip size="small" color="secondary" label="[P]" />
              </Tooltip>
            )}
            {task.stories.map(story => (
              <Chip key={story} size="small" variant="outlined" label={story} />
            ))}
            {task.tags.map(tag => (
              <Chip key={tag} size="small" label={tag} />
            ))}
            <Typography
              variant="body2"
              style={{
                textDecoration:
                  task.state === 'cancelled' ? 'line-through' : undefined,
              }}
            >
              {task.description}
            </Typography>
            <SpecTaskPullRequest task={task} />
          </Box>
        }
        secondary={
          task.details.length > 0 && (
            <Typography variant="caption" color="textSecondary" component="div">
              {task.details.map((detail, index) => (
                <div key={index}>{detail}</div>
              ))}
            </Typography>
          )
        }
      />
    </ListItem>
  );
}

function SpecTaskPullRequest(props: { task: SpecTaskView }) {
  const { linkedPrNumber, linkedPrUrl, completedBy } = props.task;
  if (linkedPrNumber === undefined && !linkedPrUrl) {
    return null;
  }
  const label =
    linkedPrNumber === undefined ? 'pull request' : `#${linkedPrNumber}`;
  const title =
    completedBy === 'pull-request'
      ? `Completed by merged pull request ${label}`
      : `Pull request ${label}`;
  return linkedPrUrl ? (
    <Link
      href={linkedPrUrl}
      target="_blank"
      rel="noopener noreferrer"
      title={title}
    >
      {label}
    </Link>
  ) : (
    <Typography variant="body2" title={title}>
      {label}
    </Typography>
  );
}
