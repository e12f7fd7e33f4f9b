import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { updateNpmManifest } from '../../dependencies/npmManifest/updateNpmManifest';
import { readDependencyUpdatePayload } from './dependencyUpdatePayload';
import { describeDependencyUpdatePullRequest } from './describeDependencyUpdatePullRequest';
import { proposeChange } from './proposeChange';
import { refreshLockfile, RefreshLockfile } from './refreshLockfile';
import { TemporaryCheckouts } from './TemporaryCheckouts';

/**
 * `dependency_update`: in a fresh clone, moves the task's dependencies in
 * each package.json (same range style, nothing else of the file touched),
 * refreshes the lockfile with the folder's own package manager, and
 * proposes the result as one pull request on
 * `chore/dependency-update-<subject>`. Dependencies already at the version
 * are skipped; all of them: `nothing_to_do`.
 */
export class DependencyUpdateExecutor implements PlatformTaskExecutor {
  readonly taskType = 'dependency_update';

  constructor(
    private readonly deps: {
      checkouts: TemporaryCheckouts;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      /** The registry lockfiles resolve against; the package manager's own when unset. */
      npmRegistry?: string;
      refreshLockfile?: RefreshLockfile;
    },
  ) {}

  async execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult> {
    const updates = readDependencyUpdatePayload(task);
    return proposeChange({
      task,
      ctx,
      checkouts: this.deps.checkouts,
      publisher: this.deps.publisher,
      change: async checkout => {
        await checkout.exclude('node_modules/');
        const applied = [];
        const directories = [...new Set(updates.map(u => u.directory))];
        for (const directory of directories) {
          const dir = join(checkout.dir, directory);
          const manifest = join(dir, 'package.json');
          const text = await fs.readFile(manifest, 'utf8');
          const inDirectory = updates.filter(u => u.directory === directory);
          const result = updateNpmManifest(text, inDirectory);
          if (result.applied.length === 0) continue;
          await fs.writeFile(manifest, result.text);
          await (this.deps.refreshLockfile ?? refreshLockfile)(dir, {
            registryUrl: this.deps.npmRegistry,
            signal: ctx.signal,
          });
          applied.push(
            ...inDirectory.filter(u => result.applied.includes(u.name)),
          );
        }
        return describeDependencyUpdatePullRequest(
          applied.length ? applied : updates,
          "The lockfile was refreshed with the repository's own package manager, without running install scripts.",
        );
      },
    });
  }
}
