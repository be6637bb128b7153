/**
 * The minimal app, end to end (issue 2): the window opens on the bundled
 * sample archive, lists vendors, shows a vendor's captures by date and a
 * capture's text, searches, shows a word diff of two chosen captures, and
 * reports a file it could not import. The built renderer runs in Chromium;
 * the preload's API comes over the loopback bridge from the app's own
 * handler table and import service, over a real SQLite archive.
 *
 * One bridge (one archive) for the whole file, like one app session: the
 * first test is the first launch, the others reopen the window on it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { warcBytes } from '../fixtures/warc/warcBuilder';
import { useAppSession } from './support/session';
import {
  columns,
  expectNoPageErrors,
  expectWindowNotScrollable,
  openApp,
  selectVendor,
  snap,
  timelineDates,
} from './support/app';

const session = useAppSession();

test('first launch imports the bundled samples, showing progress, then lists their vendors', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);

  await expect(page.getByRole('progressbar', { name: 'Import progress' })).toBeVisible();
  await snap(page, '01-first-launch-importing');

  const report = page.getByRole('region', { name: 'Import finished' });
  await expect(report).toBeVisible();
  expect(await report.innerText()).toMatch(/[1-9]\d* imported · \d+ already in the archive · \d+ skipped · 0 failed/);
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  expect(session.bridge.seeded()).toBe(true);

  const { vendors } = columns(page);
  for (const name of ['formlabs.com', 'protolabs.com', 'ChatGPT', 'Claude.ai', 'Perplexity']) {
    await expect(vendors.getByRole('button', { name: new RegExp(`^${name.replace('.', '\\.')} `) })).toBeVisible();
  }
  await expect(vendors.getByRole('heading', { name: /^Vendors \(\d+\)$/ })).toBeVisible();
  await snap(page, '02-first-launch-vendors');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('a vendor shows its captures by date, and a capture shows its text', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  // Reopening the window on a used archive does not import the samples again.
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);

  await selectVendor(page, 'formlabs.com');
  const dates = await timelineDates(page);
  for (const year of ['2015', '2016', '2018']) {
    expect(
      dates.some((date) => date.startsWith(`${year}-`)),
      `a ${year} version in ${dates.join(', ')}`,
    ).toBe(true);
  }
  expect(dates, 'newest first').toEqual([...dates].sort().reverse());
  // The 2017 capture has the same words as the 2016 one: one version, seen twice.
  await expect(
    columns(page)
      .middle.locator('.timeline-row')
      .filter({ hasText: /^\s*2016-05-09/ }),
  ).toContainText('seen from 2016-05-09 to 2017-02-11 · 2 captures');

  const newest = dates[0]!;
  await columns(page)
    .middle.getByRole('button', { name: new RegExp(`^${newest} `) })
    .click();
  const reader = page.getByRole('article', { name: 'formlabs.com — Privacy Policy' });
  await expect(reader).toBeVisible();
  await expect(reader.locator('dl.facts')).toContainText(newest);
  const text = reader.locator('.policy-text');
  await expect(text.locator('h1, h2, h3, h4, h5, h6').first()).toBeVisible();
  expect(await text.locator('p').count()).toBeGreaterThan(5);
  await expect(text).toContainText(/personal information/i);
  await snap(page, '03-vendor-timeline-and-reader');
  await expectWindowNotScrollable(page);

  // Archive links open in the system browser, never in the app's window.
  await reader.getByRole('link', { name: 'View this capture on the Wayback Machine' }).click();
  await expect.poll(() => session.bridge.openedUrls.at(-1)).toMatch(/^https:\/\/web\.archive\.org\/web\/\d{14}/);
  expect(page.url()).toBe(session.bridge.url);
  expectNoPageErrors(errors);
});

test('search finds a phrase across policies, highlights it, and opens the matching capture', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);

  await page.getByRole('searchbox', { name: 'Search all policies' }).fill('sell your personal');
  const results = columns(page).middle;
  await expect(results.getByRole('heading', { name: 'Search results' })).toBeVisible();
  await expect.poll(() => results.getByRole('status').innerText()).toMatch(/^[1-9]\d* documents? match/);

  const hit = results.getByRole('button', { name: /^formlabs\.com — Privacy Policy/ });
  await expect(hit).toBeVisible();
  const marks = hit.locator('mark');
  expect((await marks.allTextContents()).map((word) => word.toLowerCase())).toEqual(
    expect.arrayContaining(['sell', 'your', 'personal']),
  );
  await expect(marks.first()).toHaveCSS('background-color', 'rgb(255, 229, 138)');
  expect(await results.getByRole('listitem').count()).toBeGreaterThan(1);
  await snap(page, '04-search-results');
  await expectWindowNotScrollable(page);

  await hit.click();
  const reader = page.getByRole('article', { name: 'formlabs.com — Privacy Policy' });
  await expect(reader).toBeVisible();
  await expect(reader.locator('.policy-text')).toContainText(/sell your personal information/i);
  await snap(page, '05-search-hit-opened');

  // Escape clears the search and brings the timeline back.
  await page.getByRole('searchbox', { name: 'Search all policies' }).press('Escape');
  await expect(results.getByRole('heading', { name: 'formlabs.com' })).toBeVisible();
  expectNoPageErrors(errors);
});

test('two chosen captures show as a word diff with a summary', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await selectVendor(page, 'formlabs.com');
  const dates = await timelineDates(page);
  const from = dates.find((date) => date.startsWith('2016-'))!;
  const to = dates.find((date) => date.startsWith('2018-'))!;

  const { middle } = columns(page);
  const slot = (date: string, slotName: 'A' | 'B') =>
    middle.getByRole('button', { name: new RegExp(`^Use version \\d+ \\(${date}\\) as ${slotName}$`) });
  await slot(from, 'A').click();
  await slot(to, 'B').click();
  await expect(slot(from, 'A')).toHaveAttribute('aria-pressed', 'true');
  await middle.getByRole('button', { name: 'Compare', exact: true }).click();

  const diff = page.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff).toBeVisible();
  await expect(diff).toContainText(`From ${from} to ${to}`);
  expect(await diff.locator('.diff-stats').innerText()).toMatch(
    /^\+[1-9]\d* added · −[1-9]\d* removed · ⇄ \d+ moved words · [1-9]\d* sections? touched · [\d.]+% of the text changed$/,
  );
  expect(await diff.locator('.diff-block-stats').innerText()).toMatch(
    /^Blocks: \d+ added, \d+ removed, [1-9]\d* changed, \d+ moved, \d+ unchanged$/,
  );

  const body = diff.locator('.policy-text.diff');
  const insertions = body.locator('ins');
  const deletions = body.locator('del');
  expect(await insertions.count()).toBeGreaterThan(0);
  expect(await deletions.count()).toBeGreaterThan(0);
  await expect(insertions.first()).toHaveCSS('text-decoration-line', 'underline');
  await expect(insertions.first()).toHaveCSS('background-color', 'rgb(215, 245, 221)');
  await expect(deletions.first()).toHaveCSS('text-decoration-line', 'line-through');
  await expect(deletions.first()).toHaveCSS('background-color', 'rgb(253, 224, 220)');
  await snap(page, '06-diff');
  await expectWindowNotScrollable(page);

  // "Show only changes" hides unchanged blocks but keeps every change.
  const blocksBefore = await body.locator('.diff-block').count();
  const changesBefore = await body.locator('.diff-block:not(.change-equal)').count();
  await diff.getByRole('checkbox', { name: 'Show only changes' }).check();
  await expect(body.locator('.diff-block.change-equal')).toHaveCount(0);
  await expect(body.locator('.diff-block')).toHaveCount(changesBefore);
  expect(changesBefore).toBeLessThan(blocksBefore);
  await snap(page, '07-diff-only-changes');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('in a dark system theme the diff uses the dark palette', async ({ browser }) => {
  const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 820 } });
  const page = await context.newPage();
  try {
    const errors = await openApp(page, session.bridge, session.apiScript);
    await selectVendor(page, 'formlabs.com');
    const dates = await timelineDates(page);
    await columns(page)
      .middle.getByRole('button', { name: new RegExp(`^${dates[0]} `) })
      .click();
    await page.getByRole('button', { name: 'What changed since the previous version?' }).click();
    const diff = page.getByRole('article', { name: /^Changes in formlabs\.com/ });
    await expect(diff.locator('ins').first()).toBeVisible();
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(28, 29, 33)');
    await expect(diff.locator('ins').first()).toHaveCSS('background-color', 'rgb(23, 64, 42)');
    await snap(page, '08-diff-dark');
    await expectWindowNotScrollable(page);
    expectNoPageErrors(errors);
  } finally {
    await context.close();
  }
});

test('a file that cannot be imported is reported as failed, with its reason', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-e2e-broken-'));
  try {
    const broken = join(dir, 'broken-policy.md');
    writeFileSync(
      broken,
      '> *The following text is extracted and transformed from the example.com privacy policy that was archived on 2018-02-30. ' +
        'Please check the [original snapshot on the Wayback Machine](https://web.archive.org/web/20180230120000id_/https%3A//example.com/privacy) ' +
        'for the most accurate reproduction.*\n\n# Privacy Policy\n\nWe collect your personal information.\n',
    );
    session.bridge.setImportPaths([broken]);
    const errors = await openApp(page, session.bridge, session.apiScript);
    const vendorsHeading = columns(page).vendors.getByRole('heading', { name: /^Vendors \(\d+\)$/ });
    const vendorCount = await vendorsHeading.textContent();

    await page.getByRole('button', { name: 'Import files…' }).click();
    const report = page.getByRole('region', { name: 'Import finished' });
    await expect(report).toContainText('0 imported');
    await expect(report).toContainText('1 failed');
    const problem = report.getByRole('listitem').filter({ hasText: 'broken-policy.md' });
    await expect(problem).toContainText('failed');
    await expect(problem).toContainText('archive date "2018-02-30" is not a real date');
    await snap(page, '09-import-failed');
    await expectWindowNotScrollable(page);

    // Nothing was added.
    await expect(columns(page).vendors.getByRole('heading')).toHaveText(vendorCount!);
    await expect(columns(page).vendors.getByRole('button', { name: /^example\.com / })).toHaveCount(0);
    await report.getByRole('button', { name: 'Dismiss' }).click();
    await expect(report).toHaveCount(0);
    expectNoPageErrors(errors);
  } finally {
    session.bridge.setImportPaths([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a web archive dropped on the window is imported, and its capture says where its date came from', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-e2e-drop-'));
  try {
    const warc = join(dir, 'crawl.warc.gz');
    const policy =
      '<html><head><title>Privacy Policy – Example Shop</title></head><body><main><h1>Privacy Policy</h1>' +
      '<p>Example Shop collects the personal data you give us when you order, such as your name and address.</p>' +
      '<p>We use cookies to keep your basket. We never sell your personal information to anyone.</p>' +
      '<p>You can ask us to see, correct or delete your personal data at any time by writing to privacy@example-shop.com.</p>' +
      '</main></body></html>';
    writeFileSync(
      warc,
      await warcBytes(
        [
          {
            type: 'response',
            url: 'https://www.example-shop.com/privacy',
            date: '2019-07-01T12:00:00Z',
            httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
            body: policy,
          },
        ],
        { gzip: true },
      ),
    );
    const errors = await openApp(page, session.bridge, session.apiScript);
    // What a desktop drag delivers: a DataTransfer holding the file, over the window, then dropped.
    // (A string: this project's Node types have no DOM; the code runs in the page.)
    await page.evaluate(`
      window.__droppedPaths = { 'crawl.warc.gz': ${JSON.stringify(warc)} };
      const data = new DataTransfer();
      data.items.add(new File(['(bytes stay on disk)'], 'crawl.warc.gz'));
      window.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
      window.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    `);
    const report = page.getByRole('region', { name: 'Import finished' });
    await expect(report).toContainText('1 imported');
    await expect(report).toContainText('0 failed');

    await selectVendor(page, 'example-shop.com');
    await columns(page).middle.locator('.timeline-row').first().getByRole('button').first().click();
    const reader = columns(page).content;
    await expect(reader).toContainText('We never sell your personal information');
    await expect(reader).toContainText('from the WARC record');
    await expect(reader).toContainText('from a WARC');
    await snap(page, '10-dropped-warc');
    expectNoPageErrors(errors);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
