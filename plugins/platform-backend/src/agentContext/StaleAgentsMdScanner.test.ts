import { ConfigReader } from '@backstage/config';
import { mockServices } from '@backstage/backend-test-utils';
import { ScmIntegrations } from '@backstage/integration';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { createScanPacer, createTaskStores } from '../__testUtils__/taskStores';
import { AgentContextAnalysis, AgentContextStore } from './AgentContextStore';
import { TaskQueue } from '../tasks/TaskQueue';
import { TaskScannerRunner } from '../tasks/TaskScannerRunner';
import { StaleAgentsMdScanner } from './StaleAgentsMdScanner';

const databases = createTestDatabases();
const NOW = new Date('2026-03-10T12:00:00Z');

const analysis = (
  stale: boolean,
  source: AgentContextAnalysis['source'],
): AgentContextAnalysis => ({
  factsHash: 'a'.repeat(64),
  content: '# AGENTS.md\n',
  stale,
  staleReason: stale ? 'AGENTS.md has no catalyst block' : undefined,
  changes: { added: [], removed: [] },
  lines: [],
  diagnostics: [],
  source,
});

describe.each(databases.eachSupportedId())(
  'StaleAgentsMdScanner on %p',
  databaseId => {
    it('queues one refresh per stale GitHub repository', async () => {
      const stores = await createTaskStores(databases, databaseId);
      const contexts = new AgentContextStore(stores.knex);
      const clone = (location: string) => ({
        type: 'clone' as const,
        location,
      });
      await contexts.saveAnalysis(
        'component:default/api',
        analysis(true, clone('https://github.com/acme/shop/tree/main/api')),
        NOW,
      );
      await contexts.saveAnalysis(
        'component:default/web',
        analysis(true, clone('https://github.com/acme/shop/tree/main/web')),
        NOW,
      );
      await contexts.saveAnalysis(
        'component:default/fresh',
        analysis(false, clone('https://github.com/acme/fresh')),
        NOW,
      );
      await contexts.saveAnalysis(
        'component:default/local',
        analysis(true, { type: 'directory', location: '/srv/local' }),
        NOW,
      );
      await contexts.saveAnalysis(
        'component:default/gitlab',
        analysis(true, { type: 'tree', location: 'https://gitlab.com/a/b' }),
        NOW,
      );
      const scanner = new StaleAgentsMdScanner(
        { frequency: { hours: 1 }, timeout: { minutes: 5 } },
        {
          store: contexts,
          integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
        },
      );
      const runner = new TaskScannerRunner({
        queue: new TaskQueue(stores.store, []),
        logger: mockServices.logger.mock(),
        pacer: createScanPacer(stores.knex, { now: () => NOW.getTime() }),
        now: () => NOW,
      });

      await expect(runner.run(scanner)).resolves.toEqual({
        found: 2,
        created: 1,
      });
      await expect(runner.run(scanner)).resolves.toEqual({
        found: 2,
        created: 0,
      });
      const { items } = await stores.store.list({});
      expect(items).toHaveLength(1);
      expect(items[0]).toMatchObject({
        taskType: 'agents_md_refresh',
        repository: 'acme/shop',
        subject: 'AGENTS.md',
        approvalPolicy: 'require-approval',
        payload: { repositoryUrl: 'https://github.com/acme/shop' },
      });
    });
  },
);
