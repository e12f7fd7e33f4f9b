import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import {
  DefaultCheckoutService,
  GithubPullRequestPublisher,
} from '@catalyst/plugin-platform-node';
import { Knex } from 'knex';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPaymentsCheckout,
  localPaymentsComponent,
  paymentsCommits,
  paymentsPackageJson,
} from '../__testUtils__/agentContextRepository';
import { simulatedComponent } from '../__testUtils__/conventionsService';
import { migratedDatabase } from '../__testUtils__/database';
import { AgentContextService } from './AgentContextService';
import { AgentContextStore } from './AgentContextStore';
import { AGENT_CONTEXT_ANALYZER_VERSION } from './analyzeAgentContext';

const databases = createTestDatabases();
const TOKEN = 'ghs_agent_context_check';

jest.setTimeout(60_000);

describe('AgentContextService.checkAll', () => {
  let github: GithubSimulator;
  let workingDirectory: string;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: TOKEN });
    workingDirectory = await fs.mkdtemp(join(tmpdir(), 'agent-context-check-'));
  });

  afterAll(async () => {
    await github.stop();
    await fs.rm(workingDirectory, { recursive: true, force: true });
  });

  /** The service on `knex`, cloning from the simulator with `token`, its clones counted. */
  function createService(
    knex: Knex,
    entities: Entity[],
    options: { token?: string; analyzerVersion?: string } = {},
  ) {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { ...github.integrationConfig(), token: options.token ?? TOKEN },
          ],
        },
      }),
    );
    const checkouts = new DefaultCheckoutService({
      urlReader: mockServices.urlReader.mock(),
      integrations,
      workingDirectory,
    });
    const opened = jest.spyOn(checkouts, 'openComponent');
    const store = new AgentContextStore(knex);
    const logger = mockServices.logger.mock();
    const service = new AgentContextService({
      store,
      checkouts,
      clone: { depth: 50, history: true },
      analyzerVersion: options.analyzerVersion,
      publisher: new GithubPullRequestPublisher({ integrations }),
      integrations,
      catalog: catalogServiceMock({ entities }),
      auth: mockServices.auth(),
      logger,
    });
    /** The names of the components opened (cloned or read) since call `from`. */
    const openedSince = (from: number) =>
      opened.mock.calls
        .slice(from)
        .map(([entity]) => entity.metadata.name)
        .sort();
    return { service, store, checkouts, opened, openedSince, logger };
  }

  /** The git requests the simulator received for the repositories since request `from`. */
  const gitRequestsSince = (from: number, repos: string[]) =>
    github.requests
      .slice(from)
      .filter(
        r =>
          r.operation === 'git' &&
          repos.some(repo => r.path.startsWith(`/${repo}.git/`)),
      );

  async function createRepositories(names: string[]) {
    const repos = [];
    for (const name of names) {
      repos.push(
        await github.createRepository(`acme/${name}`, {
          commits: paymentsCommits(),
        }),
      );
    }
    return repos;
  }

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    const suffix = databaseId.toLowerCase();

    it('clones a component again only once its branch moved', async () => {
      const names = ['orders', 'billing', 'ledger'].map(n => `${n}-${suffix}`);
      const repos = await createRepositories(names);
      const entities = names.map(name =>
        simulatedComponent(github, name, `acme/${name}`),
      );
      const knex = await migratedDatabase(databases, databaseId);
      const { service, store, checkouts, openedSince, logger } = createService(
        knex,
        entities,
      );
      for (const name of names) {
        await service.generate(`component:default/${name}`);
      }
      const generated = await store.get(`component:default/${names[0]}`);
      expect(generated?.revision).toEqual({
        commit: await repos[0].resolveRef('refs/heads/main'),
        analyzerVersion: `${AGENT_CONTEXT_ANALYZER_VERSION} depth=50`,
      });

      // What reading one branch head costs, in git requests.
      let from = github.requests.length;
      await checkouts.componentRevision(entities[0]);
      const perHead = gitRequestsSince(from, [`acme/${names[0]}`]).length;
      expect(perHead).toBeGreaterThan(0);

      // Two cycles with nothing changed: the generated contexts stand, nothing is cloned.
      const repoNames = names.map(name => `acme/${name}`);
      for (let cycle = 0; cycle < 2; cycle++) {
        from = github.requests.length;
        const opens = openedSince(0).length;
        await expect(service.checkAll()).resolves.toEqual({
          checked: 3,
          unchanged: 3,
          stale: 3,
          failed: 0,
          removed: 0,
        });
        expect(openedSince(0).length).toBe(opens);
        // One ls-remote per repository, no clone.
        expect(gitRequestsSince(from, repoNames)).toHaveLength(3 * perHead);
      }
      const confirmed = await store.get(`component:default/${names[0]}`);
      expect(confirmed).toMatchObject({
        stale: true,
        lastError: undefined,
        lastGeneratedAt: generated?.lastGeneratedAt,
      });

      // A push to one repository: that one is cloned and analysed again.
      await repos[1].commitFiles(
        'main',
        { 'package.json': paymentsPackageJson({ lint: 'eslint .' }) },
        'feat(api): lint the code',
      );
      const opens = openedSince(0).length;
      from = github.requests.length;
      await expect(service.checkAll()).resolves.toEqual({
        checked: 3,
        unchanged: 2,
        stale: 3,
        failed: 0,
        removed: 0,
      });
      expect(openedSince(opens)).toEqual([names[1]]);
      expect(gitRequestsSince(from, repoNames).length).toBeGreaterThan(
        3 * perHead,
      );
      const moved = await store.get(`component:default/${names[1]}`);
      expect(moved?.content).toContain('| Lint | `yarn lint` | `eslint .` |');
      expect(moved?.revision?.commit).toBe(
        await repos[1].resolveRef('refs/heads/main'),
      );
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('analyses every component again under another analyzer version, and rows that predate the revision once', async () => {
      const names = ['search', 'catalog'].map(n => `${n}-${suffix}`);
      await createRepositories(names);
      const entities = names.map(name =>
        simulatedComponent(github, name, `acme/${name}`),
      );
      const knex = await migratedDatabase(databases, databaseId);
      const first = createService(knex, entities);
      for (const name of names) {
        await first.service.generate(`component:default/${name}`);
      }
      // A row stored before the commit was kept (the migration leaves it NULL).
      await knex('agent_contexts')
        .where({ entity_ref: `component:default/${names[0]}` })
        .update({ analyzed_commit: null, analyzer_version: null });

      await expect(first.service.checkAll()).resolves.toMatchObject({
        checked: 2,
        unchanged: 1,
      });
      expect(first.openedSince(names.length)).toEqual([names[0]]);

      // The analysis changed: a new version, and every component is analysed again, once.
      const bumped = createService(knex, entities, {
        analyzerVersion: `${AGENT_CONTEXT_ANALYZER_VERSION}-next`,
      });
      await expect(bumped.service.checkAll()).resolves.toMatchObject({
        checked: 2,
        unchanged: 0,
        failed: 0,
      });
      expect(bumped.openedSince(0)).toEqual([...names].sort());
      expect(
        (await bumped.store.get(`component:default/${names[1]}`))?.revision
          ?.analyzerVersion,
      ).toBe(`${AGENT_CONTEXT_ANALYZER_VERSION}-next depth=50`);
      await expect(bumped.service.checkAll()).resolves.toMatchObject({
        checked: 2,
        unchanged: 2,
      });
      expect(bumped.openedSince(names.length)).toEqual([]);
    });

    it('counts a branch head it cannot read as a failure, with the reason, and clones nothing', async () => {
      const name = `revoked-${suffix}`;
      await createRepositories([name]);
      const entities = [simulatedComponent(github, name, `acme/${name}`)];
      const knex = await migratedDatabase(databases, databaseId);
      await createService(knex, entities).service.generate(
        `component:default/${name}`,
      );
      const revoked = createService(knex, entities, { token: 'ghs_revoked' });

      await expect(revoked.service.checkAll()).resolves.toEqual({
        checked: 0,
        unchanged: 0,
        stale: 0,
        failed: 1,
        removed: 0,
      });

      expect(revoked.opened).not.toHaveBeenCalled();
      expect(revoked.logger.warn).toHaveBeenCalledWith(
        expect.stringMatching(
          new RegExp(
            `^Could not check the agent context of component:default/${name}: .*git ls-remote`,
          ),
        ),
      );
      expect(
        (await revoked.store.get(`component:default/${name}`))?.lastError,
      ).toMatch(/^Reading the branch head failed: .*git ls-remote/);
    });

    it('analyses a component read from a local folder every time, as before', async () => {
      const local = await createPaymentsCheckout();
      try {
        await fs.writeFile(
          join(local.dir, 'catalog-info.yaml'),
          'kind: Component\n',
        );
        const entity = localPaymentsComponent(local.dir);
        const knex = await migratedDatabase(databases, databaseId);
        const { service, openedSince } = createService(knex, [entity]);
        await service.generate('component:default/payments-local');

        for (let cycle = 0; cycle < 2; cycle++) {
          await expect(service.checkAll()).resolves.toMatchObject({
            checked: 1,
            unchanged: 0,
            failed: 0,
          });
        }
        expect(openedSince(0)).toEqual([
          'payments-local',
          'payments-local',
          'payments-local',
        ]);
      } finally {
        await local.remove();
      }
    });
  });
});
