import type { PlatformTaskBreaker } from '@catalyst/plugin-platform-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import { DateTime } from '../../shared/DateTime';

const STATE_LABELS: Record<PlatformTaskBreaker['state'], string> = {
  closed: 'closed',
  open: 'open',
  half_open: 'half open',
};

/** Whether a breaker holds work back (open, or letting one probe through). */
export function isBreakerTripped(breaker: PlatformTaskBreaker): boolean {
  return breaker.state !== 'closed';
}

/** Circuit breakers with their state, failures, cool-down and last error. */
export function TaskBreakerList(props: {
  breakers: PlatformTaskBreaker[];
  label: string;
}) {
  return (
    <List dense disablePadding aria-label={props.label}>
      {props.breakers.map(breaker => (
        <ListItem key={breaker.key} disableGutters aria-label={breaker.key}>
          <ListItemText
            primary={
              <>
                <code>{breaker.key}</code> — {STATE_LABELS[breaker.state]}
                {`, ${breaker.consecutiveFailures} consecutive failures`}
                {breaker.openUntil && (
                  <>
                    {breaker.state === 'open'
                      ? ', next probe after '
                      : ', probe claimed until '}
                    <DateTime value={breaker.openUntil} />
                  </>
                )}
              </>
            }
            secondary={breaker.lastError}
          />
        </ListItem>
      ))}
    </List>
  );
}
