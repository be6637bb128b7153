/**
 * Trends (issue 5): the trends page for a query on the bundled samples — per
 * year and per half-year, the share of vendors whose in-force policy contains
 * it, median length and readability — drawn as charts, listed in a table
 * whose numbers match the API, and exported as CSV through the save dialog
 * (played by the bridge, which records the file). The built renderer in
 * Chromium over the loopback bridge.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { Trend, TrendBucket } from '../../src/shared/searchDomain';
import { TREND_CSV_COLUMNS, trendToCsv } from '../../src/shared/trendCsv';
import { useAppSession } from './support/session';
import { callApi, columns, expectNoPageErrors, expectWindowNotScrollable, openApp, snap } from './support/app';

const session = useAppSession();

const QUERY = 'cookies';

async function openLoaded(page: Page): Promise<string[]> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  return errors;
}

function trendsPage(page: Page): Locator {
  return page.getByRole('main', { name: 'Trends' });
}

async function apiTrend(page: Page, query: string, by: TrendBucket): Promise<Trend> {
  return callApi<Trend>(page, `return api.search.trend({ query: ${JSON.stringify(query)}, by: '${by}' });`);
}

/** Pixels a chart's canvas has drawn (0 for a blank canvas). */
async function drawnPixels(page: Page, canvasId: string): Promise<number> {
  return (await page.evaluate(`(() => {
    const canvas = document.getElementById(${JSON.stringify(canvasId)});
    if (!canvas || canvas.width === 0 || canvas.height === 0) return 0;
    const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i] > 0) drawn += 1;
    return drawn;
  })()`)) as number;
}

/** The table as shown: header cells, then each row's cells. */
async function tableOf(page: Page): Promise<{ head: string[]; rows: string[][] }> {
  const table = trendsPage(page).getByRole('table');
  const head = (await table.locator('thead th').allInnerTexts()).map((text) => text.trim());
  const rows: string[][] = [];
  for (const row of await table.locator('tbody tr').all()) {
    rows.push((await row.locator('th, td').allInnerTexts()).map((text) => text.trim()));
  }
  return { head, rows };
}

/** What a row must say for a period of the API's answer (shares as percentages with one decimal). */
function expectedRow(period: Trend['periods'][number], withQuery: boolean): string[] {
  const dash = (value: number | null, text: (value: number) => string): string => (value === null ? '—' : text(value));
  return [
    period.label,
    String(period.vendorsWithPolicy),
    ...(withQuery
      ? [
          dash(period.vendorsMatching, String),
          dash(period.share, (share) => `${(Math.round(share * 1000) / 10).toFixed(1)}%`),
        ]
      : []),
    dash(period.medianWords, (words) => Math.round(words).toLocaleString('en-US')),
    dash(period.medianReadability, (score) => (Math.round(score * 10) / 10).toFixed(1)),
  ];
}

