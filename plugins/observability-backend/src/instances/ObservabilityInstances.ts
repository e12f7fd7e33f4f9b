import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, ServiceUnavailableError } from '@backstage/errors';
import { InstanceHealth } from '@catalyst/plugin-observability-common';
import { AlertmanagerClient } from '../clients/AlertmanagerClient';
import { PrometheusClient } from '../clients/PrometheusClient';
import {
  InstanceKind,
  LogStoreInstanceConfig,
  ObservabilityConfig,
} from '../config';
import { LogStore } from '../logStore/LogStore';
import { LokiLogStore } from '../logStore/LokiLogStore';
import { VictoriaLogsStore } from '../logStore/VictoriaLogsStore';
import { INSTANCE_ANNOTATIONS } from '../scope/annotations';

const HEALTH_TIMEOUT_MS = 3000;

type ClientOf = {
  prometheus: PrometheusClient;
  logs: LogStore;
  alertmanager: AlertmanagerClient;
};

/** The adapter of a configured log store. */
export function createLogStore(instance: LogStoreInstanceConfig): LogStore {
  return instance.type === 'loki'
    ? new LokiLogStore(instance)
    : new VictoriaLogsStore(instance);
}

/**
 * The configured Prometheus, log store and Alertmanager clients, and which one an entity uses:
 * the one its `catalyst.dev/<kind>-instance` annotation names, else the first.
 */
export class ObservabilityInstances {
  private readonly clients: { [K in InstanceKind]: Map<string, ClientOf[K]> };

  constructor(
    config: Pick<ObservabilityConfig, 'prometheus' | 'logs' | 'alertmanager'>,
  ) {
    this.clients = {
      prometheus: new Map(
        config.prometheus.map(i => [i.name, new PrometheusClient(i)]),
      ),
      logs: new Map(config.logs.map(i => [i.name, createLogStore(i)])),
      alertmanager: new Map(
        config.alertmanager.map(i => [i.name, new AlertmanagerClient(i)]),
      ),
    };
  }

  prometheusFor(entity: Entity): PrometheusClient {
    return this.pick('prometheus', entity);
  }

  logStoreFor(entity: Entity): LogStore {
    return this.pick('logs', entity);
  }

  alertmanagerFor(entity: Entity): AlertmanagerClient {
    return this.pick('alertmanager', entity);
  }

  /** Whether any instance of the kind is configured. */
  has(kind: InstanceKind): boolean {
    return this.clients[kind].size > 0;
  }

  /** The instance names an entity resolves to, leaving out kinds without instances. */
  namesFor(entity: Entity): Partial<Record<InstanceKind, string>> {
    const names: Partial<Record<InstanceKind, string>> = {};
    for (const kind of ['prometheus', 'logs', 'alertmanager'] as const) {
      if (this.has(kind)) names[kind] = this.pick(kind, entity).instance.name;
    }
    return names;
  }

  /** Checks every instance at once, each with a short timeout. */
  async health(): Promise<InstanceHealth[]> {
    const checks: Promise<InstanceHealth>[] = [];
    for (const kind of ['prometheus', 'logs', 'alertmanager'] as const) {
      for (const client of this.clients[kind].values()) {
        checks.push(this.check(kind, client));
      }
    }
    return Promise.all(checks);
  }

  private async check(
    kind: InstanceKind,
    client: ClientOf[InstanceKind],
  ): Promise<InstanceHealth> {
    const started = performance.now();
    const base = {
      kind,
      ...(client.instance.type ? { type: client.instance.type } : {}),
      name: client.instance.name,
      baseUrl: client.instance.baseUrl,
    };
    try {
      let version: string | undefined;
      if (client instanceof AlertmanagerClient) {
        version = (await client.status(HEALTH_TIMEOUT_MS)).versionInfo?.version;
      } else if (client instanceof PrometheusClient) {
        version = await client.buildVersion(HEALTH_TIMEOUT_MS);
      } else {
        version = (await client.health(HEALTH_TIMEOUT_MS)).version;
      }
      return {
        ...base,
        status: 'up',
        version,
        latencyMs: Math.round(performance.now() - started),
      };
    } catch (error) {
      return {
        ...base,
        status: 'down',
        latencyMs: Math.round(performance.now() - started),
        error: (error as Error).message,
      };
    }
  }

  private pick<K extends InstanceKind>(kind: K, entity: Entity): ClientOf[K] {
    const clients = this.clients[kind] as Map<string, ClientOf[K]>;
    const annotation = INSTANCE_ANNOTATIONS[kind];
    const wanted = entity.metadata.annotations?.[annotation];
    if (wanted !== undefined) {
      const client = clients.get(wanted);
      if (!client) {
        throw new InputError(
          `${stringifyEntityRef(
            entity,
          )} names ${kind} instance '${wanted}' in ${annotation}, but only ${
            [...clients.keys()].map(n => `'${n}'`).join(', ') || 'none'
          } ${
            clients.size === 1 ? 'is' : 'are'
          } configured under observability.${kind}.instances`,
        );
      }
      return client;
    }
    const first = clients.values().next();
    if (first.done) {
      throw new ServiceUnavailableError(
        `No ${kind} instance is configured: add one under observability.${kind}.instances`,
      );
    }
    return first.value;
  }
}
