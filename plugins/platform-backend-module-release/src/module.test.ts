import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  PlatformTaskExecutor,
  platformTaskExecutorsExtensionPoint,
  PlatformTaskScanner,
  platformTaskScannersExtensionPoint,
} from '@catalyst/plugin-platform-node';
import { platformModuleRelease } from './module';

describe('platformModuleRelease', () => {
  it('adds the release executor and scanner to the platform plugin and schedules the tagger', async () => {
    const executors: PlatformTaskExecutor[] = [];
    const scanners: PlatformTaskScanner[] = [];
    const scheduler = mockServices.scheduler.mock();
    await startTestBackend({
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
        platformModuleRelease,
        catalogServiceMock.factory(),
        scheduler.factory,
        mockServices.rootConfig.factory({
          data: {
            platform: {
              release: { optIn: ['acme/legacy'], scanFrequencyMinutes: 30 },
            },
          },
        }),
      ],
    });
    expect(executors.map(e => e.taskType)).toEqual(['release']);
    expect(scanners.map(s => [s.id, s.taskType, s.schedule.frequency])).toEqual(
      [['releasable-commits', 'release', { minutes: 30 }]],
    );
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({
        id: 'platform-release-tagger',
        frequency: { minutes: 5 },
      }),
    );
  });

  it('refuses an opt-in that is not owner/name', async () => {
    await expect(
      startTestBackend({
        extensionPoints: [
          [platformTaskExecutorsExtensionPoint, { addExecutor: () => {} }],
          [platformTaskScannersExtensionPoint, { addScanner: () => {} }],
        ],
        features: [
          platformModuleRelease,
          catalogServiceMock.factory(),
          mockServices.rootConfig.factory({
            data: { platform: { release: { optIn: ['not a repo'] } } },
          }),
        ],
      }),
    ).rejects.toThrow("platform.release.optIn: 'not a repo' is not owner/name");
  });
});
