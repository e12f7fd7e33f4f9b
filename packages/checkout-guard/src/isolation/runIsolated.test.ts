import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { detectIsolation, requireIsolation } from './detectIsolation';
import { runIsolated } from './runIsolated';
import { IsolationMode } from './types';

describe('runIsolated', () => {
  let checkout: string;
  let outside: string;
  let server: Server;
  let port: number;
  const savedToken = process.env.GITHUB_TOKEN;

  beforeAll(async () => {
    server = createServer((_req, res) => res.end('reached'));
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    await new Promise(resolve => server.close(resolve));
  });

  beforeEach(() => {
    process.env.GITHUB_TOKEN = 'ghp_backend_secret';
    checkout = mkdtempSync(join(tmpdir(), 'isolated-checkout-'));
    outside = mkdtempSync(join(tmpdir(), 'isolated-outside-'));
    writeFileSync(join(outside, 'app-config.local.yaml'), 'token: ghp_file');
  });

  afterEach(() => {
    process.env.GITHUB_TOKEN = savedToken;
    rmSync(checkout, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('finds bwrap on this machine (the test command installs it)', () => {
    expect(detectIsolation('bwrap')).toEqual({ available: true });
    expect(() => requireIsolation('bwrap')).not.toThrow();
  });

  it.each<IsolationMode>(['bwrap', 'none'])(
    'gives the tool none of the backend environment (%s)',
    async isolation => {
      const result = await runIsolated('/usr/bin/env', [], {
        cwd: checkout,
        isolation,
        env: { NPM_CONFIG_REGISTRY: 'http://127.0.0.1:4873/' },
      });
      expect(result.exitCode).toBe(0);
      expect(result.stdout).toContain('NPM_CONFIG_REGISTRY=http://127.0.0.1');
      expect(result.stdout).toMatch(/^HOME=/m);
      expect(result.stdout).not.toContain('ghp_backend_secret');
      expect(result.stdout).not.toContain('GITHUB_TOKEN');
      expect(result.stdout).not.toContain('BACKSTAGE_TEST_DATABASE');
    },
  );

  it('keeps the tool inside the checkout and off the network', async () => {
    const script = [
      'echo written > result.txt',
      `cat ${join(outside, 'app-config.local.yaml')} && echo READ-OUTSIDE`,
      `echo x > ${join(outside, 'planted')} && echo WROTE-OUTSIDE`,
      'tr "\\0" "\\n" < /proc/1/environ | grep -c ghp_ && echo SAW-PARENT',
      `(exec 3<>/dev/tcp/127.0.0.1/${port}) && echo REACHED-NETWORK`,
      'true',
    ].join('\n');
    const result = await runIsolated('/bin/bash', ['-c', script], {
      cwd: checkout,
      isolation: 'bwrap',
    });
    expect(result.exitCode).toBe(0);
    expect(readFileSync(join(checkout, 'result.txt'), 'utf8')).toBe(
      'written\n',
    );
    expect(result.stdout).not.toContain('READ-OUTSIDE');
    expect(result.stdout).not.toContain('WROTE-OUTSIDE');
    expect(result.stdout).not.toContain('SAW-PARENT');
    expect(result.stdout).not.toContain('REACHED-NETWORK');
  });

  it('lets package managers reach the network when asked', async () => {
    const result = await runIsolated(
      '/bin/bash',
      ['-c', `(exec 3<>/dev/tcp/127.0.0.1/${port}) && echo REACHED-NETWORK`],
      { cwd: checkout, isolation: 'bwrap', network: true },
    );
    expect(result.stdout).toContain('REACHED-NETWORK');
  });

  it('stops a tool at its time limit and cuts its output', async () => {
    const slow = await runIsolated('/bin/sleep', ['30'], {
      cwd: checkout,
      isolation: 'bwrap',
      timeoutMs: 300,
    });
    expect(slow.timedOut).toBe(true);
    expect(slow.exitCode).toBeUndefined();

    const loud = await runIsolated(
      '/bin/bash',
      ['-c', 'head -c 100000 /dev/zero | tr "\\0" x'],
      { cwd: checkout, isolation: 'bwrap', maxOutputBytes: 1000 },
    );
    expect(loud.truncated).toBe(true);
    expect(loud.stdout).toHaveLength(1000);
  });

  it('mounts the toolchain read-only and puts its folders on PATH', async () => {
    const toolchain = mkdtempSync(join(tmpdir(), 'isolated-toolchain-'));
    try {
      writeFileSync(join(toolchain, 'hello'), '#!/bin/sh\necho hello-tool\n', {
        mode: 0o755,
      });
      const result = await runIsolated(
        '/bin/bash',
        ['-c', `hello && (echo x > ${toolchain}/planted && echo WROTE) ; true`],
        {
          cwd: checkout,
          isolation: 'bwrap',
          toolPath: [toolchain],
          readOnlyPaths: [toolchain],
        },
      );
      expect(result.stdout).toContain('hello-tool');
      expect(result.stdout).not.toContain('WROTE');
    } finally {
      rmSync(toolchain, { recursive: true, force: true });
    }
  });

  it('kills the tool when its task is aborted', async () => {
    const controller = new AbortController();
    const run = runIsolated('/bin/sleep', ['30'], {
      cwd: checkout,
      isolation: 'bwrap',
      signal: controller.signal,
    });
    controller.abort(new Error('task cancelled'));
    await expect(run).rejects.toThrow('task cancelled');
    await expect(
      runIsolated('/bin/true', [], {
        cwd: checkout,
        isolation: 'none',
        signal: controller.signal,
      }),
    ).rejects.toThrow('task cancelled');
  });
});
