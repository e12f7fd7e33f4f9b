import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  ConventionPack,
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { fixConventionDrift } from '@catalyst/conventions';
import { proposeChange } from './proposeChange';
import { TemporaryCheckouts } from './TemporaryCheckouts';

/**
 * `convention_fix`: writes the standard files that are missing or drifted
 * (as `catalyst conventions --fix` does, honouring catalyst.yaml) in a fresh
 * clone and proposes them as one pull request on `chore/convention-fix-<subject>`.
 * `payload.packId` pins the convention pack; otherwise it is detected.
 */
export class ConventionFixExecutor implements PlatformTaskExecutor {
  readonly taskType = 'convention_fix';

  constructor(
    private readonly deps: {
      checkouts: TemporaryCheckouts;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      packs: readonly ConventionPack[];
    },
  ) {}

  execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult> {
    const packId =
      typeof task.payload.packId === 'string' ? task.payload.packId : undefined;
    return proposeChange({
      task,
      ctx,
      checkouts: this.deps.checkouts,
      publisher: this.deps.publisher,
      change: async checkout => {
        const fix = await fixConventionDrift({
          repoDir: checkout.dir,
          packs: this.deps.packs,
          packId,
        });
        const pack = fix.check.pack;
        return {
          commitMessage: `chore(conventions): add the standard files of the ${pack.id} pack`,
          title: `chore(conventions): add the standard files of the ${pack.id} pack`,
          body: [
            `Catalyst wrote the standard files of the \`${pack.id}\` convention pack (${pack.title}; ${pack.reason}) that were missing or had drifted:`,
            '',
            ...fix.written.map(path => `- \`${path}\``),
            '',
            'Files that catalyst.yaml turns off or ignores are never written. Reproduce locally with `catalyst conventions --fix`.',
          ].join('\n'),
        };
      },
    });
  }
}
