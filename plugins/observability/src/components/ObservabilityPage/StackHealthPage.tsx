import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { metricExplorerRouteRef } from '../../routes';
import { InstanceHealthCard } from '../InstanceHealthCard';
import { StackHealthCard } from '../StackHealthCard';

/** `/observability/stacks`: the operator's stacks and the backend's instances. */
export function StackHealthPage() {
  const explorer = useRouteRef(metricExplorerRouteRef);
  return <StackHealthView explorerHref={explorer?.()} />;
}

/** The stacks and instances, with a link to the metric explorer when there is one. */
export function StackHealthView(props: { explorerHref?: string }) {
  const { explorerHref } = props;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <Typography variant="body1">
          Health of the observability stacks and instances. To query an entity's
          metrics, open the{' '}
          {explorerHref ? (
            <Link to={explorerHref}>metric explorer</Link>
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
