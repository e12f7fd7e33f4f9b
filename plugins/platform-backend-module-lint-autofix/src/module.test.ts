import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PlatformTaskExecutor,
  platformTaskExecutorsExtensionPoint,
  PlatformTaskScanner,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { platformModuleLintAutofix } from './module';

const start = (lintAutofix: {
  enabled?: boolean;
  scanFrequencyMinutes?: number;
  repositories?: string[];
  maxTasksPerCycle?: number;
}) => {
  const executors: PlatformTaskExecutor[] = [];
  const scanners: PlatformTaskScanner[] = [];
  const backend = startTestBackend({
    extensionPoints: [
      [
        platformTaskExecutorsExtensionPoint,
        { addExecutor: (e: PlatformTaskExecutor) => executors.push(e) },
      ],
      [
        platformTaskScannersExtensionPoint,
        { addScanner: (s: PlatformTaskScanner) => scanners.push(s) },
      ],
    ],
    features: [
      platformModuleLintAutofix,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: { platform: { lintAutofix } },
      }),
    ],
  });
  return { backend, executors, scanners };
};

describe('platformModuleLintAutofix', () => {
  it('adds the lint_autofix executor and its scanner on the configured schedule', async () => {
    const { backend, executors, scanners } = start({
      enabled: true,
      scanFrequencyMinutes: 120,
    });
    await backend;
    expect(executors.map(e => e.taskType)).toEqual(['lint_autofix']);
    expect(scanners.map(s => [s.id, s.taskType, s.schedule.frequency])).toEqual(
      [['lint-autofix', 'lint_autofix', { minutes: 120 }]],
    );
  });

  it('refuses an opt-in that is not owner/name and a limit that is not positive', async () => {
    await expect(
      start({ repositories: ['not a repo'] }).backend,
    ).rejects.toThrow(
      "platform.lintAutofix.repositories: 'not a repo' is not owner/name",
    );
    await expect(start({ maxTasksPerCycle: 0 }).backend).rejects.toThrow(
      'platform.lintAutofix.maxTasksPerCycle must be a positive integer',
    );
  });
});
