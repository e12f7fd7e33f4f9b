import { ConfigReader } from '@backstage/config';
import { readTaskConfig } from './readTaskConfig';

describe('readTaskConfig', () => {
  it('applies defaults', () => {
    const config = readTaskConfig(new ConfigReader({}));
    expect(config).toMatchObject({
      frequencySeconds: 5,
      wakeUps: true,
      batchSize: 4,
      leaseMs: 300_000,
      backoff: { baseMs: 30_000, capMs: 3_600_000 },
      breaker: { failureThreshold: 5, cooldownMs: 600_000 },
      approvalPolicies: [],
    });
    expect(config.workerId).toMatch(/:\d+$/);
    expect(
      readTaskConfig(
        new ConfigReader({ platform: { tasks: { wakeUps: false } } }),
      ).wakeUps,
    ).toBe(false);
  });

  it('reads policies and rejects nonsense', () => {
    const read = (tasks: object) =>
      readTaskConfig(new ConfigReader({ platform: { tasks } }));
    expect(
      read({
        workerId: 'replica-1',
        approvalPolicies: [{ repository: 'acme/*', policy: 'dry-run' }],
      }),
    ).toMatchObject({
      workerId: 'replica-1',
      approvalPolicies: [{ repository: 'acme/*', policy: 'dry-run' }],
    });
    expect(() => read({ approvalPolicies: [{ policy: 'yolo' }] })).toThrow(
      'platform.tasks.approvalPolicies[0].policy must be one of auto-merge, require-approval, dry-run, got yolo',
    );
    expect(() => read({ leaseSeconds: 0 })).toThrow(
      'platform.tasks.leaseSeconds must be a positive number, got 0',
    );
  });
});
