import {
  createMockDirectory,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import examples from '@octokit/webhooks-examples/api.github.com/index.json';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { signGithubPayload } from './webhooks/verifySignature';

const SECRET = 'webhook-secret';
const REPOSITORY = 'Codertocat/Hello-World';

// GitHub's documented example deliveries (@octokit/webhooks-examples).
function example(event: string, match: (payload: any) => boolean): any {
  const entry = (examples as any[]).find(e => e.name === event);
  return structuredClone(entry.examples.find(match));
}

const specMarkdown = `# Feature Specification: Hello greeting

**Feature Branch**: \`001-hello\`
**Created**: 2026-01-10
**Status**: Draft

### User Story 1 - Greet a visitor (Priority: P1)

- **FR-001**: System MUST greet.
`;

const tasksMarkdown = (doneT001: boolean) => `# Tasks: Hello greeting

## Phase 1: Setup

- [${doneT001 ? 'x' : ' '}] T001 [P] [US1] Create the greeting module
- [ ] T002 [US1] Render the greeting
- [ ] T003 Write docs
`;

describe('platform backend', () => {
  const repo = createMockDirectory();
  let github: Server;
  let githubCommits: string[] = [];
  let githubRequests: string[] = [];

  beforeAll(async () => {
    github = createServer((req, res) => {
      githubRequests.push(
        `${req.method} ${req.url} ${req.headers.authorization}`,
      );
      if (req.url?.startsWith(`/repos/${REPOSITORY}/pulls/2/commits`)) {
        res.setHeader('content-type', 'application/json');
        res.end(
          JSON.stringify(
            githubCommits.map((message, i) => ({
              sha: `${i}`.padStart(40, 'a'),
              node_id: `C_${i}`,
              url: `https://api.github.com/repos/${REPOSITORY}/commits/${i}`,
              html_url: `https://github.com/${REPOSITORY}/commit/${i}`,
              comments_url: `https://api.github.com/repos/${REPOSITORY}/commits/${i}/comments`,
              commit: {
                url: `https://api.github.com/repos/${REPOSITORY}/git/commits/${i}`,
                author: {
                  name: 'Monalisa Octocat',
                  email: 'mona@github.com',
                  date: '2026-01-11T10:00:00Z',
                },
                committer: {
                  name: 'Monalisa Octocat',
                  email: 'mona@github.com',
                  date: '2026-01-11T10:00:00Z',
                },
                message,
                tree: {
                  url: `https://api.github.com/repos/${REPOSITORY}/tree/${i}`,
                  sha: `${i}`.padStart(40, 'b'),
                },
                comment_count: 0,
              },
              author: null,
              committer: null,
              parents: [],
            })),
          ),
        );
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ message: 'Not Found' }));
    });
    await new Promise<void>(resolve => github.listen(0, '127.0.0.1', resolve));
  });

  afterAll(async () => {
    await new Promise(resolve => github.close(resolve));
  });

  beforeEach(() => {
    githubCommits = [];
    githubRequests = [];
    repo.setContent({
      'catalog-info.yaml': 'apiVersion: backstage.io/v1alpha1\n',
      'AGENTS.md': '# Agents\n\nActive work: specs/001-hello\n',
      'specs/001-hello/spec.md': specMarkdown,
      'specs/001-hello/tasks.md': tasksMarkdown(false),
      'specs/001-hello/plan.md': '# Implementation Plan: Hello\n',
    });
  });

  const component = (): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'hello-world',
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `file:${repo.resolve(
          'catalog-info.yaml',
        )}`,
        'github.com/project-slug': REPOSITORY,
      },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'team-a',
      system: 'greetings',
    },
  });

  async function start(permission: 'ALLOW' | 'DENY' = 'ALLOW') {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        catalogServiceMock.factory({ entities: [component()] }),
        mockServices.permissions.factory({ result: permission }),
        mockServices.rootConfig.factory({
          data: {
            platform: { github: { webhookSecret: SECRET } },
            integrations: {
              github: [
                {
                  host: 'github.com',
                  apiBaseUrl: `http://127.0.0.1:${
                    (github.address() as AddressInfo).port
                  }`,
                  token: 'test-token',
                },
              ],
            },
          },
        }),
      ],
    });
    return server;
  }

  const deliver = (
    server: any,
    event: string,
    payload: unknown,
    id: string,
    secret = SECRET,
  ) => {
    const body = JSON.stringify(payload);
    return request(server)
      .post('/api/platform/webhooks/github')
      .set('content-type', 'application/json')
      .set('x-github-event', event)
      .set('x-github-delivery', id)
      .set('x-hub-signature-256', signGithubPayload(secret, body))
      .send(body);
  };

  it('indexes a component on refresh and serves the portfolio, detail and files', async () => {
    const server = await start();
    expect((await request(server).get('/api/platform/specs')).body).toEqual({
      items: [],
      totalCount: 0,
    });

    const refreshed = await request(server)
      .post('/api/platform/specs/refresh')
      .send({ entityRef: 'component:default/hello-world' });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body).toEqual({
      entityRef: 'component:default/hello-world',
      updated: 1,
      unchanged: 0,
      removed: 0,
    });

    const list = await request(server).get(
      '/api/platform/specs?owner=group:default/team-a',
    );
    expect(list.body.totalCount).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      entityRef: 'component:default/hello-world',
      specEntityRef: 'spec:default/hello-world-001-hello',
      slug: '001-hello',
      title: 'Hello greeting',
      status: 'draft',
      active: true,
      system: 'system:default/greetings',
      documents: ['plan', 'spec', 'tasks'],
      counts: { total: 3, done: 0, open: 3, other: 0 },
      completion: 0,
    });

    const detail = await request(server).get(
      '/api/platform/specs/component/default/hello-world/001-hello',
    );
    expect(detail.status).toBe(200);
    expect(
      detail.body.tasks.map((t: any) => [t.id, t.parallel, t.stories, t.phase]),
    ).toEqual([
      ['T001', true, ['US1'], 'Phase 1: Setup'],
      ['T002', false, ['US1'], 'Phase 1: Setup'],
      ['T003', false, [], 'Phase 1: Setup'],
    ]);

    const file = await request(server).get(
      '/api/platform/specs/component/default/hello-world/001-hello/files/spec.md',
    );
    expect(file.body).toEqual({
      path: 'spec.md',
      kind: 'spec',
      content: specMarkdown,
      mediaType: 'text/markdown',
    });

    const escape = await request(server).get(
      '/api/platform/specs/component/default/hello-world/001-hello/files/..%2F..%2Fcatalog-info.yaml',
    );
    expect(escape.status).toBe(404);
    expect(
      (
        await request(server).get(
          '/api/platform/specs/component/default/hello-world/999-nope',
        )
      ).status,
    ).toBe(404);

    const again = await request(server)
      .post('/api/platform/specs/refresh')
      .send({ entityRef: 'component:default/hello-world' });
    expect(again.body).toMatchObject({ updated: 0, unchanged: 1 });
  });

  it('rejects bad input with 400 and unknown components with 404', async () => {
    const server = await start();
    const bad = await request(server).get(
      '/api/platform/specs?minCompletion=2',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/minCompletion/);
    expect(
      (await request(server).post('/api/platform/specs/refresh').send({}))
        .status,
    ).toBe(400);
    expect(
      (
        await request(server)
          .post('/api/platform/specs/refresh')
          .send({ entityRef: 'component:default/nope' })
      ).status,
    ).toBe(404);
  });

  it('refuses refresh without the permission', async () => {
    const server = await start('DENY');
    const res = await request(server)
      .post('/api/platform/specs/refresh')
      .send({ entityRef: 'component:default/hello-world' });
    expect(res.status).toBe(403);
  });

  it('rejects webhook deliveries without a valid signature', async () => {
    const server = await start();
    const push = example('push', p => p.ref === 'refs/heads/master');
    const unsigned = await request(server)
      .post('/api/platform/webhooks/github')
      .set('x-github-event', 'push')
      .set('x-github-delivery', 'd-0')
      .send(push);
    expect(unsigned.status).toBe(401);
    expect(
      (await deliver(server, 'push', push, 'd-1', 'wrong-secret')).status,
    ).toBe(401);
  });

  it('re-indexes on a push to the default branch and ignores replays', async () => {
    const server = await start();
    await request(server)
      .post('/api/platform/specs/refresh')
      .send({ entityRef: 'component:default/hello-world' });
    repo.addContent({ 'specs/001-hello/tasks.md': tasksMarkdown(true) });

    const push = example('push', p => p.ref === 'refs/heads/master');
    const tagPush = example('push', p => p.ref === 'refs/tags/simple-tag');
    const ignored = await deliver(server, 'push', tagPush, 'd-tag');
    expect(ignored.body).toMatchObject({ status: 'ignored' });

    const res = await deliver(server, 'push', push, 'd-push');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      event: 'push',
      status: 'processed',
      reindexed: ['component:default/hello-world'],
    });
    const list = await request(server).get('/api/platform/specs');
    expect(list.body.items[0].counts).toEqual({
      total: 3,
      done: 1,
      open: 2,
      other: 0,
    });

    const replay = await deliver(server, 'push', push, 'd-push');
    expect(replay.body).toMatchObject({
      status: 'ignored',
      reason: expect.stringMatching(/already processed/),
    });
  });

  it('links a merged pull request to the spec its scope names and completes tasks', async () => {
    const server = await start();
    await request(server)
      .post('/api/platform/specs/refresh')
      .send({ entityRef: 'component:default/hello-world' });
    githubCommits = ['feat(001): render the greeting T002', 'chore: tidy up'];

    const closed = example('pull_request', p => p.action === 'closed');
    const unmerged = await deliver(
      server,
      'pull_request',
      closed,
      'd-unmerged',
    );
    expect(unmerged.body).toMatchObject({ status: 'ignored' });

    const merged = structuredClone(closed);
    merged.pull_request.merged = true;
    merged.pull_request.merged_at = '2026-01-12T08:00:00Z';
    merged.pull_request.title = 'feat(hello): greeting module T001';
    const res = await deliver(server, 'pull_request', merged, 'd-merged');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      event: 'pull_request',
      status: 'processed',
      linked: [
        {
          entityRef: 'component:default/hello-world',
          slug: '001-hello',
          pullRequest: merged.pull_request.number,
          taskIds: ['T001', 'T002'],
        },
      ],
    });
    expect(githubRequests).toEqual([
      `GET /repos/${REPOSITORY}/pulls/${merged.pull_request.number}/commits?per_page=100&page=1 token test-token`,
    ]);

    const detail = await request(server).get(
      '/api/platform/specs/component/default/hello-world/001-hello',
    );
    expect(
      detail.body.tasks.map((t: any) => [
        t.id,
        t.done,
        t.linkedPrNumber ?? null,
      ]),
    ).toEqual([
      ['T001', true, merged.pull_request.number],
      ['T002', true, merged.pull_request.number],
      ['T003', false, null],
    ]);
    expect(detail.body.completion).toBe(0.67);
    expect(detail.body.pullRequests[0]).toMatchObject({
      repository: REPOSITORY,
      number: merged.pull_request.number,
      url: merged.pull_request.html_url,
      taskIds: ['T001', 'T002'],
    });
  });
});
