import { InfoCard } from '@backstage/core-components';
import type { GoldenSignal } from '@catalyst/plugin-observability-common';
import { TimeSeriesChart } from '../TimeSeriesChart';

/** One golden signal: its chart, a legend with the latest values, and the logs of its window. */
export function GoldenSignalPanel(props: {
  title: string;
  subheader: string;
  signal: GoldenSignal;
  /** The entity's Logs tab on the panel's window. */
  logsHref?: string;
}) {
  const { title, subheader, signal, logsHref } = props;
  return (
    <InfoCard
      title={title}
      subheader={subheader}
      noPadding={false}
      deepLink={
        logsHref ? { title: 'Logs of this window', link: logsHref } : undefined
      }
    >
      <TimeSeriesChart
        title={title}
        series={signal.series}
        unit={signal.unit}
      />
    </InfoCard>
  );
}
