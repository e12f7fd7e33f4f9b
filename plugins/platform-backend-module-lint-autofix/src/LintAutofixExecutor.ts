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
import type {
  CheckoutService,
  IsolatedToolRunner,
} from '@catalyst/plugin-platform-node';

/** Installs a checkout's dependencies so that its own tools can run. */
export type InstallDependencies = (
  dir: string,
  signal: AbortSignal,
  tools: IsolatedToolRunner,
) => Promise<void>;

/**
 * The lockfile's package manager, installing exactly what is locked, without
 * lifecycle scripts; isolated, with the network but no credentials.
 */
export const installLockedDependencies: InstallDependencies = async (
  dir,
  signal,
  tools,
) => {
  const exists = (file: string) =>
    fs.access(join(dir, file)).then(
      () => true,
      () => false,
    );
  const install = (command: string, args: string[], env = {}) =>
    tools.run(command, args, { cwd: dir, signal, network: true, env });
  if (await exists('yarn.lock')) {
    await install('yarn', ['install', '--immutable'], {
      YARN_ENABLE_SCRIPTS: '0',
    });
  } else if (await exists('pnpm-lock.yaml')) {
    await install('pnpm', ['install', '--frozen-lockfile', '--ignore-scripts']);
  } else {
    await install('npm', ['ci', '--ignore-scripts']);
  }
};

/**
 * `lint_autofix`: runs the repository's own `eslint --fix` and
 * `prettier --write` in a fresh clone and proposes what they changed as one
 * pull request on `chore/lint-autofix-<subject>`. Their configs are the
 * repository's code: every tool runs through the isolated tool runner, the
 * fixers without network.
 */
export class LintAutofixExecutor implements PlatformTaskExecutor {
  readonly taskType = 'lint_autofix';

  constructor(
    private readonly deps: {
      checkouts: CheckoutService;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
      tools: IsolatedToolRunner;
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
            this.deps.tools,
          );
        }
        for (const fixer of fixers) {
          await this.deps.tools.run(
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
