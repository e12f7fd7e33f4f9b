import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { updateGoMod } from '../dependencies/goModules/updateGoMod';
import { updateNpmManifest } from '../dependencies/npmManifest/updateNpmManifest';
import { DependencyUpdate } from '../dependencies/types';
import { readDependencyUpdatePayload } from './dependencyUpdatePayload';
import { describeDependencyUpdatePullRequest } from './describeDependencyUpdatePullRequest';
import { proposeChange } from '@catalyst/plugin-platform-node';
import { refreshGoSum, RefreshGoSum } from './refreshGoSum';
import { refreshLockfile, RefreshLockfile } from './refreshLockfile';
import type {
  CheckoutService,
  IsolatedToolRunner,
} from '@catalyst/plugin-platform-node';

const LOCKFILE_NOTE =
  "Lockfiles were refreshed with the repository's own package manager (npm, pnpm or Yarn without install scripts; `go get` for go.sum).";

/** How lockfiles were refreshed, naming the workspaces whose manifests changed. */
function lockfileNote(applied: DependencyUpdate[]): string {
  const inWorkspaces = applied.filter(u => u.workspaceRoot !== undefined);
  if (inWorkspaces.length === 0) return LOCKFILE_NOTE;
  const list = (folders: string[]) =>
    [...new Set(folders)].map(folder => `\`${folder || '.'}\``).join(', ');
  return `${LOCKFILE_NOTE}\n\nWorkspaces changed: ${list(
    inWorkspaces.map(u => u.directory),
  )}; the workspace root's lockfile (${list(
    inWorkspaces.map(u => u.workspaceRoot!),
  )}) was refreshed once.`;
}

/**
 * `dependency_update`: in a fresh clone, moves the task's dependencies in
 * each package.json (same range style, nothing else of the file touched)
 * and go.mod, refreshes the lockfile with the folder's own package manager
 * (go.sum with `go get`); workspace manifests are all edited first, then
 * their root's lockfile is refreshed once. Proposes the result as one pull
 * request on `chore/dependency-update-<subject>`. Dependencies already at
 * the version are skipped; all of them: `nothing_to_do`.
 */
export class DependencyUpdateExecutor implements PlatformTaskExecutor {
  readonly taskType = 'dependency_update';

  constructor(
    private readonly deps: {
      checkouts: CheckoutService;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      /** Runs the package managers and Go, which run repository code, isolated. */
      tools: IsolatedToolRunner;
      /** The registry lockfiles resolve against; the package manager's own when unset. */
      npmRegistry?: string;
      refreshLockfile?: RefreshLockfile;
      /** GOPROXY for go.sum refreshes; Go's own setting when unset. */
      goProxy?: string;
      /** GOSUMDB for go.sum refreshes (`off` for a private proxy); Go's own when unset. */
      goSumDb?: string;
      refreshGoSum?: RefreshGoSum;
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
        const applied: DependencyUpdate[] = [];
        const standalone = updates.filter(u => u.workspaceRoot === undefined);
        const directories = [...new Set(standalone.map(u => u.directory))];
        for (const directory of directories) {
          const dir = join(checkout.dir, directory);
          const inDirectory = standalone.filter(u => u.directory === directory);
          const npm = inDirectory.filter(u => u.ecosystem === 'npm');
          const go = inDirectory.filter(u => u.ecosystem === 'go');
          if (npm.length > 0) {
            applied.push(...(await this.updateNpm(dir, npm, () => dir, ctx)));
          }
          if (go.length > 0) {
            applied.push(...(await this.updateGo(dir, go, ctx)));
          }
        }
        const inWorkspaces = updates.filter(u => u.workspaceRoot !== undefined);
        const roots = [...new Set(inWorkspaces.map(u => u.workspaceRoot!))];
        for (const root of roots) {
          const ofRoot = inWorkspaces.filter(u => u.workspaceRoot === root);
          applied.push(
            ...(await this.updateNpm(
              join(checkout.dir, root),
              ofRoot,
              u => join(checkout.dir, u.directory),
              ctx,
            )),
          );
        }
        return describeDependencyUpdatePullRequest(
          applied.length ? applied : updates,
          lockfileNote(applied),
        );
      },
    });
  }

  /** Edits the package.json of each update's folder, then refreshes the lockfile of `lockfileDir` once. */
  private async updateNpm(
    lockfileDir: string,
    updates: DependencyUpdate[],
    manifestDir: (update: DependencyUpdate) => string,
    ctx: PlatformTaskExecutionContext,
  ): Promise<DependencyUpdate[]> {
    const applied: DependencyUpdate[] = [];
    for (const dir of new Set(updates.map(manifestDir))) {
      const inManifest = updates.filter(u => manifestDir(u) === dir);
      const manifest = join(dir, 'package.json');
      const result = updateNpmManifest(
        await fs.readFile(manifest, 'utf8'),
        inManifest,
      );
      if (result.applied.length === 0) continue;
      await fs.writeFile(manifest, result.text);
      applied.push(...inManifest.filter(u => result.applied.includes(u.name)));
    }
    if (applied.length === 0) return [];
    await (this.deps.refreshLockfile ?? refreshLockfile)(lockfileDir, {
      registryUrl: this.deps.npmRegistry,
      signal: ctx.signal,
      tools: this.deps.tools,
    });
    return applied;
  }

  private async updateGo(
    dir: string,
    updates: DependencyUpdate[],
    ctx: PlatformTaskExecutionContext,
  ): Promise<DependencyUpdate[]> {
    const goMod = join(dir, 'go.mod');
    const result = updateGoMod(
      await fs.readFile(goMod, 'utf8'),
      updates.map(u => ({
        modulePath: u.name,
        from: `v${u.from}`,
        to: `v${u.to}`,
      })),
    );
    if (result.applied.length === 0) return [];
    await fs.writeFile(goMod, result.text);
    const applied = updates.filter(u => result.applied.includes(u.name));
    await (this.deps.refreshGoSum ?? refreshGoSum)(dir, {
      modules: applied.map(u => `${u.name}@v${u.to}`),
      goProxy: this.deps.goProxy,
      goSumDb: this.deps.goSumDb,
      signal: ctx.signal,
      tools: this.deps.tools,
    });
    return applied;
  }
}
