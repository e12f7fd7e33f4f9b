import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubPullRequestPublisher } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import { CATALYST_BLOCK_BEGIN } from '@catalyst/repo-analyzer';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  HAND_WRITTEN_AGENTS_MD,
  paymentsCommits,
} from '../__testUtils__/agentContextRepository';
import { executionContext, executorTask } from '../testUtils';
import { AgentsMdRefreshExecutor } from './AgentsMdRefreshExecutor';
import { DefaultCheckoutService } from '@catalyst/plugin-platform-node';

jest.setTimeout(60_000);

describe('AgentsMdRefreshExecutor', () => {
  let simulator: GithubSimulator;
  let workDir: string;

  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    workDir = await fs.mkdtemp(join(tmpdir(), 'agents-md-refresh-'));
  });
  afterAll(async () => {
    await simulator.stop();
    await fs.rm(workDir, { recursive: true, force: true });
  });

  it('proposes the regenerated AGENTS.md once, then has nothing to do when it is merged', async () => {
    const git = await simulator.createRepository('acme/payments', {
      commits: paymentsCommits(),
    });
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const executor = new AgentsMdRefreshExecutor({
      checkouts: new DefaultCheckoutService({
        integrations,
        workingDirectory: workDir,
      }),
      publisher: new GithubPullRequestPublisher({ integrations }),
    });
    const url = `${simulator.urls.web}/acme/payments`;
    const task = () => executorTask('agents_md_refresh', url);

    const dryRun = await executor.execute(
      executorTask('agents_md_refresh', url, { approvalPolicy: 'dry-run' }),
      executionContext('prepare', 'dry-run'),
    );
    expect(dryRun.outcome).toBe('done');
    expect(dryRun.diff).toContain(CATALYST_BLOCK_BEGIN);
    expect(simulator.pulls('acme/payments')).toHaveLength(0);

    const first = await executor.execute(
      task(),
      executionContext('apply', 'auto-merge'),
    );
    const again = await executor.execute(
      task(),
      executionContext('apply', 'auto-merge'),
    );
    const pulls = simulator.pulls('acme/payments');
    expect(pulls).toHaveLength(1);
    expect(pulls[0].head.ref).toBe('chore/agents-md');
    expect(first.linkedPr?.number).toBe(pulls[0].number);
    expect(again.linkedPr?.number).toBe(pulls[0].number);

    // The branch keeps the hand-written part and adds the generated block.
    const head = await git.resolveRef('refs/heads/chore/agents-md');
    expect(head).toBeTruthy();
    const proposed = await git.readFile(head!, 'AGENTS.md');
    expect(proposed).toContain(HAND_WRITTEN_AGENTS_MD.trim());
    expect(proposed).toContain(CATALYST_BLOCK_BEGIN);

    // Once the pull request is merged the context is fresh again.
    await git.commitFiles(
      'main',
      { 'AGENTS.md': proposed! },
      'chore(agents-md): refresh AGENTS.md',
    );
    const merged = await executor.execute(
      task(),
      executionContext('apply', 'auto-merge'),
    );
    expect(merged.outcome).toBe('nothing_to_do');
  });
});
