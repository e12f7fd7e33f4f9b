import { GithubSimulator } from '@catalyst/github-simulator';
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { GithubBudget } from './GithubBudget';
import { readGithubArchive } from './readGithubArchive';

jest.setTimeout(60_000);

const run = promisify(execFile);
const SHA = 'c0ffee0000000000000000000000000000000001';
const ROOT = 'acme-web-c0ffee0';

/**
 * A GitHub API stand-in that only serves tarballs built with the real `tar`
 * in the test: the simulator serves `git archive` output, which cannot hold
 * the hostile entries these tests need.
 */
class TarballServer {
  readonly requests: string[] = [];
  archive = Buffer.alloc(0);
  /** Responses sent before the archive, e.g. a rate limit. */
  before: { status: number; headers: Record<string, string> }[] = [];
  private server?: Server;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.requests.push(`${req.method} ${req.url}`);
      const early = this.before.shift();
      if (early) {
        res.writeHead(early.status, early.headers).end('{}');
        return;
      }
      res
        .writeHead(200, { 'content-type': 'application/x-gzip' })
        .end(this.archive);
    });
    await new Promise<void>(resolve =>
      this.server!.listen(0, '127.0.0.1', resolve),
    );
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop() {
    return new Promise(resolve => this.server?.close(resolve));
  }
}

