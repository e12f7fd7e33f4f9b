import {
  mockCredentials,
  mockErrorHandler,
  mockServices,
} from '@backstage/backend-test-utils';
import { GithubBudget } from '@catalyst/plugin-platform-node';
import express from 'express';
import request from 'supertest';
import { createGithubBudgetRouter } from './githubBudgetRouter';

describe('GET /github/budget', () => {
  const app = (budget: GithubBudget) =>
    express()
      .use(
        createGithubBudgetRouter({
          budget,
          httpAuth: mockServices.httpAuth({
            defaultCredentials: mockCredentials.none(),
          }),
        }),
      )
      .use(mockErrorHandler());

  it('serves the requests per feature and the last reported limit', async () => {
    const budget = new GithubBudget();
    const reset = Math.floor(Date.now() / 1000) + 600;
    const headers = {
      'x-ratelimit-limit': 5000,
      'x-ratelimit-remaining': 4998,
      'x-ratelimit-reset': reset,
    };
    budget.record('specs', { status: 200, headers });
    budget.record('specs', { status: 304, headers });
    budget.record('tasks', { status: 200, headers });
    const response = await request(app(budget))
      .get('/github/budget')
      .set('authorization', mockCredentials.user.header());
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      windowMinutes: 60,
      features: [
        { feature: 'specs', requests: 1, notModified: 1, rateLimited: 0 },
        { feature: 'tasks', requests: 1, notModified: 0, rateLimited: 0 },
      ],
      limit: 5000,
      remaining: 4998,
      resetAt: new Date(reset * 1000).toISOString(),
      observedAt: expect.any(String),
    });
  });

  it('refuses a request without credentials', async () => {
    const response = await request(app(new GithubBudget())).get(
      '/github/budget',
    );
    expect(response.status).toBe(401);
  });
});
