import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import {
  executionContext,
  startPlatformWithScanner,
} from '@catalyst/plugin-platform-backend/testUtils';
import {
  DefaultCheckoutService,
  DefaultIsolatedToolRunner,
  GithubBudget,
  GithubPullRequestPublisher,
} from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  linkedLintTools,
  lintFixtureFiles,
} from './__testUtils__/lintFixtureRepository';
import { LintAutofixExecutor } from './LintAutofixExecutor';
import { LintAutofixScanner } from './LintAutofixScanner';
import type { LintAutofixScanConfig } from './readLintAutofixConfig';

jest.setTimeout(120_000);

const databases = createTestDatabases();

const component = (name: string, annotations?: Record<string, string>) =>
  ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, namespace: 'default', annotations },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  } as Entity);

const noLintTools = {
  'package.json': '{"name":"plain","scripts":{"test":"node test.js"}}\n',
  'index.js': 'var x = 1\n',
};

describe('LintAutofixScanner', () => {
  let simulator: GithubSimulator;
  let tools: Awaited<ReturnType<typeof linkedLintTools>>;
  let workDir: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    tools = await linkedLintTools();
  });
  afterAll(async () => {
    await simulator.stop();
    await tools.remove();
  });
  beforeEach(async () => {
    workDir = await fs.mkdtemp(join(tmpdir(), 'lint-scanner-'));
  });
  afterEach(async () => {
    await fs.rm(workDir, { recursive: true, force: true });
  });

  const integrations = () =>
    ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );

  function scanner(
    entities: Entity[],
    config: Partial<LintAutofixScanConfig>,
    budget?: GithubBudget,
  ) {
    const registry = integrations();
    return new LintAutofixScanner(
      { frequency: { hours: 6 }, timeout: { minutes: 15 } },
      {
        catalog: catalogServiceMock({ entities }),
        auth: mockServices.auth(),
        integrations: registry,
        credentialsProvider:
          DefaultGithubCredentialsProvider.fromIntegrations(registry),
        budget,
        logger: mockServices.logger.mock(),
        config: {
          enabled: true,
          scanFrequencyMinutes: 360,
          repositories: new Set(),
          owners: new Set(),
          maxTasksPerCycle: 10,
          ...config,
        },
      },
    );
  }
  const ctx = () => ({ now: new Date(), signal: new AbortController().signal });

  it('queues a repository again only when its default branch moved', async () => {
    const repo = await simulator.createRepository('acme/moving', {
      commits: [{ message: 'feat: cart', files: lintFixtureFiles() }],
    });
    await simulator.createRepository('acme/plain', {
      commits: [{ message: 'feat: plain', files: noLintTools }],
    });
    const scan = scanner(
      [
        component('moving', { 'github.com/project-slug': 'acme/moving' }),
        component('moving-docs', {
          'backstage.io/source-location': `url:https://${simulator.host}/acme/moving/tree/main/`,
        }),
        component('plain', { 'github.com/project-slug': 'acme/plain' }),
        component('local'),
      ],
      {},
    );

    const first = await scan.scan(ctx());
    expect(first).toEqual([
      expect.objectContaining({
        entityRef: 'component:default/moving',
        title: 'Apply eslint and prettier fixes to acme/moving',
        repository: 'acme/moving',
        subject: 'repository',
        payload: {
          repositoryUrl: `${simulator.urls.web}/acme/moving`,
          headSha: await repo.resolveRef('refs/heads/main'),
        },
      }),
    ]);
    expect(await scan.scan(ctx())).toEqual([]);

    await repo.commitFiles('main', { 'src/more.js': 'var y = 2\n' }, 'feat: y');
    const moved = await scan.scan(ctx());
    expect(moved.map(input => input.payload?.headSha)).toEqual([
      await repo.resolveRef('refs/heads/main'),
    ]);
  });

  it('sends its GitHub requests through the budget as lint-autofix', async () => {
    await simulator.createRepository('acme/budgeted', {
      commits: [{ message: 'feat: cart', files: lintFixtureFiles() }],
    });
    const budget = new GithubBudget();
    const from = simulator.requests.length;

    const found = await scanner(
      [component('budgeted', { 'github.com/project-slug': 'acme/budgeted' })],
      {},
      budget,
    ).scan(ctx());

    expect(found.map(input => input.repository)).toEqual(['acme/budgeted']);
    const sent = simulator.requests
      .slice(from)
      .filter(request => request.operation !== 'git');
    expect(sent.length).toBeGreaterThan(0);
    expect(budget.snapshot().features).toEqual([
      {
        feature: 'lint-autofix',
        requests: sent.filter(request => request.counted).length,
        notModified: 0,
        rateLimited: 0,
      },
    ]);
  });

  it('keeps to the opt-in lists, the per-cycle limit and the enabled flag', async () => {
    for (const name of ['team-a/one', 'team-a/two', 'team-b/three']) {
      await simulator.createRepository(name, {
        commits: [{ message: 'feat: start', files: lintFixtureFiles() }],
      });
    }
    const entities = ['team-a/one', 'team-a/two', 'team-b/three'].map(slug =>
      component(slug.replace('/', '-'), { 'github.com/project-slug': slug }),
    );
    const repositories = async (config: Partial<LintAutofixScanConfig>) =>
      (await scanner(entities, config).scan(ctx())).map(i => i.repository);

    expect(await repositories({ enabled: false })).toEqual([]);
    expect(await repositories({ owners: new Set(['team-a']) })).toEqual([
      'team-a/one',
      'team-a/two',
    ]);
    expect(
      await repositories({ repositories: new Set(['team-b/three']) }),
    ).toEqual(['team-b/three']);
    expect(await repositories({ maxTasksPerCycle: 1 })).toEqual(['team-a/one']);
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('costs one conditional request per repository on an idle cycle, answered 304 and not counted', async () => {
      const suffix = databaseId.toLowerCase();
      const lint = `acme/idle-lint-${suffix}`;
      const plain = `acme/idle-plain-${suffix}`;
      await simulator.createRepository(lint, {
        commits: [{ message: 'feat: cart', files: lintFixtureFiles() }],
      });
      const plainRepo = await simulator.createRepository(plain, {
        commits: [{ message: 'feat: plain', files: noLintTools }],
      });
      const budget = new GithubBudget();
      const platform = await startPlatformWithScanner(
        databases,
        databaseId,
        scanner(
          [
            component('idle-lint', { 'github.com/project-slug': lint }),
            component('idle-plain', { 'github.com/project-slug': plain }),
          ],
          {},
          budget,
        ),
      );
      const requestsSince = (from: number, slug: string) =>
        simulator.requests
          .slice(from)
          .filter(r => r.path.startsWith(`/repos/${slug}/`))
          .map(r => [r.operation, r.status, r.counted]);

      await platform.scan();
      expect(await platform.tasks()).toHaveLength(1);

      let from = simulator.requests.length;
      const before = budget.snapshot().features[0];
      await platform.scan();
      for (const slug of [lint, plain]) {
        expect(requestsSince(from, slug)).toEqual([
          ['git/get-ref', 304, false],
        ]);
      }
      const after = budget.snapshot().features[0];
      expect(after.requests - before.requests).toBe(0);
      expect(after.notModified - before.notModified).toBe(2);
      expect(await platform.tasks()).toHaveLength(1);

      // A push: that repository is read again, the other still costs a 304.
      await plainRepo.commitFiles(
        'main',
        { 'README.md': '# plain\n' },
        'docs: readme',
      );
      from = simulator.requests.length;
      await platform.scan();
      expect(requestsSince(from, lint)).toEqual([['git/get-ref', 304, false]]);
      expect(requestsSince(from, plain)[0]).toEqual(['git/get-ref', 200, true]);
      expect(requestsSince(from, plain).length).toBeGreaterThan(1);
      expect(await platform.tasks()).toHaveLength(1);
    });

    it('queues one task, whose run opens one chore pull request, and none while it is open', async () => {
      const slug = `acme/web-${databaseId.toLowerCase()}`;
      const repo = await simulator.createRepository(slug, {
        commits: [{ message: 'feat: cart', files: lintFixtureFiles() }],
      });
      const lintScanner = scanner(
        [component('web', { 'github.com/project-slug': slug })],
        {},
      );
      const platform = await startPlatformWithScanner(
        databases,
        databaseId,
        lintScanner,
      );

      await platform.scan();
      await platform.scan();
      const tasks = await platform.tasks();
      expect(tasks).toHaveLength(1);
      expect(tasks[0]).toMatchObject({
        taskType: 'lint_autofix',
        repository: slug,
        subject: 'repository',
        status: 'pending',
      });

      // The worker hands the claimed task to the executor.
      const registry = integrations();
      const executor = new LintAutofixExecutor({
        checkouts: new DefaultCheckoutService({
          integrations: registry,
          workingDirectory: workDir,
        }),
        publisher: new GithubPullRequestPublisher({ integrations: registry }),
        tools: new DefaultIsolatedToolRunner({
          mode: 'bwrap',
          readOnlyPaths: tools.readOnlyPaths,
        }),
        install: dir =>
          fs.symlink(tools.nodeModules, join(dir, 'node_modules')),
      });
      const result = await executor.execute(
        tasks[0],
        executionContext('apply', 'auto-merge'),
      );
      expect(result.outcome).toBe('done');
      const pulls = simulator.pulls(slug);
      expect(pulls).toHaveLength(1);
      expect(pulls[0].head.ref).toBe('chore/lint-autofix-repository');
      expect(pulls[0].title).toBe(
        'chore(lint): apply eslint and prettier fixes',
      );

      // The default branch moves while the lint pull request is open: nothing new.
      await repo.commitFiles(
        'main',
        { 'src/new.js': 'var z = 3\n' },
        'feat: z',
      );
      expect(await lintScanner.scan(ctx())).toEqual([]);
      await platform.scan();
      expect(await platform.tasks()).toHaveLength(1);
      // The open pull request was seen at this head: the next cycle costs one 304.
      const from = simulator.requests.length;
      await platform.scan();
      expect(
        simulator.requests
          .slice(from)
          .filter(r => r.path.startsWith(`/repos/${slug}/`))
          .map(r => [r.operation, r.status]),
      ).toEqual([['git/get-ref', 304]]);
    });
  });
});
