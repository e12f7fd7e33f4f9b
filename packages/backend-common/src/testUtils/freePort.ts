import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';

const FALLBACK_EPHEMERAL_LOW = 32768;
const LOWEST = 20000;

/**
 * The lowest port the kernel hands out on its own (to outgoing connections and to
 * `listen(0)`). Linux reads it from `ip_local_port_range`.
 */
async function ephemeralLow(): Promise<number> {
  const range = await readFile(
    '/proc/sys/net/ipv4/ip_local_port_range',
    'utf8',
  ).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const low = Number(range?.trim().split(/\s+/)[0]);
  return Number.isInteger(low) && low > LOWEST + 1000
    ? low
    : FALLBACK_EPHEMERAL_LOW;
}

async function canListen(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise<boolean>((done, fail) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES') done(false);
      else fail(error);
    });
    server.listen(port, '127.0.0.1', () => server.close(() => done(true)));
  });
}

/**
 * A 127.0.0.1 port nothing listens on right now, for a server a test starts as a
 * separate program.
 *
 * @remarks
 * The port comes from below the kernel's ephemeral range. A port from `listen(0)` is
 * ephemeral: between the probe closing it and the program binding it, any outgoing
 * connection on the machine (a database client, another test worker) may take it as
 * its source port, and the program then fails with "address already in use".
 *
 * @public
 */
export async function freePort(): Promise<number> {
  const high = await ephemeralLow();
  for (let attempt = 0; attempt < 100; attempt++) {
    const port = LOWEST + Math.floor(Math.random() * (high - LOWEST));
    if (await canListen(port)) return port;
  }
  throw new Error(
    `No free port between ${LOWEST} and ${high} on 127.0.0.1 after 100 tries`,
  );
}
