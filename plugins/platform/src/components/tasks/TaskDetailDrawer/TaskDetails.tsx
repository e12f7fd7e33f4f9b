import {
  CodeSnippet,
  InfoCard,
  WarningPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import type { PlatformTaskDetails } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { DateTime } from '../../shared/DateTime';
import { TaskActions } from '../TaskActions';
import { TaskBreakerList } from '../TaskBreakers';
import { TaskPullRequestLink } from '../TaskPullRequestLink';
import { TaskStatus } from '../TaskStatus';
import { TaskAttempts } from './TaskAttempts';

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <Grid item xs={6} md={4}>
      <Typography variant="caption" color="textSecondary" component="div">
        {props.label}
      </Typography>
      <Typography variant="body2" component="div" aria-label={props.label}>
        {props.children || '—'}
      </Typography>
    </Grid>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  return (
    <Box mt={3} component="section" aria-label={props.title}>
      <Typography variant="h6" gutterBottom>
        {props.title}
      </Typography>
      {props.children}
    </Box>
  );
}

/**
 * Everything about one task: what it is for, its state and actions, the last
 * error, the breakers gating it, its payload and result, and every attempt.
 */
export function TaskDetails(props: {
  task: PlatformTaskDetails;
  onChanged: () => void;
}) {
  const { task, onChanged } = props;
  return (
    <>
      <InfoCard title={task.title} subheader={`#${task.id} · ${task.taskType}`}>
        <Box mb={2}>
          <TaskActions task={task} onChanged={onChanged} />
        </Box>
        {task.description && (
          <Typography variant="body1" paragraph>
            {task.description}
          </Typography>
        )}
        <Grid container spacing={2}>
          <Fact label="Status">
            <TaskStatus status={task.status} />
          </Fact>
          <Fact label="Component">
            <EntityRefLink entityRef={task.entityRef} defaultKind="component" />
          </Fact>
          <Fact label="Repository">{task.repository}</Fact>
          <Fact label="Subject">{task.subject}</Fact>
          <Fact label="Attempts">{`${task.retryCount}/${task.maxRetries}`}</Fact>
          <Fact label="Approval policy">{task.approvalPolicy}</Fact>
          <Fact label="Pull request">
            <TaskPullRequestLink task={task} />
          </Fact>
          {task.merge && (
            <Fact label="Auto-merge">
              {`${task.merge.state.replace(/_/g, ' ')}${
                task.merge.detail ? `: ${task.merge.detail}` : ''
              }`}
            </Fact>
          )}
          <Fact label="Next run">
            <DateTime value={task.nextRunAt} />
          </Fact>
          <Fact label="Approved">
            <DateTime value={task.approvedAt} />
          </Fact>
          <Fact label="Lease">
            {task.leaseOwner && (
              <>
                {task.leaseOwner} until <DateTime value={task.leaseExpiresAt} />
              </>
            )}
          </Fact>
          <Fact label="Created">
            <DateTime value={task.createdAt} />
          </Fact>
          <Fact label="Updated">
            <DateTime value={task.updatedAt} />
          </Fact>
        </Grid>
        {task.lastError && (
          <Box mt={2}>
            <WarningPanel
              severity="error"
              title={`Last error${
                task.errorClass ? ` (${task.errorClass})` : ''
              }`}
              message={task.lastError}
            />
          </Box>
        )}
      </InfoCard>
      {task.breakers.length > 0 && (
        <Section title="Circuit breakers">
          <TaskBreakerList
            breakers={task.breakers}
            label="Breakers gating this task"
          />
        </Section>
      )}
      {task.result && (
        <Section title="Result">
          {task.result.summary && (
            <Typography variant="body2" paragraph>
              {task.result.summary}
            </Typography>
          )}
          {task.result.diff && (
            <div aria-label="Diff">
              <CodeSnippet text={task.result.diff} language="diff" />
            </div>
          )}
        </Section>
      )}
      <Section title="Payload">
        <div aria-label="Payload JSON">
          <CodeSnippet
            text={JSON.stringify(task.payload, null, 2)}
            language="json"
          />
        </div>
      </Section>
      <Box mt={3}>
        <TaskAttempts attempts={task.attempts} />
      </Box>
    </>
  );
}