describe('readGithubArchive', () => {
  const server = new TarballServer();
  let apiBaseUrl: string;
  let workDir: string;

  beforeAll(async () => {
    apiBaseUrl = await server.start();
  });
  afterAll(() => server.stop());
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'github-archive-'));
    server.requests.length = 0;
  });
  afterEach(() => fs.rm(workDir, { recursive: true, force: true }));

  /** Writes `files` under the work folder (paths relative to it). */
  async function write(files: Record<string, string | Buffer>) {
    for (const [path, content] of Object.entries(files)) {
      await fs.mkdir(dirname(join(workDir, path)), { recursive: true });
      await fs.writeFile(join(workDir, path), content);
    }
  }

  /** `tar -cz` of `members` in the work folder, names kept as given (`-P`). */
  async function pack(members: string[], flags: string[] = []) {
    const archive = join(workDir, 'archive.tar.gz');
    await run(
      'tar',
      ['-czP', '--format=pax', ...flags, '-f', archive, ...members],
      { cwd: workDir },
    );
    server.archive = await fs.readFile(archive);
  }

  const read = (
    options: Partial<Parameters<typeof readGithubArchive>[0]> = {},
  ) => {
    const seen: string[] = [];
    const files = readGithubArchive({
      apiBaseUrl,
      owner: 'acme',
      repo: 'web',
      sha: SHA,
      token: 'ghs_test',
      feature: 'specs',
      filter: path => {
        seen.push(path);
        return true;
      },
      ...options,
    });
    return { files, seen };
  };
  const byPath = (files: { path: string; content: Buffer }[]) =>
    Object.fromEntries(files.map(f => [f.path, f.content.toString('utf8')]));

  it('reads the kept files at the commit in one request through the budget, long pax paths included', async () => {
    const long = `specs/002-${'a-rather-long-feature-name-'.repeat(
      5,
    )}x/tasks.md`;
    await write({
      [`${ROOT}/AGENTS.md`]: '# Agents\n',
      [`${ROOT}/specs/001-login/spec.md`]: '# Login\n',
      [`${ROOT}/src/index.ts`]: 'export {};\n',
      [`${ROOT}/${long}`]: '- [ ] T001\n',
    });
    await pack([ROOT]);
    const budget = new GithubBudget();

    const { files } = read({
      budget,
      filter: path => path === 'AGENTS.md' || path.startsWith('specs/'),
    });

    expect(byPath(await files)).toEqual({
      'AGENTS.md': '# Agents\n',
      'specs/001-login/spec.md': '# Login\n',
      [long]: '- [ ] T001\n',
    });
    expect(server.requests).toEqual([`GET /repos/acme/web/tarball/${SHA}`]);
    expect(budget.snapshot().features).toEqual([
      { feature: 'specs', requests: 1, notModified: 0, rateLimited: 0 },
    ]);
  });

  it('waits out a rate limit as the budget says and records it', async () => {
    await write({ [`${ROOT}/AGENTS.md`]: '# Agents\n' });
    await pack([ROOT]);
    server.before.push({ status: 429, headers: { 'retry-after': '7' } });
    const waits: number[] = [];
    const budget = new GithubBudget({
      sleep: async ms => {
        waits.push(ms);
      },
    });

    expect(byPath(await read({ budget }).files)).toEqual({
      'AGENTS.md': '# Agents\n',
    });
    expect(waits).toEqual([7000]);
    expect(budget.snapshot().features).toEqual([
      { feature: 'specs', requests: 1, notModified: 0, rateLimited: 1 },
    ]);
  });

  it('skips entries whose path climbs out of the archive or is absolute', async () => {
    const outside = join(workDir, 'outside');
    await write({
      [`${ROOT}/specs/ok.md`]: 'ok\n',
      [`${ROOT}/../escape.md`]: 'escaped\n',
      'outside/secret.md': 'secret\n',
    });
    await pack(
      [
        `${ROOT}/specs/ok.md`,
        `${ROOT}/../escape.md`,
        `${ROOT}/specs/../../escape.md`,
        `${outside}/secret.md`,
      ],
      ['--hard-dereference'],
    );
    const listed = (
      await run('tar', ['-tzPf', 'archive.tar.gz'], {
        cwd: workDir,
      })
    ).stdout;
    expect(listed).toContain(`${ROOT}/../escape.md`);
    expect(listed).toContain(`${outside}/secret.md`);

    const { files, seen } = read();

    expect(byPath(await files)).toEqual({ 'specs/ok.md': 'ok\n' });
    expect(seen).toEqual(['specs/ok.md']);
  });

  it('follows no symbolic or hard link, inside or out', async () => {
    await write({
      [`${ROOT}/specs/real.md`]: 'real\n',
      'outside/secret.md': 'secret\n',
    });
    const specs = join(workDir, ROOT, 'specs');
    await fs.symlink('/etc/passwd', join(specs, 'passwd.md'));
    await fs.symlink('../../outside/secret.md', join(specs, 'up.md'));
    await fs.symlink('/etc', join(specs, 'etc'));
    await fs.symlink('real.md', join(specs, 'alias.md'));
    await fs.link(join(specs, 'real.md'), join(specs, 'twin.md'));
    // Packed first, so the entry inside the archive is a hard link to it.
    await fs.link(
      join(workDir, 'outside/secret.md'),
      join(specs, 'secret-twin.md'),
    );
    await pack([join(workDir, 'outside/secret.md'), ROOT]);
    const listed = (
      await run('tar', ['-tvzPf', 'archive.tar.gz'], { cwd: workDir })
    ).stdout;
    expect(listed).toMatch(/^l.*\/specs\/passwd\.md -> \/etc\/passwd$/m);
    expect(listed).toMatch(/^h.*\/specs\/secret-twin\.md link to \//m);

    const { files, seen } = read();
    const kept = byPath(await files);

    // GNU tar stores one of the twins as the file and the other as a link to it.
    expect(Object.keys(kept)).toHaveLength(1);
    expect(Object.values(kept)).toEqual(['real\n']);
    expect(['specs/real.md', 'specs/twin.md']).toContain(Object.keys(kept)[0]);
    expect(seen).toEqual(Object.keys(kept));
  });

  it('refuses a kept file over the size limit, and reads the archive when that file is not kept', async () => {
    await write({
      [`${ROOT}/AGENTS.md`]: '# Agents\n',
      [`${ROOT}/specs/huge.md`]: 'x'.repeat(64 * 1024),
    });
    await pack([ROOT]);

    await expect(
      read({ limits: { maxFileBytes: 4096 } }).files,
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(
          `holds specs/huge.md of ${64 * 1024} bytes, over 4096`,
        ),
      }),
    );
    const agentsOnly = read({
      limits: { maxFileBytes: 4096 },
      filter: path => path === 'AGENTS.md',
    });
    expect(byPath(await agentsOnly.files)).toEqual({
      'AGENTS.md': '# Agents\n',
    });
  });

  it('stops a compression bomb once the unpacked bytes pass the limit', async () => {
    await write({
      [`${ROOT}/AGENTS.md`]: '# Agents\n',
      [`${ROOT}/zeros.bin`]: Buffer.alloc(16 * 1024 * 1024),
    });
    await pack([ROOT]);
    expect(server.archive.length).toBeLessThan(1024 * 1024);

    await expect(
      read({
        limits: { maxBytes: 1024 * 1024 },
        filter: path => path === 'AGENTS.md',
      }).files,
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: 'The archive of acme/web unpacks to over 1048576 bytes',
      }),
    );
  });

  it('refuses a download over the size limit, and an archive of too many entries', async () => {
    await write({ [`${ROOT}/noise.bin`]: randomBytes(256 * 1024) });
    await pack([ROOT]);
    await expect(
      read({ limits: { maxBytes: 64 * 1024 } }).files,
    ).rejects.toThrow('The archive of acme/web is over 65536 bytes');

    await write(
      Object.fromEntries(
        Array.from({ length: 30 }, (_, i) => [`${ROOT}/f${i}.md`, `${i}\n`]),
      ),
    );
    await pack([ROOT]);
    await expect(read({ limits: { maxEntries: 20 } }).files).rejects.toThrow(
      'The archive of acme/web has over 20 entries',
    );
  });

  it('refuses a truncated archive and one that is no tar', async () => {
    await write({ [`${ROOT}/noise.bin`]: randomBytes(64 * 1024) });
    await pack([ROOT]);
    const whole = server.archive;
    server.archive = whole.subarray(0, whole.length / 2);
    await expect(read().files).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringContaining(
          'The archive of acme/web could not be read',
        ),
      }),
    );

    await write({ 'plain.txt': 'not an archive\n'.repeat(100) });
    await run('gzip', ['-k', 'plain.txt'], { cwd: workDir });
    server.archive = await fs.readFile(join(workDir, 'plain.txt.gz'));
    await expect(read().files).rejects.toThrow(
      expect.objectContaining({ name: 'InputError' }),
    );
  });
});

describe('readGithubArchive against the GitHub simulator', () => {
  let github: GithubSimulator;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: 'ghs_archive' });
  });
  afterAll(() => github.stop());

  it('reads the files at the requested commit, not at the branch head', async () => {
    const git = await github.createRepository('acme/api', {
      commits: [
        { message: 'first', files: { 'specs/001-a/spec.md': '# First\n' } },
      ],
    });
    const first = (await git.resolveRef('refs/heads/main'))!;
    await git.commitFiles(
      'main',
      { 'specs/001-a/spec.md': '# Second\n' },
      'second',
      { from: 'main' },
    );
    const from = github.requests.length;

    const files = await readGithubArchive({
      apiBaseUrl: github.urls.api,
      owner: 'acme',
      repo: 'api',
      sha: first,
      token: 'ghs_archive',
      feature: 'specs',
      filter: path => path.startsWith('specs/'),
    });

    expect(files.map(f => [f.path, f.content.toString('utf8')])).toEqual([
      ['specs/001-a/spec.md', '# First\n'],
    ]);
    expect(github.requests.slice(from)).toEqual([
      expect.objectContaining({
        path: `/repos/acme/api/tarball/${first}`,
        status: 200,
      }),
    ]);
  });
});
