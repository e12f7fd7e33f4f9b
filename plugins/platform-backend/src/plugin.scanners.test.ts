import {
  createBackendModule,
  SchedulerService,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PlatformTaskScanner,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import request from 'supertest';
import { platformPlugin } from './plugin';
import { componentEntity } from './__testUtils__/components';

/** A module that adds `scanner` to the platform, as a task-type module does. */
function moduleWithScanner(scanner: PlatformTaskScanner) {
  return createBackendModule({
    pluginId: 'platform',
    moduleId: `scanner-${scanner.id}`,
    register(env) {
      env.registerInit({
        deps: { scanners: platformTaskScannersExtensionPoint },
        async init({ scanners }) {
          scanners.addScanner(scanner);
        },
      });
    },
  });
}

describe('platform backend task scanners', () => {
  it('schedules each scanner of a module and queues what it finds once', async () => {
    const jobs = new Map<
      string,
      SchedulerServiceTaskInvocationDefinition['fn']
    >();
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        jobs.set(task.id, task.fn);
      },
    });
    const scannerModule = moduleWithScanner({
      id: 'outdated-lodash',
      taskType: 'dependency_update',
      schedule: { frequency: { hours: 1 }, timeout: { minutes: 1 } },
      scan: async () => [
        {
          entityRef: 'component:default/web',
          title: 'Update lodash',
          repository: 'acme/web',
          subject: 'lodash',
        },
      ],
    });
    const { server } = await startTestBackend({
      features: [
        platformPlugin,
        scannerModule,
        scheduler.factory,
        // The tasks' component: the task list shows only what the caller can see.
        catalogServiceMock.factory({ entities: [componentEntity('web')] }),
        mockServices.rootConfig.factory({
          data: {
            platform: {
              github: { webhookSecret: 'secret' },
              tasks: {
                approvalPolicies: [
                  { taskType: 'dependency_update', policy: 'dry-run' },
                ],
              },
            },
          },
        }),
      ],
    });

    const job = jobs.get('platform-task-scanner:outdated-lodash');
    expect(job).toBeDefined();
    await job!(new AbortController().signal);
    await job!(new AbortController().signal);

    const listed = await request(server).get(
      '/api/platform/tasks?taskType=dependency_update',
    );
    expect(listed.status).toBe(200);
    expect(listed.body.items).toHaveLength(1);
    expect(listed.body.items[0]).toMatchObject({
      subject: 'lodash',
      repository: 'acme/web',
      status: 'pending',
      approvalPolicy: 'dry-run',
    });
  });

  it('runs a paced scanner, the drift scanner and the agent context check every tick, each run taking what is due', async () => {
    const schedules = new Map<
      string,
      Parameters<SchedulerService['scheduleTask']>[0]
    >();
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: async task => {
        schedules.set(task.id, task);
      },
    });
    const scanned: string[] = [];
    const scannerModule = moduleWithScanner({
      id: 'paced',
      taskType: 'lint_autofix',
      schedule: {
        frequency: { hours: 6 },
        timeout: { minutes: 15 },
        initialDelay: { minutes: 10 },
      },
      pacing: { intervalMinutes: 360 },
      scan: async ctx =>
        ctx.pace!({
          items: ['acme/c', 'acme/a', 'acme/b'],
          key: slug => slug,
          scan: async slug => {
            scanned.push(slug);
            return undefined;
          },
        }),
    });
    await startTestBackend({
      features: [
        platformPlugin,
        scannerModule,
        scheduler.factory,
        catalogServiceMock.factory({ entities: [] }),
        mockServices.rootConfig.factory({
          data: {
            platform: {
              tasks: { wakeUps: false },
              scanPacing: { tickSeconds: 30 },
            },
          },
        }),
      ],
    });

    for (const id of [
      'platform-task-scanner:paced',
      'platform-task-scanner:convention-drift',
      'platform-agent-context-check',
    ]) {
      expect(schedules.get(id)?.frequency).toEqual({ milliseconds: 30_000 });
    }
    expect(schedules.get('platform-task-scanner:paced')).toMatchObject({
      timeout: { minutes: 15 },
      initialDelay: { minutes: 10 },
    });
    // Not paced: the scanner's own schedule.
    expect(
      schedules.get('platform-task-scanner:stale-agents-md')?.frequency,
    ).toEqual({ minutes: 360 });

    // A cycle's first run takes its first item only.
    await schedules
      .get('platform-task-scanner:paced')!
      .fn(new AbortController().signal);
    expect(scanned).toEqual(['acme/a']);
  });
});
