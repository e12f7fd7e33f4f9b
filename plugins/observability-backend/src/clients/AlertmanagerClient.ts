import {
  LabelMatcher,
  formatLabelMatcher,
} from '@catalyst/plugin-observability-common';
import { InstanceConfig } from '../config';
import { requestInstance } from './requestInstance';

/** An alert as Alertmanager's API v2 lists it (gettableAlert). */
export type AlertmanagerAlert = {
  fingerprint: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  updatedAt: string;
  generatorURL?: string;
  status: {
    state: 'active' | 'suppressed' | 'unprocessed';
    silencedBy: string[];
    inhibitedBy: string[];
  };
  receivers: { name: string }[];
};

/** A silence as API v2 lists it. */
export type AlertmanagerSilence = {
  id: string;
  matchers: {
    name: string;
    value: string;
    isRegex: boolean;
    isEqual?: boolean;
  }[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  status: { state: 'active' | 'pending' | 'expired' };
};

/** The Alertmanager API v2 of one instance. */
export class AlertmanagerClient {
  constructor(readonly instance: InstanceConfig) {}

  /** Alerts matching every matcher; Alertmanager does the filtering. */
  async alerts(options: {
    filter: LabelMatcher[];
    active?: boolean;
    silenced?: boolean;
    inhibited?: boolean;
  }) {
    const query = new URLSearchParams();
    for (const matcher of options.filter)
      query.append('filter', formatLabelMatcher(matcher));
    for (const flag of ['active', 'silenced', 'inhibited'] as const) {
      if (options[flag] !== undefined) query.set(flag, String(options[flag]));
    }
    return requestInstance<AlertmanagerAlert[]>(
      this.instance,
      '/api/v2/alerts',
      { query },
    );
  }

  async silences(filter: LabelMatcher[] = []): Promise<AlertmanagerSilence[]> {
    const query = new URLSearchParams();
    for (const matcher of filter)
      query.append('filter', formatLabelMatcher(matcher));
    return requestInstance<AlertmanagerSilence[]>(
      this.instance,
      '/api/v2/silences',
      { query },
    );
  }

  async status(
    timeoutMs?: number,
  ): Promise<{ versionInfo?: { version?: string }; uptime: string }> {
    return requestInstance(this.instance, '/api/v2/status', { timeoutMs });
  }
}
