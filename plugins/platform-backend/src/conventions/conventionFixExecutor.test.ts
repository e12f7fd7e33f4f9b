import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createTestDatabases } from '@catalyst/backend-common/testUtils';
import { defaultConventionPacks } from '@catalyst/conventions';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { tmpdir } from 'node:os';
import { demoServiceFiles } from '../__testUtils__/conventionsRepository';
import { createTaskStores, newTask } from '../__testUtils__/taskStores';
import { ConventionStatusStore } from './ConventionStatusStore';
import { ConventionStore } from './ConventionStore';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';
import { TaskWorker } from '../tasks/TaskWorker';
import {
  CONVENTION_FIX_TASK_TYPE,
  createConventionFixExecutor,
} from './conventionFixExecutor';
import { ConventionsService } from './ConventionsService';

const databases = createTestDatabases();
const REPO = 'acme/demo-task';

jest.setTimeout(60_000);

describe('convention_fix tasks', () => {
  let github: GithubSimulator;

  beforeAll(async () => {
    github = await GithubSimulator.start({ token: 'ghs_task' });
    await github.createRepository(REPO, {
      commits: [{ message: 'feat(demo): first', files: demoServiceFiles() }],
    });
  });

  afterAll(async () => {
    await github.stop();
  });

  it('prepares the fix for approval, then opens the pull request once approved', async () => {
    const { knex, store, breakers } = await createTaskStores(
      databases,
      'SQLITE_3',
    );
    const conventionStore = new ConventionStore(knex);
    await conventionStore.seedRules(defaultConventionPacks, new Date());
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [github.integrationConfig()] },
      }),
    );
    const service = new ConventionsService({
      packs: () => defaultConventionPacks,
      store: conventionStore,
      status: new ConventionStatusStore(knex),
      checkouts: new DefaultCheckoutService({
        urlReader: mockServices.urlReader.mock(),
        integrations,
        workingDirectory: tmpdir(),
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
      integrations,
      catalog: catalogServiceMock({
        entities: [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: {
              name: 'demo',
              annotations: {
                'backstage.io/source-location': `url:${github.urls.web}/${REPO}/tree/main/`,
              },
            },
            spec: { type: 'service', owner: 'team-a', lifecycle: 'production' },
          },
        ],
      }),
      auth: mockServices.auth(),
      logger: mockServices.logger.mock(),
    });
    const worker = new TaskWorker({
      store,
      breakers,
      logger: mockServices.logger.mock(),
      workerId: 'w1',
      options: {
        batchSize: 1,
        leaseMs: 60_000,
        backoff: { baseMs: 1000, capMs: 10_000 },
        breaker: { failureThreshold: 2, cooldownMs: 30_000 },
      },
    });
    worker.addExecutor(createConventionFixExecutor(service));

    const { task } = await store.enqueue(
      newTask({
        entityRef: 'component:default/demo',
        taskType: CONVENTION_FIX_TASK_TYPE,
        title: 'Apply the platform conventions',
        repository: REPO,
        subject: 'conventions',
        approvalPolicy: 'require-approval',
      }),
      new Date(),
    );
    await worker.tick();
    const prepared = await store.get(task.id);
    expect(prepared).toMatchObject({
      status: 'awaiting_approval',
      result: { summary: expect.stringContaining('eslint.config.mjs') },
    });
    expect(github.pulls(REPO)).toHaveLength(0);

    await store.approve(task.id, new Date());
    await worker.tick();
    const applied = await store.get(task.id);
    expect(applied).toMatchObject({
      status: 'complete',
      linkedPrNumber: 1,
      result: {
        linkedPr: { number: 1, url: `${github.urls.web}/${REPO}/pull/1` },
      },
    });
    expect(github.pulls(REPO)).toHaveLength(1);
    expect(github.pulls(REPO)[0].head.ref).toBe('catalyst/conventions');
  });
});
