/**
 * The timeline (issue 4): a document's versions on a time axis with the
 * reference events, folded runs of unchanged captures, "what changed across
 * GDPR?", stepping through versions in the reader, and "changes since you
 * last looked". The built renderer in Chromium over the loopback bridge, on
 * the bundled samples.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import type { DocumentTimeline } from '../../src/shared/domain';
import { samplesDir } from '../support/paths';
import { useAppSession } from './support/session';
import {
  callApi,
  columns,
  documentIdOf,
  expectNoPageErrors,
  expectWindowNotScrollable,
  openApp,
  selectVendor,
  snap,
  withEmptyArchive,
} from './support/app';

const session = useAppSession();

/** Open the window and wait for the first-launch sample import to finish (the first test) or be skipped. */
async function openLoaded(page: Page): Promise<string[]> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  return errors;
}

function axisOf(page: Page) {
  return columns(page).middle.getByRole('group', { name: 'Versions of Privacy Policy over time' });
}

test('formlabs.com shows its three versions on a time axis, with the GDPR line between the last two', async ({
  page,
}) => {
  const errors = await openLoaded(page);
  await selectVendor(page, 'formlabs.com');
  const documentId = await documentIdOf(page, 'formlabs.com');
  const timeline = await callApi<DocumentTimeline>(page, `return api.timeline.document(${documentId});`);
  expect(timeline.versions).toHaveLength(3);

  const axis = axisOf(page);
  const marks = axis.getByRole('button');
  await expect(marks).toHaveCount(3);
  const gdpr = axis.locator('.axis-event').filter({ hasText: 'GDPR' });
  await expect(gdpr).toBeVisible();
  await expect(axis.locator('.axis-event')).toHaveCount(1); // 2015–2018: CCPA and CPRA came later.

  // Left to right in time, and GDPR (2018-05-25) falls between version 2 (to 2017) and version 3 (2018-08).
  const xs = await Promise.all([0, 1, 2].map(async (index) => (await marks.nth(index).boundingBox())!.x));
  expect(xs).toEqual([...xs].sort((a, b) => a - b));
  const gdprX = (await gdpr.boundingBox())!.x;
  expect(gdprX).toBeGreaterThan(xs[1]!);
  expect(gdprX).toBeLessThan(xs[2]!);
  // Bigger changes stand taller: version 3 changed more of the text than version 2.
  const [, second, third] = timeline.versions;
  expect(third!.change!.changeRatio).toBeGreaterThan(second!.change!.changeRatio);
  const heights = await Promise.all([1, 2].map(async (index) => (await marks.nth(index).boundingBox())!.height));
  expect(heights[1]).toBeGreaterThan(heights[0]!);
  await expect(marks.nth(2)).toHaveAccessibleName(/^Version 3, seen 2018-08-13, \+\d+ −\d+ words, [\d.]+% changed$/);

  // The marks are one tab stop; arrow keys move along the axis and Enter opens a version.
  await marks.nth(2).focus();
  await page.keyboard.press('ArrowLeft');
  await expect(marks.nth(1)).toBeFocused();
  await page.keyboard.press('Enter');
  const reader = page.getByRole('article', { name: 'formlabs.com — Privacy Policy' });
  await expect(reader.locator('dl.facts')).toContainText('2 of 3');
  await expect(marks.nth(1)).toHaveAttribute('aria-current', 'true');
  await snap(page, '20-timeline-axis');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('"What changed across GDPR?" compares the last version before it with the first after it', async ({ page }) => {
  const errors = await openLoaded(page);
  await selectVendor(page, 'formlabs.com');
  const { middle } = columns(page);
  // Only the events the captures span are offered.
  await expect(middle.getByRole('button', { name: /^What changed across/ })).toHaveCount(1);
  await middle.getByRole('button', { name: 'What changed across GDPR?' }).click();

  const diff = page.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff).toBeVisible();
  const context = diff.locator('.diff-context');
  await expect(context).toContainText('Across GDPR');
  // Version 2 was last seen on 2017-02-11; version 3 first on 2018-08-13.
  await expect(context).toContainText(
    'version 2 (seen from 2016-05-09 to 2017-02-11 · 2 captures), the last before it',
  );
  await expect(context).toContainText('version 3 (seen 2018-08-13), the first after it');
  await expect(diff.locator('.diff-dates')).toContainText('to 2018-08-13');
  expect(await diff.locator('.policy-text ins').count()).toBeGreaterThan(0);
  expect(await diff.locator('.policy-text del').count()).toBeGreaterThan(0);

  // The numbers are those of the across-event diff the API gives.
  const documentId = await documentIdOf(page, 'formlabs.com');
  const stats = await callApi<{ wordsAdded: number; wordsRemoved: number }>(
    page,
    `return (await api.timeline.acrossEvent(${documentId}, 'gdpr')).diff.stats;`,
  );
  await expect(diff.locator('.diff-stats')).toContainText(
    `+${stats.wordsAdded} added · −${stats.wordsRemoved} removed`,
  );
  await snap(page, '21-across-gdpr');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('Claude.ai folds its 102 captures into versions seen from one date to another', async ({ page }) => {
  const errors = await openLoaded(page);
  await selectVendor(page, 'Claude.ai');
  const documentId = await documentIdOf(page, 'Claude.ai');
  const timeline = await callApi<DocumentTimeline>(page, `return api.timeline.document(${documentId});`);
  const captures = timeline.versions.reduce((sum, version) => sum + version.snapshotIds.length, 0);
  expect(captures).toBe(timeline.document.snapshotCount);
  expect(timeline.versions.length).toBeLessThan(captures);

  const rows = columns(page).middle.locator('.version-row');
  await expect(rows).toHaveCount(timeline.versions.length);
  const folded = rows.filter({ hasText: /seen from \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2} · \d+ captures/ });
  expect(await folded.count()).toBeGreaterThan(0);
  // The largest run, as the timeline reports it.
  const largest = [...timeline.versions].sort((a, b) => b.snapshotIds.length - a.snapshotIds.length)[0]!;
  const row = rows.filter({ hasText: `Version ${largest.number} ·` });
  await expect(row).toContainText(
    `seen from ${largest.firstSeen.slice(0, 10)} to ${largest.lastSeen.slice(0, 10)} · ${largest.snapshotIds.length} captures`,
  );
  // Its captures stay reachable, one by one.
  await row.getByText(`${largest.snapshotIds.length} captures of this version`).click();
  await expect(row.locator('details.captures li')).toHaveCount(largest.snapshotIds.length);
  await expect(axisOf(page).getByRole('button')).toHaveCount(timeline.versions.length);
  await snap(page, '22-claude-folded-versions');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('the reader steps from version to version', async ({ page }) => {
  const errors = await openLoaded(page);
  await selectVendor(page, 'formlabs.com');
  await columns(page)
    .middle.getByRole('button', { name: /^2015-05-04 / })
    .click();
  const reader = page.getByRole('article', { name: 'formlabs.com — Privacy Policy' });
  await expect(reader.locator('dl.facts')).toContainText('1 of 3');
  await expect(reader.getByRole('button', { name: '← Previous version' })).toBeDisabled();

  await reader.getByRole('button', { name: 'Next version (2016-05-09) →' }).click();
  await expect(reader.locator('dl.facts')).toContainText('2 of 3');
  await expect(reader.locator('dl.facts')).toContainText('seen from 2016-05-09 to 2017-02-11 · 2 captures');
  await reader.getByRole('button', { name: 'Next version (2018-08-13) →' }).click();
  await expect(reader.locator('dl.facts')).toContainText('3 of 3');
  await expect(reader.getByRole('button', { name: /^Next version/ })).toBeDisabled();
  await reader.getByRole('button', { name: '← Previous version (2016-05-09)' }).click();
  await expect(reader.locator('dl.facts')).toContainText('2 of 3');
  expectNoPageErrors(errors);
});

test('"Changes since you last looked" compares the version read last time with the newest', async ({ page }) => {
  const errors = await openLoaded(page);
  await selectVendor(page, 'formlabs.com');
  const { middle } = columns(page);
  // Never opened in this (fresh) window profile: nothing to offer.
  await expect(middle.getByRole('button', { name: /^Changes since you last looked/ })).toHaveCount(0);
  await middle.getByRole('button', { name: /^2015-05-04 / }).click();
  await expect(page.getByRole('article', { name: 'formlabs.com — Privacy Policy' })).toBeVisible();

  // Next time the user comes back (the app reopened), the offer is there.
  await page.reload();
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await selectVendor(page, 'formlabs.com');
  const since = middle.getByRole('button', { name: 'Changes since you last looked (version 1, 2015-05-04)' });
  await expect(since).toBeVisible();
  await snap(page, '23-changes-since-last-looked');
  await since.click();
  const diff = page.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff.locator('.diff-dates')).toContainText('From 2015-05-04 to 2018-08-13');
  await expect(diff.locator('.diff-context')).toContainText('Since you last looked');
  expect(await diff.locator('.policy-text ins').count()).toBeGreaterThan(0);

  // Having seen the newest version, there is nothing new the next time.
  await page.reload();
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await selectVendor(page, 'formlabs.com');
  await expect(axisOf(page)).toBeVisible();
  await expect(middle.getByRole('button', { name: /^Changes since you last looked/ })).toHaveCount(0);
  expectNoPageErrors(errors);
});

test('a document whose versions span ~18 months (two ticks labelled "Jul") still shows its timeline', async ({
  browser,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-axis-'));
  try {
    // A real Princeton file (protolabs.com, archived 2016-11-06), re-dated; the second version gains a sentence.
    const original = readFileSync(join(samplesDir, 'princeton', '000_9ca36c3538ce9d6e.txt'), 'utf8');
    const paths = ['2019-03-01', '2020-09-01'].map((date, index) => {
      const path = join(dir, `${index}.txt`);
      const text = original.replace('archived on 2016-11-06', `archived on ${date}`);
      writeFileSync(path, index === 0 ? text : `${text}\nWe also describe how long we keep your data.\n`);
      return path;
    });
    await withEmptyArchive(browser, async (page, errors) => {
      await callApi(page, `await api.imports.start({ paths: ${JSON.stringify(paths)} });`);
      await selectVendor(page, 'protolabs.com');
      await expect(axisOf(page).locator('.axis-tick', { hasText: /^Jul$/ })).toHaveCount(2);
      expectNoPageErrors(errors);
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
