import { test as base, expect, Page } from '@playwright/test';

/**
 * A page that fails the test on any uncaught page error, and a helper that
 * signs in as guest.
 */
export const test = base.extend<{ pageErrors: string[] }>({
  pageErrors: async ({ page }, provide) => {
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.stack ?? error.message));
    await provide(errors);
    expect(errors, 'uncaught errors on the page').toEqual([]);
  },
});

export { expect };

export async function signInAsGuest(page: Page) {
  await page.goto('/');
  const enter = page.getByRole('button', { name: 'Enter' });
  await expect(enter).toBeVisible();
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible();
}

export const screenshotPath = (name: string) =>
  `e2e-test-report/screenshots/${name}.png`;
