import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { GithubSimulator } from '@catalyst/github-simulator';
import { GithubBudget } from '@catalyst/plugin-platform-node';
import { connectRepository } from './connectRepository';

jest.setTimeout(60_000);

describe('connectRepository', () => {
  let simulator: GithubSimulator;

  beforeAll(async () => {
    simulator = await GithubSimulator.start({ rateLimit: { limit: 50 } });
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'feat: first', files: { 'a.txt': 'a\n' } }],
    });
  });
  afterAll(async () => {
    await simulator.stop();
  });

  it('sends every request through the budget as release', async () => {
    const integrations = ScmIntegrations.fromConfig(
      new ConfigReader({
        integrations: { github: [simulator.integrationConfig()] },
      }),
    );
    const budget = new GithubBudget();
    const { octokit, owner, repo, call } = await connectRepository(
      integrations,
      DefaultGithubCredentialsProvider.fromIntegrations(integrations),
      `${simulator.urls.web}/acme/web`,
      budget,
    );

    const info = await call('repos/get', () =>
      octokit.repos.get({ owner, repo }),
    );
    await call('releases/list', () =>
      octokit.repos.listReleases({ owner, repo }),
    );

    expect(info.default_branch).toBe('main');
    expect(budget.snapshot()).toMatchObject({
      features: [
        { feature: 'release', requests: 2, notModified: 0, rateLimited: 0 },
      ],
      limit: 50,
      remaining: 48,
    });
  });
});
