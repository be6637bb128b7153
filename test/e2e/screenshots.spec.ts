/**
 * Screenshots of every page in the light and the dark theme (issue 6), kept
 * as test artefacts: test-results/screenshots/<nn>-<page>-light.png and
 * -dark.png. Each test first checks that the page shows what it should, and
 * that the dark theme really is dark. The built renderer in Chromium over the
 * loopback bridge, on the bundled samples (first launch included).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { ImportProgress } from '../../src/shared/domain';
import { useScheme } from './support/a11y';
import {
  columns,
  expectNoPageErrors,
  openApp,
  openGdprDiff,
  screenshotDir,
  selectVendor,
  timelineDates,
  withEmptyArchive,
} from './support/app';
import { writePrincetonMarkdown } from './support/policyFiles';
import { useAppSession } from './support/session';

const session = useAppSession();

/** The page as it is now, once light and once dark: `<name>-light.png`, `<name>-dark.png`. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    await expect(page.locator('body')).toHaveCSS(
      'background-color',
      scheme === 'dark' ? 'rgb(28, 29, 33)' : 'rgb(251, 250, 247)',
    );
    await page.screenshot({ path: join(screenshotDir, `${name}-${scheme}.png`), fullPage: true });
  }
  await useScheme(page, 'light');
}

/** The window on the sample archive; the first-launch tips already seen. */
async function openLoaded(page: Page): Promise<string[]> {
  await page.addInitScript(`localStorage.setItem('policyArchive.tourDone', 'yes')`);
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  return errors;
}

test('first launch: the sample archive imported, and the getting-started tips', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(page.getByRole('region', { name: 'Import finished' })).toBeVisible();
  const tips = page.getByRole('region', { name: 'Getting started' });
  await expect(tips.getByRole('heading', { name: 'The library' })).toBeVisible();
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await shoot(page, '97-first-launch-hint');
  expectNoPageErrors(errors);
});

test("the library, a vendor's timeline and the reader", async ({ page }) => {
  const errors = await openLoaded(page);
  await expect(columns(page).vendors.getByRole('heading', { name: /^Vendors \(\d+\)$/ })).toBeVisible();
  await shoot(page, '86-library');

  await selectVendor(page, 'formlabs.com');
  await expect(columns(page).middle.getByRole('group', { name: /^Versions of .* over time$/ })).toBeVisible();
  await shoot(page, '87-vendor-timeline');

  const newest = (await timelineDates(page))[0]!;
  await columns(page)
    .middle.getByRole('button', { name: new RegExp(`^${newest} `) })
    .click();
  await expect(
    page.getByRole('article', { name: 'formlabs.com — Privacy Policy' }).locator('.policy-text'),
  ).toContainText(/personal information/i);
  await shoot(page, '88-reader');
  expectNoPageErrors(errors);
});

test('a diff, inline and side by side', async ({ page }) => {
  const errors = await openLoaded(page);
  const diff = await openGdprDiff(page);
  await page.keyboard.press('n');
  await expect(diff.locator('.change-position')).toHaveText(/^Change 1 of/);
  await shoot(page, '89-diff-inline');

  await diff.getByRole('radio', { name: 'Side by side' }).check();
  await expect(diff.locator('.policy-text.side-by-side .sbs-cell.new ins').first()).toBeVisible();
  await shoot(page, '90-diff-side-by-side');
  expectNoPageErrors(errors);
});

test("search results with their filters, and a phrase's history", async ({ page }) => {
  const errors = await openLoaded(page);
  await page.getByRole('searchbox', { name: 'Search all policies' }).fill('"personal information" sell');
  const results = columns(page).middle;
  await expect.poll(() => results.getByRole('status').first().innerText()).toMatch(/^[1-9]\d* documents? match/);
  await results.getByRole('button', { name: 'Filters' }).click();
  await expect(results.getByRole('button', { name: 'Filters' })).toHaveAttribute('aria-expanded', 'true');
  await shoot(page, '91-search');

  await page.getByRole('searchbox', { name: 'Search all policies' }).fill('"sell your personal information"');
  await expect.poll(() => results.getByRole('status').first().innerText()).toMatch(/^[1-9]\d* documents? match/);
  await results.getByRole('button', { name: 'History of this phrase' }).click();
  const history = page.getByRole('article', { name: 'History of “sell your personal information”' });
  await expect(history).toHaveAttribute('aria-busy', 'false');
  await expect(history.getByRole('region').first()).toBeVisible();
  await shoot(page, '92-phrase-history');
  expectNoPageErrors(errors);
});

