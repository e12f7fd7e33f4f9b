import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests against a running portal. scripts/test.sh starts the portal
 * with the README's start command and points PLAYWRIGHT_URL at it; run
 * `yarn test:e2e` yourself while `yarn start` (and, for the `legacy` project,
 * `yarn start:legacy`) is running.
 *
 * Browsers are never downloaded: Playwright drives Debian's Chromium.
 */
export default defineConfig({
  testDir: 'packages/app/e2e-tests',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 1,
  reporter: [
    ['list'],
    ['json', { outputFile: 'e2e-test-report/results.json' }],
  ],
  outputDir: 'e2e-test-report/artifacts',
  use: {
    baseURL: process.env.PLAYWRIGHT_URL ?? 'http://localhost:3000',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: /legacy-app\.test\.ts/ },
    {
      // packages/app-legacy (`yarn start:legacy`), the same backend.
      name: 'legacy',
      testMatch: /legacy-app\.test\.ts/,
      use: {
        baseURL: process.env.PLAYWRIGHT_LEGACY_URL ?? 'http://localhost:3001',
      },
    },
  ],
});
