import { PrometheusInstanceConfig } from '../config';
import { requestInstance } from './requestInstance';

/** A sample as Prometheus writes it: Unix seconds and the value as a string. */
export type PrometheusSample = [number, string];

/** `data` of a Prometheus query answer. */
export type PrometheusQueryData =
  | {
      resultType: 'matrix';
      result: { metric: Record<string, string>; values: PrometheusSample[] }[];
    }
  | {
      resultType: 'vector';
      result: { metric: Record<string, string>; value: PrometheusSample }[];
    }
  | { resultType: 'scalar'; result: PrometheusSample }
  | { resultType: 'string'; result: PrometheusSample };

/** A query answer with the warnings Prometheus attached. */
export type PrometheusQueryResult = PrometheusQueryData & {
  warnings: string[];
};

type Envelope<T> = {
  status: 'success' | 'error';
  data: T;
  warnings?: string[];
  error?: string;
};

/** One rule as /api/v1/rules lists it. */
export type PrometheusRule = {
  name: string;
  type: 'alerting' | 'recording';
  query: string;
  health: string;
  lastError?: string;
  state?: 'firing' | 'pending' | 'inactive';
  labels?: Record<string, string>;
  alerts?: PrometheusAlert[];
};

/** An alert as Prometheus itself reports it (/api/v1/alerts). */
export type PrometheusAlert = {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: 'firing' | 'pending' | 'inactive';
  activeAt?: string;
  value: string;
};

/** Rule groups as /api/v1/rules lists them. */
export type PrometheusRuleGroup = {
  name: string;
  file: string;
  interval: number;
  rules: PrometheusRule[];
};

const seconds = (ms: number) => (ms / 1000).toString();

/** The Prometheus HTTP API of one instance. Queries are sent as given: scope them first. */
export class PrometheusClient {
  constructor(readonly instance: PrometheusInstanceConfig) {}

  async query(options: {
    query: string;
    time?: number;
    timeoutMs?: number;
  }): Promise<PrometheusQueryResult> {
    const form = new URLSearchParams({ query: options.query });
    if (options.time !== undefined) form.set('time', seconds(options.time));
    if (options.timeoutMs) form.set('timeout', `${options.timeoutMs}ms`);
    return this.unwrapQuery(
      await requestInstance<Envelope<PrometheusQueryData>>(
        this.instance,
        '/api/v1/query',
        { form },
      ),
    );
  }

  async queryRange(options: {
    query: string;
    start: number;
    end: number;
    stepSeconds: number;
    timeoutMs?: number;
  }): Promise<PrometheusQueryResult> {
    const form = new URLSearchParams({
      query: options.query,
      start: seconds(options.start),
      end: seconds(options.end),
      step: options.stepSeconds.toString(),
    });
    if (options.timeoutMs) form.set('timeout', `${options.timeoutMs}ms`);
    return this.unwrapQuery(
      await requestInstance<Envelope<PrometheusQueryData>>(
        this.instance,
        '/api/v1/query_range',
        { form },
      ),
    );
  }

  async series(options: {
    match: string[];
    start?: number;
    end?: number;
  }): Promise<Record<string, string>[]> {
    const form = this.matchForm(options);
    const answer = await requestInstance<Envelope<Record<string, string>[]>>(
      this.instance,
      '/api/v1/series',
      { form },
    );
    return answer.data;
  }

  async labels(options: {
    match: string[];
    start?: number;
    end?: number;
  }): Promise<string[]> {
    const form = this.matchForm(options);
    const answer = await requestInstance<Envelope<string[]>>(
      this.instance,
      '/api/v1/labels',
      { form },
    );
    return answer.data;
  }

  async rules(): Promise<PrometheusRuleGroup[]> {
    const answer = await requestInstance<
      Envelope<{ groups: PrometheusRuleGroup[] }>
    >(this.instance, '/api/v1/rules');
    return answer.data.groups;
  }

  async alerts(): Promise<PrometheusAlert[]> {
    const answer = await requestInstance<
      Envelope<{ alerts: PrometheusAlert[] }>
    >(this.instance, '/api/v1/alerts');
    return answer.data.alerts;
  }

  /** Re-reads configuration and rule files; needs --web.enable-lifecycle. */
  async reload(): Promise<void> {
    await requestInstance(this.instance, '/-/reload', {
      method: 'POST',
      accept: 'text',
    });
  }

  async buildVersion(timeoutMs?: number): Promise<string> {
    const answer = await requestInstance<Envelope<{ version: string }>>(
      this.instance,
      '/api/v1/status/buildinfo',
      { timeoutMs },
    );
    return answer.data.version;
  }

  private matchForm(options: {
    match: string[];
    start?: number;
    end?: number;
  }) {
    const form = new URLSearchParams();
    for (const match of options.match) form.append('match[]', match);
    if (options.start !== undefined) form.set('start', seconds(options.start));
    if (options.end !== undefined) form.set('end', seconds(options.end));
    return form;
  }

  private unwrapQuery(
    answer: Envelope<PrometheusQueryData>,
  ): PrometheusQueryResult {
    return { ...answer.data, warnings: answer.warnings ?? [] };
  }
}
