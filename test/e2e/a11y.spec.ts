/**
 * Accessibility of every page and state (issue 6): axe-core over the whole
 * window — empty archive, library, vendor timeline, reader, diff inline and
 * side by side, search with its filters, a phrase's history, trends, the
 * quick switcher, import progress and an import report with a failure, the
 * first-launch tips and Help — in the light and the dark scheme, with no
 * violation of serious or critical impact (contrast, names, roles, ARIA).
 * The built renderer in Chromium over the loopback bridge, on the samples.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ImportProgress } from '../../src/shared/domain';
import { expectNoSeriousAxeViolations, useScheme } from './support/a11y';
import {
  columns,
  emitImportCancelled,
  expectNoPageErrors,
  openApp,
  openGdprDiff,
  selectVendor,
  timelineDates,
  withEmptyArchive,
} from './support/app';
import { useAppSession } from './support/session';

const session = useAppSession();

/** axe in both schemes, for the state the page is in now. */
async function checkBothSchemes(page: Page, state: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    await expectNoSeriousAxeViolations(page, `${state} (${scheme})`);
  }
  await useScheme(page, 'light');
}

/** Open the window on the sample archive, the first-launch tips already seen unless `tips`. */
async function openLoaded(page: Page, { tips = false } = {}): Promise<string[]> {
  if (!tips) await page.addInitScript(`localStorage.setItem('policyArchive.tourDone', 'yes')`);
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  return errors;
}

test('the library on first launch, with the import report and the getting-started tips', async ({ page }) => {
  const errors = await openLoaded(page, { tips: true });
  await expect(page.getByRole('region', { name: 'Import finished' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Getting started' })).toBeVisible();
  await checkBothSchemes(page, 'library, first launch');
  expectNoPageErrors(errors);
});

test('an empty archive', async ({ browser }) => {
  await withEmptyArchive(browser, async (page, errors) => {
    await checkBothSchemes(page, 'empty archive');
    expectNoPageErrors(errors);
  });
});

test("a vendor's timeline, and a version in the reader", async ({ page }) => {
  const errors = await openLoaded(page);
  await selectVendor(page, 'formlabs.com');
  await checkBothSchemes(page, 'vendor timeline');

  const newest = (await timelineDates(page))[0]!;
  await columns(page)
    .middle.getByRole('button', { name: new RegExp(`^${newest} `) })
    .click();
  await expect(page.getByRole('article', { name: 'formlabs.com — Privacy Policy' })).toBeVisible();
  await checkBothSchemes(page, 'reader');
  expectNoPageErrors(errors);
});

test('a diff, inline and side by side', async ({ page }) => {
  const errors = await openLoaded(page);
  const diff = await openGdprDiff(page);
  await page.keyboard.press('n');
  await expect(diff.locator('.change-position')).toHaveText(/^Change 1 of/);
  await checkBothSchemes(page, 'diff inline');

  await diff.getByRole('radio', { name: 'Side by side' }).check();
  await expect(diff.locator('.policy-text.side-by-side')).toBeVisible();
  await checkBothSchemes(page, 'diff side by side');
  expectNoPageErrors(errors);
});

test("search results with the filters open, and a phrase's history", async ({ page }) => {
  const errors = await openLoaded(page);
  await page.getByRole('searchbox', { name: 'Search all policies' }).fill('"personal information"');
  const results = columns(page).middle;
  await expect.poll(() => results.getByRole('status').first().innerText()).toMatch(/^[1-9]\d* documents? match/);
  await results.getByRole('button', { name: 'Filters' }).click();
  await expect(results.getByRole('button', { name: 'Filters' })).toHaveAttribute('aria-expanded', 'true');
  await checkBothSchemes(page, 'search results with filters');

  await results.getByRole('button', { name: 'History of this phrase' }).click();
  await expect(page.getByRole('article', { name: 'History of “personal information”' })).toBeVisible();
  await expect(page.getByRole('article', { name: 'History of “personal information”' })).toHaveAttribute(
    'aria-busy',
    'false',
  );
  await checkBothSchemes(page, 'phrase history');
  expectNoPageErrors(errors);
});

test('the trends page', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.getByRole('searchbox', { name: 'Search all policies' }).fill('cookies');
  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  const trends = page.getByRole('main', { name: 'Trends' });
  await expect(trends.getByRole('figure')).toHaveCount(3);
  await expect(trends).toHaveAttribute('aria-busy', 'false');
  await checkBothSchemes(page, 'trends');
  expectNoPageErrors(errors);
});

test('the quick switcher, open with matches', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Go to a vendor, document or section' });
  await dialog.getByRole('combobox').fill('formlab');
  await expect(dialog.getByRole('status')).toHaveText(/^\d+ match(es)?/);
  await checkBothSchemes(page, 'quick switcher');
  expectNoPageErrors(errors);
});

test('Help: keyboard shortcuts and the colour theme', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.getByRole('button', { name: /^Help/ }).click();
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  await checkBothSchemes(page, 'help');
  expectNoPageErrors(errors);
});

test('import progress, the cancel question, and a report with a failure', async ({ page }) => {
  const errors = await openLoaded(page);
  // Progress staged through the shell's event channel (a real import is too quick to look at).
  const progress: ImportProgress = {
    importId: 'staged-import',
    phase: 'importing',
    filesDone: 12,
    filesTotal: 40,
    currentFile: '/home/me/policies/formlabs.com/2019-06-01.md',
    snapshotsAdded: 11,
    bytesDone: 3_100_000,
    bytesTotal: 20_400_000,
  };
  session.bridge.emit('import:progress', progress);
  session.bridge.emit('import:progress', { ...progress, filesDone: 14, bytesDone: 3_900_000 });
  const panel = page.getByRole('region', { name: 'Importing' });
  await expect(panel.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await expect(panel).toContainText('14 of 40 files');
  await panel.getByRole('button', { name: 'Cancel…' }).click();
  await expect(panel.getByRole('group')).toContainText('undoes the whole import');
  await checkBothSchemes(page, 'import progress');
  emitImportCancelled(session.bridge, 'staged-import', 40);
  await page.getByRole('region', { name: 'Import cancelled' }).getByRole('button', { name: 'Dismiss' }).click();

  const dir = mkdtempSync(join(tmpdir(), 'pae-e2e-a11y-'));
  try {
    const broken = join(dir, 'broken-policy.md');
    writeFileSync(
      broken,
      '> *The following text is extracted and transformed from the example.com privacy policy that was archived on 2018-02-30.*\n\n# Privacy\n\nText.\n',
    );
    session.bridge.setImportPaths([broken]);
    await page.getByRole('button', { name: 'Import files…' }).click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await expect(report).toContainText('1 failed');
    await expect(report.getByRole('listitem')).toContainText('broken-policy.md');
    await checkBothSchemes(page, 'import report with a failure');
  } finally {
    session.bridge.setImportPaths([]);
    rmSync(dir, { recursive: true, force: true });
  }
  expectNoPageErrors(errors);
});
