import {
  CodeSnippet,
  EmptyState,
  InfoCard,
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
  WarningPanel,
} from '@backstage/core-components';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import type { AgentContextView } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type { ReactNode } from 'react';
import { platformApiRef } from '../../../api';
import { useReloadableAsync } from '../../../hooks/useReloadableAsync';
import { AgentContextGenerateButton } from '../AgentContextGenerateButton';
import { AgentToolsCard } from '../AgentToolsCard';
import { ContextRefreshButton } from '../ContextRefreshButton';
import { DateTime } from '../../shared/DateTime';
import { AgentContextDiff } from './AgentContextDiff';
import { AgentContextFacts } from './AgentContextFacts';
import { CardTab, TabbedCard } from '../../shared/TabbedCard';

const SOURCE_TYPES: Record<AgentContextView['source']['type'], string> = {
  directory: 'Local checkout',
  clone: 'Shallow clone (files and history)',
  tree: 'Files only (no history)',
};

/**
 * The Agent context tab of a component: the AGENTS.md Catalyst generates
 * for its repository (rendered and raw), how it differs from the committed
 * one, whether that is stale, and the facts behind each line with the file
 * and line (or git evidence) they were read from. Generate analyses the
 * repository now; Refresh AGENTS.md opens or updates the pull request.
 * Below, the portal's MCP endpoint and the tools agents may call on it.
 */
export function AgentContextViewer() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const platformApi = useApi(platformApiRef);
  const { value, loading, error, reload } = useReloadableAsync(
    () => platformApi.getAgentContext({ entityRef }),
    [platformApi, entityRef],
  );

  if (loading && !value) {
    return <Progress />;
  }
  if (error) {
    if ((error as { statusCode?: number }).statusCode === 404) {
      return (
        <>
          <EmptyState
            missing="content"
            title="No agent context yet"
            description="Generate analyses the component's repository (its files and recent history) and shows the AGENTS.md coding agents should read, with the facts behind every line."
            action={
              <AgentContextGenerateButton
                entityRef={entityRef}
                onGenerated={reload}
              />
            }
          />
          <AgentToolsCard entityRef={entityRef} />
        </>
      );
    }
    return <ResponseErrorPanel error={error} />;
  }
  if (!value) {
    return null;
  }
  return (
    <>
      <AgentContextHeader
        context={value}
        actions={
          <Box display="flex" alignItems="center" style={{ gap: 8 }} m={1}>
            <AgentContextGenerateButton
              entityRef={entityRef}
              onGenerated={reload}
            />
            <ContextRefreshButton
              entityRef={entityRef}
              pullRequest={value.pullRequest}
              onRefreshed={reload}
            />
          </Box>
        }
      />
      <AgentContextTabs context={value} />
      <AgentToolsCard entityRef={entityRef} />
    </>
  );
}

function Hash(props: { value?: string; missing: string }) {
  return props.value ? (
    <code title={props.value}>{props.value.slice(0, 12)}</code>
  ) : (
    <span>{props.missing}</span>
  );
}

function AgentContextHeader(props: {
  context: AgentContextView;
  actions: ReactNode;
}) {
  const { context, actions } = props;
  const facts: [string, ReactNode][] = [
    ['Facts hash', <Hash value={context.factsHash} missing="—" />],
    ['Committed block', <Hash value={context.committedHash} missing="none" />],
    ['Read from', SOURCE_TYPES[context.source.type]],
    [
      'Commit',
      context.source.commit ? (
        <code>{context.source.commit.slice(0, 12)}</code>
      ) : (
        '—'
      ),
    ],
    [
      'Last change',
      <DateTime value={context.lastGeneratedAt} precision="day" />,
    ],
    [
      'Last checked',
      <DateTime value={context.lastCheckedAt} precision="day" />,
    ],
  ];
  return (
    <Box mb={2}>
      <InfoCard
        title="AGENTS.md"
        subheader={context.source.location}
        action={actions}
      >
        <Grid container spacing={2} alignItems="center">
          <Grid item xs={12}>
            <Box display="flex" alignItems="center" style={{ gap: 8 }}>
              {context.stale ? (
                <Chip color="secondary" size="small" label="Stale" />
              ) : (
                <Chip color="primary" size="small" label="Up to date" />
              )}
              <Typography variant="body2">
                {context.stale
                  ? context.staleReason ??
                    `The committed AGENTS.md says something else than the repository shows: ${context.changes.added.length} lines to add, ${context.changes.removed.length} to remove.`
                  : 'The committed AGENTS.md says what the repository shows.'}
              </Typography>
            </Box>
          </Grid>
          {facts.map(([label, fact]) => (
            <Grid item xs={6} md={2} key={label}>
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {label}
              </Typography>
              <Typography variant="body2" component="div">
                {fact}
              </Typography>
            </Grid>
          ))}
          {context.lastError && (
            <Grid item xs={12}>
              <WarningPanel
                severity="error"
                title="The last check or refresh failed"
                message={context.lastError}
              />
            </Grid>
          )}
        </Grid>
      </InfoCard>
    </Box>
  );
}

function AgentContextTabs(props: { context: AgentContextView }) {
  const { context } = props;
  const added = context.diff.filter(d => d.type === 'added').length;
  const removed = context.diff.filter(d => d.type === 'removed').length;
  const tabs: CardTab[] = [
    {
      label: 'Rendered',
      content: <MarkdownContent content={context.content} dialect="gfm" />,
    },
    {
      label: 'Raw',
      content: (
        <CodeSnippet
          text={context.content.replace(/\n$/, '')}
          language="markdown"
          showLineNumbers
          showCopyCodeButton
        />
      ),
    },
    {
      label: `Diff (+${added} −${removed})`,
      content: (
        <AgentContextDiff
          diff={context.diff}
          committed={context.committedContent !== undefined}
        />
      ),
    },
    {
      label: `Facts (${context.lines.length})`,
      content: <AgentContextFacts lines={context.lines} />,
    },
  ];
  if (context.diagnostics.length > 0) {
    tabs.push({
      label: `Diagnostics (${context.diagnostics.length})`,
      content: (
        <List dense aria-label="Diagnostics">
          {context.diagnostics.map((d, index) => (
            <ListItem key={index} disableGutters>
              <ListItemText
                primary={`${d.severity}: ${d.message}`}
                secondary={d.line ? `${d.file}:${d.line}` : d.file}
              />
            </ListItem>
          ))}
        </List>
      ),
    });
  }
  return <TabbedCard label="Agent context views" tabs={tabs} />;
}
