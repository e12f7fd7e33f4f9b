import { test, expect, signInAsGuest, screenshotPath } from './fixtures';

test('guest signs in and sees the demo catalog', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);

  await page.goto('/?filters[kind]=component&filters[user]=all');
  const table = page.getByRole('table');
  for (const name of [
    'Catalyst',
    'Payments API',
    'Checkout web',
    'Ledger worker',
  ]) {
    await expect(table.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await page.screenshot({ path: screenshotPath('catalog'), fullPage: true });
  expect(pageErrors).toEqual([]);
});

test('opens a demo component', async ({ page, pageErrors }) => {
  await signInAsGuest(page);

  await page.goto('/?filters[kind]=component&filters[user]=all');
  await page
    .getByRole('table')
    .getByRole('link', { name: 'Payments API', exact: true })
    .click();

  await expect(page).toHaveURL(/\/catalog\/default\/component\/payments-api/);
  await expect(
    page.getByRole('heading', { name: 'Payments API' }).first(),
  ).toBeVisible();
  await expect(page.getByText('payments-team').first()).toBeVisible();
  // The overview's cards come from the catalog entity; wait until they render.
  await expect(page.getByText('HTTP service that authorises')).toBeVisible();
  await page.screenshot({ path: screenshotPath('component'), fullPage: true });
  expect(pageErrors).toEqual([]);
});
