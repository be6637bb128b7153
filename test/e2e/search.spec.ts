/**
 * Search (issue 5): search-as-you-type with awkward input and how it was
 * read, the filters (vendors, capture dates, latest version only, in force on
 * a date) with their chips, opening a hit and its every matching version,
 * the history of a phrase with the diff that introduced it, and a long result
 * list that loads further pages as it scrolls. The built renderer in Chromium
 * over the loopback bridge: the bundled samples, plus small policies written
 * here and imported through the import service (two vendors whose wording
 * changes, and 250 vendors sharing one sentence).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { SearchResult } from '../../src/shared/domain';
import type { PhraseHistory, SearchFilters } from '../../src/shared/searchDomain';
import { useAppSession } from './support/session';
import { callApi, columns, expectNoPageErrors, expectWindowNotScrollable, openApp, snap } from './support/app';
import { writePrincetonMarkdown } from './support/policyFiles';

const session = useAppSession();

/** Vendors whose policies share one sentence: more than two pages of hits. */
const BULK_VENDORS = 250;
let fixturesDir = '';
let fixturesImported = false;

test.afterAll(() => {
  if (fixturesDir) rmSync(fixturesDir, { recursive: true, force: true });
});

/**
 * Two vendors with a history: alpha-history.example introduced "biometric
 * templates" in 2020 and dropped "fax order records" then; beta-history.example
 * kept "fax order records" through two versions.
 */
function writeFixtures(dir: string): string[] {
  const alpha2019 = `# Privacy Policy

We collect your email address to send receipts.

## Sharing

We share order details with couriers.

## Retention

We keep fax order records for seven years.
`;
  const alpha2020 = `# Privacy Policy

We collect your email address to send receipts.

## Sharing

We share order details with couriers. We may sell biometric templates to research partners.

## Retention

We keep invoices for seven years.
`;
  const beta = (extra: string): string => `# Privacy Policy

Beta Supplies keeps fax order records for audits.

## Contact

${extra}
`;
  const files = [
    writePrincetonMarkdown(dir, 'alpha-history.example', '2019-01-10', alpha2019),
    writePrincetonMarkdown(dir, 'alpha-history.example', '2020-06-01', alpha2020),
    writePrincetonMarkdown(dir, 'beta-history.example', '2019-03-01', beta('Write to our office in Leeds.')),
    writePrincetonMarkdown(dir, 'beta-history.example', '2021-02-01', beta('Write to our office in York.')),
  ];
  for (let index = 1; index <= BULK_VENDORS; index += 1) {
    const site = `bulk-${String(index).padStart(3, '0')}.example`;
    files.push(
      writePrincetonMarkdown(
        dir,
        site,
        '2022-04-01',
        `# Privacy Policy\n\nOur quarterly telemetry digest goes to subscribers of ${site}.\n\nWe host data in Iceland.\n`,
      ),
    );
  }
  return files;
}

/** Open the window on the sample archive plus the fixtures (imported once, through the import service). */
async function openLoaded(page: Page): Promise<string[]> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  if (!fixturesImported) {
    fixturesDir = mkdtempSync(join(tmpdir(), 'pae-search-e2e-'));
    session.bridge.imports.start({ paths: writeFixtures(fixturesDir) });
    await session.bridge.idle();
    fixturesImported = true;
  }
  await expect(columns(page).vendors.getByRole('button', { name: /^beta-history\.example / })).toBeVisible();
  return errors;
}

function searchBox(page: Page): Locator {
  return page.getByRole('searchbox', { name: 'Search all policies' });
}
function statusOf(page: Page): Locator {
  return columns(page).middle.getByRole('status');
}
function hitList(page: Page): Locator {
  return columns(page).middle.getByRole('list', { name: 'Search results' });
}
function hitButton(page: Page, vendor: string): Locator {
  return hitList(page).getByRole('button', { name: new RegExp(`^${vendor.replaceAll('.', '\\.')} — `) });
}

/** The page's own API, asked a second time: what the list should show. */
async function apiSearch(page: Page, query: string, filters: SearchFilters = {}): Promise<SearchResult> {
  return callApi<SearchResult>(
    page,
    `return api.search.query({ query: ${JSON.stringify(query)}, limit: 100, filters: ${JSON.stringify(filters)} });`,
  );
}

