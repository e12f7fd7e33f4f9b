import { ConfigReader } from '@backstage/config';
import { tmpdir } from 'node:os';
import { readPlatformConfig } from './config';

describe('readPlatformConfig', () => {
  it('applies the agent context defaults', () => {
    expect(readPlatformConfig(new ConfigReader({})).agentContext).toEqual({
      checkIntervalMinutes: 360,
      cloneDepth: 50,
      readHistory: true,
      workingDirectory: tmpdir(),
    });
  });

  it('reads the agent context keys and the backend working directory', () => {
    const config = new ConfigReader({
      backend: { workingDirectory: '/var/tmp/backstage' },
      platform: {
        agentContext: {
          checkIntervalMinutes: 15,
          cloneDepth: 200,
          readHistory: false,
        },
      },
    });
    expect(readPlatformConfig(config).agentContext).toEqual({
      checkIntervalMinutes: 15,
      cloneDepth: 200,
      readHistory: false,
      workingDirectory: '/var/tmp/backstage',
    });
  });

  it.each([
    [
      { checkIntervalMinutes: 0 },
      /checkIntervalMinutes must be a positive number, got 0/,
    ],
    [
      { cloneDepth: 2.5 },
      /cloneDepth must be a whole number of at least 1, got 2.5/,
    ],
    [{ cloneDepth: 0 }, /cloneDepth must be a whole number/],
  ])('refuses %p', (agentContext, message) => {
    expect(() =>
      readPlatformConfig(new ConfigReader({ platform: { agentContext } })),
    ).toThrow(message);
  });

  it('reads how many components the spec index reads at once, 4 by default', () => {
    expect(readPlatformConfig(new ConfigReader({})).specs.concurrency).toBe(4);
    expect(
      readPlatformConfig(
        new ConfigReader({ platform: { specs: { concurrency: 8 } } }),
      ).specs,
    ).toEqual({ refreshIntervalMinutes: 30, concurrency: 8 });
    expect(() =>
      readPlatformConfig(
        new ConfigReader({ platform: { specs: { concurrency: 0 } } }),
      ),
    ).toThrow(/platform.specs.concurrency must be a whole number/);
  });

  it('reads the convention drift scan interval, 360 minutes by default', () => {
    expect(readPlatformConfig(new ConfigReader({})).conventions).toEqual({
      scanIntervalMinutes: 360,
    });
    expect(
      readPlatformConfig(
        new ConfigReader({
          platform: { conventions: { scanIntervalMinutes: 60 } },
        }),
      ).conventions.scanIntervalMinutes,
    ).toBe(60);
    expect(() =>
      readPlatformConfig(
        new ConfigReader({
          platform: { conventions: { scanIntervalMinutes: 0 } },
        }),
      ),
    ).toThrow(/platform.conventions.scanIntervalMinutes must be a positive/);
  });
});
