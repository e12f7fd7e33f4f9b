import type { PlatformTask } from '@catalyst/plugin-platform-common';
import type {
  GithubPullRequestPublisher,
  PlatformTaskExecutionContext,
  PlatformTaskExecutionResult,
  PlatformTaskExecutor,
} from '@catalyst/plugin-platform-node';
import { GuardedCheckout } from '@catalyst/checkout-guard';
import { analyzeAgentContext, AGENTS_MD_PATH } from './analyzeAgentContext';
import {
  AGENTS_MD_BRANCH,
  AGENTS_MD_COMMIT_MESSAGE,
  refreshPullRequestBody,
} from './refreshPullRequest';
import { proposeChange } from '@catalyst/plugin-platform-node';
import type { CheckoutService } from '@catalyst/plugin-platform-node';

/**
 * `agents_md_refresh`: regenerates the Catalyst block of AGENTS.md from a
 * fresh clone (the agent-context analysis) and proposes it when it is stale,
 * on the same branch as the portal's refresh (`chore/agents-md`): one pull
 * request per repository, whoever asked for it.
 */
export class AgentsMdRefreshExecutor implements PlatformTaskExecutor {
  readonly taskType = 'agents_md_refresh';

  constructor(
    private readonly deps: {
      checkouts: CheckoutService;
      publisher: Pick<GithubPullRequestPublisher, 'publish'>;
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
      // The commit history states the commit conventions.
      depth: 50,
      change: async checkout => {
        const analysis = await analyzeAgentContext({
          dir: checkout.dir,
          source: { type: 'clone', location: checkout.dir },
          readFile: path => checkout.readFile(path),
        });
        if (analysis.stale) {
          // Never through a symlink the repository planted.
          GuardedCheckout.open(checkout.dir).writeText(
            AGENTS_MD_PATH,
            analysis.content,
          );
        }
        return {
          branch: AGENTS_MD_BRANCH,
          commitMessage: AGENTS_MD_COMMIT_MESSAGE,
          title: AGENTS_MD_COMMIT_MESSAGE,
          body: refreshPullRequestBody(analysis, task.entityRef),
        };
      },
    });
  }
}
