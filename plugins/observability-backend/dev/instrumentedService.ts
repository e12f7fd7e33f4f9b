/*
 * A small HTTP service instrumented with prom-client, for the tests, the benches and the
 * demo stack (`scripts/observability.sh demo` runs it with Node's type stripping, so this
 * file imports nothing but prom-client and Node built-ins).
 */
import { Agent, createServer, request } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { Gauge, Histogram, Registry } from 'prom-client';

/** How the service names its request histogram. */
export type ServiceInstrumentation = 'prometheus-client' | 'opentelemetry';

export type InstrumentedServiceOptions = {
  instrumentation?: ServiceInstrumentation;
  /** Status label of the Prometheus client histogram: `code` (default) or `status`. */
  statusLabel?: 'code' | 'status';
  /** Share of requests answered with 500, applied exactly (every 1/ratio-th request). */
  errorRatio?: number;
  port?: number;
  /**
   * Ship one structured JSON log line per request (level, status, duration, trace id) to
   * this VictoriaLogs, with `labels` as stream fields.
   */
  logs?: { victoriaLogsUrl: string; labels: Record<string, string> };
};

export type InstrumentedService = {
  url: string;
  port: number;
  setErrorRatio(ratio: number): void;
  /** Sends requests to itself at about `rps` per second until the returned function is called. */
  generateTraffic(rps: number): () => void;
  close(): Promise<void>;
};

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

