import type { APIRequestContext, Page, Response } from '@playwright/test';
import { test, expect, signInAsGuest, screenshotPath } from './fixtures';

// The backend serves the API the browser uses; scripts/test.sh starts it on 7007.
const backendUrl =
  process.env.PLAYWRIGHT_BACKEND_URL ?? 'http://localhost:7007';
const SPEC = 'default/spec/catalyst-002-spec-driven-development';
const SPEC_TITLE = 'Spec-driven development';
// A user story of specs/002-spec-driven-development/spec.md, as a heading.
const USER_STORY = /User Story 1 - See every spec in one portfolio/;
// TechDocs checks a site for changes at most once a minute per entity.
const TECHDOCS_CHECK_INTERVAL_MS = 60_000;

async function guestToken(request: APIRequestContext): Promise<string> {
  const res = await request.get(
    `${backendUrl}/api/auth/guest/refresh?env=development`,
    { headers: { 'X-Requested-With': 'XMLHttpRequest' } },
  );
  expect(res.ok()).toBe(true);
  return (await res.json()).backstageIdentity.token;
}

async function api(request: APIRequestContext, path: string) {
  const res = await request.get(`${backendUrl}/api/${path}`, {
    headers: { Authorization: `Bearer ${await guestToken(request)}` },
  });
  return res;
}

// What TechDocs published for the site: its etag and build time.
async function publishedMetadata(request: APIRequestContext, ref: string) {
  const res = await api(request, `techdocs/metadata/techdocs/${ref}`);
  expect(res.ok()).toBe(true);
  return (await res.json()) as { etag: string; build_timestamp: number };
}

// The catalog processes the demo's Spec entities shortly after start.
async function waitForEntity(request: APIRequestContext, ref: string) {
  const [namespace, kind, name] = ref.split('/');
  await expect(async () => {
    const res = await api(
      request,
      `catalog/entities/by-name/${kind}/${namespace}/${name}`,
    );
    expect(res.status()).toBe(200);
  }).toPass({ timeout: 120_000, intervals: [2_000] });
}

// The reader asks the backend to check the site for changes on each visit;
// the answer is an event stream ending with `finish` ({ updated }) or `error`.
function syncOf(page: Page, ref: string): Promise<Response> {
  return page.waitForResponse(res =>
    res.url().includes(`/api/techdocs/sync/${ref}`),
  );
}

// The demo runs offline: nothing on its pages may leave the machine (GitHub,
// Google Fonts, ...).
function recordRemoteRequests(page: Page): string[] {
  const remote: string[] = [];
  page.on('request', req => {
    const { protocol, hostname } = new URL(req.url());
    if (
      protocol.startsWith('http') &&
      !['localhost', '127.0.0.1'].includes(hostname)
    ) {
      remote.push(req.url());
    }
  });
  return remote;
}

// The reader keeps a site transparent, under a progress bar, until every
// stylesheet of the page has loaded; Playwright counts transparent elements
// as visible, so this checks the site is really shown.
async function expectSiteShown(page: Page, timeout?: number) {
  await expect(
    page.getByTestId('techdocs-native-shadowroot').locator('html'),
  ).toHaveCSS('opacity', '1', { timeout });
}

async function syncOutcome(response: Response) {
  const body = await response.text();
  const events = [...body.matchAll(/^event: (\w+)\ndata: (.*)$/gm)];
  const [, type, data] = events[events.length - 1];
  return { type, data: JSON.parse(data) };
}

test.describe.configure({ timeout: 300_000 });

test('a spec’s docs render on the first visit and are not rebuilt on the next', async ({
  page,
  request,
  pageErrors,
}) => {
  await waitForEntity(request, SPEC);
  const remote = recordRemoteRequests(page);
  await signInAsGuest(page);

  const firstSync = syncOf(page, SPEC);
  await page.goto(`/docs/${SPEC}`);
  const firstVisit = Date.now();
  await expect(
    page.getByRole('heading', { name: SPEC_TITLE }).first(),
  ).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('heading', { name: USER_STORY })).toBeVisible({
    timeout: 15_000,
  });
  await expectSiteShown(page, Math.max(0, firstVisit + 15_000 - Date.now()));
  const first = await syncOutcome(await firstSync);
  expect(first.type).toBe('finish');
  const built = await publishedMetadata(request, SPEC);
  expect(built.etag).toMatch(/^[0-9a-f]{64}$/);
  await page.screenshot({
    path: screenshotPath('techdocs-spec'),
    fullPage: true,
  });

  // Past TechDocs' once-a-minute throttle, the next visit checks the site
  // again: its content is unchanged, so nothing is built.
  await page.goto('/');
  await page.waitForTimeout(
    Math.max(0, firstVisit + TECHDOCS_CHECK_INTERVAL_MS + 5_000 - Date.now()),
  );
  const secondSync = syncOf(page, SPEC);
  await page.goto(`/docs/${SPEC}`);
  await expect(page.getByRole('heading', { name: USER_STORY })).toBeVisible({
    timeout: 15_000,
  });
  await expectSiteShown(page);
  expect(await syncOutcome(await secondSync)).toEqual({
    type: 'finish',
    data: { updated: false },
  });
  expect(await publishedMetadata(request, SPEC)).toMatchObject({
    etag: built.etag,
    build_timestamp: built.build_timestamp,
  });
  await expect(
    page.getByText('A newer version of this documentation is now available'),
  ).toHaveCount(0);
  expect(remote).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('this repository’s docs render from disk', async ({
  page,
  request,
  pageErrors,
}) => {
  const ref = 'default/component/catalyst';
  const remote = recordRemoteRequests(page);
  await waitForEntity(request, ref);
  await signInAsGuest(page);

  const sync = syncOf(page, ref);
  await page.goto(`/docs/${ref}`);
  await expect(
    page.getByText(
      'Catalyst is an internal developer platform shipped as a Backstage plugin suite',
    ),
  ).toBeVisible();
  await expectSiteShown(page);
  expect((await syncOutcome(await sync)).type).toBe('finish');
  await expect(page.getByText('Building a newer version')).toHaveCount(0);
  await page.screenshot({
    path: screenshotPath('techdocs-catalyst'),
    fullPage: true,
  });
  expect(remote).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('docs search on a spec page finds the spec', async ({
  page,
  request,
  pageErrors,
}) => {
  await waitForEntity(request, SPEC);
  await signInAsGuest(page);
  await page.goto(`/docs/${SPEC}`);
  await expect(page.getByRole('heading', { name: USER_STORY })).toBeVisible();
  await expectSiteShown(page);

  // The TechDocs collator indexes published sites on its schedule.
  const search = page.getByRole('searchbox', { name: 'Search docs' });
  await expect(async () => {
    await search.fill('');
    await search.fill('portfolio');
    await expect(
      page
        .getByRole('option')
        .filter({ hasText: /portfolio/i })
        .first(),
    ).toBeVisible({ timeout: 5_000 });
  }).toPass({ timeout: 240_000, intervals: [10_000] });
  await page.screenshot({
    path: screenshotPath('techdocs-search'),
    fullPage: true,
  });

  await page
    .getByRole('option')
    .filter({ hasText: /portfolio/i })
    .first()
    .click();
  await expect(page).toHaveURL(
    /\/docs\/default\/spec\/catalyst-002-spec-driven-development/,
  );
  expect(pageErrors).toEqual([]);
});
