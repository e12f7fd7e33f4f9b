import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { freePort } from './freePort';

describe('freePort', () => {
  it('gives a port below the ephemeral range that a server can bind', async () => {
    const [ephemeralLow] = readFileSync(
      '/proc/sys/net/ipv4/ip_local_port_range',
      'utf8',
    )
      .trim()
      .split(/\s+/)
      .map(Number);
    const port = await freePort();
    expect(port).toBeGreaterThanOrEqual(20000);
    expect(port).toBeLessThan(ephemeralLow);

    const server = createServer();
    await new Promise<void>(done => server.listen(port, '127.0.0.1', done));
    expect(server.address()).toMatchObject({ port });
    await new Promise(done => server.close(done));
  });

  it('skips a port that is taken', async () => {
    const taken = new Set<number>();
    const servers = [];
    for (let i = 0; i < 20; i++) {
      const port = await freePort();
      const server = createServer();
      await new Promise<void>(done => server.listen(port, '127.0.0.1', done));
      servers.push(server);
      taken.add(port);
    }
    expect(taken.size).toBe(20);
    await Promise.all(
      servers.map(server => new Promise(done => server.close(done))),
    );
  });
});
