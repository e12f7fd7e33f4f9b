import { test, expect, signInAsGuest, screenshotPath } from './fixtures';
import type { Page } from '@playwright/test';

// The platform backend indexes the catalog shortly after start; reload until
// this repository's own specs are there.
async function gotoWhenIndexed(page: Page, path: string, text: string) {
  await expect(async () => {
    await page.goto(path);
    await expect(page.getByText(text).first()).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 90_000, intervals: [2_000] });
}

test('the SpecBrowser lists this repository’s specs', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await gotoWhenIndexed(page, '/specs', 'Spec-driven development');

  const row = page.getByRole('row', { name: /Spec-driven development/ });
  await expect(row).toBeVisible();
  // 002 has 13 tasks, 11 done in tasks.md.
  await expect(row.getByText('11 / 13')).toBeVisible();
  await expect(
    page.getByRole('row', { name: /Foundation/ }).getByText('8 / 8'),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('spec-browser'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});

test('the Specs tab shows a spec with its documents and tasks by phase', async ({
  page,
  pageErrors,
}) => {
  await signInAsGuest(page);
  await gotoWhenIndexed(
    page,
    '/catalog/default/component/catalyst/specs',
    'Spec-driven development',
  );
  await page.getByText('Spec-driven development').first().click();

  await expect(page).toHaveURL(/spec=002-spec-driven-development/);
  await expect(
    page.getByText('Phase 3: User Story 2 - Completion from merged work (P1)'),
  ).toBeVisible();
  await expect(page.getByText('T009').first()).toBeVisible();
  await expect(page.getByText('US2').first()).toBeVisible();
  await page.screenshot({
    path: screenshotPath('entity-specs-tab'),
    fullPage: true,
  });
  expect(pageErrors).toEqual([]);
});
