import { Page } from '@playwright/test';
import { test, expect, signInAsGuest, screenshotPath } from './fixtures';

/*
 * The same plugins in packages/app-legacy, an app on Backstage's legacy
 * frontend system (`@backstage/app-defaults`), served on :3001 with the
 * portal's backend. Runs as the `legacy` Playwright project.
 */

// This repository, read from disk by the demo backend.
const component = '/catalog/default/component/catalyst';

async function openFromSidebar(page: Page, name: string) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name, exact: true })
    .click();
  await expect(
    page.getByRole('heading', { level: 1, name, exact: true }),
  ).toBeVisible();
}

test('the Specs page lists this repository’s specs', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await openFromSidebar(page, 'Specs');
  await expect(page).toHaveURL(/\/specs$/);
  await expect(
    page.getByRole('row', { name: /Spec-driven development/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByRole('search', { name: 'Spec filters' }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('legacy-specs'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('the Platform tasks page lists the task queue', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await openFromSidebar(page, 'Platform tasks');
  await expect(page.getByText(/^Platform tasks \(\d+\)$/)).toBeVisible();
  await expect(
    page.getByRole('search', { name: 'Task filters' }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('legacy-platform-tasks'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('the Conventions page shows compliance across the catalog', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await openFromSidebar(page, 'Conventions');
  await expect(page.getByText(/^Components \(\d+\)$/)).toBeVisible();
  await expect(
    page.getByRole('search', { name: 'Compliance filters' }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('legacy-conventions'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('the Observability page shows stack health and the metric explorer', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await openFromSidebar(page, 'Observability');
  await expect(
    page.getByText('Observability stacks', { exact: true }),
  ).toBeVisible();
  await expect(page.getByText('Instances', { exact: true })).toBeVisible();
  await page.screenshot({
    path: screenshotPath('legacy-observability-stacks'),
    fullPage: true,
  });
  await page.getByRole('link', { name: 'metric explorer' }).click();
  await expect(page).toHaveURL(/\/observability\/explore$/);
  await page.screenshot({
    path: screenshotPath('legacy-observability-explore'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('a component’s entity page has every Catalyst tab and card', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await page.goto(component);
  await expect(
    page.getByText('Golden signals', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByText('Alerts', { exact: true }).first()).toBeVisible();
  await expect(page.getByLabel('Next version')).toHaveText(/^\d+\.\d+\.\d+/, {
    timeout: 90_000,
  });
  await page.screenshot({
    path: screenshotPath('legacy-entity-overview'),
    fullPage: true,
  });

  const tabs: [string, string, (p: Page) => Promise<void>][] = [
    [
      'Specs',
      'specs',
      p =>
        expect(p.getByText('Spec-driven development').first()).toBeVisible({
          timeout: 60_000,
        }),
    ],
    [
      'Conventions',
      'conventions',
      p => expect(p.getByText(/^Pack: /)).toBeVisible({ timeout: 60_000 }),
    ],
    [
      'Maintenance',
      'platform-tasks',
      p => expect(p.getByText(/^Platform tasks \(\d+\)$/)).toBeVisible(),
    ],
    [
      'Agent context',
      'agent-context',
      p =>
        expect(
          p
            .getByText('AGENTS.md')
            .or(p.getByText('No agent context yet'))
            .first(),
        ).toBeVisible({ timeout: 60_000 }),
    ],
    [
      'Observability',
      'observability',
      p =>
        expect(p.getByRole('tab', { name: 'Signals & alerts' })).toBeVisible(),
    ],
    [
      'Logs',
      'logs',
      p =>
        expect(p.getByRole('textbox', { name: 'LogsQL query' })).toBeVisible(),
    ],
  ];
  for (const [title, path, rendered] of tabs) {
    await page.getByRole('tab', { name: title, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`${component}/${path}$`));
    await rendered(page);
    await page.screenshot({
      path: screenshotPath(`legacy-entity-${path}`),
      fullPage: true,
    });
  }
  expect(pageErrors).toEqual([]);
});
