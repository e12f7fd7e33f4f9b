import { ConfigReader } from '@backstage/config';
import { readFlakyTestConfig } from './config';

describe('readFlakyTestConfig', () => {
  it('reads flaky-test scanners with their defaults', () => {
    const read = (flakyTests: object[]) =>
      readFlakyTestConfig(
        new ConfigReader({ platform: { tasks: { flakyTests } } }),
      );
    const entry = {
      id: 'web',
      reportsDir: '/reports/web',
      entityRef: 'component:default/web',
      repository: 'acme/web',
    };
    expect(read([entry])).toEqual([
      {
        ...entry,
        repositoryUrl: undefined,
        policy: { windowMs: 168 * 3_600_000, clearAfterPasses: 10 },
        frequencyMinutes: 60,
      },
    ]);
    expect(() => read([{ ...entry, windowHours: -1 }])).toThrow(
      'platform.tasks.flakyTests[0].windowHours must be a positive number, got -1',
    );
  });
});
