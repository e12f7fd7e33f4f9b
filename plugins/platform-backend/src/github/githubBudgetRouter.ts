import { HttpAuthService } from '@backstage/backend-plugin-api';
import type { GithubBudgetResponse } from '@catalyst/plugin-platform-common';
import { GithubBudget } from '@catalyst/plugin-platform-node';
import Router from 'express-promise-router';

/** `GET /github/budget`: the GitHub requests per feature in the last hour and what remains. */
export function createGithubBudgetRouter(options: {
  budget: GithubBudget;
  httpAuth: HttpAuthService;
}) {
  const router = Router();
  router.get('/github/budget', async (req, res) => {
    await options.httpAuth.credentials(req, { allow: ['user', 'service'] });
    const body: GithubBudgetResponse = options.budget.snapshot();
    res.json(body);
  });
  return router;
}
