import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { stringify } from 'yaml';
import { freePort } from '../../__testUtils__/observabilityServers';

const ENVTEST_SCRIPT = resolve(__dirname, '../../../../../scripts/envtest.sh');

/** A real kube-apiserver backed by a real etcd, as controller-runtime's envtest runs them. */
export type EnvtestControlPlane = {
  /** https://127.0.0.1:<port> */
  server: string;
  /** PEM of the apiserver's self-signed serving certificate and its CA. */
  ca: string;
  /** Token of a member of system:masters. */
  adminToken: string;
  /** Token of an authenticated user without any RBAC binding. */
  unboundToken: string;
  /** Milliseconds from spawning kube-apiserver to its first 200 on /readyz. */
  apiserverStartupMs: number;
  dir: string;
  /** Sends one request as the admin; JSON in, JSON out. */
  request(
    method: string,
    path: string,
    body?: unknown,
    contentType?: string,
  ): Promise<{ status: number; body: any }>;
  /** Writes a kubeconfig with the given clusters and returns its path. */
  writeKubeconfig(
    file: string,
    contexts: Array<{
      name: string;
      cluster: string;
      server: string;
      token: string;
    }>,
  ): Promise<string>;
  stop(): Promise<void>;
};

type Child = { child: ChildProcess; exited: Promise<void> };

/** Builds (first run) or finds the envtest binaries, then starts etcd and kube-apiserver. */
export async function startEnvtestControlPlane(): Promise<EnvtestControlPlane> {
  const goPath = existsSync('/usr/local/go/bin') ? ':/usr/local/go/bin' : '';
  const assets = execFileSync('bash', [ENVTEST_SCRIPT], {
    encoding: 'utf8',
    timeout: 1_200_000,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PATH: `${process.env.PATH}${goPath}` },
  })
    .trim()
    .split('\n')
    .pop()!;

  const dir = await mkdtemp(join(tmpdir(), 'catalyst-envtest-'));
  const children: Child[] = [];
  const stop = async () => {
    for (const { child, exited } of children.reverse()) {
      if (child.exitCode === null && child.signalCode === null) {
        process.kill(-child.pid!, 'SIGTERM');
        const timer = setTimeout(() => {
          if (child.exitCode === null) process.kill(-child.pid!, 'SIGKILL');
        }, 5000);
        await exited;
        clearTimeout(timer);
      }
    }
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const [etcdPort, etcdPeerPort, apiPort] = [
      await freePort(),
      await freePort(),
      await freePort(),
    ];
    const etcdUrl = `http://127.0.0.1:${etcdPort}`;
    children.push(
      spawnLogged(dir, 'etcd', join(assets, 'etcd'), [
        `--data-dir=${join(dir, 'etcd')}`,
        `--listen-client-urls=${etcdUrl}`,
        `--advertise-client-urls=${etcdUrl}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        '--unsafe-no-fsync=true',
      ]),
    );
    await poll('etcd', join(dir, 'etcd.log'), children[0].child, async () => {
      const res = await fetch(`${etcdUrl}/health`, {
        signal: AbortSignal.timeout(1000),
      });
      return res.ok;
    });

    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    });
    await writeFile(join(dir, 'service-account.key'), privateKey, {
      mode: 0o600,
    });
    const adminToken = randomBytes(24).toString('hex');
    const unboundToken = randomBytes(24).toString('hex');
    await writeFile(
      join(dir, 'tokens.csv'),
      `${adminToken},envtest-admin,envtest-admin,"system:masters"\n${unboundToken},envtest-unbound,envtest-unbound\n`,
      { mode: 0o600 },
    );

    const server = `https://127.0.0.1:${apiPort}`;
    const certDir = join(dir, 'certs');
    const started = Date.now();
    // The flags controller-runtime's envtest passes, plus a static token file for identities.
    children.push(
      spawnLogged(dir, 'kube-apiserver', join(assets, 'kube-apiserver'), [
        `--etcd-servers=${etcdUrl}`,
        `--secure-port=${apiPort}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        // No kubernetes Service endpoints: a loopback address may not be advertised in them.
        '--endpoint-reconciler-type=none',
        `--cert-dir=${certDir}`,
        `--service-account-issuer=${server}`,
        `--service-account-key-file=${join(dir, 'service-account.key')}`,
        `--service-account-signing-key-file=${join(
          dir,
          'service-account.key',
        )}`,
        '--service-cluster-ip-range=10.0.0.0/24',
        '--authorization-mode=RBAC',
        `--token-auth-file=${join(dir, 'tokens.csv')}`,
        '--disable-admission-plugins=ServiceAccount',
        '--allow-privileged=true',
      ]),
    );
    const caFile = join(certDir, 'apiserver.crt');
    let ca = '';
    const request = (
      method: string,
      path: string,
      body?: unknown,
      contentType = 'application/json',
      token = adminToken,
    ) => requestJson(server, ca, token, method, path, body, contentType);
    await poll(
      'kube-apiserver',
      join(dir, 'kube-apiserver.log'),
      children[1].child,
      async () => {
        if (!existsSync(caFile)) return false;
        ca = await readFile(caFile, 'utf8');
        return (await request('GET', '/readyz')).status === 200;
      },
    );
    const apiserverStartupMs = Date.now() - started;

    return {
      server,
      ca,
      adminToken,
      unboundToken,
      apiserverStartupMs,
      dir,
      request: (method, path, body, contentType) =>
        request(method, path, body, contentType),
      async writeKubeconfig(file, contexts) {
        const path = join(dir, file);
        await writeFile(
          path,
          stringify({
            apiVersion: 'v1',
            kind: 'Config',
            clusters: contexts.map(c => ({
              name: c.cluster,
              cluster: {
                server: c.server,
                'certificate-authority-data':
                  Buffer.from(ca).toString('base64'),
              },
            })),
            users: contexts.map(c => ({
              name: c.name,
              user: { token: c.token },
            })),
            contexts: contexts.map(c => ({
              name: c.name,
              context: { cluster: c.cluster, user: c.name },
            })),
            'current-context': contexts[0].name,
          }),
          { mode: 0o600 },
        );
        return path;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function spawnLogged(
  dir: string,
  name: string,
  command: string,
  args: string[],
): Child {
  const log = createWriteStream(join(dir, `${name}.log`));
  // Its own process group, so stopping it also stops anything it started.
  const child = spawn(command, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<void>(done =>
    child.once('exit', () => {
      log.end();
      done();
    }),
  );
  return { child, exited };
}

async function poll(
  name: string,
  logFile: string,
  child: ChildProcess,
  ready: () => Promise<boolean>,
) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline && child.exitCode === null) {
    if (await ready().catch(() => false)) return;
    await new Promise(done => setTimeout(done, 100));
  }
  const log = await readFile(logFile, 'utf8').catch(() => '(no log)');
  throw new Error(
    `${name} did not become ready:\n${log.split('\n').slice(-30).join('\n')}`,
  );
}

function requestJson(
  server: string,
  ca: string,
  token: string,
  method: string,
  path: string,
  body: unknown,
  contentType: string,
): Promise<{ status: number; body: any }> {
  return new Promise((done, fail) => {
    const req = httpsRequest(
      new URL(path, server),
      {
        method,
        ca,
        headers: {
          authorization: `Bearer ${token}`,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': contentType }),
        },
        timeout: 10_000,
      },
      res => {
        const chunks: Buffer[] = [];
        res.on('data', chunk => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          try {
            parsed = JSON.parse(text);
          } catch {
            // /readyz and friends answer plain text.
          }
          done({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`${method} ${path} timed out`)),
    );
    req.on('error', fail);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}
