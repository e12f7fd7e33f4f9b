import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import {
  PlatformTaskExecutor,
  platformTaskExecutorsExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { platformModuleCiRepair } from './module';

const start = (ciRepair: { maxPushes?: number; maxReruns?: number }) => {
  const executors: PlatformTaskExecutor[] = [];
  const backend = startTestBackend({
    extensionPoints: [
      [
        platformTaskExecutorsExtensionPoint,
        { addExecutor: (e: PlatformTaskExecutor) => executors.push(e) },
      ],
    ],
    features: [
      platformModuleCiRepair,
      mockServices.rootConfig.factory({ data: { platform: { ciRepair } } }),
    ],
  });
  return { backend, executors };
};

describe('platformModuleCiRepair', () => {
  it('adds the ci_repair executor', async () => {
    const { backend, executors } = start({ maxPushes: 1 });
    await backend;
    expect(executors.map(e => e.taskType)).toEqual(['ci_repair']);
  });

  it('refuses a limit that is not a whole number from 0 to 20', async () => {
    await expect(start({ maxPushes: -1 }).backend).rejects.toThrow(
      'platform.ciRepair.maxPushes must be a whole number from 0 to 20, got -1',
    );
    await expect(start({ maxReruns: 1.5 }).backend).rejects.toThrow(
      'platform.ciRepair.maxReruns must be a whole number from 0 to 20, got 1.5',
    );
  });
});
