import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { GithubSimulator } from '@catalyst/github-simulator';
import { GithubIssueReporter } from './GithubIssueReporter';

describe('GithubIssueReporter', () => {
  let simulator: GithubSimulator;
  beforeAll(async () => {
    simulator = await GithubSimulator.start();
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'init', files: { 'README.md': '# web\n' } }],
    });
  });
  afterAll(() => simulator.stop());

  it('files one issue per key and updates it on later runs', async () => {
    const reporter = new GithubIssueReporter({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: { github: [simulator.integrationConfig()] },
        }),
      ),
    });
    const repository = `${simulator.urls.web}/acme/web`;
    const first = await reporter.fileIssue({
      repository,
      key: 'flaky:cart',
      title: 'Flaky test: cart',
      body: 'Failed once.',
      labels: ['flaky-test'],
    });
    const other = await reporter.fileIssue({
      repository,
      key: 'flaky:totals',
      title: 'Flaky test: totals',
      body: 'Failed once.',
      labels: ['flaky-test'],
    });
    const second = await reporter.fileIssue({
      repository,
      key: 'flaky:cart',
      title: 'Flaky test: cart',
      body: 'Failed twice.',
      labels: ['flaky-test'],
    });

    expect(first.status).toBe('created');
    expect(other.status).toBe('created');
    expect(second).toEqual({ status: 'updated', issue: first.issue });
    const issues = simulator.issues('acme/web');
    expect(issues).toHaveLength(2);
    expect(issues[0].body).toContain('Failed twice.');
    expect(issues[0].labels).toEqual(['flaky-test']);
  });
});
