import { Config } from '@backstage/config';
import { hostname } from 'node:os';
import { TaskApprovalRule } from './approvalPolicies';
import { AutoMergeOptions } from './AutoMergeRunner';
import { TaskWorkerOptions } from './TaskWorker';

/** `platform.tasks`, with defaults applied. */
export interface TaskConfig extends TaskWorkerOptions {
  workerId: string;
  frequencySeconds: number;
  /** Whether PostgreSQL's LISTEN/NOTIFY wakes the worker (`platform.tasks.wakeUps`). */
  wakeUps: boolean;
  approvalPolicies: TaskApprovalRule[];
  autoMerge: AutoMergeOptions;
}

const POLICIES = ['auto-merge', 'require-approval', 'dry-run'];
const MERGE_METHODS = ['squash', 'merge', 'rebase'];

function positive(
  config: Config | undefined,
  key: string,
  fallback: number,
  parent?: string,
) {
  const value = config?.getOptionalNumber(key) ?? fallback;
  if (!(value > 0)) {
    throw new Error(
      `platform.tasks.${
        parent ? `${parent}.` : ''
      }${key} must be a positive number, got ${value}`,
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
  const mergeMethod =
    config?.getOptionalString('autoMerge.mergeMethod') ?? 'squash';
  if (!MERGE_METHODS.includes(mergeMethod)) {
    throw new Error(
      `platform.tasks.autoMerge.mergeMethod must be one of ${MERGE_METHODS.join(
        ', ',
      )}, got ${mergeMethod}`,
    );
  }
  return {
    autoMerge: {
      intervalMinutes: positive(config, 'autoMerge.intervalMinutes', 5),
      mergeMethod: mergeMethod as AutoMergeOptions['mergeMethod'],
      requireChecks:
        config?.getOptionalBoolean('autoMerge.requireChecks') ?? true,
      batchSize: Math.floor(positive(config, 'autoMerge.batchSize', 20)),
    },
    workerId:
      config?.getOptionalString('workerId') ?? `${hostname()}:${process.pid}`,
    frequencySeconds: positive(config, 'frequencySeconds', 5),
    wakeUps: config?.getOptionalBoolean('wakeUps') ?? true,
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
