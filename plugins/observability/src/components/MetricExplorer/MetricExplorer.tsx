import { Progress } from '@backstage/core-components';
import { useApi } from '@backstage/frontend-plugin-api';
import type { QueryResponse } from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import { PromQLEditor } from '../PromQLEditor';
import {
  TimeRangeKey,
  TimeRangePicker,
  timeWindowOf,
} from '../TimeRangePicker';
import { TimeSeriesChart } from '../TimeSeriesChart';
import { QueryResultTable } from './QueryResultTable';

/**
 * Runs PromQL against an entity's Prometheus through the backend, which scopes it: an
 * editor with completion, the query as it was sent, and a chart (range) or table
 * (instant) of the result.
 *
 * @public
 */
export function MetricExplorer(props: {
  entityRef: string;
  initialQuery?: string;
}) {
  const { entityRef } = props;
  const api = useApi(observabilityApiRef);
  const [query, setQuery] = useState(props.initialQuery ?? '');
  const [mode, setMode] = useState<'range' | 'instant'>('range');
  const [range, setRange] = useState<TimeRangeKey>('1h');
  const [{ value, loading, error }, run] = useAsyncFn(async () => {
    const text = query.trim();
    if (!text) return undefined;
    return mode === 'range'
      ? api.queryRange({
          entityRef,
          query: text,
          ...timeWindowOf(range, Date.now()),
        })
      : api.query({ entityRef, query: text });
  }, [api, entityRef, query, mode, range]);

  return (
    <Box>
      <PromQLEditor
        entityRef={entityRef}
        value={query}
        onChange={setQuery}
        onRun={run}
      />
      <Box display="flex" alignItems="center" mt={1} style={{ gap: 16 }}>
        <Button
          variant="contained"
          color="primary"
          onClick={run}
          disabled={!query.trim() || loading}
        >
          Run query
        </Button>
        <ToggleButtonGroup
          size="small"
          exclusive
          value={mode}
          aria-label="Query type"
          onChange={(_, next) => next && setMode(next)}
        >
          <ToggleButton value="range">Graph</ToggleButton>
          <ToggleButton value="instant">Table</ToggleButton>
        </ToggleButtonGroup>
        {mode === 'range' && (
          <TimeRangePicker value={range} onChange={setRange} />
        )}
      </Box>
      <Box mt={2}>
        {loading && <Progress />}
        {!loading && error && <ObservabilityErrorPanel error={error} />}
        {!loading && !error && value && (
          <>
            <Typography variant="caption" color="textSecondary">
              Sent to Prometheus instance {value.instance}, scoped:
            </Typography>
            <Typography
              variant="body2"
              component="pre"
              aria-label="Scoped query"
              style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}
            >
              <code>{value.query.query}</code>
            </Typography>
            {value.truncated && (
              <Alert severity="info">
                Showing {value.series.length} of {value.seriesTotal} series
              </Alert>
            )}
            {value.warnings.map(warning => (
              <Alert severity="warning" key={warning}>
                {warning}
              </Alert>
            ))}
            <QueryResult value={value} />
          </>
        )}
      </Box>
    </Box>
  );
}

function QueryResult(props: { value: QueryResponse }) {
  const { value } = props;
  if (value.series.length === 0) {
    return <Typography variant="body2">Empty result</Typography>;
  }
  if (value.resultType === 'matrix') {
    return (
      <TimeSeriesChart
        title="Query result"
        series={value.series}
        unit="number"
        height={300}
      />
    );
  }
  return <QueryResultTable series={value.series} />;
}
