import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import knexFactory, { Knex } from 'knex';
import { join } from 'node:path';
import {
  createConventionsService,
  simulatedComponent,
} from '../__testUtils__/conventionsService';
import { demoServiceFiles } from '../__testUtils__/conventionsRepository';

describe('ConventionsService reads', () => {
  let github: GithubSimulator;
  let knex: Knex;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: 'cache-token' });
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
    await knex.migrate.latest({
      directory: join(__dirname, '../../migrations'),
    });
    for (const repo of ['acme/cached-a', 'acme/cached-b']) {
      await github.createRepository(repo, {
        commits: [{ message: 'feat(demo): first', files: demoServiceFiles() }],
      });
    }
  });

  afterAll(async () => {
    await knex.destroy();
    await github.stop();
  });

  afterEach(() => jest.restoreAllMocks());

  it('share one clone per component and rule set instead of cloning per request', async () => {
    const a = simulatedComponent(github, 'cached-a', 'acme/cached-a');
    const b = simulatedComponent(github, 'cached-b', 'acme/cached-b');
    const { service, store } = await createConventionsService({
      knex,
      github,
      entities: [a, b],
    });
    const clones = jest.spyOn(
      DefaultCheckoutService.prototype,
      'openComponent',
    );

    // A burst of reads of one component, then a later read: one clone.
    const burst = await Promise.all(
      [1, 2, 3].map(() => service.report('component:default/cached-a')),
    );
    const later = await service.report('component:default/cached-a');
    expect(clones).toHaveBeenCalledTimes(1);
    expect(new Set([...burst, later].map(r => r.drifted)).size).toBe(1);
    expect(later.items.length).toBeGreaterThan(0);

    // Another component is its own check.
    await service.report('component:default/cached-b');
    expect(clones).toHaveBeenCalledTimes(2);

    // A changed rule set is a new check.
    const [rule] = await store.listRules();
    await store.setRuleEnabled(rule.id, !rule.enabled, new Date());
    await service.report('component:default/cached-a');
    expect(clones).toHaveBeenCalledTimes(3);
  });
});
