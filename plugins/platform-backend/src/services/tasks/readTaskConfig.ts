import { Config } from '@backstage/config';
import { hostname } from 'node:os';
import { TaskApprovalRule } from './approvalPolicies';
import { TaskWorkerOptions } from './TaskWorker';

/** `platform.tasks`, with defaults applied. */
export interface TaskConfig extends TaskWorkerOptions {
  workerId: string;
  frequencySeconds: number;
  approvalPolicies: TaskApprovalRule[];
}

const POLICIES = ['auto-merge', 'require-approval', 'dry-run'];

function positive(config: Config | undefined, key: string, fallback: number) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(
      `platform.tasks.${key} must be a positive number, got ${value}`,
    );
  }
  return value;
}

/** Reads `platform.tasks`; throws on values that make no sense. */
export function readTaskConfig(root: Config): TaskConfig {
  const config = root.getOptionalConfig('platform.tasks');
  const approvalPolicies = (
    config?.getOptionalConfigArray('approvalPolicies') ?? []
  ).map((entry, index) => {
    const policy = entry.getString('policy');
    if (!POLICIES.includes(policy)) {
      throw new Error(
        `platform.tasks.approvalPolicies[${index}].policy must be one of ${POLICIES.join(
          ', ',
        )}, got ${policy}`,
      );
    }
    return {
      repository: entry.getOptionalString('repository'),
      taskType: entry.getOptionalString('taskType'),
      policy: policy as TaskApprovalRule['policy'],
    };
  });
  return {
    workerId:
      config?.getOptionalString('workerId') ?? `${hostname()}:${process.pid}`,
    frequencySeconds: positive(config, 'frequencySeconds', 5),
    batchSize: Math.floor(positive(config, 'batchSize', 4)),
    leaseMs: positive(config, 'leaseSeconds', 300) * 1000,
    backoff: {
      baseMs: positive(config, 'backoff.baseSeconds', 30) * 1000,
      capMs: positive(config, 'backoff.capSeconds', 3600) * 1000,
    },
    breaker: {
      failureThreshold: Math.floor(
        positive(config, 'breaker.failureThreshold', 5),
      ),
      cooldownMs: positive(config, 'breaker.cooldownSeconds', 600) * 1000,
    },
    approvalPolicies,
  };
}
