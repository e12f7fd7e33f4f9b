import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/frontend-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { metricExplorerRouteRef } from '../../routes';
import { InstanceHealthCard } from '../InstanceHealthCard';
import { StackHealthCard } from '../StackHealthCard';

/** `/observability/stacks`: the operator's stacks and the backend's instances. */
export function StackHealthPage() {
  const explorer = useRouteRef(metricExplorerRouteRef);
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body1">
          Health of the observability stacks and instances. To query an entity's
          metrics, open the{' '}
          {explorer ? (
            <Link to={explorer()}>metric explorer</Link>
          ) : (
            'metric explorer'
          )}
          .
        </Typography>
      </Grid>
      <Grid item xs={12} lg={8}>
        <StackHealthCard />
      </Grid>
      <Grid item xs={12} lg={4}>
        <InstanceHealthCard />
      </Grid>
    </Grid>
  );
}
