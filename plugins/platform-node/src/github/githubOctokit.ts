import { Octokit } from '@octokit/rest';
import { GithubBudget } from './GithubBudget';

type HttpErrorLike = {
  status?: number;
  message?: string;
  response?: {
    headers?: Record<string, string | number | undefined>;
    data?: { message?: string };
  };
};

/**
 * An Octokit whose every request goes through the platform's GitHub budget
 * under `feature`: recorded, paced, and retried after a rate limit as GitHub
 * asks (`x-ratelimit-reset`, `retry-after`).
 *
 * @public
 */
export function githubOctokit(options: {
  baseUrl?: string;
  token?: string;
  budget?: GithubBudget;
  feature: string;
}): Octokit {
  const octokit = new Octokit({
    baseUrl: options.baseUrl,
    auth: options.token,
    userAgent: 'catalyst-platform',
  });
  const budget = options.budget;
  if (!budget) return octokit;
  octokit.hook.wrap('request', (request, endpoint) =>
    budget.send(
      options.feature,
      async () => request(endpoint),
      ({ value, error }) => {
        if (value) return { status: value.status, headers: value.headers };
        const failure = error as HttpErrorLike | undefined;
        if (typeof failure?.status !== 'number') return undefined;
        return {
          status: failure.status,
          headers: failure.response?.headers ?? {},
          message: failure.response?.data?.message ?? failure.message,
        };
      },
    ),
  );
  return octokit;
}
