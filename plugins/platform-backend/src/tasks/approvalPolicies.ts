import type { PlatformTaskApprovalPolicy } from '@catalyst/plugin-platform-common';

/** One `platform.tasks.approvalPolicies` entry. */
export interface TaskApprovalRule {
  /** Glob over `owner/name`: `*` stays within a segment, `**` crosses `/`. */
  repository?: string;
  taskType?: string;
  policy: PlatformTaskApprovalPolicy;
}

function globToRegExp(glob: string): RegExp {
  const source = glob
    .split(/(\*\*|\*|\?)/)
    .map(part => {
      if (part === '**') return '.*';
      if (part === '*') return '[^/]*';
      if (part === '?') return '[^/]';
      return part.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    })
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

/**
 * The policy of the first rule matching the repository and task type; a
 * change waits for approval when no rule matches.
 */
export function resolveApprovalPolicy(
  rules: TaskApprovalRule[],
  task: { repository?: string; taskType: string },
): PlatformTaskApprovalPolicy {
  const rule = rules.find(
    candidate =>
      (candidate.taskType === undefined ||
        candidate.taskType === task.taskType) &&
      (candidate.repository === undefined ||
        globToRegExp(candidate.repository).test(task.repository ?? '')),
  );
  return rule?.policy ?? 'require-approval';
}
