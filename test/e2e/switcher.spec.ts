/**
 * The quick switcher (issue 5): Ctrl+K opens a palette over vendors,
 * documents and section headings; typos and half-typed words still find
 * ("formlab", "privcy"); Enter goes there (a heading scrolls the reader to
 * it); Escape closes and gives focus back; a vendor imported later is
 * findable. The built renderer in Chromium over the loopback bridge, on the
 * bundled samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { useAppSession } from './support/session';
import { columns, expectNoPageErrors, expectWindowNotScrollable, openApp, snap } from './support/app';
import { writePrincetonMarkdown } from './support/policyFiles';

const session = useAppSession();

/** Open the window and wait for the first-launch sample import to finish (the first test) or be skipped. */
async function openLoaded(page: Page): Promise<string[]> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  return errors;
}

function palette(page: Page): { dialog: Locator; input: Locator; options: Locator; status: Locator } {
  const dialog = page.getByRole('dialog', { name: 'Go to a vendor, document or section' });
  return {
    dialog,
    input: dialog.getByRole('combobox', { name: 'Go to a vendor, document or section' }),
    options: dialog.getByRole('listbox', { name: 'Matches' }).getByRole('option'),
    status: dialog.getByRole('status'),
  };
}

/** Ctrl+K, then type `query` and wait for the answer (`settled`: the status line then). */
async function openAndType(
  page: Page,
  query: string,
  settled: RegExp = /^\d+ match(es)?/,
): Promise<ReturnType<typeof palette>> {
  const switcher = palette(page);
  await page.keyboard.press('Control+K');
  await expect(switcher.dialog).toBeVisible();
  await expect(switcher.input).toBeFocused();
  await switcher.input.fill(query);
  await expect(switcher.status).toHaveText(settled);
  return switcher;
}

/** The highlighted option (the one aria-activedescendant names). */
async function activeOption(page: Page, input: Locator): Promise<Locator> {
  const id = await input.getAttribute('aria-activedescendant');
  expect(id, 'an option is highlighted').toBeTruthy();
  return page.locator(`[id="${id}"]`);
}

