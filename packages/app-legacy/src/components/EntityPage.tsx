import {
  EntityAboutCard,
  EntityLayout,
  EntitySwitch,
  isKind,
} from '@backstage/plugin-catalog';
import {
  EntityAlertsCard,
  EntityGoldenSignalsCard,
  EntityLogsContent,
  EntityObservabilityContent,
  isObservabilityAvailable,
} from '@catalyst/plugin-observability';
import {
  EntityAgentContextContent,
  EntityConventionsContent,
  EntityMaintenanceContent,
  EntityReleasesCard,
  EntitySpecsContent,
  isAgentContextAvailable,
  isConventionsAvailable,
  isMaintenanceAvailable,
  isReleasesAvailable,
  isSpecsAvailable,
} from '@catalyst/plugin-platform';
import Grid from '@material-ui/core/Grid';

const overviewContent = (
  <Grid container spacing={3} alignItems="stretch">
    <Grid item md={6} xs={12}>
      <EntityAboutCard />
    </Grid>
    <EntitySwitch>
      <EntitySwitch.Case if={isObservabilityAvailable}>
        <Grid item md={6} xs={12}>
          <EntityAlertsCard />
        </Grid>
        <Grid item xs={12}>
          <EntityGoldenSignalsCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
    <EntitySwitch>
      <EntitySwitch.Case if={isReleasesAvailable}>
        <Grid item md={6} xs={12}>
          <EntityReleasesCard />
        </Grid>
      </EntitySwitch.Case>
    </EntitySwitch>
  </Grid>
);

/** Components: the overview and Catalyst's tabs, each behind its helper. */
const componentPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      {overviewContent}
    </EntityLayout.Route>
    <EntityLayout.Route path="/specs" title="Specs" if={isSpecsAvailable}>
      <EntitySpecsContent />
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/conventions"
      title="Conventions"
      if={isConventionsAvailable}
    >
      <EntityConventionsContent />
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/platform-tasks"
      title="Maintenance"
      if={isMaintenanceAvailable}
    >
      <EntityMaintenanceContent />
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/agent-context"
      title="Agent context"
      if={isAgentContextAvailable}
    >
      <EntityAgentContextContent />
    </EntityLayout.Route>
    <EntityLayout.Route
      path="/observability"
      title="Observability"
      if={isObservabilityAvailable}
    >
      <EntityObservabilityContent />
    </EntityLayout.Route>
    <EntityLayout.Route path="/logs" title="Logs" if={isObservabilityAvailable}>
      <EntityLogsContent />
    </EntityLayout.Route>
  </EntityLayout>
);

const defaultPage = (
  <EntityLayout>
    <EntityLayout.Route path="/" title="Overview">
      <Grid container spacing={3}>
        <Grid item md={6} xs={12}>
          <EntityAboutCard />
        </Grid>
      </Grid>
    </EntityLayout.Route>
  </EntityLayout>
);

/** The entity page of every kind: components get Catalyst's tabs. */
export const entityPage = (
  <EntitySwitch>
    <EntitySwitch.Case if={isKind('component')}>
      {componentPage}
    </EntitySwitch.Case>
    <EntitySwitch.Case>{defaultPage}</EntitySwitch.Case>
  </EntitySwitch>
);
