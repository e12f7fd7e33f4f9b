import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubIssueReporter } from '@catalyst/plugin-platform-node';
import { GithubSimulator } from '@catalyst/github-simulator';
import {
  executionContext,
  executorTask,
} from '@catalyst/plugin-platform-backend/testUtils';
import { FlakyTestReportExecutor } from './FlakyTestReportExecutor';

describe('FlakyTestReportExecutor', () => {
  let simulator: GithubSimulator;
  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'init', files: { 'README.md': '# web\n' } }],
    });
  });
  afterAll(() => simulator.stop());

  it('files the evidence as one issue per test, updated on a re-run, none in a dry run', async () => {
    const executor = new FlakyTestReportExecutor({
      reporter: new GithubIssueReporter({
        integrations: ScmIntegrations.fromConfig(
          new ConfigReader({
            integrations: { github: [simulator.integrationConfig()] },
          }),
        ),
      }),
    });
    const task = (approvalPolicy: 'auto-merge' | 'dry-run') =>
      executorTask('flaky_test', `${simulator.urls.web}/acme/web`, {
        approvalPolicy,
        subject: 'cart › totals',
        payload: {
          repositoryUrl: `${simulator.urls.web}/acme/web`,
          commit: 'aaa111',
          passes: 1,
          failures: 1,
          lastFailureMessage: 'expected 3, got 2',
          evidence: [
            {
              source: 'aaa111/ci-1.xml',
              ranAt: '2026-03-10T08:00:00.000Z',
              outcome: 'passed',
            },
            {
              source: 'aaa111/ci-2.xml',
              ranAt: '2026-03-10T09:00:00.000Z',
              outcome: 'failed',
            },
          ],
        },
      });

    const dryRun = await executor.execute(
      task('dry-run'),
      executionContext('prepare', 'dry-run'),
    );
    expect(dryRun.outcome).toBe('done');
    expect(dryRun.diff).toContain('aaa111/ci-2.xml');
    expect(simulator.issues('acme/web')).toHaveLength(0);

    await executor.execute(
      task('auto-merge'),
      executionContext('apply', 'auto-merge'),
    );
    const again = await executor.execute(
      task('auto-merge'),
      executionContext('apply', 'auto-merge'),
    );
    const issues = simulator.issues('acme/web');
    expect(issues).toHaveLength(1);
    expect(issues[0].title).toBe('Flaky test: cart › totals');
    expect(issues[0].labels).toEqual(['flaky-test']);
    expect(issues[0].body).toContain(
      '| `aaa111/ci-2.xml` | 2026-03-10T09:00:00.000Z | failed |',
    );
    expect(issues[0].body).toContain('expected 3, got 2');
    expect(again.summary).toContain(`issue #${issues[0].number} updated`);
  });
});
