import { Octokit } from '@octokit/rest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GithubSimulator } from './GithubSimulator';

describe('GithubSimulator rate limits and conditional requests', () => {
  let simulator: GithubSimulator;

  beforeEach(async () => {
    simulator = await GithubSimulator.start();
    await simulator.createRepository('acme/web', {
      commits: [
        {
          message: 'init',
          files: { 'catalyst.yaml': 'x: 1\n', 'specs/001-a/spec.md': '# A\n' },
        },
      ],
    });
  });
  afterEach(() => simulator.stop());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(`${simulator.urls.api}${path}`, {
      headers: { authorization: `token ${simulator.token}`, ...headers },
    });

  it('enforces the primary limit per window and resets it when the window ends', async () => {
    simulator.setPrimaryRateLimit({ limit: 2, windowMs: 300 });
    const first = await get('/repos/acme/web');
    expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(first.headers.get('x-ratelimit-limit')).toBe('2');
    await get('/repos/acme/web');
    const refused = await get('/repos/acme/web');
    expect(refused.status).toBe(403);
    expect(refused.headers.get('x-ratelimit-remaining')).toBe('0');
    const reset = Number(refused.headers.get('x-ratelimit-reset'));
    expect(reset * 1000).toBeGreaterThan(Date.now() - 1000);
    expect(((await refused.json()) as { message: string }).message).toMatch(
      /rate limit exceeded/,
    );
    await new Promise(resolve => setTimeout(resolve, 350));
    const again = await get('/repos/acme/web');
    expect(again.status).toBe(200);
    expect(again.headers.get('x-ratelimit-remaining')).toBe('1');
    expect(simulator.countedRequests()).toBe(3);
  });

  it('answers 429 with retry-after over the secondary limit', async () => {
    simulator.setSecondaryRateLimit({
      maxRequests: 1,
      perMs: 60_000,
      retryAfterSeconds: 7,
    });
    expect((await get('/repos/acme/web')).status).toBe(200);
    const refused = await get('/repos/acme/web');
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
  });

  it('answers a matching If-None-Match with 304 that does not count', async () => {
    simulator.setPrimaryRateLimit({ limit: 100 });
    const first = await get('/repos/acme/web/git/ref/heads/main');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await get('/repos/acme/web/git/ref/heads/main', {
      'if-none-match': etag,
    });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('x-ratelimit-remaining')).toBe('99');
    await simulator
      .repository('acme/web')
      .commitFiles('main', { 'README.md': '# web\n' }, 'readme');
    const changed = await get('/repos/acme/web/git/ref/heads/main', {
      'if-none-match': etag,
    });
    expect(changed.status).toBe(200);
    expect(simulator.requests.map(r => [r.status, r.counted])).toEqual([
      [200, true],
      [304, false],
      [200, true],
    ]);
  });

  it('serves what a Backstage URL reader asks: combined status, tarball and raw contents', async () => {
    const octokit = new Octokit({
      baseUrl: simulator.urls.api,
      auth: simulator.token,
    });
    const head = await simulator
      .repository('acme/web')
      .resolveRef('refs/heads/main');
    const status = await octokit.rest.repos.getCombinedStatusForRef({
      owner: 'acme',
      repo: 'web',
      ref: 'main',
    });
    expect(status.data.sha).toBe(head);
    expect(status.data.repository.archive_url).toContain('{archive_format}');
    const raw = await get('/repos/acme/web/contents/catalyst.yaml', {
      accept: 'application/vnd.github.v3.raw',
    });
    expect(await raw.text()).toBe('x: 1\n');
    const tarball = await get(`/repos/acme/web/tarball/${head}`);
    const dir = mkdtempSync(join(tmpdir(), 'tarball-'));
    try {
      writeFileSync(
        join(dir, 'a.tar.gz'),
        Buffer.from(await tarball.arrayBuffer()),
      );
      execFileSync('tar', ['-xzf', 'a.tar.gz'], { cwd: dir });
      const root = `acme-web-${head!.slice(0, 7)}`;
      expect(readFileSync(join(dir, root, 'specs/001-a/spec.md'), 'utf8')).toBe(
        '# A\n',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