test('Ctrl+K and "formlab" offer formlabs.com; Enter shows its timeline', async ({ page }) => {
  const errors = await openLoaded(page);
  const switcher = palette(page);
  await page.keyboard.press('Control+K');
  await expect(switcher.dialog).toBeVisible();
  await expect(switcher.input).toBeFocused();
  // The index builds in a worker; the palette opens at once and says when it is ready.
  await expect(switcher.status).toHaveText(/Type a vendor, document or section heading|Preparing/);
  expect(page.workers().some((worker) => worker.url().includes('quickSwitcher.worker'))).toBe(true);

  await switcher.input.pressSequentially('formlab');
  await expect(switcher.status).toHaveText(/^\d+ match(es)?/);
  const first = switcher.options.first();
  await expect(first).toContainText('formlabs.com');
  await expect(first).toContainText('Vendor');
  await expect(first).toHaveAttribute('aria-selected', 'true');
  await expect(await activeOption(page, switcher.input)).toHaveAttribute('id', (await first.getAttribute('id'))!);
  await expect(switcher.input).toHaveAttribute('aria-expanded', 'true');
  await snap(page, '60-quick-switcher-open');

  await page.keyboard.press('Enter');
  await expect(switcher.dialog).toBeHidden();
  const { vendors, middle } = columns(page);
  await expect(middle.getByRole('heading', { level: 2, name: 'formlabs.com' })).toBeVisible();
  await expect(vendors.getByRole('button', { name: /^formlabs\.com / })).toHaveAttribute('aria-current', 'true');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('"privcy" finds Privacy Policy; the arrows move the highlight and Enter opens that document', async ({ page }) => {
  const errors = await openLoaded(page);
  const switcher = await openAndType(page, 'privcy');
  const count = await switcher.options.count();
  expect(count).toBeGreaterThan(3);
  for (let index = 0; index < Math.min(count, 8); index++) {
    await expect(switcher.options.nth(index)).toContainText('Privacy Policy');
  }

  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(switcher.options.nth(2)).toHaveAttribute('aria-selected', 'true');
  await expect(switcher.options.nth(0)).toHaveAttribute('aria-selected', 'false');
  await expect(await activeOption(page, switcher.input)).toHaveText(await switcher.options.nth(2).innerText());
  await page.keyboard.press('ArrowUp');
  await expect(switcher.options.nth(1)).toHaveAttribute('aria-selected', 'true');
  // Up from the first wraps to the last.
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(switcher.options.last()).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('ArrowDown');
  await expect(switcher.options.first()).toHaveAttribute('aria-selected', 'true');

  const vendor = (await switcher.options.first().locator('.quick-switcher-detail').innerText()).trim();
  await page.keyboard.press('Enter');
  await expect(switcher.dialog).toBeHidden();
  const reader = page.getByRole('article', { name: `${vendor} — Privacy Policy` });
  await expect(reader).toBeVisible();
  await expect(columns(page).middle.getByRole('heading', { level: 2, name: vendor })).toBeVisible();
  expectNoPageErrors(errors);
});

test('a section heading opens the newest version scrolled to that heading', async ({ page }) => {
  const errors = await openLoaded(page);
  const switcher = await openAndType(page, 'formlabs cookis');
  const first = switcher.options.first();
  await expect(first).toContainText('Cookies');
  await expect(first).toContainText('formlabs.com · Privacy Policy');
  await expect(first).toContainText('Section');
  await snap(page, '61-quick-switcher-heading');

  await page.keyboard.press('Enter');
  await expect(switcher.dialog).toBeHidden();
  const reader = page.getByRole('article', { name: 'formlabs.com — Privacy Policy' });
  await expect(reader).toBeVisible();
  // The newest of formlabs.com's three versions.
  await expect(reader.locator('dl.facts')).toContainText('3 of 3');
  const target = reader.locator('.policy-text').getByRole('heading', { name: 'Cookies', exact: true });
  await expect(target).toBeFocused();
  await expect(target).toBeInViewport();
  // The reader really scrolled: the heading is far down the policy.
  // (A string: this project's Node types have no DOM; the code runs in the page.)
  const scrolled = (await page.evaluate(`document.querySelector('main.column.content').scrollTop`)) as number;
  expect(scrolled).toBeGreaterThan(200);
  await snap(page, '62-quick-switcher-heading-opened');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('Escape closes the palette and gives the focus back, leaving the search as it was', async ({ page }) => {
  const errors = await openLoaded(page);
  const searchBox = page.getByRole('searchbox', { name: 'Search all policies' });
  await searchBox.fill('cookies');
  await searchBox.focus();

  const switcher = await openAndType(page, 'protolab');
  await expect(switcher.options.first()).toContainText('protolabs.com');
  await page.keyboard.press('Escape');
  await expect(switcher.dialog).toBeHidden();
  await expect(searchBox).toBeFocused();
  await expect(searchBox).toHaveValue('cookies');

  // Reopening keeps what was typed; the toolbar button opens it too.
  await page.getByRole('button', { name: /^Go to…/ }).click();
  await expect(switcher.dialog).toBeVisible();
  await expect(switcher.input).toHaveValue('protolab');
  await page.keyboard.press('Escape');
  await expect(switcher.dialog).toBeHidden();
  await expect(page.getByRole('button', { name: /^Go to…/ })).toBeFocused();
  expectNoPageErrors(errors);
});

test('a vendor imported through "Import files…" becomes findable, with its sections', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-e2e-switcher-'));
  try {
    const file = writePrincetonMarkdown(
      dir,
      'quillwright.example',
      '2021-04-01',
      '# Privacy Policy\n\nQuillwright makes fountain pens and keeps little data.\n\n' +
        '## Biometric information\n\nWe never collect fingerprints or face scans.\n\n' +
        '## Contacting us\n\nWrite to privacy@quillwright.example.\n',
    );
    session.bridge.setImportPaths([file]);
    const errors = await openLoaded(page);

    // Not in the archive yet.
    const switcher = await openAndType(page, 'quillwright', /^Nothing matches/);
    await page.keyboard.press('Escape');
    await expect(switcher.dialog).toBeHidden();

    await page.getByRole('button', { name: 'Import files…' }).click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await expect(report).toContainText('1 imported');

    // The index is rebuilt after the import: a typo in the new name finds it.
    await page.keyboard.press('Control+K');
    await switcher.input.fill('quilwright');
    await expect(switcher.options.first()).toContainText('quillwright.example');
    await expect(switcher.options.first()).toContainText('Vendor');
    await switcher.input.fill('quillwright biometric');
    await expect(switcher.options.first()).toContainText('Biometric information');
    await snap(page, '63-quick-switcher-after-import');
    await page.keyboard.press('Enter');
    const reader = page.getByRole('article', { name: 'quillwright.example — Privacy Policy' });
    await expect(reader.locator('.policy-text').getByRole('heading', { name: 'Biometric information' })).toBeFocused();
    expectNoPageErrors(errors);
  } finally {
    session.bridge.setImportPaths([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * Where a worker may not start (the packaged app loads the page from file://),
 * the page builds the index itself: the constructor refusing outright, or the
 * worker failing to load afterwards (an `error` event).
 */
const refusedWorkers = {
  'refused at construction': `window.Worker = class { constructor() { throw new DOMException('refused', 'SecurityError'); } };`,
  'failing to load': `window.Worker = class extends EventTarget {
    constructor() { super(); setTimeout(() => this.dispatchEvent(new Event('error')), 50); }
    postMessage() {}
    terminate() {}
  };`,
};
for (const [how, script] of Object.entries(refusedWorkers)) {
  test(`without a worker (${how}) the palette still finds, built on the page`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 820 } });
    const page = await context.newPage();
    try {
      await page.addInitScript({ content: script });
      const errors = await openLoaded(page);
      const switcher = await openAndType(page, 'formlab');
      await expect(switcher.options.first()).toContainText('formlabs.com');
      await switcher.input.fill('privcy');
      await expect(switcher.options.first()).toContainText('Privacy Policy');
      expect(page.workers()).toHaveLength(0);
      expectNoPageErrors(errors);
    } finally {
      await context.close();
    }
  });
}
