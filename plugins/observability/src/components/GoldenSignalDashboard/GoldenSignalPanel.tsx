import { InfoCard } from '@backstage/core-components';
import type { GoldenSignal } from '@catalyst/plugin-observability-common';
import { TimeSeriesChart } from '../TimeSeriesChart';

/** One golden signal: its chart and a legend with the latest values. */
export function GoldenSignalPanel(props: {
  title: string;
  subheader: string;
  signal: GoldenSignal;
}) {
  const { title, subheader, signal } = props;
  return (
    <InfoCard title={title} subheader={subheader} noPadding={false}>
      <TimeSeriesChart
        title={title}
        series={signal.series}
        unit={signal.unit}
      />
    </InfoCard>
  );
}