export async function startInstrumentedService(
  options: InstrumentedServiceOptions = {},
): Promise<InstrumentedService> {
  const instrumentation = options.instrumentation ?? 'prometheus-client';
  const registry = new Registry();
  const statusLabel =
    instrumentation === 'opentelemetry'
      ? 'http_response_status_code'
      : options.statusLabel ?? 'code';
  const histogram = new Histogram({
    name:
      instrumentation === 'opentelemetry'
        ? 'http_server_request_duration_seconds'
        : 'http_request_duration_seconds',
    help: 'Duration of HTTP requests in seconds',
    labelNames: [statusLabel, 'method', 'route'],
    buckets: BUCKETS,
    registers: [registry],
  });
  // cAdvisor and kube-state-metrics style series, so saturation has something to show.
  const cpu = new Gauge({
    name: 'container_cpu_usage_seconds_total',
    help: 'Cumulative CPU time consumed in seconds',
    labelNames: ['container'],
    registers: [],
    collect() {
      const usage = process.cpuUsage();
      this.set({ container: 'app' }, (usage.user + usage.system) / 1e6);
    },
  });
  const memory = new Gauge({
    name: 'container_memory_working_set_bytes',
    help: 'Current working set in bytes',
    labelNames: ['container'],
    registers: [],
    collect() {
      this.set({ container: 'app' }, process.memoryUsage().rss);
    },
  });
  registry.registerMetric(cpu);
  registry.registerMetric(memory);
  const limits = new Gauge({
    name: 'kube_pod_container_resource_limits',
    help: 'Resource limits of the container',
    labelNames: ['resource', 'unit', 'container'],
    registers: [registry],
  });
  limits.set({ resource: 'cpu', unit: 'core', container: 'app' }, 2);
  limits.set(
    { resource: 'memory', unit: 'byte', container: 'app' },
    2 * 1024 ** 3,
  );

  let errorRatio = options.errorRatio ?? 0;
  let served = 0;
  const shipper = options.logs ? startLogShipper(options.logs) : undefined;

  async function handle(req: IncomingMessage, res: ServerResponse) {
    if (req.url === '/metrics') {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
      return;
    }
    const started = performance.now();
    await new Promise(resolve => setTimeout(resolve, 1 + (served % 20)));
    const failing =
      Math.floor((served + 1) * errorRatio) > Math.floor(served * errorRatio);
    served += 1;
    const status = failing ? 500 : 200;
    res.statusCode = status;
    res.end(failing ? 'failed\n' : 'ok\n');
    const seconds = (performance.now() - started) / 1000;
    histogram.observe(
      {
        [statusLabel]: String(status),
        method: req.method ?? 'GET',
        route: '/work',
      },
      seconds,
    );
    shipper?.log({
      level: failing ? 'error' : 'info',
      _msg: failing
        ? 'request failed: upstream card processor returned 502'
        : 'request served',
      method: req.method ?? 'GET',
      route: '/work',
      status: String(status),
      duration_ms: (seconds * 1000).toFixed(1),
      trace_id: randomBytes(16).toString('hex'),
    });
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(error => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>(resolve =>
    server.listen(options.port ?? 0, '127.0.0.1', resolve),
  );
  const port = (server.address() as AddressInfo).port;
  const agent = new Agent({ keepAlive: true, maxSockets: 4 });
  const generators = new Set<() => void>();

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    setErrorRatio(ratio: number) {
      errorRatio = ratio;
      served = 0;
    },
    generateTraffic(rps: number) {
      const timer = setInterval(() => {
        const req = request(
          { host: '127.0.0.1', port, path: '/work', agent },
          res => res.resume(),
        );
        req.on('error', () => undefined);
        req.end();
      }, Math.max(1, Math.round(1000 / rps)));
      const stop = () => {
        clearInterval(timer);
        generators.delete(stop);
      };
      generators.add(stop);
      return stop;
    },
    async close() {
      for (const stop of [...generators]) stop();
      await shipper?.close();
      agent.destroy();
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
    },
  };
}

/** Batches log lines and posts them to VictoriaLogs' JSON-lines intake once a second. */
function startLogShipper(options: {
  victoriaLogsUrl: string;
  labels: Record<string, string>;
}) {
  const url = `${options.victoriaLogsUrl}/insert/jsonline?${new URLSearchParams(
    {
      _stream_fields: Object.keys(options.labels).join(','),
    },
  )}`;
  let pending: string[] = [];
  let warned = false;
  const flush = async () => {
    if (pending.length === 0) return;
    const body = pending.join('\n');
    pending = [];
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/stream+json' },
        body,
      });
      if (!res.ok) throw new Error(`HTTP ${res.status}: ${await res.text()}`);
      warned = false;
    } catch (error) {
      // Said once per outage: the demo goes on serving while VictoriaLogs is away.
      if (!warned) process.stderr.write(`shipping logs failed: ${error}\n`);
      warned = true;
    }
  };
  const timer = setInterval(() => void flush(), 1000);
  return {
    log(fields: Record<string, string>) {
      pending.push(
        JSON.stringify({
          _time: new Date().toISOString(),
          ...fields,
          ...options.labels,
        }),
      );
    },
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
}

/**
 * Command line of the demo: `node dev/instrumentedService.ts --port 18081 [--otel]
 * [--error-ratio 0.05] [--rps 5] [--victorialogs http://127.0.0.1:19428 --labels namespace=payments,app=payments-api]`.
 */
async function main(args: string[]) {
  const value = (name: string) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const service = await startInstrumentedService({
    port: Number(value('--port') ?? 0),
    instrumentation: args.includes('--otel')
      ? 'opentelemetry'
      : 'prometheus-client',
    errorRatio: Number(value('--error-ratio') ?? 0.02),
    logs: value('--victorialogs')
      ? {
          victoriaLogsUrl: value('--victorialogs')!,
          labels: Object.fromEntries(
            (value('--labels') ?? '')
              .split(',')
              .filter(Boolean)
              .map(pair => pair.split('=', 2) as [string, string]),
          ),
        }
      : undefined,
  });
  service.generateTraffic(Number(value('--rps') ?? 5));
  process.stdout.write(`demo service listening on ${service.url}\n`);
  const stop = () => {
    service.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

// Run as a program (the demo), not when imported by tests and benches.
if (process.argv[1]?.endsWith('instrumentedService.ts')) {
  main(process.argv.slice(2)).catch(error => {
    process.stderr.write(`${error}\n`);
    process.exit(1);
  });
}
