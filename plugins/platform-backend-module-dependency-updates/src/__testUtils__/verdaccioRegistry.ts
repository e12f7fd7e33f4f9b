import { ChildProcess, spawn } from 'node:child_process';
import { promises as fs } from 'node:fs';
import { freePort } from '@catalyst/backend-common/testUtils';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from '@catalyst/plugin-platform-node';

/** A package version a test publishes. */
export interface TestPackage {
  name: string;
  version: string;
  dependencies?: Record<string, string>;
}

/** A verdaccio registry on 127.0.0.1 holding only what the test published. */
export interface TestNpmRegistry {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** Publishes every version with `npm publish`, in order. */
  publish(...packages: TestPackage[]): Promise<void>;
  stop(): Promise<void>;
}

async function waitUntilUp(
  url: string,
  child: ChildProcess,
  log: () => string,
) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`verdaccio exited (${child.exitCode}): ${log()}`);
    }
    const up = await fetch(`${url}-/ping`).then(
      res => res.ok,
      () => false,
    );
    if (up) return;
    await new Promise(resolve => setTimeout(resolve, 200));
  }
  throw new Error(`verdaccio did not start at ${url}: ${log()}`);
}

/**
 * Starts verdaccio (its own binary, a child process) on a free port of
 * 127.0.0.1 with a temporary storage and no uplinks, and signs a user up
 * through the registry API so the test can publish.
 */
export async function startTestNpmRegistry(): Promise<TestNpmRegistry> {
  const root = await fs.mkdtemp(join(tmpdir(), 'verdaccio-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const configFile = join(root, 'config.yaml');
  await fs.writeFile(
    configFile,
    [
      `storage: ${join(root, 'storage')}`,
      'auth:',
      '  htpasswd:',
      `    file: ${join(root, 'htpasswd')}`,
      'uplinks: {}',
      'packages:',
      "  '**':",
      '    access: $all',
      '    publish: $authenticated',
      'log: { type: stdout, format: pretty, level: warn }',
      '',
    ].join('\n'),
  );
  let output = '';
  const child = spawn(
    process.execPath,
    [
      require.resolve('verdaccio/bin/verdaccio'),
      '--config',
      configFile,
      '--listen',
      `127.0.0.1:${port}`,
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', chunk => (output += chunk));
  child.stderr!.on('data', chunk => (output += chunk));
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await fs.rm(root, { recursive: true, force: true });
  };
  try {
    await waitUntilUp(url, child, () => output);
    const signUp = await fetch(`${url}-/user/org.couchdb.user:catalyst`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'catalyst', password: 'catalyst-test' }),
    });
    if (!signUp.ok) {
      throw new Error(`verdaccio sign-up failed: ${await signUp.text()}`);
    }
    const { token } = (await signUp.json()) as { token: string };
    const npmrc = join(root, 'npmrc');
    await fs.writeFile(npmrc, `//127.0.0.1:${port}/:_authToken=${token}\n`);
    return {
      url,
      async publish(...packages) {
        for (const pkg of packages) {
          const dir = await fs.mkdtemp(join(root, 'package-'));
          await fs.writeFile(
            join(dir, 'package.json'),
            JSON.stringify({ ...pkg, main: 'index.js', license: 'MIT' }),
          );
          await fs.writeFile(
            join(dir, 'index.js'),
            `module.exports = ${JSON.stringify(pkg.version)};\n`,
          );
          await runCommand(
            'npm',
            [
              'publish',
              '--registry',
              url,
              '--userconfig',
              npmrc,
              '--cache',
              join(root, 'npm-cache'),
            ],
            { cwd: dir },
          );
        }
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
