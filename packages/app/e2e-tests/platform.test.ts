import { test, expect, signInAsGuest, screenshotPath } from './fixtures';

// The demo component of specs.test.ts: this repository, read from disk.
const component = '/catalog/default/component/catalyst';

test('the Platform tasks page lists the task queue', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Platform tasks' })
    .click();

  await expect(page).toHaveURL(/\/platform-tasks/);
  await expect(
    page.getByRole('heading', {
      level: 1,
      name: 'Platform tasks',
      exact: true,
    }),
  ).toBeVisible();
  await expect(page.getByText(/^Platform tasks \(\d+\)$/)).toBeVisible();
  await expect(
    page
      .getByText('No platform tasks yet')
      .or(page.getByRole('link', { name: /^Task \d+$/ }).first()),
  ).toBeVisible();
  await expect(
    page.getByRole('search', { name: 'Task filters' }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('platform-tasks'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('the Conventions page shows compliance across the catalog', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'Conventions' })
    .click();

  await expect(page).toHaveURL(/\/conventions/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Conventions', exact: true }),
  ).toBeVisible();
  await expect(page.getByText(/^Components \(\d+\)$/)).toBeVisible();
  await expect(page.getByLabel('Compliance', { exact: true })).toBeVisible();
  await expect(
    page.getByText('No component scanned yet').or(
      // A scanned component's entity link in the table.
      page.getByRole('cell').getByRole('link').first(),
    ),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('conventions-overview'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('the demo component has Conventions and Maintenance tabs', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);

  await page.goto(`${component}/conventions`);
  await expect(page.getByText(/^Pack: /)).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Files and rules')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Open fix PR' })).toBeVisible();
  await page.screenshot({
    path: screenshotPath('entity-conventions-tab'),
    fullPage: true,
  });

  await page.goto(`${component}/platform-tasks`);
  await expect(page.getByText(/^Platform tasks \(\d+\)$/)).toBeVisible();
  await expect(
    page.getByRole('search', { name: 'Task filters' }).getByLabel('Component'),
  ).toHaveCount(0);
  await expect(
    page
      .getByText('No platform tasks yet')
      .or(page.getByRole('link', { name: /^Task \d+$/ }).first()),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('entity-maintenance-tab'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

// The demo component is this repository, read from disk: its own history is releasable.
test('the demo component’s overview has a Releases card with a next version', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await page.goto(component);
  await expect(
    page.getByText('Releases', { exact: true }).first(),
  ).toBeVisible();
  await expect(page.getByLabel('Next version')).toHaveText(/^\d+\.\d+\.\d+/, {
    timeout: 90_000,
  });
  await expect(
    page.getByRole('region', { name: 'Why this version' }),
  ).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Unreleased changes' }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('entity-releases-card'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});
