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

/** Reloads the page until `check` passes: the page reads its data once. */
export async function reloadUntil(
  page: Page,
  check: () => Promise<void>,
  timeout: number,
) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout, intervals: [5_000] });
}

/** The demo's payments-api component (scripts/observability.sh demo). */
export const DEMO_PAYMENTS = '/catalog/default/component/payments-api';

/**
 * Signs in and opens the incident of the demo's alert PaymentsApiErrorRate, reloading
 * the component's Observability tab until the alert has reached the portal.
 */
export async function openDemoAlert(page: Page) {
  await signInAsGuest(page);
  await page.goto(`${DEMO_PAYMENTS}/observability`);
  const alertLink = page
    .getByRole('table', { name: 'Active alerts' })
    .getByRole('link', { name: 'PaymentsApiErrorRate' })
    .first();
  await reloadUntil(
    page,
    () => expect(alertLink).toBeVisible({ timeout: 15_000 }),
    240_000,
  );
  await alertLink.click();
  await expect(page).toHaveURL(/\/observability\?alert=\d+$/);
}
