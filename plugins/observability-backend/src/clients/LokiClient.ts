import { InstanceConfig } from '../config';
import { requestInstance } from './requestInstance';

/** A log stream in a Loki answer: its labels and `[nanoseconds, line]` pairs. */
export type LokiStream = {
  stream: Record<string, string>;
  values: [string, string][];
};

/** `data` of a Loki query_range answer. */
export type LokiQueryData =
  | { resultType: 'streams'; result: LokiStream[] }
  | {
      resultType: 'matrix';
      result: { metric: Record<string, string>; values: [number, string][] }[];
    };

type Envelope<T> = { status: string; data: T };

const nanoseconds = (ms: number) => `${BigInt(Math.round(ms)) * 1_000_000n}`;

/** The Loki HTTP API of one instance. Queries are sent as given: scope them first. */
export class LokiClient {
  constructor(readonly instance: InstanceConfig) {}

  async queryRange(options: {
    query: string;
    start: number;
    end: number;
    limit: number;
    direction?: 'forward' | 'backward';
    stepSeconds?: number;
  }): Promise<LokiQueryData> {
    const query = new URLSearchParams({
      query: options.query,
      start: nanoseconds(options.start),
      end: nanoseconds(options.end),
      limit: options.limit.toString(),
      direction: options.direction ?? 'backward',
    });
    if (options.stepSeconds) query.set('step', options.stepSeconds.toString());
    const answer = await requestInstance<Envelope<LokiQueryData>>(
      this.instance,
      '/loki/api/v1/query_range',
      { query },
    );
    return answer.data;
  }

  async labels(
    options: { start?: number; end?: number } = {},
  ): Promise<string[]> {
    const query = new URLSearchParams();
    if (options.start !== undefined)
      query.set('start', nanoseconds(options.start));
    if (options.end !== undefined) query.set('end', nanoseconds(options.end));
    const answer = await requestInstance<Envelope<string[] | undefined>>(
      this.instance,
      '/loki/api/v1/labels',
      { query },
    );
    return answer.data ?? [];
  }

  async series(options: {
    match: string[];
    start?: number;
    end?: number;
  }): Promise<Record<string, string>[]> {
    const query = new URLSearchParams();
    for (const match of options.match) query.append('match[]', match);
    if (options.start !== undefined)
      query.set('start', nanoseconds(options.start));
    if (options.end !== undefined) query.set('end', nanoseconds(options.end));
    const answer = await requestInstance<
      Envelope<Record<string, string>[] | undefined>
    >(this.instance, '/loki/api/v1/series', { query });
    return answer.data ?? [];
  }

  /** Writes log lines; used by tests and the demo stack. */
  async push(
    streams: {
      labels: Record<string, string>;
      lines: { time: number; line: string }[];
    }[],
  ) {
    await requestInstance(this.instance, '/loki/api/v1/push', {
      json: {
        streams: streams.map(s => ({
          stream: s.labels,
          values: s.lines.map(l => [nanoseconds(l.time), l.line]),
        })),
      },
      accept: 'text',
    });
  }

  async buildVersion(timeoutMs?: number): Promise<string> {
    const answer = await requestInstance<{ version: string }>(
      this.instance,
      '/loki/api/v1/status/buildinfo',
      { timeoutMs },
    );
    return answer.version;
  }
}
