import { UrlReaderService } from '@backstage/backend-plugin-api';
import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import {
  createPaymentsCheckout,
  HAND_WRITTEN_AGENTS_MD,
  localPaymentsComponent,
  paymentsCommits,
  paymentsPackageJson,
} from '../__testUtils__/agentContextRepository';
import { AgentContextStore } from './AgentContextStore';
import { migratedDatabase } from '../__testUtils__/database';
import { AgentContextService } from './AgentContextService';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';

const TOKEN = 'ghs_catalyst';
const COMMIT = 'chore(agents-md): refresh AGENTS.md';

/** The checkouts still on disk: the folders inside every service instance's folder. */
async function checkoutsLeft(workingDirectory: string): Promise<string[]> {
  const root = join(workingDirectory, 'catalyst-checkouts');
  const instances = await fs.readdir(root).catch(() => [] as string[]);
  const left = await Promise.all(
    instances.map(instance => fs.readdir(join(root, instance))),
  );
  return left.flat();
}

describe('AgentContextService', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let github: GithubSimulator;
  let workingDirectory: string;
  let local: Awaited<ReturnType<typeof createPaymentsCheckout>>;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: TOKEN });
    local = await createPaymentsCheckout();
    await fs.writeFile(
      join(local.dir, 'catalog-info.yaml'),
      'kind: Component\n',
    );
  });

  afterAll(async () => {
    await github.stop();
    await local.remove();
  });

  let repoCount = 0;
  let repo: string;
  beforeEach(async () => {
    repo = `acme/payments-${++repoCount}`;
    await github.createRepository(repo, { commits: paymentsCommits() });
    workingDirectory = await fs.mkdtemp(join(tmpdir(), 'agent-context-work-'));
  });

  afterEach(async () => {
    await fs.rm(workingDirectory, { recursive: true, force: true });
  });

  const urlComponent = (): Entity => ({
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

  const fileComponent = (slug: string): Entity =>
    localPaymentsComponent(local.dir, { 'github.com/project-slug': slug });

  async function createService(options: {
    entities: Entity[];
    token?: string;
    readHistory?: boolean;
    urlReader?: UrlReaderService;
  }) {
    const store = new AgentContextStore(
      await migratedDatabase(databases, 'SQLITE_3'),
    );
    const token = options.token ?? TOKEN;
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { ...github.integrationConfig(), token },
            { ...github.integrationConfig('github.com'), token },
          ],
        },
      }),
    );
    const service = new AgentContextService({
      store,
      checkouts: new DefaultCheckoutService({
        urlReader: options.urlReader ?? mockServices.urlReader.mock(),
        integrations,
        workingDirectory,
      }),
      clone: { depth: 50, history: options.readHistory ?? true },
      publisher: new GithubPullRequestPublisher({ integrations }),
      integrations,
      catalog: catalogServiceMock({ entities: options.entities }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    return { service, store };
  }

  const git = () => github.repository(repo);
  const writes = () =>
    github.requests.filter(
      r => r.method !== 'GET' && r.operation !== 'git' && r.path.includes(repo),
    );

  it('generates from a shallow clone, reading the history, and says why the committed file is stale', async () => {
    const { service } = await createService({ entities: [urlComponent()] });

    const view = await service.generate('component:default/payments');

    expect(view.source).toEqual({
      type: 'clone',
      location: `${github.urls.web}/${repo}/tree/main/`,
      commit: await git().resolveRef('refs/heads/main'),
    });
    expect(view.content.startsWith(HAND_WRITTEN_AGENTS_MD)).toBe(true);
    expect(view.content).toContain('| Test | `yarn test` | `jest` |');
    // Only the history says this: the clone carried it.
    expect(view.content).toMatch(/- \*\*Commits\*\*: Conventional Commits/);
    expect(view).toMatchObject({
      stale: true,
      staleReason: 'AGENTS.md has no catalyst block',
      committedContent: HAND_WRITTEN_AGENTS_MD,
      committedHash: undefined,
      factsHash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect(view.diff.slice(0, 3)).toEqual([
      {
        type: 'unchanged',
        text: '# AGENTS.md',
        committedLine: 1,
        generatedLine: 1,
      },
      { type: 'unchanged', text: '', committedLine: 2, generatedLine: 2 },
      {
        type: 'unchanged',
        text: 'Hand-written: ask Dana before touching billing.',
        committedLine: 3,
        generatedLine: 3,
      },
    ]);
    expect(view.diff.filter(d => d.type === 'removed')).toEqual([]);
    expect(
      view.diff.filter(d => d.type === 'added').map(d => d.text),
    ).toContain('<!-- catalyst:begin -->');
    expect(view.changes.added).toContain('| Test | `yarn test` | `jest` |');
    expect(
      view.lines.find(l => l.text.startsWith('| Test |'))?.facts[0],
    ).toMatchObject({
      kind: 'command',
      source: { file: 'package.json' },
    });

    const clones = github.requests.filter(
      r => r.operation === 'git' && r.path.includes(repo),
    );
    expect(clones.length).toBeGreaterThan(0);
    expect(
      clones.every(
        r =>
          r.authorization ===
          `Basic ${Buffer.from(`x-access-token:${TOKEN}`).toString('base64')}`,
      ),
    ).toBe(true);
    expect(github.requests.some(r => r.path.includes(TOKEN))).toBe(false);
    // The clone is gone once analysed.
    expect(await checkoutsLeft(workingDirectory)).toEqual([]);
  });

  it('refreshes through one pull request: opened, updated after a push, then up to date once merged', async () => {
    const { service, store } = await createService({
      entities: [urlComponent()],
    });
    const generated = await service.generate('component:default/payments');

    const opened = await service.refresh('component:default/payments');

    expect(opened).toEqual({
      entityRef: 'component:default/payments',
      status: 'opened',
      factsHash: generated.factsHash,
      branch: 'chore/agents-md',
      pullRequest: { number: 1, url: `${github.urls.web}/${repo}/pull/1` },
    });
    expect(await git().readFile('chore/agents-md', 'AGENTS.md')).toBe(
      generated.content,
    );
    expect((await git().log('chore/agents-md'))[0]).toBe(COMMIT);
    const [pr] = github.pulls(repo);
    expect(pr).toMatchObject({
      title: COMMIT,
      state: 'open',
      base: { ref: 'main' },
    });
    expect(pr.body).toContain('+ | Test | `yarn test` | `jest` |');
    expect(pr.body).toContain('Why: AGENTS.md has no catalyst block.');
    expect(
      (await store.get('component:default/payments'))?.pullRequest,
    ).toEqual(opened.pullRequest);

    // A developer adds a lint script; the scheduled check notices.
    await git().commitFiles(
      'main',
      { 'package.json': paymentsPackageJson({ lint: 'eslint .' }) },
      'feat(api): lint the code',
    );
    expect(await service.checkAll()).toEqual({
      checked: 1,
      unchanged: 0,
      stale: 1,
      failed: 0,
      removed: 0,
    });
    const stale = await service.getContext('component:default/payments');
    expect(stale.content).toContain('| Lint | `yarn lint` | `eslint .` |');

    const updated = await service.refresh('component:default/payments');

    expect(updated).toMatchObject({
      status: 'updated',
      pullRequest: { number: 1 },
    });
    expect(github.pulls(repo)).toHaveLength(1);
    const branchContent = await git().readFile('chore/agents-md', 'AGENTS.md');
    expect(branchContent).toContain('| Lint | `yarn lint` | `eslint .` |');
    expect(await git().log('chore/agents-md')).toEqual([
      COMMIT,
      ...(await git().log('main')),
    ]);

    // The pull request is squash-merged.
    await git().commitFiles(
      'main',
      { 'AGENTS.md': branchContent! },
      `${COMMIT} (#1)`,
    );
    const fresh = await service.checkStaleness('component:default/payments');
    expect(fresh).toMatchObject({
      stale: false,
      changes: { added: [], removed: [] },
    });
    expect(fresh.committedHash).toBe(fresh.factsHash);

    const before = writes().length;
    const upToDate = await service.refresh('component:default/payments');
    expect(upToDate).toMatchObject({
      status: 'up-to-date',
      pullRequest: { number: 1 },
    });
    expect(writes().length).toBe(before);

    // Then the repository moves on again: the committed block is now outdated.
    await git().commitFiles(
      'main',
      {
        'package.json': paymentsPackageJson({
          lint: 'eslint .',
          typecheck: 'tsc --noEmit',
        }),
      },
      'feat(api): type check',
    );
    const outdated = await service.checkStaleness('component:default/payments');
    expect(outdated).toMatchObject({ stale: true, reason: undefined });
    expect(outdated.committedHash).toMatch(/^[0-9a-f]{64}$/);
    expect(outdated.committedHash).not.toBe(outdated.factsHash);
    expect(outdated.changes.added).toEqual(
      expect.arrayContaining([expect.stringContaining('`yarn typecheck`')]),
    );
  });

  it('reads files only, through the UrlReader, when history is off', async () => {
    const files = Object.assign(
      {},
      ...paymentsCommits().map(c => c.files),
    ) as Record<string, string>;
    const urlReader = mockServices.urlReader.mock({
      readTree: jest.fn(async () => ({
        etag: 'etag-1',
        files: async () => [],
        archive: async () => {
          throw new Error('not used');
        },
        dir: async (options?: { targetDir?: string }) => {
          for (const [path, content] of Object.entries(files)) {
            await fs.mkdir(dirname(join(options!.targetDir!, path)), {
              recursive: true,
            });
            await fs.writeFile(join(options!.targetDir!, path), content);
          }
          return options!.targetDir!;
        },
      })),
    });
    const { service } = await createService({
      entities: [urlComponent()],
      readHistory: false,
      urlReader,
    });

    const view = await service.generate('component:default/payments');

    expect(urlReader.readTree).toHaveBeenCalledWith(
      `${github.urls.web}/${repo}/tree/main/`,
    );
    expect(view.source).toEqual({
      type: 'tree',
      location: `${github.urls.web}/${repo}/tree/main/`,
    });
    expect(view.content).toContain('| Test | `yarn test` | `jest` |');
    expect(view.content).not.toContain('**Commits**');
    expect(
      github.requests.some(r => r.operation === 'git' && r.path.includes(repo)),
    ).toBe(false);
    expect(await checkoutsLeft(workingDirectory)).toEqual([]);
  });

  it('analyses a file: location in place and opens its pull request on github.com/project-slug', async () => {
    const { service } = await createService({
      entities: [fileComponent(repo)],
    });

    const view = await service.generate('component:default/payments-local');
    const result = await service.refresh('component:default/payments-local');

    expect(view.source).toMatchObject({
      type: 'directory',
      location: local.dir,
    });
    expect(result).toMatchObject({
      status: 'opened',
      pullRequest: { number: 1 },
    });
    expect(github.pulls(repo)[0].base.ref).toBe('main');
    expect(await git().readFile('chore/agents-md', 'AGENTS.md')).toBe(
      view.content,
    );
    // The local checkout itself is left as it is.
    expect(await fs.readFile(join(local.dir, 'AGENTS.md'), 'utf8')).toBe(
      HAND_WRITTEN_AGENTS_MD,
    );
  });

  it('opens no pull request on a repository that github.com/project-slug names instead of the source', async () => {
    const victim = `acme/victim-${repoCount}`;
    await github.createRepository(victim, { commits: paymentsCommits() });
    const entity = urlComponent();
    entity.metadata.annotations!['github.com/project-slug'] = victim;
    const { service } = await createService({ entities: [entity] });
    await service.generate('component:default/payments');

    const error = await service
      .refresh('component:default/payments')
      .catch(e => e);

    expect(error).toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringContaining(`names ${victim}`),
    });
    expect(github.pulls(victim)).toEqual([]);
    expect(github.pulls(repo)).toEqual([]);
    expect(
      github.requests.filter(
        r => r.method !== 'GET' && r.path.includes(victim),
      ),
    ).toEqual([]);
    expect(
      await github.repository(victim).resolveRef('refs/heads/chore/agents-md'),
    ).toBeUndefined();
  });

  it('opens the pull request on the source repository when github.com/project-slug names it too', async () => {
    const entity = urlComponent();
    entity.metadata.annotations!['github.com/project-slug'] =
      repo.toUpperCase();
    const { service } = await createService({ entities: [entity] });
    await service.generate('component:default/payments');

    expect(await service.refresh('component:default/payments')).toMatchObject({
      status: 'opened',
      pullRequest: { number: 1 },
    });
    expect(github.pulls(repo)).toHaveLength(1);
  });

  describe('GitHub failures', () => {
    it('turns a rate limit into 503 with the reset time and records it', async () => {
      const { service, store } = await createService({
        entities: [urlComponent()],
      });
      await service.generate('component:default/payments');
      const resetAt = new Date(Math.ceil(Date.now() / 1000) * 1000 + 3_600_000);
      github.setRateLimit(2, resetAt);
      try {
        const error = await service
          .refresh('component:default/payments')
          .catch(e => e);

        expect(error.name).toBe('ServiceUnavailableError');
        expect(error.message).toContain(resetAt.toISOString());
        expect(
          (await store.get('component:default/payments'))?.lastError,
        ).toMatch(/^Refresh failed: GitHub rate limit reached/);
      } finally {
        github.setRateLimit(1_000_000, new Date());
      }
      expect(github.pulls(repo)).toEqual([]);
    });

    it('turns a 422 into a conflict', async () => {
      const { service } = await createService({ entities: [urlComponent()] });
      github.failNext(
        { operation: 'pulls/create' },
        {
          status: 422,
          body: {
            message: 'Validation Failed',
            documentation_url:
              'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
            errors: [
              {
                resource: 'PullRequest',
                code: 'custom',
                message: 'Base branch is protected by a rule',
              },
            ],
          },
        },
      );

      const error = await service
        .refresh('component:default/payments')
        .catch(e => e);

      expect(error.name).toBe('ConflictError');
      expect(error.message).toMatch(/Base branch is protected by a rule/);
    });

    it("says refused credentials are Catalyst's, not the user's (403, not 401)", async () => {
      const { service } = await createService({
        entities: [fileComponent(repo)],
        token: 'ghs_revoked',
      });

      const error = await service
        .refresh('component:default/payments-local')
        .catch(e => e);

      expect(error.name).toBe('NotAllowedError');
      expect(error.message).toMatch(
        /Catalyst's GitHub credentials were refused: .*Bad credentials/,
      );
    });
  });

  it('refuses components it cannot publish or find', async () => {
    const noGithub: Entity = {
      ...fileComponent(repo),
      metadata: {
        name: 'no-github',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${join(
            local.dir,
            'catalog-info.yaml',
          )}`,
        },
      },
    };
    const { service } = await createService({ entities: [noGithub] });

    await expect(
      service.refresh('component:default/no-github'),
    ).rejects.toThrow(/has no GitHub repository to open a pull request on/);
    await expect(
      service.generate('component:default/missing'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(
      service.getContext('component:default/no-github'),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
  });

  it('reports broken markers in the committed AGENTS.md with their line', async () => {
    await git().commitFiles(
      'main',
      { 'AGENTS.md': '# AGENTS.md\n\n<!-- catalyst:begin -->\nHalf a block\n' },
      'docs: break the block',
    );
    const { service, store } = await createService({
      entities: [urlComponent()],
    });

    const error = await service
      .generate('component:default/payments')
      .catch(e => e);

    expect(error.name).toBe('ConflictError');
    expect(error.message).toMatch(
      /AGENTS.md line 3: <!-- catalyst:begin --> has no matching <!-- catalyst:end -->/,
    );
    expect(await store.get('component:default/payments')).toBeUndefined();
  });
});
