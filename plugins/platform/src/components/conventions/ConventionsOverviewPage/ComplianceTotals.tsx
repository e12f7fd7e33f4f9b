import { InfoCard } from '@backstage/core-components';
import type { ConventionComplianceOverview } from '@catalyst/plugin-platform-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';

/** Share of compliant components as a whole percentage, or `—` with none scanned. */
export function compliancePercent(
  totals: ConventionComplianceOverview['totals'],
): string {
  if (totals.components === 0) {
    return '—';
  }
  return `${Math.round((totals.compliant / totals.components) * 100)}%`;
}

/** Components scanned, compliant and drifted across the catalog, and the compliance rate. */
export function ComplianceTotals(props: {
  totals: ConventionComplianceOverview['totals'];
}) {
  const { totals } = props;
  const figures: [string, string][] = [
    ['Components', String(totals.components)],
    ['Compliant', String(totals.compliant)],
    ['Drifted', String(totals.drifted)],
    ['Compliance', compliancePercent(totals)],
  ];
  return (
    <InfoCard title="Compliance">
      <Grid container spacing={2}>
        {figures.map(([label, figure]) => (
          <Grid item xs={6} md={3} key={label}>
            <Typography variant="caption" color="textSecondary" component="div">
              {label}
            </Typography>
            <Typography variant="h4" component="div" aria-label={label}>
              {figure}
            </Typography>
          </Grid>
        ))}
      </Grid>
    </InfoCard>
  );
}
