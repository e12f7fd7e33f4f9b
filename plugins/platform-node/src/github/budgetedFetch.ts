import { GithubBudget } from './GithubBudget';

/**
 * `fetch` of a GitHub API address, sent through the platform's budget as
 * `feature` when there is one (recorded, paced, retried after a rate limit as
 * GitHub asks); a plain `fetch` otherwise.
 */
export async function budgetedFetch(
  budget: GithubBudget | undefined,
  feature: string,
  url: string,
  init: RequestInit,
): Promise<Response> {
  const send = () => fetch(url, init);
  if (!budget) return send();
  return budget.send(feature, send, ({ value }) =>
    value
      ? {
          status: value.status,
          headers: Object.fromEntries(value.headers.entries()),
        }
      : undefined,
  );
}
