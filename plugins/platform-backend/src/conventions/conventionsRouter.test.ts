import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import { tmpdir } from 'node:os';
import request from 'supertest';
import {
  createLocalRepository,
  demoServiceFiles,
} from '../__testUtils__/conventionsRepository';
import { platformPlugin } from '../plugin';

const TOKEN = 'ghs_catalyst';
const BASE = '/api/platform/conventions/component/default/demo';

jest.setTimeout(60_000);

describe('conventions routes', () => {
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
    repo = `acme/demo-${++repoCount}`;
    await github.createRepository(repo, {
      commits: [{ message: 'feat(demo): first', files: demoServiceFiles() }],
    });
  });

  const component = (sourceLocation: string): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'demo',
      namespace: 'default',
      annotations: { 'backstage.io/source-location': sourceLocation },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  });

  async function start(entity: Entity, permission: 'ALLOW' | 'DENY' = 'ALLOW') {
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.permissions.factory({ result: permission }),
        mockServices.rootConfig.factory({
          data: {
            integrations: { github: [github.integrationConfig()] },
            // The local repositories of these tests are made in the temp folder.
            platform: { specs: { localRoots: [tmpdir()] } },
          },
        }),
      ],
    });
    return server;
  }

  it('reports drift and opens one pull request, updated on the next fix', async () => {
    const server = await start(
      component(`url:${github.urls.web}/${repo}/tree/main/`),
    );

    const report = await request(server).get(BASE);
    expect(report.status).toBe(200);
    expect(report.body).toMatchObject({
      entityRef: 'component:default/demo',
      pack: { id: 'typescript' },
      drifted: true,
    });
    expect(report.body.pullRequest).toBeUndefined();
    const status = (name: string) =>
      report.body.items.find((item: any) => item.name === name)?.status;
    expect(status('eslint.config.mjs')).toBe('missing');
    expect(status('.editorconfig')).toBe('drift');
    expect(status('tests-beside-code')).toBe('pass');
    expect(status('branch-naming')).toBe('pass');

    const fixed = await request(server).post(`${BASE}/fix`);
    expect(fixed.status).toBe(200);
    const expectedFiles = [
      '.editorconfig',
      '.github/CODEOWNERS',
      '.github/pull_request_template.md',
      '.github/workflows/ci.yml',
      '.husky/commit-msg',
      '.prettierrc.json',
      'commitlint.config.mjs',
      'eslint.config.mjs',
    ];
    expect(fixed.body).toMatchObject({
      status: 'opened',
      branch: 'catalyst/conventions',
      files: expectedFiles,
      pullRequest: {
        repository: repo,
        number: 1,
        url: `${github.urls.web}/${repo}/pull/1`,
      },
    });
    const pulls = github.pulls(repo);
    expect(pulls).toHaveLength(1);
    expect(pulls[0]).toMatchObject({
      title: 'chore(conventions): apply the platform standard',
      head: { ref: 'catalyst/conventions' },
      base: { ref: 'main' },
    });
    const git = github.repository(repo);
    const editorconfig = await git.readFile(
      'catalyst/conventions',
      '.editorconfig',
    );
    expect(editorconfig).toContain('indent_style = space');
    expect(await git.readFile('catalyst/conventions', 'src/index.ts')).toBe(
      'export const answer = 42;\n',
    );
    const head = await git.readCommit(
      (await git.resolveRef('refs/heads/catalyst/conventions'))!,
    );
    expect(head!.message.trim()).toBe(
      'chore(conventions): apply the platform standard',
    );

    const again = await request(server).post(`${BASE}/fix`);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      status: 'updated',
      files: expectedFiles,
      pullRequest: { number: 1 },
    });
    expect(github.pulls(repo)).toHaveLength(1);

    const after = await request(server).get(BASE);
    expect(after.body.pullRequest).toMatchObject({
      number: 1,
      branch: 'catalyst/conventions',
      files: expectedFiles,
    });
  });

  it('lists the compliance of every reported component', async () => {
    const server = await start(
      component(`url:${github.urls.web}/${repo}/tree/main/`),
    );
    const empty = await request(server).get('/api/platform/conventions');
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({
      items: [],
      totalCount: 0,
      offset: 0,
      limit: 50,
      totals: { components: 0, compliant: 0, drifted: 0 },
    });

    const report = await request(server).get(BASE);
    expect(report.status).toBe(200);
    const fixed = await request(server).post(`${BASE}/fix`);
    expect(fixed.status).toBe(200);

    const overview = await request(server)
      .get('/api/platform/conventions')
      .query({ drifted: 'true', packId: 'typescript', q: 'DEMO', limit: 10 });
    expect(overview.status).toBe(200);
    expect(overview.body).toMatchObject({
      totalCount: 1,
      offset: 0,
      limit: 10,
      totals: { components: 1, compliant: 0, drifted: 1 },
    });
    expect(overview.body.items).toEqual([
      {
        entityRef: 'component:default/demo',
        packId: 'typescript',
        drifted: true,
        summary: report.body.summary,
        driftedItems: report.body.items
          .filter((item: any) => ['drift', 'missing'].includes(item.status))
          .map((item: any) => item.name),
        warningCount: 0,
        pullRequest: fixed.body.pullRequest,
        scannedAt: expect.any(String),
      },
    ]);
    expect(overview.body.items[0].driftedItems).toContain('.editorconfig');

    const compliant = await request(server)
      .get('/api/platform/conventions')
      .query({ drifted: 'false' });
    expect(compliant.body.items).toEqual([]);
    expect(compliant.body.totals.drifted).toBe(1);

    for (const query of [
      { limit: '501' },
      { drifted: 'yes' },
      { offset: '-1' },
    ]) {
      const bad = await request(server)
        .get('/api/platform/conventions')
        .query(query);
      expect(bad.status).toBe(400);
      expect(bad.body.error.name).toBe('InputError');
    }
  });

  it('reads file: locations in place, with the platform rule set applied', async () => {
    const local = await createLocalRepository(demoServiceFiles());
    try {
      const server = await start(component(`file:${local.dir}/`));
      const rules = await request(server).get(
        '/api/platform/conventions/rules',
      );
      expect(rules.status).toBe(200);
      const eslint = rules.body.items.find(
        (rule: any) =>
          rule.packId === 'typescript' && rule.ruleName === 'eslint',
      );
      expect(eslint).toMatchObject({ ruleType: 'lint', enabled: true });

      const before = await request(server).get(BASE);
      expect(before.status).toBe(200);
      expect(
        before.body.items.find((item: any) => item.name === 'eslint').status,
      ).toBe('missing');

      const toggled = await request(server)
        .patch(`/api/platform/conventions/rules/${eslint.id}`)
        .send({ enabled: false });
      expect(toggled.status).toBe(200);
      expect(toggled.body.enabled).toBe(false);

      const after = await request(server).get(BASE);
      expect(
        after.body.items.find((item: any) => item.name === 'eslint'),
      ).toMatchObject({ status: 'overridden' });

      const bad = await request(server)
        .patch(`/api/platform/conventions/rules/${eslint.id}`)
        .send({ enabled: 'no' });
      expect(bad.status).toBe(400);
    } finally {
      await local.remove();
    }
  });

  it("keeps a component's own rule rows under catalyst.yaml", async () => {
    const local = await createLocalRepository({
      ...demoServiceFiles(),
      'catalyst.yaml': 'conventions:\n  rules:\n    eslint: false\n',
    });
    try {
      const server = await start(component(`file:${local.dir}/`));
      const ruleOf = (body: any, name: string) =>
        body.items.find((item: any) => item.ruleName === name);
      const itemOf = (body: any, name: string) =>
        body.items.find((item: any) => item.name === name);

      const before = await request(server).get(`${BASE}/rules`);
      expect(before.status).toBe(200);
      expect(before.body.pack).toEqual({
        id: 'typescript',
        title: expect.any(String),
      });
      expect(ruleOf(before.body, 'branch-naming')).toMatchObject({
        source: 'platform',
        enabled: true,
        status: 'pass',
        platformRule: { ruleName: 'branch-naming' },
      });
      expect(ruleOf(before.body, 'eslint')).toMatchObject({
        source: 'catalyst.yaml',
        enabled: false,
        status: 'overridden',
      });

      const saved = await request(server)
        .put(`${BASE}/rules/branch-naming`)
        .send({ enabled: false, config: { pattern: '^team/' } });
      expect(saved.status).toBe(200);
      expect(saved.body).toMatchObject({
        entityRef: 'component:default/demo',
        packId: 'typescript',
        ruleName: 'branch-naming',
        ruleType: 'branch',
        enabled: false,
        config: { pattern: '^team/' },
      });
      // The component row does not out-rank catalyst.yaml.
      const eslint = await request(server)
        .put(`${BASE}/rules/eslint`)
        .send({ enabled: true });
      expect(eslint.status).toBe(200);

      const report = await request(server).get(BASE);
      expect(itemOf(report.body, 'branch-naming')).toMatchObject({
        status: 'overridden',
        evidence: [
          expect.stringMatching(
            new RegExp(
              `^convention rule ${saved.body.id} disables it for component:default/demo`,
            ),
          ),
        ],
      });
      expect(itemOf(report.body, 'eslint')).toMatchObject({
        status: 'overridden',
        evidence: ['catalyst.yaml:3 rules'],
      });

      const after = await request(server).get(`${BASE}/rules`);
      expect(ruleOf(after.body, 'branch-naming')).toMatchObject({
        source: 'component',
        enabled: false,
        config: { pattern: '^team/' },
        componentRule: { id: saved.body.id },
      });
      expect(ruleOf(after.body, 'eslint')).toMatchObject({
        source: 'catalyst.yaml',
        enabled: false,
        componentRule: { enabled: true },
      });

      const unknown = await request(server)
        .put(`${BASE}/rules/no-such-rule`)
        .send({ enabled: false });
      expect(unknown.status).toBe(404);
      expect(unknown.body.error.message).toBe(
        'Pack "typescript" of component:default/demo has no rule "no-such-rule"',
      );
      for (const body of [
        { enabled: 'no' },
        {},
        { enabled: true, config: 'x' },
        { enabled: true, extra: 1 },
      ]) {
        const bad = await request(server)
          .put(`${BASE}/rules/branch-naming`)
          .send(body);
        expect(bad.status).toBe(400);
        expect(bad.body.error.message).toMatch(/^Invalid rule: /);
      }

      const removed = await request(server).delete(
        `${BASE}/rules/branch-naming`,
      );
      expect(removed.status).toBe(204);
      const restored = await request(server).get(BASE);
      expect(itemOf(restored.body, 'branch-naming').status).toBe('pass');
      expect(
        (
          await request(server).get('/api/platform/conventions/rules')
        ).body.items
          .filter((rule: any) => rule.entityRef)
          .map((rule: any) => rule.ruleName),
      ).toEqual(['eslint']);
    } finally {
      await local.remove();
    }
  });

  it('needs catalyst.conventions.fix to fix and the manage permission to toggle rules', async () => {
    const server = await start(
      component(`url:${github.urls.web}/${repo}/tree/main/`),
      'DENY',
    );
    const fix = await request(server).post(`${BASE}/fix`);
    expect(fix.status).toBe(403);
    expect(fix.body.error.message).toMatch(/catalyst.conventions.fix/);
    expect(github.pulls(repo)).toHaveLength(0);
    const toggle = await request(server)
      .patch('/api/platform/conventions/rules/1')
      .send({ enabled: false });
    expect(toggle.status).toBe(403);
    const own = await request(server)
      .put(`${BASE}/rules/branch-naming`)
      .send({ enabled: false });
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(
      /catalyst\.conventions\.rules\.manage/,
    );
    expect(
      (await request(server).delete(`${BASE}/rules/branch-naming`)).status,
    ).toBe(403);
    expect((await request(server).get(BASE)).status).toBe(200);
  });
});
