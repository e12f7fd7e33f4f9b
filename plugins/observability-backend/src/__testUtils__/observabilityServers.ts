import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, Server, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '@catalyst/backend-common/testUtils';
import { renderAlertmanagerConfig } from '../rules/renderAlertmanagerConfig';

const SCRIPT = resolve(__dirname, '../../../../scripts/observability.sh');

/** Paths of the real binaries, installed by scripts/observability.sh when missing. */
export function observabilityBinaries(): {
  prometheus: string;
  promtool: string;
  alertmanager: string;
  amtool: string;
} {
  const output = execFileSync('bash', [SCRIPT, 'paths'], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  const values = Object.fromEntries(
    output
      .trim()
      .split('\n')
      .map(line => line.split('=', 2) as [string, string]),
  );
  return {
    prometheus: values.PROMETHEUS,
    promtool: values.PROMTOOL,
    alertmanager: values.ALERTMANAGER,
    amtool: values.AMTOOL,
  };
}

export { freePort };

/** A server that accepts connections and never answers: a hung instance. */
export async function startSilentServer(): Promise<{
  port: number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  const server: Server = createServer(socket => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  return {
    port: (server.address() as { port: number }).port,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise(done => server.close(done));
    },
  };
}

/** A started server process, in its own process group. */
export type ServerProcess = {
  name: string;
  url: string;
  logFile: string;
  stop(): Promise<void>;
};

async function waitReady(
  url: string,
  child: ChildProcess,
  logFile: string,
  name: string,
) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise(done => setTimeout(done, 200));
  }
  const log = await readFile(logFile, 'utf8').catch(() => '(no log)');
  throw new Error(
    `${name} did not become ready at ${url}:\n${log
      .split('\n')
      .slice(-30)
      .join('\n')}`,
  );
}

/** Starts a server in its own process group and waits until `readyUrl` answers. */
export async function startProcess(
  name: string,
  command: string,
  args: string[],
  readyUrl: string,
  dir: string,
) {
  const logFile = join(dir, `${name}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>(done => child.once('exit', () => done()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid!, 'SIGTERM');
      const timer = setTimeout(() => {
        if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
      }, 5000);
      await exited;
      clearTimeout(timer);
    }
    log.end();
  };
  try {
    await waitReady(readyUrl, child, logFile, name);
  } catch (error) {
    await stop();
    throw error;
  }
  return { child, logFile, stop };
}

/** A scrape target with the labels Prometheus attaches to its series. */
export type ScrapeTarget = {
  job: string;
  address: string;
  labels: Record<string, string>;
};

/**
 * Starts Prometheus on a free 127.0.0.1 port with a temporary storage directory, the
 * lifecycle API, a rule directory and short intervals.
 */
export async function startPrometheus(options: {
  binary: string;
  dir: string;
  targets: ScrapeTarget[];
  alertmanagerPort?: number;
  scrapeInterval?: string;
  evaluationInterval?: string;
  /**
   * How soon Prometheus sends a firing alert again. A reload restarts Alertmanager
   * discovery (throttled to 5s), and an alert that fires in between is dropped until the
   * next resend: 1m by default, 1s here.
   */
  alertResendDelay?: string;
}): Promise<ServerProcess & { port: number; rulesDir: string }> {
  const dir = join(options.dir, 'prometheus');
  const rulesDir = join(dir, 'rules');
  await mkdir(rulesDir, { recursive: true });
  const port = await freePort();
  const config = {
    global: {
      scrape_interval: options.scrapeInterval ?? '1s',
      evaluation_interval: options.evaluationInterval ?? '1s',
    },
    rule_files: [join(rulesDir, '*.yml')],
    ...(options.alertmanagerPort
      ? {
          alerting: {
            alertmanagers: [
              {
                static_configs: [
                  { targets: [`127.0.0.1:${options.alertmanagerPort}`] },
                ],
              },
            ],
          },
        }
      : {}),
    scrape_configs: options.targets.map(t => ({
      job_name: t.job,
      static_configs: [{ targets: [t.address], labels: t.labels }],
    })),
  };
  await writeFile(join(dir, 'prometheus.yml'), stringify(config));
  const url = `http://127.0.0.1:${port}`;
  const started = await startProcess(
    'prometheus',
    options.binary,
    [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
      `--rules.alert.resend-delay=${options.alertResendDelay ?? '1s'}`,
    ],
    `${url}/-/ready`,
    options.dir,
  );
  return {
    name: 'prometheus',
    url,
    port,
    rulesDir,
    logFile: started.logFile,
    stop: started.stop,
  };
}

/**
 * Starts Alertmanager on the given port with the route and receivers Catalyst renders
 * (every alert to Catalyst's webhook), without clustering.
 */
export async function startAlertmanager(options: {
  binary: string;
  dir: string;
  port: number;
  webhookUrl: string;
  webhookSecret: string;
  groupWait?: string;
}): Promise<ServerProcess> {
  const dir = join(options.dir, 'alertmanager');
  await mkdir(dir, { recursive: true });
  const secretFile = join(dir, 'webhook-secret');
  await writeFile(secretFile, options.webhookSecret);
  const config = renderAlertmanagerConfig([], {
    webhookUrl: options.webhookUrl,
    webhookSecretFile: secretFile,
    route: {
      groupWait: options.groupWait ?? '1s',
      groupInterval: '1s',
      repeatInterval: '1h',
    },
  });
  await writeFile(join(dir, 'alertmanager.yml'), stringify(config));
  const url = `http://127.0.0.1:${options.port}`;
  const started = await startProcess(
    'alertmanager',
    options.binary,
    [
      `--config.file=${join(dir, 'alertmanager.yml')}`,
      `--storage.path=${join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${options.port}`,
      '--cluster.listen-address=',
    ],
    `${url}/-/ready`,
    options.dir,
  );
  return {
    name: 'alertmanager',
    url,
    logFile: started.logFile,
    stop: started.stop,
  };
}

/** A temporary directory for one suite's servers. */
export async function createServerDirectory(): Promise<{
  dir: string;
  remove(): Promise<void>;
}> {
  const dir = await mkdtemp(join(tmpdir(), 'catalyst-observability-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Polls until `check` returns a value, or fails with the last reason after `timeoutMs`. */
export async function eventually<T>(
  what: string,
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  intervalMs = 500,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise(done => setTimeout(done, intervalMs));
  }
  throw new Error(
    `Timed out after ${timeoutMs}ms waiting for ${what}${
      last ? `: ${last}` : ''
    }`,
  );
}
