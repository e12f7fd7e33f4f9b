import { GithubSimulator } from '@catalyst/github-simulator';
import { GithubRateLimitError } from './GithubApiError';
import { GithubBudget } from './GithubBudget';
import { githubOctokit } from './githubOctokit';

describe('GithubBudget against the simulator', () => {
  let simulator: GithubSimulator;
  const waits: number[] = [];
  // Records what the budget waits for, and waits it for real.
  const sleep = (ms: number) => {
    waits.push(ms);
    return new Promise<void>(resolve => setTimeout(resolve, ms));
  };

  beforeEach(async () => {
    waits.length = 0;
    simulator = await GithubSimulator.start();
    await simulator.createRepository('acme/web', {
      commits: [{ message: 'init', files: { 'README.md': '# web\n' } }],
    });
  });
  afterEach(() => simulator.stop());

  const client = (budget: GithubBudget, feature: string) =>
    githubOctokit({
      baseUrl: simulator.urls.api,
      token: simulator.token,
      budget,
      feature,
    });
  const getRepo = (budget: GithubBudget, feature = 'specs') =>
    client(budget, feature).rest.repos.get({ owner: 'acme', repo: 'web' });

  it('waits for the primary limit to reset and then succeeds', async () => {
    simulator.setPrimaryRateLimit({ limit: 2, windowMs: 1000 });
    // No pacing, so the third request runs into the limit.
    const budget = new GithubBudget({ sleep, paceBelow: 0 });
    await getRepo(budget);
    await getRepo(budget);
    // The budget now knows nothing is left and waits before sending.
    const third = await getRepo(budget);
    expect(third.data.full_name).toBe('acme/web');
    expect(waits).toHaveLength(1);
    expect(waits[0]).toBeGreaterThan(0);
    expect(waits[0]).toBeLessThanOrEqual(2000 + 1000);
    expect(simulator.requests.map(r => r.status)).toEqual([200, 200, 200]);
  });

  it('retries after a 403 whose headers give the reset', async () => {
    simulator.setPrimaryRateLimit({ limit: 1, windowMs: 1000 });
    await fetch(`${simulator.urls.api}/repos/acme/web`, {
      headers: { authorization: `token ${simulator.token}` },
    });
    const budget = new GithubBudget({ sleep });
    const result = await getRepo(budget);
    expect(result.status).toBe(200);
    expect(simulator.requests.map(r => r.status)).toEqual([200, 403, 200]);
    expect(budget.snapshot().features).toEqual([
      { feature: 'specs', requests: 1, notModified: 0, rateLimited: 1 },
    ]);
  });

  it('waits as long as retry-after says on a secondary limit', async () => {
    simulator.setSecondaryRateLimit({
      maxRequests: 1,
      perMs: 500,
      retryAfterSeconds: 1,
    });
    const budget = new GithubBudget({ sleep });
    await getRepo(budget, 'conventions');
    const second = await getRepo(budget, 'conventions');
    expect(second.status).toBe(200);
    expect(waits).toEqual([1000]);
    expect(simulator.requests.map(r => r.status)).toEqual([200, 429, 200]);
  });

  it('fails with a rate limit error when the reset is later than it may wait', async () => {
    simulator.setPrimaryRateLimit({ limit: 1, windowMs: 60 * 60 * 1000 });
    const budget = new GithubBudget({ sleep, maxWaitMs: 1000 });
    await getRepo(budget);
    const refused = getRepo(budget);
    await expect(refused).rejects.toThrow(GithubRateLimitError);
    await expect(refused).rejects.toThrow(/resets at/);
    expect(waits).toEqual([]);
  });

  it('records the requests of each feature, 304s apart, with the remaining budget', async () => {
    simulator.setPrimaryRateLimit({ limit: 100 });
    const budget = new GithubBudget({ sleep });
    const first = await client(budget, 'specs').rest.git.getRef({
      owner: 'acme',
      repo: 'web',
      ref: 'heads/main',
    });
    await expect(
      client(budget, 'specs').rest.git.getRef({
        owner: 'acme',
        repo: 'web',
        ref: 'heads/main',
        headers: { 'if-none-match': first.headers.etag! },
      }),
    ).rejects.toMatchObject({ status: 304 });
    await getRepo(budget, 'tasks');
    await getRepo(budget, 'tasks');
    const snapshot = budget.snapshot();
    expect(snapshot.features).toEqual([
      { feature: 'tasks', requests: 2, notModified: 0, rateLimited: 0 },
      { feature: 'specs', requests: 1, notModified: 1, rateLimited: 0 },
    ]);
    expect(snapshot).toMatchObject({ limit: 100, remaining: 97 });
    expect(simulator.countedRequests()).toBe(3);
  });
});
