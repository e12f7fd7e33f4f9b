import { InfoCard, Link, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type {
  AlertEvent,
  IncidentInvestigation,
  InvestigationSignalChange,
} from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';

function formatValue(
  value: number | null,
  unit: InvestigationSignalChange['unit'],
) {
  if (value === null) return '–';
  if (unit === 'ratio') return `${Number((value * 100).toFixed(1))} %`;
  if (unit === 'seconds') return `${Number(value.toFixed(3))} s`;
  return `${Number(value.toFixed(2))}/s`;
}

const dependencyNote = (change: {
  relation: 'self' | 'dependency';
  entityRef: string;
}) =>
  change.relation === 'dependency'
    ? `dependency ${change.entityRef}`
    : undefined;

/**
 * Catalyst's investigation of the alert's firing episode: probable causes ranked with
 * their reasons, the golden signals before and during, error log patterns and the merged
 * changes and deployments, with the GitHub issue it filed.
 */
export function InvestigationCard(props: { alert: AlertEvent }) {
  const { alert } = props;
  const api = useApi(observabilityApiRef);
  const { value, loading, error } = useAsync(
    async () =>
      alert.entityRef
        ? api.getInvestigations({
            entityRef: alert.entityRef,
            fingerprint: alert.fingerprint,
          })
        : { items: [] },
    [api, alert.entityRef, alert.fingerprint],
  );
  if (loading) return <Progress />;
  if (error) {
    return (
      <InfoCard title="Investigation">
        <Alert severity="info">
          No investigation could be read: {error.message}
        </Alert>
      </InfoCard>
    );
  }
  const start = Date.parse(alert.startsAt);
  // The episode this occurrence belongs to: the newest one that started by then.
  const investigation = value?.items.find(
    i => Date.parse(i.episodeStart) <= start,
  );
  if (!investigation) {
    return (
      <InfoCard title="Investigation">
        <Typography variant="body2" color="textSecondary">
          Catalyst has not investigated this alert yet.
        </Typography>
      </InfoCard>
    );
  }
  return <InvestigationDetails investigation={investigation} />;
}

function InvestigationDetails(props: { investigation: IncidentInvestigation }) {
  const { investigation } = props;
  return (
    <InfoCard
      title="Investigation"
      subheader={`Episode since ${new Date(
        investigation.episodeStart,
      ).toLocaleString()} · investigated ${new Date(
        investigation.updatedAt,
      ).toLocaleString()}`}
      deepLink={
        investigation.issue
          ? {
              title: `GitHub issue #${investigation.issue.number}`,
              link: investigation.issue.url,
            }
          : undefined
      }
    >
      <Typography variant="h6">Probable causes</Typography>
      {investigation.causes.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No merged change or new error pattern stands out.
        </Typography>
      ) : (
        <List dense aria-label="Probable causes">
          {investigation.causes.map(cause => (
            <ListItem key={cause.rank} divider>
              <ListItemText
                primary={
                  <>
                    {cause.rank}.{' '}
                    {cause.url ? (
                      <Link to={cause.url}>{cause.title}</Link>
                    ) : (
                      cause.title
                    )}
                  </>
                }
                secondary={`${cause.reason} (score ${cause.score})`}
              />
            </ListItem>
          ))}
        </List>
      )}
      <Box mt={2}>
        <Typography variant="h6">Golden signals</Typography>
        <Table size="small" aria-label="Signal changes">
          <TableHead>
            <TableRow>
              <TableCell>Series</TableCell>
              <TableCell align="right">Before</TableCell>
              <TableCell align="right">During</TableCell>
              <TableCell align="right">Change</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {investigation.signals.map(s => (
              <TableRow key={`${s.signal}:${s.series}`}>
                <TableCell>{s.series}</TableCell>
                <TableCell align="right">
                  {formatValue(s.before, s.unit)}
                </TableCell>
                <TableCell align="right">
                  {formatValue(s.during, s.unit)}
                </TableCell>
                <TableCell align="right">
                  {s.factor !== undefined
                    ? `${Number(s.factor.toFixed(1))}×`
                    : '–'}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Box mt={2}>
        <Typography variant="h6">Error log patterns</Typography>
        <Table size="small" aria-label="Error log patterns">
          <TableHead>
            <TableRow>
              <TableCell>Pattern</TableCell>
              <TableCell align="right">Before</TableCell>
              <TableCell align="right">During</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {investigation.logPatterns.map(p => (
              <TableRow key={p.pattern}>
                <TableCell style={{ fontFamily: 'monospace' }}>
                  {p.pattern}
                </TableCell>
                <TableCell align="right">{p.before}</TableCell>
                <TableCell align="right">{p.during}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Box>
      <Box mt={2}>
        <Typography variant="h6">Merged changes</Typography>
        {investigation.changes.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No pull request was merged in the window.
          </Typography>
        ) : (
          <List dense aria-label="Merged changes">
            {investigation.changes.map(c => (
              <ListItem key={`${c.repository}#${c.number}`}>
                <ListItemText
                  primary={
                    <Link to={c.url}>
                      {c.repository}#{c.number} {c.title}
                    </Link>
                  }
                  secondary={[
                    `merged ${new Date(c.mergedAt).toLocaleString()}`,
                    dependencyNote(c),
                    c.scopes.length
                      ? `scopes ${c.scopes.join(', ')}`
                      : undefined,
                    c.specTasks.length
                      ? `tasks ${c.specTasks.join(', ')}`
                      : undefined,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
      <Box mt={2}>
        <Typography variant="h6">Deployments</Typography>
        {!investigation.deployments?.length ? (
          <Typography variant="body2" color="textSecondary">
            No deployment was created in the window.
          </Typography>
        ) : (
          <List dense aria-label="Deployments">
            {investigation.deployments.map(d => (
              <ListItem key={`${d.repository}:${d.id}`}>
                <ListItemText
                  primary={
                    <Link to={d.url}>
                      {d.repository} {d.ref} ({d.sha.slice(0, 7)}) to{' '}
                      {d.environment}
                    </Link>
                  }
                  secondary={[
                    `created ${new Date(d.createdAt).toLocaleString()}`,
                    dependencyNote(d),
                    d.description,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
      {investigation.warnings.map(warning => (
        <Box mt={1} key={warning}>
          <Alert severity="warning">{warning}</Alert>
        </Box>
      ))}
    </InfoCard>
  );
}
