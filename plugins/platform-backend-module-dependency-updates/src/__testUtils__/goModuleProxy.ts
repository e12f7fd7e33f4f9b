import { promises as fs } from 'node:fs';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, normalize } from 'node:path';
import semver from 'semver';
import { escapeModulePath } from '../dependencies/goModules/GoProxyClient';
import { runCommand } from '@catalyst/plugin-platform-node';

/** A module version a test publishes; `files` holds its go.mod and sources. */
export interface TestGoModule {
  modulePath: string;
  /** `v1.2.3` */
  version: string;
  files: Record<string, string>;
}

/** A Go module proxy (GOPROXY protocol) on 127.0.0.1 serving only what the test published. */
export interface TestGoProxy {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  publish(...modules: TestGoModule[]): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts a GOPROXY directory layout (`<module>/@v/list`, `.info`, `.mod`,
 * `.zip`, and `@latest`) behind an HTTP server on a free port of 127.0.0.1;
 * module zips are built with `zip` from the published files.
 */
export async function startTestGoProxy(): Promise<TestGoProxy> {
  const root = await fs.mkdtemp(join(tmpdir(), 'go-proxy-'));
  const served = join(root, 'proxy');
  const server = createServer((req, res) => {
    const path = decodeURIComponent(
      new URL(req.url ?? '/', 'http://x').pathname,
    );
    const latest = /^\/(.+)\/@latest$/.exec(path);
    const answer = async () => {
      if (latest) {
        const list = await fs.readFile(
          join(served, latest[1], '@v', 'list'),
          'utf8',
        );
        const versions = list.split('\n').filter(Boolean);
        const highest = versions.sort((a, b) => semver.rcompare(a, b))[0];
        return fs.readFile(join(served, latest[1], '@v', `${highest}.info`));
      }
      const file = normalize(join(served, path));
      if (!file.startsWith(`${served}/`)) throw new Error('outside');
      return fs.readFile(file);
    };
    answer().then(
      body => res.end(body),
      () => {
        res.statusCode = 404;
        res.end('not found');
      },
    );
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    async publish(...modules) {
      for (const published of modules) {
        const versionDir = join(
          served,
          escapeModulePath(published.modulePath),
          '@v',
        );
        const stage = await fs.mkdtemp(join(root, 'stage-'));
        const prefix = `${published.modulePath}@${published.version}`;
        for (const [path, content] of Object.entries(published.files)) {
          await fs.mkdir(dirname(join(stage, prefix, path)), {
            recursive: true,
          });
          await fs.writeFile(join(stage, prefix, path), content);
        }
        await fs.mkdir(versionDir, { recursive: true });
        // -D: no directory entries, as module zips have none.
        await runCommand(
          'zip',
          [
            '-q',
            '-r',
            '-D',
            '-X',
            join(versionDir, `${published.version}.zip`),
            prefix,
          ],
          { cwd: stage },
        );
        await fs.writeFile(
          join(versionDir, `${published.version}.mod`),
          published.files['go.mod'],
        );
        await fs.writeFile(
          join(versionDir, `${published.version}.info`),
          JSON.stringify({
            Version: published.version,
            Time: '2026-01-01T00:00:00Z',
          }),
        );
        await fs.appendFile(join(versionDir, 'list'), `${published.version}\n`);
      }
    },
    async stop() {
      server.closeAllConnections();
      await new Promise(resolve => server.close(resolve));
      await fs.rm(root, { recursive: true, force: true });
    },
  };
}
