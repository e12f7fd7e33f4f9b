import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import request from 'supertest';
import { paymentsCommits } from '../__testUtils__/agentContextRepository';
import { platformPlugin } from '../plugin';

const TOKEN = 'ghs_catalyst';
const BASE = '/api/platform/agent-context/component/default/payments';

// Clones and analyses take a few seconds on a loaded machine.
jest.setTimeout(60_000);

describe('agent context routes', () => {
  let github: GithubSimulator;
  let repoCount = 0;
  let repo: string;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: TOKEN });
  });

  afterAll(async () => {
    await github.stop();
  });

  beforeEach(async () => {
    repo = `acme/payments-${++repoCount}`;
    await github.createRepository(repo, { commits: paymentsCommits() });
  });

  const component = (): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments',
      namespace: 'default',
      annotations: {
        'backstage.io/source-location': `url:${github.urls.web}/${repo}/tree/main/`,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  });

  async function start(permission: 'ALLOW' | 'DENY' = 'ALLOW') {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        catalogServiceMock.factory({ entities: [component()] }),
        mockServices.permissions.factory({ result: permission }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [github.integrationConfig()] },
            platform: { agentContext: { cloneDepth: 20 } },
          },
        }),
      ],
    });
    return server;
  }

  it('generates, serves, checks and refreshes the context of a component', async () => {
    const server = await start();
    expect((await request(server).get(BASE)).status).toBe(404);

    const generated = await request(server).post(`${BASE}/generate`);
    expect(generated.status).toBe(200);
    expect(generated.body).toMatchObject({
      entityRef: 'component:default/payments',
      stale: true,
      staleReason: 'AGENTS.md has no catalyst block',
      source: { type: 'clone' },
    });
    expect(generated.body.content).toContain('| Test | `yarn test` | `jest` |');

    const stored = await request(server).get(BASE);
    expect(stored.status).toBe(200);
    expect(stored.body).toEqual(generated.body);
    expect(stored.body.diff.some((d: any) => d.type === 'added')).toBe(true);
    expect(
      stored.body.lines.find((l: any) => l.text.startsWith('| Test |'))
        .facts[0],
    ).toMatchObject({ kind: 'command', source: { file: 'package.json' } });

    const staleness = await request(server).get(`${BASE}/staleness`);
    expect(staleness.status).toBe(200);
    expect(staleness.body).toMatchObject({
      stale: true,
      factsHash: generated.body.factsHash,
      changes: { removed: [] },
    });

    const refreshed = await request(server).post(`${BASE}/refresh`);
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({
      entityRef: 'component:default/payments',
      status: 'opened',
      factsHash: generated.body.factsHash,
      branch: 'chore/agents-md',
      pullRequest: { number: 1, url: `${github.urls.web}/${repo}/pull/1` },
    });
    expect(
      await github.repository(repo).readFile('chore/agents-md', 'AGENTS.md'),
    ).toBe(generated.body.content);

    const again = await request(server).post(`${BASE}/refresh`);
    expect(again.body).toMatchObject({
      status: 'updated',
      pullRequest: { number: 1 },
    });
    expect(github.pulls(repo)).toHaveLength(1);
    expect((await request(server).get(BASE)).body.pullRequest).toEqual({
      number: 1,
      url: `${github.urls.web}/${repo}/pull/1`,
    });
  });

  it('needs the permissions to generate, check and refresh, and not to read', async () => {
    const server = await start('DENY');
    const before = github.requests.length;

    const generate = await request(server).post(`${BASE}/generate`);
    expect(generate.status).toBe(403);
    expect(generate.body.error.message).toMatch(
      /catalyst.agentContext.generate/,
    );
    expect((await request(server).get(`${BASE}/staleness`)).status).toBe(403);
    const refresh = await request(server).post(`${BASE}/refresh`);
    expect(refresh.status).toBe(403);
    expect(refresh.body.error.message).toMatch(/catalyst.agentContext.refresh/);
    expect((await request(server).get(BASE)).status).toBe(404);
    expect(github.requests.length).toBe(before);
  });

  it('answers GitHub failures with the status that fits the caller', async () => {
    const server = await start();
    const resetAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 900_000);
    github.setRateLimit(0, resetAt);
    try {
      const limited = await request(server).post(`${BASE}/refresh`);
      expect(limited.status).toBe(503);
      expect(limited.body.error.message).toContain(resetAt.toISOString());
    } finally {
      github.setRateLimit(1_000_000, new Date());
    }
    expect((await request(server).get(BASE)).body.lastError).toMatch(
      /^Refresh failed: The GitHub rate limit is reached for tasks; it resets at /,
    );

    // A fresh backend: the first one's budget rightly holds off until the reset
    // GitHub announced, even though the simulator has lifted the limit since.
    const fresh = await start();
    github.failNext(
      { operation: 'git/create-ref' },
      {
        status: 422,
        body: {
          message: 'Validation Failed',
          documentation_url:
            'https://docs.github.com/rest/git/refs#create-a-reference',
          errors: [
            {
              resource: 'Reference',
              code: 'custom',
              message: 'Cannot create ref due to creations being restricted.',
            },
          ],
        },
      },
    );
    const rejected = await request(fresh).post(`${BASE}/refresh`);
    expect(rejected.status).toBe(409);
    expect(rejected.body.error.message).toMatch(/creations being restricted/);
    expect(github.pulls(repo)).toEqual([]);
  });

  it('rejects malformed and unknown components', async () => {
    const server = await start();

    const malformed = await request(server).post(
      '/api/platform/agent-context/comp%20onent/default/payments/generate',
    );
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/kind: not an entity kind/);
    const unknown = await request(server).post(
      '/api/platform/agent-context/component/default/nope/generate',
    );
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.message).toBe(
      'component:default/nope is not in the catalog',
    );
    // Stored contexts are only shown for components the caller can see.
    const hidden = await request(server).get(
      '/api/platform/agent-context/component/default/nope',
    );
    expect(hidden.status).toBe(404);
    expect(hidden.body.error.message).toBe(
      'component:default/nope is not in the catalog',
    );
  });
});
