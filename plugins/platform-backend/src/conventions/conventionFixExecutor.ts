import type { PlatformTaskExecutor } from '@catalyst/plugin-platform-node';
import { ConventionsService } from './ConventionsService';

/** Task type of a convention fix: one pull request on `catalyst/conventions`. */
export const CONVENTION_FIX_TASK_TYPE = 'convention_fix';

/**
 * Runs `convention_fix` platform tasks: `prepare` reports which standard
 * files would change (what a dry run or an approval shows), `apply` opens or
 * updates the convention pull request of the task's component.
 */
export function createConventionFixExecutor(
  service: Pick<ConventionsService, 'report' | 'fix'>,
): PlatformTaskExecutor {
  return {
    taskType: CONVENTION_FIX_TASK_TYPE,
    async execute(task, ctx) {
      if (ctx.phase === 'prepare') {
        const report = await service.report(task.entityRef);
        const files = report.items.filter(
          item =>
            item.kind === 'file' &&
            (item.status === 'missing' || item.status === 'drift'),
        );
        if (!files.length) {
          return {
            outcome: 'nothing_to_do',
            summary: 'every standard file matches',
          };
        }
        return {
          outcome: 'done',
          summary: `would write ${files.map(f => f.name).join(', ')}`,
        };
      }
      const fixed = await service.fix(task.entityRef);
      if (fixed.status === 'up-to-date' || !fixed.pullRequest) {
        return {
          outcome: 'nothing_to_do',
          summary: 'every standard file matches',
        };
      }
      return {
        outcome: 'done',
        summary: `${fixed.status} the pull request writing ${fixed.files.join(
          ', ',
        )}`,
        linkedPr: {
          number: fixed.pullRequest.number,
          url: fixed.pullRequest.url,
          headSha: fixed.commitSha,
        },
      };
    },
  };
}