/** Wait until the status reports `count` matching documents (the search for the last input has landed). */
async function expectCount(page: Page, count: number): Promise<void> {
  const pattern =
    count === 0 ? /^$/ : new RegExp(`^(at least )?${count} ${count === 1 ? 'document matches' : 'documents match'}\\b`);
  if (count === 0) {
    await expect(columns(page).middle.getByText(/^No policy contains/)).toBeVisible();
  } else {
    await expect.poll(() => statusOf(page).innerText()).toMatch(pattern);
  }
}

async function search(page: Page, query: string): Promise<void> {
  await searchBox(page).fill(query);
  await searchBox(page).press('Enter');
}

test('search as you type reads awkward input, says how it read it, and keeps the list in place', async ({ page }) => {
  const errors = await openLoaded(page);

  // Plain words: no "read as" line, but its space is kept.
  await searchBox(page).click();
  await searchBox(page).pressSequentially('personal information', { delay: 30 });
  const plain = await apiSearch(page, 'personal information');
  expect(plain.totalDocuments).toBeGreaterThan(1);
  await expectCount(page, plain.totalDocuments);
  const reading = columns(page).middle.locator('.search-reading');
  await expect(reading).toHaveCount(0);
  const listTop = (await hitList(page).boundingBox())!.y;

  // Typed key by key: every keystroke may search, only the answer to the whole input is shown.
  const awkward = 'opt-out "sell';
  await searchBox(page).fill('');
  await searchBox(page).pressSequentially(awkward, { delay: 30 });
  const expected = await apiSearch(page, awkward);
  expect(expected.explanation.length).toBeGreaterThan(0);
  await expect(reading).toContainText('Read as: ');
  for (const line of expected.explanation) await expect(reading).toContainText(line);
  await expectCount(page, expected.totalDocuments);
  if (expected.totalDocuments > 0) {
    expect((await hitList(page).boundingBox())!.y, 'the list did not move while typing').toBe(listTop);
    const firstHit = expected.hits[0]!;
    await expect(hitList(page).getByRole('button').first()).toContainText(
      `${firstHit.vendorName} — ${firstHit.documentTitle}`,
    );
  }
  // Cut to one line, it opens to one part per line.
  await reading.click();
  await expect(reading).toHaveAttribute('aria-expanded', 'true');
  await expect(
    columns(page).middle.getByRole('list', { name: 'How the search read the query' }).getByRole('listitem'),
  ).toHaveText(expected.explanation);
  await snap(page, '40-search-awkward-query');

  // Escape clears the box and brings the timeline column back.
  await searchBox(page).press('Escape');
  await expect(searchBox(page)).toHaveValue('');
  await expect(columns(page).middle.getByRole('heading', { name: 'Search results' })).toHaveCount(0);
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('filters by vendor and capture date, shown as chips that remove them', async ({ page }) => {
  const errors = await openLoaded(page);
  await search(page, '"fax order records"');
  await expectCount(page, 2);
  await expect(hitButton(page, 'alpha-history.example')).toBeVisible();
  await expect(hitButton(page, 'beta-history.example')).toBeVisible();

  const middle = columns(page).middle;
  await middle.getByRole('button', { name: 'Filters' }).click();
  const vendors = middle.getByRole('group', { name: /^Vendors/ });
  await vendors.getByRole('searchbox', { name: 'Find a vendor' }).fill('beta');
  await vendors.getByRole('checkbox', { name: 'beta-history.example' }).check();
  await expectCount(page, 1);
  await expect(hitButton(page, 'beta-history.example')).toBeVisible();
  await expect(hitButton(page, 'alpha-history.example')).toHaveCount(0);
  const chips = middle.getByRole('list', { name: 'Active filters' });
  await expect(chips.locator('.chip-label')).toHaveText(['beta-history.example']);
  await expect(middle.getByRole('button', { name: 'Filters (1)' })).toBeVisible();

  // The chip's button removes the filter (and unticks the box).
  await chips.getByRole('button', { name: 'Remove filter: beta-history.example' }).click();
  await expectCount(page, 2);
  await expect(vendors.getByRole('checkbox', { name: 'beta-history.example' })).not.toBeChecked();

  // Captured from 2020: alpha's 2020 version no longer has the phrase, beta's 2021 one does.
  await middle.getByRole('group', { name: 'Captured' }).getByLabel('From').fill('2020-01-01');
  await expectCount(page, 1);
  await expect(hitButton(page, 'beta-history.example')).toBeVisible();
  await expect(chips.locator('.chip-label')).toHaveText(['Captured from 2020-01-01']);
  const viaApi = await apiSearch(page, '"fax order records"', { capturedFrom: '2020-01-01' });
  expect(viaApi.hits.map((hit) => hit.vendorName)).toEqual(['beta-history.example']);
  await snap(page, '41-search-filters');

  await chips.getByRole('button', { name: 'Remove filter: Captured from 2020-01-01' }).click();
  await expectCount(page, 2);
  await expect(middle.getByRole('group', { name: 'Captured' }).getByLabel('From')).toHaveValue('');
  expectNoPageErrors(errors);
});

test('"latest version only" drops documents that no longer say it; "in force on" replaces it', async ({ page }) => {
  const errors = await openLoaded(page);
  await search(page, '"fax order records"');
  await expectCount(page, 2);

  const middle = columns(page).middle;
  await middle.getByRole('button', { name: 'Filters' }).click();
  const scope = middle.getByRole('group', { name: 'Versions' });
  await scope.getByRole('radio', { name: 'Latest version only' }).check();
  await expectCount(page, 1);
  await expect(hitButton(page, 'beta-history.example')).toBeVisible();
  const chips = middle.getByRole('list', { name: 'Active filters' });
  await expect(chips.locator('.chip-label')).toHaveText(['Latest version only']);
  const latest = await apiSearch(page, '"fax order records"', { latestOnly: true });
  const every = await apiSearch(page, '"fax order records"');
  expect(latest.totalDocuments).toBeLessThan(every.totalDocuments);

  // In force in mid-2019 both vendors' policies said it; the two scopes exclude each other.
  await scope.getByRole('radio', { name: 'In force on' }).check();
  const date = scope.getByLabel('Date the versions were in force');
  await expect(date).toBeEnabled();
  await date.fill('2019-06-01');
  await expectCount(page, 2);
  await expect(chips.locator('.chip-label')).toHaveText(['In force on 2019-06-01']);
  await expect(scope.getByRole('radio', { name: 'Latest version only' })).not.toBeChecked();

  await scope.getByRole('radio', { name: 'Every version' }).check();
  await expect(date).toBeDisabled();
  await expectCount(page, 2);
  await expect(chips).toHaveCount(0);
  expectNoPageErrors(errors);
});

test('a hit opens its capture, and expands to every matching version, newest first', async ({ page }) => {
  const errors = await openLoaded(page);
  await search(page, '"fax order records"');
  await expectCount(page, 2);

  await hitButton(page, 'beta-history.example').click();
  const reader = page.getByRole('article', { name: 'beta-history.example — Privacy Policy' });
  await expect(reader.locator('dl.facts')).toContainText('2021-02-01');
  await expect(reader.locator('.policy-text')).toContainText('fax order records');

  const toggle = hitList(page).getByRole('button', {
    name: 'Every matching version of beta-history.example — Privacy Policy',
  });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const versions = hitList(page).getByRole('list', {
    name: 'Matching versions of beta-history.example — Privacy Policy, newest first',
  });
  const opens = versions.getByRole('button', { name: /^Open version / });
  await expect(opens).toHaveText([/^Open version 2021-02-01/, /^Open version 2019-03-01/]);
  await expect(versions.locator('mark').first()).toHaveText(/fax/i);
  await snap(page, '42-search-hit-versions');

  await opens.nth(1).click();
  await expect(reader.locator('dl.facts')).toContainText('2019-03-01');
  await expect(reader.locator('.policy-text')).toContainText('Leeds');
  expectNoPageErrors(errors);
});

test('the history of a phrase shows the version that introduced it, and the diff that did', async ({ page }) => {
  const errors = await openLoaded(page);
  await search(page, '"biometric templates"');
  await expectCount(page, 1);
  await columns(page).middle.getByRole('button', { name: 'History of this phrase' }).click();

  const history = page.getByRole('article', { name: 'History of “biometric templates”' });
  await expect(history).toBeVisible();
  const expected = await callApi<PhraseHistory>(page, `return api.search.history({ query: '"biometric templates"' });`);
  expect(expected.documents.map((document) => document.vendorName)).toEqual(['alpha-history.example']);
  const alpha = history.getByRole('region', { name: 'alpha-history.example — Privacy Policy' });
  await expect(alpha).toContainText('Introduced in 2020-06-01');
  await expect(alpha).toContainText('Still present');
  await snap(page, '43-phrase-history');

  await alpha.getByRole('button', { name: 'Show the change that introduced it (2019-01-10 → 2020-06-01)' }).click();
  const diff = page.getByRole('article', { name: 'Changes in alpha-history.example — Privacy Policy' });
  await expect(diff).toContainText('From 2019-01-10 to 2020-06-01');
  await expect
    .poll(async () => (await diff.locator('.policy-text ins').allInnerTexts()).join(' '))
    .toMatch(/biometric templates/);
  await snap(page, '44-phrase-history-diff');

  // Closing the diff goes back to the history.
  await diff
    .getByRole('button', { name: /^Close/ })
    .first()
    .click();
  await expect(history).toBeVisible();

  // A phrase one vendor dropped and the other kept.
  await search(page, '"fax order records"');
  await expectCount(page, 2);
  await columns(page).middle.getByRole('button', { name: 'History of this phrase' }).click();
  const fax = page.getByRole('article', { name: 'History of “fax order records”' });
  const dropped = fax.getByRole('region', { name: 'alpha-history.example — Privacy Policy' });
  await expect(dropped).toContainText('Present in the first captured version (2019-01-10)');
  await expect(dropped).toContainText('Dropped in 2020-06-01');
  await expect(dropped).toContainText('no longer present');
  await expect(fax.getByRole('region', { name: 'beta-history.example — Privacy Policy' })).toContainText(
    'Still present',
  );
  await dropped.getByRole('button', { name: 'Show the change that dropped it (2019-01-10 → 2020-06-01)' }).click();
  const droppedDiff = page.getByRole('article', { name: 'Changes in alpha-history.example — Privacy Policy' });
  await expect(droppedDiff).toContainText('From 2019-01-10 to 2020-06-01');
  await expect
    .poll(async () => (await droppedDiff.locator('.policy-text del').allInnerTexts()).join(' '))
    .toMatch(/fax order records/);
  expectNoPageErrors(errors);
});

test('a long result list is virtualized and loads further pages as it scrolls', async ({ page }) => {
  const errors = await openLoaded(page);
  await search(page, 'telemetry digest');
  await expect
    .poll(() => statusOf(page).innerText())
    .toMatch(new RegExp(`^(at least )?${BULK_VENDORS} documents match \\(showing 100\\)`));
  const list = hitList(page);
  // Only the hits near the viewport are in the page.
  await expect.poll(() => list.getByRole('listitem').count()).toBeGreaterThan(3);
  expect(await list.getByRole('listitem').count()).toBeLessThan(60);

  // Up/Down move between hits, even to ones the list had not rendered yet.
  await list
    .getByRole('button', { name: /^bulk-\d{3}\.example — / })
    .first()
    .focus();
  await page.keyboard.press('ArrowDown');
  await expect(page.locator('[data-hit-index="1"]')).toBeFocused();

  // Scrolling towards the end loads the next pages, until every hit is there.
  await expect
    .poll(
      async () => {
        await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
        return statusOf(page).innerText();
      },
      { timeout: 20_000 },
    )
    .toMatch(new RegExp(`^${BULK_VENDORS} documents match · \\d+ ms`));
  // The end of the list is the last of them.
  const last = page.locator(`[data-hit-index="${BULK_VENDORS - 1}"]`);
  await expect
    .poll(async () => {
      await list.evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
      return last.count();
    })
    .toBe(1);
  await expect(last).toBeInViewport();
  const names = await list.getByRole('button', { name: /^bulk-\d{3}\.example — / }).count();
  expect(names).toBeLessThan(60);
  await snap(page, '45-search-long-list');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});
