import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Browser, type Locator, type Page } from '@playwright/test';
import { browserApiScript } from '../bridge/browserApiScript';
import type { Bridge } from '../bridge/server';
import { repoRoot, startBridge } from '../bridge/server';

/** Where step screenshots go: test-results/ is Playwright's output folder, kept as a CI artefact. */
export const screenshotDir = join(repoRoot, 'test-results', 'screenshots');

/**
 * Open the app's window on the bridge: inject `window.policyArchive` before
 * any page script runs, then load the renderer. Returns the page errors and
 * console errors seen so far (a CSP violation or an uncaught exception is a
 * bug the user would hit); `expectNoPageErrors` checks it at the end.
 */
export async function openApp(page: Page, bridge: Bridge, apiScript: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} (${message.location().url})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  await page.addInitScript({ content: apiScript });
  await page.goto(bridge.url);
  await expect(page.getByRole('heading', { name: 'Policy Archive Explorer' })).toBeVisible();
  return errors;
}

export function expectNoPageErrors(errors: string[]): void {
  expect(errors, 'errors in the page').toEqual([]);
}

/** A full-page screenshot of the current step, named so the files sort in story order. */
export async function snap(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: join(screenshotDir, `${name}.png`), fullPage: true });
}

/** The app's three columns. */
export function columns(page: Page): { vendors: Locator; middle: Locator; content: Locator } {
  return {
    vendors: page.getByRole('navigation', { name: /^Vendors/ }),
    middle: page.locator('section.column.middle'),
    content: page.getByRole('main'),
  };
}

/** Choose a vendor in the list and wait for its timeline. */
export async function selectVendor(page: Page, name: string): Promise<void> {
  await columns(page)
    .vendors.getByRole('button', { name: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`) })
    .click();
  const { middle } = columns(page);
  await expect(middle.getByRole('heading', { level: 2, name })).toBeVisible();
  // The heading shows at once; the captures arrive with the timeline.
  await expect(middle.locator('.timeline-row').first()).toBeVisible();
}

/** The dates (YYYY-MM-DD) the versions of a timeline were first seen, top to bottom. */
export async function timelineDates(page: Page): Promise<string[]> {
  return columns(page).middle.locator('.timeline-row .list-title').allTextContents();
}

/**
 * A desktop window does not scroll as a whole: the toolbar stays put and each
 * column scrolls on its own. Content that escapes its column (for example an
 * absolutely positioned label with no positioned ancestor) makes the whole
 * window scroll into blank space.
 */
export async function expectWindowNotScrollable(page: Page): Promise<void> {
  const overflow = await page.evaluate('document.scrollingElement.scrollHeight - window.innerHeight');
  expect(overflow, 'pixels the whole window can scroll').toBeLessThanOrEqual(0);
}

/**
 * Call the page's own API (`window.policyArchive`, what the renderer uses)
 * with `body` as the body of an async function of `api`, and return its
 * result: tests compare what the page shows with a second, independent call.
 * (A string: this project's Node types have no DOM; the code runs in the page.)
 */
export async function callApi<T>(page: Page, body: string): Promise<T> {
  return (await page.evaluate(`(async (api) => { ${body} })(window.policyArchive)`)) as T;
}

/** The id of the (first) document of the vendor with this display name. */
export async function documentIdOf(page: Page, vendorName: string): Promise<number> {
  return callApi<number>(
    page,
    `const vendor = (await api.vendors.list()).find((v) => v.displayName === ${JSON.stringify(vendorName)});
     const timeline = await api.vendors.timeline(vendor.id);
     return timeline.documents[0].id;`,
  );
}

/**
 * A window of the app on a fresh, empty archive (its own bridge, no samples),
 * opened and showing the empty state; the bridge and the window are closed
 * after `use` returns or throws.
 */
export async function withEmptyArchive(
  browser: Browser,
  use: (page: Page, errors: string[], bridge: Bridge) => Promise<void>,
): Promise<void> {
  const bridge = await startBridge({ samplesDir: null });
  const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  try {
    const errors = await openApp(page, bridge, browserApiScript());
    await expect(page.getByRole('heading', { name: 'Your archive is empty' })).toBeVisible();
    await use(page, errors, bridge);
  } finally {
    await context.close();
    await bridge.close();
  }
}

/** Compare formlabs.com across GDPR from its timeline; resolves to the diff once its first insertion shows. */
export async function openGdprDiff(page: Page): Promise<Locator> {
  await selectVendor(page, 'formlabs.com');
  await columns(page).middle.getByRole('button', { name: 'What changed across GDPR?' }).click();
  const diff = page.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff.locator('.policy-text ins').first()).toBeVisible();
  return diff;
}

/** Tell the window that an import it was shown as running (staged with bridge.emit) was cancelled. */
export function emitImportCancelled(bridge: Bridge, importId: string, filesTotal: number): void {
  bridge.emit('import:finished', {
    importId,
    cancelled: true,
    startedAt: '2026-01-01T10:00:00Z',
    finishedAt: '2026-01-01T10:00:05Z',
    filesTotal,
    imported: 0,
    duplicates: 0,
    skipped: 0,
    failed: 0,
    snapshotsAdded: 0,
    files: [],
  });
}
