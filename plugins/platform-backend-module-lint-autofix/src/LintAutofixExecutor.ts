import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { detectLintFixers } from './detectLintFixers';
import { proposeChange } from '@catalyst/plugin-platform-node';
import { runCommand } from '@catalyst/plugin-platform-node';
import type { CheckoutService } from '@catalyst/plugin-platform-node';

/** Installs a checkout's dependencies so that its own tools can run. */
export type InstallDependencies = (
  dir: string,
  signal: AbortSignal,
) => Promise<void>;

/** The lockfile's package manager, installing exactly what is locked, without lifecycle scripts. */
export const installLockedDependencies: InstallDependencies = async (
  dir,
  signal,
) => {
  const exists = (file: string) =>
    fs.access(join(dir, file)).then(
      () => true,
      () => false,
    );
  if (await exists('yarn.lock')) {
    await runCommand('yarn', ['install', '--immutable'], { cwd: dir, signal });
  } else if (await exists('pnpm-lock.yaml')) {
    await runCommand(
      'pnpm',
      ['install', '--frozen-lockfile', '--ignore-scripts'],
      {
        cwd: dir,
        signal,
      },
    );
  } else {
    await runCommand('npm', ['ci', '--ignore-scripts'], { cwd: dir, signal });
  }
};

/**
 * `lint_autofix`: runs the repository's own `eslint --fix` and
 * `prettier --write` in a fresh clone and proposes what they changed as one
 * pull request on `chore/lint-autofix-<subject>`.
 */
export class LintAutofixExecutor implements PlatformTaskExecutor {
  readonly taskType = 'lint_autofix';

  constructor(
    private readonly deps: {
      checkouts: CheckoutService;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      install?: InstallDependencies;
    },
  ) {}

  execute(
    task: PlatformTask,
    ctx: PlatformTaskExecutionContext,
  ): Promise<PlatformTaskExecutionResult> {
    return proposeChange({
      task,
      ctx,
      checkouts: this.deps.checkouts,
      publisher: this.deps.publisher,
      change: async checkout => {
        const packageJson = JSON.parse(
          await fs.readFile(join(checkout.dir, 'package.json'), 'utf8'),
        );
        const fixers = detectLintFixers(packageJson);
        if (fixers.length > 0) {
          await checkout.exclude('/node_modules');
          await (this.deps.install ?? installLockedDependencies)(
            checkout.dir,
            ctx.signal,
          );
        }
        for (const fixer of fixers) {
          await runCommand(
            join(checkout.dir, 'node_modules', '.bin', fixer.tool),
            fixer.args,
            { cwd: checkout.dir, okCodes: fixer.okCodes, signal: ctx.signal },
          );
        }
        const ran = fixers
          .map(fixer => `\`${fixer.tool} ${fixer.args.join(' ')}\``)
          .join(' and ');
        return {
          commitMessage: `chore(lint): apply ${fixers
            .map(fixer => fixer.tool)
            .join(' and ')} fixes`,
          title: `chore(lint): apply ${fixers
            .map(fixer => fixer.tool)
            .join(' and ')} fixes`,
          body: [
            `Catalyst ran the repository's own ${ran} (the versions its lockfile pins) on a fresh clone of the default branch.`,
            '',
            'Only automatic fixes are included; problems the tools cannot fix stay for a person. Pushing to this branch is pointless: the next run replaces it.',
          ].join('\n'),
        };
      },
    });
  }
}
