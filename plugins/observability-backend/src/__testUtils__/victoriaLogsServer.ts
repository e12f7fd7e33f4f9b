import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { freePort, ServerProcess, startProcess } from './observabilityServers';

const SCRIPT = resolve(__dirname, '../../../../scripts/victorialogs.sh');

/**
 * Path of the VictoriaLogs binary: `VICTORIALOGS` as the test command exports it, else
 * built (or found in the cache) by scripts/victorialogs.sh.
 */
export function victoriaLogsBinary(): string {
  if (process.env.VICTORIALOGS) return process.env.VICTORIALOGS;
  return execFileSync('bash', [SCRIPT], {
    encoding: 'utf8',
    timeout: 900_000,
  }).trim();
}

/** A started VictoriaLogs with helpers to write logs into it. */
export type VictoriaLogsServer = ServerProcess & {
  port: number;
  /**
   * Writes JSON lines (`_time`, `_msg` and any fields) with the given stream fields, then
   * flushes so that they are searchable at once.
   */
  ingest(rows: Record<string, string>[], streamFields: string[]): Promise<void>;
};

/** Starts VictoriaLogs single-node on a free 127.0.0.1 port with a temporary data directory. */
export async function startVictoriaLogs(options: {
  binary: string;
  dir: string;
}): Promise<VictoriaLogsServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const started = await startProcess(
    'victorialogs',
    options.binary,
    [
      `-httpListenAddr=127.0.0.1:${port}`,
      `-storageDataPath=${join(options.dir, 'victorialogs-data')}`,
      '-retentionPeriod=30d',
      '-loggerLevel=WARN',
    ],
    `${url}/health`,
    options.dir,
  );
  return {
    name: 'victorialogs',
    url,
    port,
    logFile: started.logFile,
    stop: started.stop,
    async ingest(rows, streamFields) {
      const query = new URLSearchParams({
        _stream_fields: streamFields.join(','),
      });
      const response = await fetch(`${url}/insert/jsonline?${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/stream+json' },
        body: rows.map(row => JSON.stringify(row)).join('\n'),
      });
      if (!response.ok) {
        throw new Error(
          `VictoriaLogs refused the lines: HTTP ${
            response.status
          } ${await response.text()}`,
        );
      }
      const flushed = await fetch(`${url}/internal/force_flush`);
      if (!flushed.ok) {
        throw new Error(`VictoriaLogs did not flush: HTTP ${flushed.status}`);
      }
    },
  };
}