test('the trends page', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.getByRole('searchbox', { name: 'Search all policies' }).fill('cookies');
  await page.keyboard.press('Control+T');
  const trends = page.getByRole('main', { name: 'Trends' });
  await expect(trends.getByRole('figure')).toHaveCount(3);
  await expect(trends).toHaveAttribute('aria-busy', 'false');
  await shoot(page, '93-trends');
  expectNoPageErrors(errors);
});

test('the quick switcher', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.keyboard.press('Control+K');
  const dialog = page.getByRole('dialog', { name: 'Go to a vendor, document or section' });
  await dialog.getByRole('combobox').fill('formlab');
  await expect(dialog.getByRole('option').first()).toContainText('formlabs.com');
  await shoot(page, '94-quick-switcher');
  expectNoPageErrors(errors);
});

test('import progress: files, bytes, speed, time left, snapshots so far', async ({ page }) => {
  // The page's clock is Playwright's, so the speed between the staged progress events is exact.
  await page.clock.install({ time: new Date('2026-03-01T10:00:00Z') });
  const errors = await openLoaded(page);
  await page.clock.pauseAt(new Date('2026-03-01T10:05:00Z'));
  const panel = page.getByRole('region', { name: /^(Importing|Looking for files to import…)$/ });
  const stage = (progress: Partial<ImportProgress>): void =>
    session.bridge.emit('import:progress', {
      importId: 'staged-import',
      phase: 'importing',
      filesDone: 0,
      filesTotal: 120,
      currentFile: null,
      snapshotsAdded: 0,
      bytesDone: 0,
      bytesTotal: 104_000_000,
      ...progress,
    });

  stage({ phase: 'scanning', filesTotal: 0, bytesTotal: 0 });
  await expect(panel.getByRole('heading', { name: 'Looking for files to import…' })).toBeVisible();
  stage({});
  await expect(panel).toContainText('0 of 120 files');
  for (let second = 1; second <= 4; second += 1) {
    await page.clock.runFor(1000);
    stage({
      filesDone: 9 * second,
      bytesDone: 2_350_000 * second,
      snapshotsAdded: 8 * second,
      currentFile: `/home/me/policies/princeton-history/formlabs.com/2019-0${second}-01.md`,
    });
    await expect(panel).toContainText(`${9 * second} of 120 files`);
  }
  const text = await panel.innerText();
  expect(text).toContain('9.4 MB of 104 MB');
  expect(text).toContain('32 snapshots added so far');
  expect(text).toContain('2.35 MB/s');
  expect(text).toContain('9.0 files/s');
  expect(text).toContain('about 40 s left');
  expect(text).toContain('2019-04-01.md');
  await expect(panel.getByRole('progressbar', { name: 'Import progress' })).toHaveAttribute('value', '90');
  // The rest of the window stays usable while importing.
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeEnabled();
  await shoot(page, '95-import-progress');
  expectNoPageErrors(errors);
});

test('an import report with a failure, its reason listed', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-e2e-shots-'));
  try {
    const good = writePrincetonMarkdown(
      dir,
      'screenshot-shop.example',
      '2021-04-01',
      '# Privacy Policy\n\nWe collect your name and address to deliver your order.',
    );
    const broken = join(dir, 'broken-policy.md');
    writeFileSync(
      broken,
      '> *The following text is extracted and transformed from the example.com privacy policy that was archived on 2018-02-30.*\n\n# Privacy\n\nText.\n',
    );
    session.bridge.setImportPaths([good, broken]);
    const errors = await openLoaded(page);
    await page.getByRole('button', { name: 'Import files…' }).click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await expect(report).toContainText('1 failed');
    await expect(report.getByRole('listitem').filter({ hasText: 'broken-policy.md' })).toContainText(
      'is not a real date',
    );
    await shoot(page, '96-import-report-failure');
    expectNoPageErrors(errors);
  } finally {
    session.bridge.setImportPaths([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('Help: keyboard shortcuts and the colour theme', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.keyboard.press('Control+/');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('row', { name: /Next change/ })).toBeVisible();
  await shoot(page, '98-help');
  expectNoPageErrors(errors);
});

test('an empty archive', async ({ browser }) => {
  await withEmptyArchive(browser, async (page, errors) => {
    await shoot(page, '99-empty-archive');
    expectNoPageErrors(errors);
  });
});
