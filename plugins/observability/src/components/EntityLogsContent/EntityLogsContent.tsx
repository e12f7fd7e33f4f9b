import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress } from '@backstage/core-components';
import { useApi, useAppSearchParams } from '@backstage/frontend-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { LOG_LEVELS, LogLine } from '@catalyst/plugin-observability-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Link from '@material-ui/core/Link';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { useEffect, useMemo, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  Bar,
  BarChart,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { observabilityApiRef } from '../../api';
import { ObservabilityErrorPanel } from '../ObservabilityErrorPanel';
import { TimeRangePicker } from '../TimeRangePicker';
import { TimeRangeKey, timeWindowOf } from '../TimeRangePicker/timeRanges';
import { LogsTabWindow, readLogsTabWindow } from './logsTabLink';

const LEVEL_COLORS: Record<string, string> = {
  fatal: '#6a1b9a',
  error: '#d32f2f',
  warn: '#f57c00',
  info: '#1976d2',
  debug: '#757575',
  trace: '#9e9e9e',
};

/**
 * The Logs tab of a component: a LogsQL search with field completion from the log store,
 * level and time filters, a volume histogram, expandable lines and a live tail. The
 * backend scopes every request to the component.
 *
 * @public
 */
export function EntityLogsContent(props: {
  /** Initial LogsQL query; the tab reads `?query=` when absent. */
  query?: string;
  /**
   * Initial window ending now; the tab reads `?range=` or a fixed `?from=&to=` (Unix ms)
   * when absent.
   */
  range?: TimeRangeKey;
}) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(observabilityApiRef);
  // Read once: the tab's own state wins after the first render.
  const [initial] = useAppSearchParams();
  const [draft, setDraft] = useState(props.query ?? initial.get('query') ?? '');
  const [query, setQuery] = useState(draft);
  const [levels, setLevels] = useState<string[]>([]);
  const [logsWindow, setLogsWindow] = useState<LogsTabWindow>(
    props.range
      ? { range: props.range }
      : readLogsTabWindow(initial) ?? { range: '1h' },
  );
  const [expanded, setExpanded] = useState<string | undefined>();
  const [tailing, setTailing] = useState(false);
  const [tailed, setTailed] = useState<LogLine[]>([]);
  const [tailError, setTailError] = useState<Error | undefined>();
  const level = levels.join(',') || undefined;
  const window_ = useMemo(
    () =>
      'range' in logsWindow
        ? timeWindowOf(logsWindow.range, Date.now())
        : { start: logsWindow.start, end: logsWindow.end },
    [logsWindow],
  );

  const lines = useAsync(
    () =>
      api.getLogs({ entityRef, query: query || undefined, level, ...window_ }),
    [api, entityRef, query, level, window_],
  );
  const volume = useAsync(
    () =>
      api.getLogVolume({
        entityRef,
        query: query || undefined,
        level,
        ...window_,
      }),
    [api, entityRef, query, level, window_],
  );
  const fields = useAsync(
    () => api.getLogFields({ entityRef, ...window_ }),
    [api, entityRef, window_],
  );

  useEffect(() => {
    if (!tailing) return undefined;
    const stop = new AbortController();
    setTailed([]);
    setTailError(undefined);
    api
      .tailLogs({
        entityRef,
        query: query || undefined,
        level,
        seconds: 300,
        signal: stop.signal,
        onLines: batch =>
          setTailed(previous =>
            [...[...batch].reverse(), ...previous].slice(0, 500),
          ),
      })
      .then(() => setTailing(false))
      .catch(error => {
        if (!stop.signal.aborted) setTailError(error);
        setTailing(false);
      });
    return () => stop.abort();
  }, [api, entityRef, query, level, tailing]);

  const chartData = useMemo(() => {
    const rows = new Map<number, Record<string, number>>();
    for (const series of volume.value?.series ?? []) {
      series.timestamps.forEach((t, i) => {
        const row = rows.get(t) ?? { time: t };
        row[series.level || 'none'] = series.values[i];
        rows.set(t, row);
      });
    }
    return [...rows.values()].sort((a, b) => a.time - b.time);
  }, [volume.value]);

  const toggleLevel = (name: string) =>
    setLevels(current =>
      current.includes(name)
        ? current.filter(l => l !== name)
        : [...current, name],
    );
  const shown = [...tailed, ...(lines.value?.lines ?? [])];

  return (
    <Box>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 8 }}
      >
        <form
          style={{ flex: 1, minWidth: 320 }}
          onSubmit={event => {
            event.preventDefault();
            setQuery(draft);
          }}
        >
          <TextField
            fullWidth
            variant="outlined"
            size="small"
            label="LogsQL"
            placeholder='e.g. level:error "card processor"'
            value={draft}
            onChange={event => setDraft(event.target.value)}
            inputProps={{ 'aria-label': 'LogsQL query' }}
          />
        </form>
        <Button
          variant="contained"
          color="primary"
          onClick={() => setQuery(draft)}
        >
          Search
        </Button>
        <TimeRangePicker
          value={'range' in logsWindow ? logsWindow.range : undefined}
          onChange={range => setLogsWindow({ range })}
        />
        <Button
          variant={tailing ? 'contained' : 'outlined'}
          onClick={() => setTailing(t => !t)}
        >
          {tailing ? 'Stop live tail' : 'Live tail'}
        </Button>
      </Box>
      {!('range' in logsWindow) && (
        <Typography variant="body2" color="textSecondary">
          {new Date(logsWindow.start).toLocaleString()} –{' '}
          {new Date(logsWindow.end).toLocaleString()}
        </Typography>
      )}
      <Box
        mt={1}
        display="flex"
        flexWrap="wrap"
        style={{ gap: 4 }}
        role="group"
        aria-label="Field completion"
      >
        <Typography variant="caption" component="span">
          Fields:
        </Typography>
        {(fields.value?.values ?? [])
          .filter(f => !f.value.startsWith('_'))
          .slice(0, 20)
          .map(f => (
            <Chip
              key={f.value}
              size="small"
              variant="outlined"
              label={f.value}
              onClick={() => setDraft(d => `${d}${d ? ' ' : ''}${f.value}:`)}
            />
          ))}
      </Box>
      <Box
        mt={1}
        display="flex"
        flexWrap="wrap"
        style={{ gap: 4 }}
        role="group"
        aria-label="Levels"
      >
        {LOG_LEVELS.map(name => (
          <Chip
            key={name}
            size="small"
            label={name}
            color={levels.includes(name) ? 'primary' : 'default'}
            onClick={() => toggleLevel(name)}
            aria-pressed={levels.includes(name)}
          />
        ))}
      </Box>
      {/* The lines' error says the same when the store is missing or down. */}
      {volume.error && !lines.error && (
        <Box mt={2}>
          <ObservabilityErrorPanel error={volume.error} />
        </Box>
      )}
      {!volume.error && (
        <Box mt={2} height={140} aria-label="Log volume">
          <ResponsiveContainer width="100%" height="100%">
            <BarChart data={chartData}>
              <XAxis
                dataKey="time"
                tickFormatter={t => new Date(t).toLocaleTimeString()}
              />
              <YAxis allowDecimals={false} width={40} />
              <Tooltip
                labelFormatter={t => new Date(Number(t)).toLocaleString()}
              />
              <Legend />
              {(volume.value?.series ?? []).map(series => (
                <Bar
                  key={series.level || 'none'}
                  dataKey={series.level || 'none'}
                  stackId="levels"
                  fill={LEVEL_COLORS[series.level] ?? '#bdbdbd'}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        </Box>
      )}
      {tailError && <ObservabilityErrorPanel error={tailError} />}
      {lines.loading && <Progress />}
      {lines.error && <ObservabilityErrorPanel error={lines.error} />}
      {lines.value && (
        <Box mt={2}>
          <Typography variant="caption" color="textSecondary">
            {lines.value.lines.length} lines from {lines.value.instance}
            {lines.value.limitReached ? ' (limit reached)' : ''}, scoped to{' '}
            <code>{lines.value.scope}</code>
          </Typography>
          <ul
            aria-label="Log lines"
            style={{ listStyle: 'none', padding: 0, fontFamily: 'monospace' }}
          >
            {shown.map(line => {
              const key = `${line.timestampNs}-${line.line}`;
              const open = expanded === key;
              return (
                <li
                  key={key}
                  style={{ borderBottom: '1px solid #eee', padding: 4 }}
                >
                  <Link
                    component="button"
                    color="inherit"
                    aria-expanded={open}
                    onClick={() => setExpanded(open ? undefined : key)}
                  >
                    {new Date(line.timestamp).toISOString()}{' '}
                    <span
                      style={{ color: LEVEL_COLORS[line.fields?.level ?? ''] }}
                    >
                      [{line.fields?.level ?? '-'}]
                    </span>{' '}
                    {line.line}
                  </Link>
                  {open && (
                    <table aria-label="Fields">
                      <tbody>
                        {Object.entries({ ...line.labels, ...line.fields }).map(
                          ([name, value]) => (
                            <tr key={name}>
                              <th
                                style={{ textAlign: 'left', paddingRight: 8 }}
                              >
                                {name}
                              </th>
                              <td>
                                {line.traceUrl &&
                                /^trace[_.-]?id$/i.test(name) ? (
                                  <Link
                                    href={line.traceUrl}
                                    target="_blank"
                                    rel="noopener"
                                  >
                                    {value}
                                  </Link>
                                ) : (
                                  value
                                )}
                              </td>
                            </tr>
                          ),
                        )}
                      </tbody>
                    </table>
                  )}
                </li>
              );
            })}
          </ul>
        </Box>
      )}
    </Box>
  );
}
