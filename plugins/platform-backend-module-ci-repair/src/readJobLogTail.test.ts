import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubSimulator } from '@catalyst/github-simulator';
import {
  githubConnector,
  parseGithubRepository,
} from '@catalyst/plugin-platform-node';
import { BoundedTail, readJobLogTail } from './readJobLogTail';

describe('BoundedTail', () => {
  it('keeps the last bytes and never holds more than the bound after a push', () => {
    const tail = new BoundedTail(100);
    let all = '';
    for (let i = 0; i < 500; i++) {
      const chunk = `line ${i} ${'x'.repeat(i % 37)}\n`;
      all += chunk;
      tail.push(Buffer.from(chunk));
      expect(tail.heldBytes).toBeLessThanOrEqual(100);
    }
    const text = tail.text();
    expect(all.endsWith(text)).toBe(true);
    // Cut to whole lines: the first kept line is the one after the cut.
    expect(text.startsWith('line ')).toBe(true);
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(100);
  });

  it('keeps the end of a chunk larger than the bound, and a short stream whole', () => {
    const tail = new BoundedTail(8);
    tail.push(Buffer.from('first\nsecond\nthird\n'));
    expect(tail.heldBytes).toBe(8);
    expect(tail.text()).toBe('third\n');

    const short = new BoundedTail(64);
    short.push(Buffer.from('only '));
    short.push(Buffer.from('line'));
    expect(short.text()).toBe('only line');
  });
});

describe('readJobLogTail', () => {
  let simulator: GithubSimulator;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    await simulator.createRepository('acme/svc', {
      commits: [{ message: 'init', files: { 'README.md': '# svc\n' } }],
    });
  });
  afterAll(() => simulator.stop());

  const connect = () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const target = parseGithubRepository(`${simulator.urls.web}/acme/svc`);
    return { github: githubConnector({ integrations })(target), target };
  };

  it('streams a large log through the redirect and returns its last whole lines', async () => {
    const lines = Array.from(
      { length: 200_000 },
      (_, i) => `2026-12-07T05:00:00.0000000Z step output ${i}`,
    );
    lines.push(
      '2026-12-07T05:00:09.0000000Z ##[error]Process completed with exit code 1.',
    );
    const log = `${lines.join('\n')}\n`;
    expect(log.length).toBeGreaterThan(8 * 1024 * 1024);
    simulator.setJobLog('acme/svc', 77, log);
    const { github, target } = connect();

    const tail = (await readJobLogTail(await github, target, 77, {
      maxBytes: 65_536,
    }))!;

    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(65_536);
    expect(Buffer.byteLength(tail)).toBeGreaterThan(65_000);
    expect(log.endsWith(tail)).toBe(true);
    expect(tail.startsWith('2026-12-07T05:00:00.0000000Z step output ')).toBe(
      true,
    );
    expect(tail).toContain('##[error]Process completed with exit code 1.');
    expect(tail).not.toContain('step output 1000\n');
    const served = simulator.requests.filter(r =>
      r.path.startsWith('/_job-logs/acme/svc/77'),
    );
    expect(served).toHaveLength(1);
  });

  it('has no log for a job without one', async () => {
    const { github, target } = connect();
    await expect(
      readJobLogTail(await github, target, 404404, { maxBytes: 1024 }),
    ).resolves.toBeUndefined();
  });
});
