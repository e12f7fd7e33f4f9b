import type { TimeSeries } from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import { useEffect, useRef, useState } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { chartRows } from './chartRows';
import { formatValue, ValueUnit } from './formatValue';
import { seriesName } from './seriesName';

const COLORS = [
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];
const FALLBACK_WIDTH = 480;

/** The width of an element, followed while it resizes (a fixed guess where it cannot be). */
function useWidth() {
  const ref = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(FALLBACK_WIDTH);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === 'undefined') return undefined;
    const observer = new ResizeObserver(([entry]) => {
      if (entry.contentRect.width > 0) setWidth(entry.contentRect.width);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  return { ref, width };
}

function formatTime(ms: number, spanMs: number) {
  const date = new Date(ms);
  return spanMs > 36 * 3600_000
    ? date.toLocaleDateString(undefined, { month: 'short', day: 'numeric' })
    : date.toLocaleTimeString(undefined, {
        hour: '2-digit',
        minute: '2-digit',
      });
}

/**
 * A line chart of time series with a legend that lists each series and its latest value.
 *
 * @public
 */
export function TimeSeriesChart(props: {
  title: string;
  series: TimeSeries[];
  unit: ValueUnit;
  height?: number;
}) {
  const { title, series, unit, height = 200 } = props;
  const theme = useTheme();
  const { ref, width } = useWidth();
  const rows = chartRows(series);
  const span =
    rows.length > 1
      ? (rows[rows.length - 1].timestamp as number) -
        (rows[0].timestamp as number)
      : 0;

  return (
    <Box component="figure" m={0} aria-label={title}>
      <div ref={ref}>
        {rows.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No data in this window
          </Typography>
        ) : (
          <LineChart width={width} height={height} data={rows}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis
              dataKey="timestamp"
              type="number"
              scale="time"
              domain={['dataMin', 'dataMax']}
              tickFormatter={ms => formatTime(ms, span)}
              stroke={theme.palette.text.secondary}
            />
            <YAxis
              tickFormatter={value => formatValue(value, unit)}
              width={72}
              stroke={theme.palette.text.secondary}
            />
            <Tooltip
              labelFormatter={ms => new Date(ms as number).toLocaleString()}
              formatter={value => formatValue(value as number, unit)}
            />
            {series.map((s, index) => (
              <Line
                key={index}
                type="monotone"
                dataKey={`s${index}`}
                name={seriesName(s.labels)}
                stroke={COLORS[index % COLORS.length]}
                dot={false}
                connectNulls={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        )}
      </div>
      <Box
        component="ul"
        aria-label={`${title} series`}
        display="flex"
        flexWrap="wrap"
        p={0}
        m={0}
        style={{ listStyle: 'none', gap: 12 }}
      >
        {series.map((s, index) => (
          <li key={index}>
            <Typography variant="caption">
              <span style={{ color: COLORS[index % COLORS.length] }}>■</span>{' '}
              {seriesName(s.labels)}: {formatValue(lastValue(s), unit)}
            </Typography>
          </li>
        ))}
      </Box>
    </Box>
  );
}

function lastValue(s: TimeSeries) {
  for (let i = s.values.length - 1; i >= 0; i--) {
    if (s.values[i] !== null) return s.values[i];
  }
  return null;
}
