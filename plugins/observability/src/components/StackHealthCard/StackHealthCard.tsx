import { InfoCard, Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { ObservabilityStackSummary } from '@catalyst/plugin-observability-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import { StackHealthChip } from './StackHealthChip';

/**
 * The ObservabilityStacks the operator manages: health, conditions and release versions.
 *
 * @public
 */
export function StackHealthCard() {
  const api = useApi(observabilityApiRef);
  const { value, loading, error } = useAsync(() => api.getStacks(), [api]);
  return (
    <InfoCard title="Observability stacks">
      {loading && <Progress />}
      {error && <ObservabilityErrorPanel error={error} />}
      {value && value.items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No ObservabilityStack resources found
        </Typography>
      )}
      {value && value.items.length > 0 && <StackTable stacks={value.items} />}
    </InfoCard>
  );
}

function StackTable(props: { stacks: ObservabilityStackSummary[] }) {
  return (
    <Table size="small" aria-label="Observability stacks">
      <TableHead>
        <TableRow>
          <TableCell>Cluster</TableCell>
          <TableCell>Stack</TableCell>
          <TableCell>Health</TableCell>
          <TableCell>Conditions</TableCell>
          <TableCell>Releases</TableCell>
        </TableRow>
      </TableHead>
      <TableBody>
        {props.stacks.map(stack => (
          <TableRow key={`${stack.cluster}/${stack.namespace}/${stack.name}`}>
            <TableCell>{stack.cluster}</TableCell>
            <TableCell>
              {stack.namespace}/{stack.name}
              {stack.observedGeneration !== stack.generation && (
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  generation {stack.generation} not yet observed
                </Typography>
              )}
            </TableCell>
            <TableCell>
              <StackHealthChip health={stack.health} />
            </TableCell>
            <TableCell>
              {stack.conditions.map(condition => (
                <Tooltip
                  key={condition.type}
                  title={condition.lastTransitionTime ?? ''}
                >
                  <Typography variant="body2">
                    {condition.type}={condition.status}
                    {condition.reason && ` (${condition.reason})`}
                    {condition.message && `: ${condition.message}`}
                  </Typography>
                </Tooltip>
              ))}
            </TableCell>
            <TableCell>
              {stack.releases.map(release => (
                <Typography variant="body2" key={release.name}>
                  {release.component}: {release.name}
                  {release.chart && ` ${release.chart}`}
                  {release.version && ` ${release.version}`}
                  {release.revision !== undefined &&
                    ` (rev ${release.revision})`}
                  {release.status && ` ${release.status}`}
                </Typography>
              ))}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
