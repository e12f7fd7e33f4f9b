import { mockServices } from '@backstage/backend-test-utils';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { Entity } from '@backstage/catalog-model';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { GithubSimulator } from '@catalyst/github-simulator';
import {
  cleanServiceFiles,
  demoServiceFiles,
} from '../__testUtils__/conventionsRepository';
import {
  createConventionsService,
  simulatedComponent,
} from '../__testUtils__/conventionsService';
import { createScanPacer, createTaskStores } from '../__testUtils__/taskStores';
import { TaskQueue } from '../tasks/TaskQueue';
import { TaskScannerRunner } from '../tasks/TaskScannerRunner';
import { ConventionDriftScanner } from './ConventionDriftScanner';

const databases = createTestDatabases();
const NOW = new Date('2026-11-27T12:00:00Z');

jest.setTimeout(60_000);

function driftScanner(
  conventions: Awaited<ReturnType<typeof createConventionsService>>,
  logger = mockServices.logger.mock(),
) {
  return new ConventionDriftScanner(
    { frequency: { hours: 6 }, timeout: { minutes: 30 } },
    {
      service: conventions.service,
      catalog: conventions.catalog,
      auth: conventions.auth,
      integrations: conventions.integrations,
      logger,
    },
  );
}

describe('ConventionDriftScanner', () => {
  let github: GithubSimulator;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: 'ghs_scan' });
    await github.createRepository('acme/drifted', {
      commits: [{ message: 'feat(demo): first', files: demoServiceFiles() }],
    });
    await github.createRepository('acme/clean', {
      commits: [{ message: 'feat(clean): first', files: cleanServiceFiles() }],
    });
  });

  afterAll(async () => {
    await github.stop();
  });

  it('queues one convention_fix task per drifted GitHub component, once', async () => {
    const { knex, store } = await createTaskStores(databases, 'SQLITE_3');
    const local: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'local',
        namespace: 'default',
        annotations: { 'backstage.io/source-location': 'file:/srv/local/' },
      },
      spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
    };
    // A component read from a local folder: reported, never a task.
    const folder = await fs.mkdtemp(join(tmpdir(), 'drift-scan-'));
    for (const [path, content] of Object.entries(demoServiceFiles())) {
      await fs.mkdir(dirname(join(folder, path)), { recursive: true });
      await fs.writeFile(join(folder, path), content);
    }
    const onDisk: Entity = {
      ...local,
      metadata: {
        name: 'on-disk',
        namespace: 'default',
        annotations: { 'backstage.io/source-location': `dir:${folder}/` },
      },
    };
    const conventions = await createConventionsService({
      knex,
      github,
      entities: [
        simulatedComponent(github, 'drifted', 'acme/drifted'),
        simulatedComponent(github, 'clean', 'acme/clean'),
        local,
        onDisk,
      ],
    });
    const scanner = driftScanner(conventions);
    const runner = new TaskScannerRunner({
      queue: new TaskQueue(store, []),
      logger: mockServices.logger.mock(),
      pacer: createScanPacer(knex, { now: () => NOW.getTime() }),
      now: () => NOW,
    });

    await expect(runner.run(scanner)).resolves.toEqual({
      found: 1,
      created: 1,
    });
    await expect(runner.run(scanner)).resolves.toEqual({
      found: 1,
      created: 0,
    });

    const { items } = await store.list({});
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      entityRef: 'component:default/drifted',
      taskType: 'convention_fix',
      repository: 'acme/drifted',
      subject: 'conventions',
      status: 'pending',
    });
    expect(items[0].description).toContain('- .editorconfig (drift)');
    expect(items[0].description).toContain('- eslint.config.mjs (missing)');

    // Every readable component was reported, and its compliance recorded.
    const overview = await conventions.status.overview({
      offset: 0,
      limit: 50,
    });
    expect(
      overview.items.map(row => [row.entityRef, row.drifted, row.openTaskId]),
    ).toEqual([
      ['component:default/drifted', true, items[0].id],
      ['component:default/on-disk', true, undefined],
      ['component:default/clean', false, undefined],
    ]);
    await fs.rm(folder, { recursive: true, force: true });
  });

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    it('clones a component again only when its commit or its rules changed, whatever the size of the check cache', async () => {
      const { knex, store } = await createTaskStores(databases, databaseId);
      const suffix = databaseId.toLowerCase();
      const names = ['one', 'two', 'three'].map(n => `${n}-${suffix}`);
      const repos = [];
      for (const [i, name] of names.entries()) {
        repos.push(
          await github.createRepository(`acme/${name}`, {
            commits: [
              {
                message: 'feat(demo): first',
                files: i === 0 ? demoServiceFiles() : cleanServiceFiles(),
              },
            ],
          }),
        );
      }
      const conventions = await createConventionsService({
        knex,
        github,
        entities: names.map(name =>
          simulatedComponent(github, name, `acme/${name}`),
        ),
        // No check is answered from the in-memory cache: what it holds is not what saves the clones.
        checkCache: { ttlMs: 0, maxEntries: 1 },
      });
      const opened = jest.spyOn(conventions.checkouts, 'openComponent');
      const logger = mockServices.logger.mock();
      const scanner = driftScanner(conventions, logger);
      const runner = new TaskScannerRunner({
        queue: new TaskQueue(store, []),
        logger: mockServices.logger.mock(),
        pacer: createScanPacer(knex, { now: () => NOW.getTime() }),
        now: () => NOW,
      });
      const clonedSince = (from: number) =>
        opened.mock.calls
          .slice(from)
          .map(([entity]) => entity.metadata.name)
          .sort();

      await expect(runner.run(scanner)).resolves.toEqual({
        found: 1,
        created: 1,
      });
      expect(clonedSince(0)).toEqual([...names].sort());

      // Nothing changed: no clone, the drifted component is found again from memory.
      let from = opened.mock.calls.length;
      await expect(runner.run(scanner)).resolves.toEqual({
        found: 1,
        created: 0,
      });
      expect(clonedSince(from)).toEqual([]);
      const overview = await conventions.status.overview({
        offset: 0,
        limit: 10,
      });
      expect(overview.items.map(row => [row.entityRef, row.drifted])).toEqual([
        [`component:default/${names[0]}`, true],
        [`component:default/${names[2]}`, false],
        [`component:default/${names[1]}`, false],
      ]);

      // A push to one repository: that one is cloned and checked again.
      await repos[1].commitFiles(
        'main',
        { '.editorconfig': 'root = false\n' },
        'chore: editorconfig',
      );
      from = opened.mock.calls.length;
      await runner.run(scanner);
      expect(clonedSince(from)).toEqual([names[1]]);
      expect(
        (await conventions.service.report(`component:default/${names[1]}`))
          .drifted,
      ).toBe(true);

      // The platform's rule set changed: every component is checked again.
      const [rule] = await conventions.store.listRules();
      await conventions.store.setRuleEnabled(rule.id, false, NOW);
      from = opened.mock.calls.length;
      await runner.run(scanner);
      expect(clonedSince(from)).toEqual([...names].sort());
      expect(logger.warn).not.toHaveBeenCalled();
    });
  });
});
