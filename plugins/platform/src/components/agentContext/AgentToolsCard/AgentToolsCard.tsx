import {
  CodeSnippet,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { AgentToolsView } from '@catalyst/plugin-platform-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { platformApiRef } from '../../../api';
import { useReloadableAsync } from '../../../hooks/useReloadableAsync';
import { CardTab, TabbedCard } from '../../shared/TabbedCard';

/** The server's key in client configurations. */
const SERVER_KEY = 'catalyst';

/** Client configurations to paste, each for one MCP client. */
function clientConfigs(endpoint: string): CardTab[] {
  // Cursor and VS Code read the token from the environment.
  const header = { Authorization: `Bearer \${env:MCP_TOKEN}` };
  return [
    {
      label: 'Claude Code',
      content: (
        <CodeSnippet
          language="bash"
          text={`claude mcp add --transport http ${SERVER_KEY} ${endpoint} \\\n  --header "Authorization: Bearer $MCP_TOKEN"`}
          showCopyCodeButton
        />
      ),
    },
    {
      label: 'Cursor',
      content: (
        <CodeSnippet
          language="json"
          text={JSON.stringify(
            {
              mcpServers: { [SERVER_KEY]: { url: endpoint, headers: header } },
            },
            null,
            2,
          )}
          showCopyCodeButton
        />
      ),
    },
    {
      label: 'VS Code',
      content: (
        <CodeSnippet
          language="json"
          text={JSON.stringify(
            {
              servers: {
                [SERVER_KEY]: { type: 'http', url: endpoint, headers: header },
              },
            },
            null,
            2,
          )}
          showCopyCodeButton
        />
      ),
    },
  ];
}

function ToolsList(props: { view: AgentToolsView }) {
  const { view } = props;
  if (view.tools.length === 0) {
    return (
      <Typography variant="body2">
        No Catalyst tool is available to you for this component.
      </Typography>
    );
  }
  return (
    <List dense aria-label="MCP tools">
      {view.tools.map(tool => (
        <ListItem key={tool.name} disableGutters>
          <ListItemText
            primary={
              <>
                <code>{tool.name}</code>
                {` ${tool.title}${tool.readOnly ? '' : ' (changes data)'}`}
              </>
            }
            secondary={tool.description.split('\n')[0]}
          />
        </ListItem>
      ))}
    </List>
  );
}

/**
 * Where coding agents reach the portal: the MCP endpoint, the Catalyst
 * tools the signed-in user may call on this component (as the backend lists
 * them, after permissions), and client configurations to paste.
 */
export function AgentToolsCard(props: { entityRef: string }) {
  const { entityRef } = props;
  const platformApi = useApi(platformApiRef);
  const { value, loading, error } = useReloadableAsync(
    () => platformApi.getAgentTools({ entityRef }),
    [platformApi, entityRef],
  );
  let body;
  if (loading && !value) body = <Progress />;
  else if (error) body = <ResponseErrorPanel error={error} />;
  else if (value) {
    body = (
      <>
        <Typography variant="body2" component="div">
          MCP server <strong>{value.serverName}</strong> (Streamable HTTP):{' '}
          <code aria-label="MCP endpoint">{value.endpoint}</code>
        </Typography>
        <Typography variant="body2" color="textSecondary">
          Agents call the tools as the user or service of their token, with that
          principal&apos;s permissions. Pass{' '}
          <code>{`"entityRef": "${entityRef}"`}</code>.
        </Typography>
        <ToolsList view={value} />
        <TabbedCard
          label="MCP client configuration"
          tabs={clientConfigs(value.endpoint)}
        />
      </>
    );
  }
  return (
    <Box mt={2}>
      <InfoCard title="Catalyst tools for coding agents">{body}</InfoCard>
    </Box>
  );
}
