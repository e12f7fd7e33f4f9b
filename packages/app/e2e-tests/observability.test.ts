import { Page } from '@playwright/test';
import {
  test,
  expect,
  signInAsGuest,
  screenshotPath,
  reloadUntil,
  openDemoAlert,
  DEMO_PAYMENTS as payments,
} from './fixtures';

/*
 * The observability demo that scripts/start.sh starts beside the portal
 * (scripts/observability.sh demo): payments-api serves 8 requests/s, fails 8%
 * of them, ships one JSON log line per request to VictoriaLogs, and its alert
 * PaymentsApiErrorRate reaches the portal about a minute and a half after the
 * demo starts. Scraped data and the alert arrive while the tests run, so a
 * test reloads until they are there.
 */
// Waiting for the demo's data takes its time on a cold start.
test.describe.configure({ timeout: 300_000 });
const FAILED = 'request failed: upstream card processor returned 502';
const SERVED = 'request served';

/** The line charts of a panel's series (one path per series with points). */
const seriesPaths = (page: Page, panel: string) =>
  page.getByRole('figure', { name: panel }).locator('path.recharts-line-curve');

test('the Observability tab of payments-api charts its golden signals and links to their logs', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await page.goto(`${payments}/observability`);
  await expect(
    page.getByText('Golden signals', { exact: true }).first(),
  ).toBeVisible();

  await reloadUntil(
    page,
    async () => {
      // The demo services export cAdvisor-style CPU and memory series and their limits.
      for (const panel of ['Latency', 'Traffic', 'Errors', 'Saturation']) {
        await expect(seriesPaths(page, panel).first()).toBeVisible({
          timeout: 15_000,
        });
      }
    },
    120_000,
  );
  // A drawn line has at least two points: "M x,y" then a curve or line segment.
  await expect(seriesPaths(page, 'Traffic').first()).toHaveAttribute(
    'd',
    /^M[^A-Za-z]+[CL]/,
  );
  await expect(
    page.getByRole('list', { name: 'Traffic series' }),
  ).toContainText('req/s');
  await expect(page.getByRole('list', { name: 'Errors series' })).toContainText(
    '%',
  );
  await page.screenshot({
    path: screenshotPath('observability-golden-signals'),
    fullPage: true,
  });

  // Every panel links to the same window: the last hour.
  const logsLinks = page.getByRole('link', { name: /Logs of this window/ });
  await expect(logsLinks).toHaveCount(4);
  await logsLinks.first().click();
  await expect(page).toHaveURL(new RegExp(`${payments}/logs\\?range=1h$`));
  await expect(page.getByRole('list', { name: 'Log lines' })).toContainText(
    SERVED,
  );
  expect(pageErrors).toEqual([]);
});

test('the Logs tab of payments-api shows the demo’s log lines and filters them', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await page.goto(`${payments}/logs`);

  const lines = page.getByRole('list', { name: 'Log lines' });
  const items = lines.getByRole('listitem');
  await reloadUntil(
    page,
    async () => {
      await expect(lines).toContainText(SERVED, { timeout: 15_000 });
      await expect(lines).toContainText(FAILED, { timeout: 1_000 });
    },
    60_000,
  );
  await expect(page.getByText(/^\d+ lines from demo/)).toBeVisible();
  await page.screenshot({
    path: screenshotPath('observability-logs'),
    fullPage: true,
  });

  // A LogsQL phrase: only the failed requests are left.
  const search = page.getByRole('textbox', { name: 'LogsQL query' });
  await search.fill('"card processor"');
  await search.press('Enter');
  await expect(lines).not.toContainText(SERVED);
  await expect(items.first()).toContainText(FAILED);
  expect(await items.count()).toBeGreaterThan(0);
  for (const text of await items.allTextContents()) {
    expect(text).toContain(FAILED);
  }
  await page.screenshot({
    path: screenshotPath('observability-logs-filtered'),
    fullPage: true,
  });

  // The level filter, without a query: only info lines.
  await search.fill('');
  await search.press('Enter');
  await page.getByRole('button', { name: 'info', exact: true }).click();
  await expect(lines).not.toContainText(FAILED);
  await expect(items.first()).toContainText(`[info] ${SERVED}`);
  for (const text of await items.allTextContents()) {
    expect(text).toContain('[info]');
  }

  // A line opens on its fields, the trace id among them.
  await items.first().getByRole('button').click();
  await expect(page.getByRole('table', { name: 'Fields' })).toContainText(
    'trace_id',
  );
  expect(pageErrors).toEqual([]);
});

test('the incident of the demo alert shows its error log lines', async ({
  page,
  pageErrors,
}) => {
  await openDemoAlert(page);

  const timeline = page.getByRole('list', { name: 'Incident timeline' });
  await expect(timeline).toContainText('PaymentsApiErrorRate fired');
  const logItems = timeline
    .getByRole('listitem')
    .filter({ hasText: 'error log' });
  await expect(logItems.first()).toContainText(FAILED);
  await page.screenshot({
    path: screenshotPath('observability-incident'),
    fullPage: true,
  });

  await page.getByRole('link', { name: /All logs of this window/ }).click();
  await expect(page).toHaveURL(
    new RegExp(`${payments}/logs\\?from=\\d+&to=\\d+$`),
  );
  await expect(page.getByRole('list', { name: 'Log lines' })).toContainText(
    FAILED,
  );
  expect(pageErrors).toEqual([]);
});
