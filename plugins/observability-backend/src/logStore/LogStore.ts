import {
  LabelMatcher,
  LogFieldsResponse,
  LogLevel,
  LogLine,
  LogQueryLanguage,
  LogVolumeResponse,
} from '@catalyst/plugin-observability-common';
import { LogStoreInstanceConfig } from '../config';

/** What every request to a log store carries: the entity's scope and a window. */
export type LogStoreRequest = {
  /** The entity's scope; the store applies it on its side, never from the query text. */
  matchers: LabelMatcher[];
  /** In the store's language; absent means every line of the scope. */
  query?: string;
  /** Only lines whose level field is one of these. */
  levels?: LogLevel[];
  /** Unix ms. */
  start: number;
  /** Unix ms. */
  end: number;
  /** How long the store may spend evaluating the query. */
  timeoutMs: number;
};

/** One log store (VictoriaLogs, or Loki), with every query confined to a scope. */
export interface LogStore {
  readonly instance: LogStoreInstanceConfig;
  readonly language: LogQueryLanguage;
  /** The scope as the store applies it, shown to users beside their query. */
  describeScope(matchers: LabelMatcher[]): string;
  /** The newest `limit` lines of the window, in the requested order. */
  query(
    request: LogStoreRequest & {
      limit: number;
      direction: 'forward' | 'backward';
    },
  ): Promise<{ lines: LogLine[]; query: string }>;
  /** Error-level lines of the scope, newest first. */
  errorLines(
    request: Omit<LogStoreRequest, 'query' | 'levels'> & { limit: number },
  ): Promise<{ lines: LogLine[]; query: string }>;
  /** Lines per step and level, for the volume chart. */
  volume(
    request: LogStoreRequest & { stepSeconds: number },
  ): Promise<LogVolumeResponse['series']>;
  /** Field names seen in the scope, for completion. */
  fieldNames(request: LogStoreRequest): Promise<LogFieldsResponse['values']>;
  /** Values of one field seen in the scope, for completion. */
  fieldValues(
    request: LogStoreRequest & { field: string; limit: number },
  ): Promise<LogFieldsResponse['values']>;
  /**
   * Opens a live tail: new lines as they arrive, until `signal` aborts. Resolves once the
   * store accepted the tail, so a store that is down fails here.
   */
  tail(
    request: Omit<LogStoreRequest, 'start' | 'end' | 'timeoutMs'> & {
      signal: AbortSignal;
    },
  ): Promise<AsyncIterable<LogLine[]>>;
  /** Whether the store answers, and its version when it says. */
  health(timeoutMs: number): Promise<{ version?: string }>;
}