test('the trends page charts a query per year, with a table whose numbers match the API', async ({ page }) => {
  const errors = await openLoaded(page);
  // Opened from a search, the page starts from its query.
  await page.getByRole('searchbox', { name: 'Search all policies' }).fill(QUERY);
  await expect(columns(page).middle.getByRole('heading', { name: 'Search results' })).toBeVisible();
  await page.getByRole('button', { name: 'Trends', exact: true }).click();

  const trends = trendsPage(page);
  await expect(trends.getByRole('heading', { name: 'Trends' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Trends', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(trends.getByRole('searchbox', { name: 'Words or phrase' })).toHaveValue(QUERY);
  await expect(trends.getByRole('radio', { name: 'By year' })).toBeChecked();

  const expected = await apiTrend(page, QUERY, 'year');
  expect(expected.periods.length).toBeGreaterThan(2);
  await expect(trends.getByRole('status').first()).toContainText(`${expected.periods.length} periods`);

  // Three charts, each drawn, each an image with a summary for screen readers.
  const figures = trends.getByRole('figure');
  await expect(figures).toHaveCount(3);
  await expect(figures.nth(0)).toContainText(`Share of vendors whose policy in force contains “${QUERY}”`);
  await expect(figures.nth(1)).toContainText('Median policy length (words)');
  await expect(figures.nth(2)).toContainText('Median readability');
  for (const id of ['trend-share', 'trend-words', 'trend-readability']) {
    await expect.poll(() => drawnPixels(page, id), `chart ${id} is drawn`).toBeGreaterThan(500);
  }
  await expect(figures.nth(1).getByRole('img')).toHaveAccessibleName(/^Median policy length \(words\): (from )?\d/);

  const { head, rows } = await tableOf(page);
  expect(head).toEqual([
    'Period',
    'Vendors with a policy in force',
    'Vendors whose policy contains it',
    'Share',
    'Median words',
    'Median readability',
  ]);
  expect(rows).toEqual(expected.periods.map((period) => expectedRow(period, true)));
  await snap(page, '50-trends-by-year');
  await expectWindowNotScrollable(page);

  // Escape closes the page; Ctrl+T opens it again.
  await page.keyboard.press('Escape');
  await expect(trends).toHaveCount(0);
  await expect(columns(page).vendors).toBeVisible();
  await page.keyboard.press('Control+t');
  await expect(trendsPage(page).getByRole('heading', { name: 'Trends' })).toBeVisible();
  expectNoPageErrors(errors);
});

test('half-years, and the CSV export writes the same numbers', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.getByRole('button', { name: 'Trends', exact: true }).click();
  const trends = trendsPage(page);
  const query = trends.getByRole('searchbox', { name: 'Words or phrase' });
  await query.fill(QUERY);
  await query.press('Enter');
  await trends.getByRole('radio', { name: 'By half-year' }).check();

  const expected = await apiTrend(page, QUERY, 'half-year');
  expect(expected.periods.every((period) => / H[12]$/.test(period.label))).toBe(true);
  await expect
    .poll(async () => (await tableOf(page)).rows)
    .toEqual(expected.periods.map((period) => expectedRow(period, true)));

  await trends.getByRole('button', { name: 'Export CSV' }).click();
  await expect.poll(() => session.bridge.savedFiles.length).toBe(1);
  const saved = session.bridge.savedFiles[0]!;
  expect(saved.defaultName).toBe(`trend-${QUERY}-by-half-year.csv`);
  await expect(trends.getByText(`Saved to ${saved.path}`)).toBeVisible();
  const lines = saved.text.split('\r\n').filter((line) => line.length > 0);
  expect(lines[0]).toBe(TREND_CSV_COLUMNS.join(','));
  expect(lines).toHaveLength(expected.periods.length + 1);
  expect(saved.text).toBe(trendToCsv(expected));
  await snap(page, '51-trends-by-half-year-exported');
  expectNoPageErrors(errors);
});

test('without a query the page shows length and readability only; dark scheme redraws the charts', async ({ page }) => {
  const errors = await openLoaded(page);
  await page.keyboard.press('Control+t');
  const trends = trendsPage(page);
  const query = trends.getByRole('searchbox', { name: 'Words or phrase' });
  await query.fill('');
  await trends.getByRole('button', { name: 'Show trend' }).click();
  await expect(trends.getByRole('status').first()).toContainText('no query: length and readability only');
  await expect(trends.getByRole('figure')).toHaveCount(2);

  const expected = await apiTrend(page, '', 'year');
  const { head, rows } = await tableOf(page);
  expect(head).toEqual(['Period', 'Vendors with a policy in force', 'Median words', 'Median readability']);
  expect(rows).toEqual(expected.periods.map((period) => expectedRow(period, false)));

  const lightPixels = await page.evaluate(`document.getElementById('trend-words').toDataURL()`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect.poll(() => page.evaluate(`document.getElementById('trend-words').toDataURL()`)).not.toBe(lightPixels);
  await snap(page, '52-trends-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  expectNoPageErrors(errors);
});
