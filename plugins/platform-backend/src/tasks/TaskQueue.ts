import type { PlatformTask } from '@catalyst/plugin-platform-common';
import { NewPlatformTask, TaskStore } from './TaskStore';
import { resolveApprovalPolicy, TaskApprovalRule } from './approvalPolicies';

/**
 * Where scanners add platform tasks: the approval policy configured for the
 * repository and task type is captured on the task when it is created.
 */
export class TaskQueue {
  constructor(
    private readonly store: TaskStore,
    private readonly rules: TaskApprovalRule[],
  ) {}

  async enqueue(
    input: Omit<NewPlatformTask, 'approvalPolicy'>,
    now: Date = new Date(),
  ): Promise<{ task: PlatformTask; created: boolean }> {
    return this.store.enqueue(
      { ...input, approvalPolicy: resolveApprovalPolicy(this.rules, input) },
      now,
    );
  }
}
