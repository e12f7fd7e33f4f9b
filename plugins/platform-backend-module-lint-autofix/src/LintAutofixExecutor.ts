import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { describeLintFixer } from './detectLintFixers';
import {
  InstallDependencies,
  installLockedDependencies,
  runLintFixers,
} from './runLintFixers';
import { proposeChange } from '@catalyst/plugin-platform-node';
import type {
  CheckoutService,
  IsolatedToolRunner,
} from '@catalyst/plugin-platform-node';

/**
 * `lint_autofix`: runs the repository's own fixers (`eslint --fix` and
 * `prettier --write`; `ruff check --fix` and `ruff format`; `gofmt -w` and
 * `goimports -w`) in a fresh clone and proposes what they changed as one
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
        const { ran, unavailable } = await runLintFixers(checkout, {
          tools: this.deps.tools,
          signal: ctx.signal,
          install: this.deps.install ?? installLockedDependencies,
        });
        const names = [...new Set(ran.map(fixer => fixer.tool))].join(' and ');
        const ranText = ran
          .map(fixer => `\`${describeLintFixer(fixer)}\``)
          .join(', ');
        const missing = unavailable.map(
          ({ fixer }) =>
            `\`${fixer.tool}\` is not on the tool runner's toolchain, so its fixes are not included.`,
        );
        return {
          commitMessage: `chore(lint): apply ${names} fixes`,
          title: `chore(lint): apply ${names} fixes`,
          body: [
            `Catalyst ran the repository's own ${ranText} (Node tools at the versions its lockfile pins, with the repository's own configuration) on a fresh clone of the default branch.`,
            ...missing,
            '',
            'Only automatic fixes are included; problems the tools cannot fix stay for a person. Pushing to this branch is pointless: the next run replaces it.',
          ].join('\n'),
        };
      },
    });
  }
}
