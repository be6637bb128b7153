/**
 * The diff view (issue 4): change navigation by buttons and keys, the
 * side-by-side layout, folded unchanged text, the section outline, ignore
 * options that re-run the diff without changing the text shown, and moved
 * paragraphs shown as moves. The built renderer in Chromium over the loopback
 * bridge, on the bundled samples (formlabs.com across GDPR) and on two small
 * files imported through "Import files…".
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { DiffStats } from '../../src/shared/domain';
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
} from './support/app';
import { writePrincetonMarkdown } from './support/policyFiles';

const session = useAppSession();

/** Open the window on the sample archive and show formlabs.com's changes across GDPR. */
async function openAcrossGdpr(page: Page): Promise<{ errors: string[]; diff: Locator }> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  await selectVendor(page, 'formlabs.com');
  await columns(page).middle.getByRole('button', { name: 'What changed across GDPR?' }).click();
  const diff = page.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff.locator('.policy-text ins').first()).toBeVisible();
  return { errors, diff };
}

/** "Change 3 of 40 · …" → [3, 40]; "40 changes" → [0, 40]. */
async function position(diff: Locator): Promise<[number, number]> {
  const text = await diff.locator('.change-position').innerText();
  const at = /^Change (\d+) of (\d+)/.exec(text);
  if (at) return [Number(at[1]), Number(at[2])];
  const count = /^(\d+) changes?$/.exec(text);
  if (!count) throw new Error(`unexpected change position "${text}"`);
  return [0, Number(count[1])];
}

/** The id of the focused element (where navigation put the reader). */
async function focusedId(page: Page): Promise<string> {
  return (await page.evaluate('document.activeElement?.id ?? ""')) as string;
}

/** The block index of a `diff-block-N` id. */
const blockIndex = (id: string): number => Number(/^diff-block-(\d+)$/.exec(id)?.[1] ?? NaN);

/**
 * The words the diff shows as the newer version: every block but the places
 * moved blocks left, without deletions or labels. (A string: this project's
 * Node types have no DOM; the code runs in the page.)
 */
async function newerTextShown(page: Page): Promise<string[]> {
  const text =
    (await page.evaluate(`[...document.querySelectorAll('.diff-view .policy-text.diff .diff-block:not(.move-from)')]
    .map((block) => {
      const copy = block.cloneNode(true);
      copy.querySelectorAll('del, .visually-hidden, .move-note, .format-note').forEach((element) => element.remove());
      return copy.textContent;
    })
    .join(' ')`)) as string;
  return text.split(/\s+/).filter(Boolean);
}

test('next and previous change move the focus through the changes, by button and by key', async ({ page }) => {
  const { errors, diff } = await openAcrossGdpr(page);
  const [, count] = await position(diff);
  expect(count).toBeGreaterThan(3);
  await expect(diff.getByText('Keys: n/j or F7 next · p/k or Shift+F7 previous · Esc close')).toBeVisible();

  const seen: number[] = [];
  const expectAt = async (expected: number): Promise<void> => {
    await expect.poll(async () => (await position(diff))[0]).toBe(expected);
    const current = diff.locator('[aria-current="true"].current-change');
    await expect(current).toHaveCount(1);
    await expect(current).toBeFocused();
    await expect(current).toBeInViewport();
    seen[expected] = blockIndex(await focusedId(page));
  };

  await page.keyboard.press('n');
  await expectAt(1);
  await page.keyboard.press('n');
  await expectAt(2);
  await page.keyboard.press('j');
  await expectAt(3);
  expect(seen[1]).toBeLessThan(seen[2]!);
  expect(seen[2]).toBeLessThan(seen[3]!);
  await page.keyboard.press('k');
  await expectAt(2);
  await page.keyboard.press('p');
  await expectAt(1);
  await page.keyboard.press('F7');
  await expectAt(2);
  await page.keyboard.press('Shift+F7');
  await expectAt(1);
  await diff.getByRole('button', { name: 'Next change ↓' }).click();
  await expectAt(2);
  await diff.getByRole('button', { name: '↑ Previous change' }).click();
  await expectAt(1);
  await expect(diff.getByRole('button', { name: '↑ Previous change' })).toBeDisabled();
  await snap(page, '11-diff-change-navigation');

  // Letters typed into a text field are text, not shortcuts.
  const search = page.getByRole('searchbox', { name: 'Search all policies' });
  await search.focus();
  await page.keyboard.press('n');
  await expect(search).toHaveValue('n');
  expect((await position(diff))[0]).toBe(1);
  await search.press('Escape');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('side by side puts the old text left and the new text right, row by row', async ({ page }) => {
  const { errors, diff } = await openAcrossGdpr(page);
  await diff.getByRole('radio', { name: 'Side by side' }).check();
  const grid = diff.locator('.policy-text.side-by-side');
  await expect(grid).toBeVisible();
  await expect(grid.locator('.sbs-head')).toContainText('Before · 2016-05-09');
  await expect(grid.locator('.sbs-head')).toContainText('After · 2018-08-13');
  expect(await grid.locator('.sbs-cell.old del').count()).toBeGreaterThan(0);
  expect(await grid.locator('.sbs-cell.new ins').count()).toBeGreaterThan(0);
  await expect(grid.locator('.sbs-cell.old ins')).toHaveCount(0);
  await expect(grid.locator('.sbs-cell.new del')).toHaveCount(0);

  // A changed paragraph's two versions face each other.
  const row = grid.locator('.sbs-row:has(.sbs-cell.old.change-replace)').nth(2);
  const [left, right] = await Promise.all([
    row.locator('.sbs-cell.old').boundingBox(),
    row.locator('.sbs-cell.new').boundingBox(),
  ]);
  expect(Math.abs(left!.y - right!.y)).toBeLessThan(1);
  expect(left!.x + left!.width).toBeLessThanOrEqual(right!.x);

  // Navigation works the same in this layout.
  await page.keyboard.press('n');
  await page.keyboard.press('n');
  await expect.poll(async () => (await position(diff))[0]).toBe(2);
  await expect(grid.locator('[aria-current="true"].current-change')).toBeFocused();
  await expect(grid.locator('[aria-current="true"].current-change')).toBeInViewport();
  await snap(page, '12-diff-side-by-side');
  await expectWindowNotScrollable(page);

  await diff.getByRole('radio', { name: 'Inline' }).check();
  await expect(grid).toHaveCount(0);
  await expect(diff.locator('.policy-text.diff ins').first()).toBeVisible();
  expectNoPageErrors(errors);
});

test('only changes folds unchanged text into expandable lines, and the outline jumps to a section', async ({
  page,
}) => {
  const { errors, diff } = await openAcrossGdpr(page);
  await diff.getByRole('checkbox', { name: 'Show only changes' }).check();
  const folded = diff.locator('.collapsed-run');
  expect(await folded.count()).toBeGreaterThan(0);
  await expect(diff.locator('.diff-block.change-equal')).toHaveCount(0);
  const first = folded.first();
  const label = await first.innerText();
  expect(label).toMatch(/^… \d+ unchanged (paragraphs?|headings?)( and \d+ headings?)? …$/);
  const hidden = Number(/\d+/.exec(label)![0]) + Number(/and (\d+) heading/.exec(label)?.[1] ?? 0);
  const before = await folded.count();
  await first.click();
  await expect(folded).toHaveCount(before - 1);
  await expect(diff.locator('.diff-block.change-equal')).toHaveCount(hidden);
  await snap(page, '13-diff-only-changes-folded');

  const outline = diff.getByRole('navigation', { name: 'Sections with changes' });
  await outline.getByText(/^Sections with changes \(\d+\)$/).click();
  const entry = outline.getByRole('button', { name: 'International Transfer of Information' });
  await entry.click();
  await expect(diff.locator('.change-position')).toContainText('International Transfer of Information');
  const focused = page.locator(':focus');
  await expect(focused).toBeInViewport();
  await expect(focused).toHaveClass(/current-change/);
  await expect(entry).toHaveAttribute('aria-current', 'true');
  expectNoPageErrors(errors);
});

test('"ignore case" compares again with the new numbers, and the text shown stays the newer version', async ({
  page,
}) => {
  const { errors, diff } = await openAcrossGdpr(page);
  const documentId = await documentIdOf(page, 'formlabs.com');
  const statsWith = (options: string) =>
    callApi<DiffStats>(page, `return (await api.timeline.acrossEvent(${documentId}, 'gdpr', ${options})).diff.stats;`);
  const plain = await statsWith('{}');
  const ignoringCase = await statsWith('{ ignoreCase: true }');
  const newer = await callApi<string>(
    page,
    `const across = await api.timeline.acrossEvent(${documentId}, 'gdpr');
     return (await api.snapshots.get(across.after.snapshot.id)).blocks.map((block) => block.text).join(' ');`,
  );
  const newerWords = newer.split(/\s+/).filter(Boolean);

  const stats = diff.locator('.diff-stats');
  await expect(stats).toContainText(`+${plain.wordsAdded} added · −${plain.wordsRemoved} removed`);
  expect(await newerTextShown(page)).toEqual(newerWords);

  await diff.getByRole('checkbox', { name: 'Ignore case' }).check();
  await expect(stats).toContainText(`+${ignoringCase.wordsAdded} added · −${ignoringCase.wordsRemoved} removed`);
  await expect(diff.locator('.diff-block-stats')).toContainText('(ignoring case)');
  await expect(diff.locator('.diff-block-stats')).toContainText(`${ignoringCase.blocksUnchanged} unchanged`);
  expect(await newerTextShown(page)).toEqual(newerWords);
  await snap(page, '14-diff-ignore-case');

  await diff.getByRole('checkbox', { name: 'Ignore case' }).uncheck();
  await expect(stats).toContainText(`+${plain.wordsAdded} added · −${plain.wordsRemoved} removed`);
  expectNoPageErrors(errors);
});

test('a pair too different to compare word by word within the bounds says its comparison is coarse', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-e2e-coarse-'));
  try {
    // Thousands of short list items, none shared between the versions: aligning them would exceed the
    // engine's bound on the edit script, so it falls back to whole-block changes and says so.
    const noise = (seed: number): string => {
      const items: string[] = [];
      for (let index = 0; index < 2500; index += 1) items.push(`- clause v${seed}n${index}`);
      return items.join('\n');
    };
    session.bridge.setImportPaths([
      writePrincetonMarkdown(dir, 'coarse.example', '2021-01-01', `# Terms\n\n${noise(1)}\n`),
      writePrincetonMarkdown(dir, 'coarse.example', '2022-01-01', `# Terms\n\n${noise(2)}\n`),
    ]);
    const errors = await openApp(page, session.bridge, session.apiScript);
    await session.bridge.idle();
    await page.getByRole('button', { name: 'Import files…' }).click();
    await expect(page.getByRole('region', { name: 'Import finished' })).toContainText('2 imported');
    await selectVendor(page, 'coarse.example');
    await columns(page)
      .middle.getByRole('button', { name: /^2022-01-01 / })
      .click();
    await page.getByRole('button', { name: 'What changed since the previous version?' }).click();
    const diff = page.getByRole('article', { name: /^Changes in coarse\.example/ });
    const coarse = await callApi<boolean>(
      page,
      `const vendor = (await api.vendors.list()).find((v) => v.displayName === 'coarse.example');
       const snapshots = (await api.vendors.timeline(vendor.id)).documents[0].snapshots
         .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
       return (await api.diff.compare(snapshots[0].id, snapshots[1].id)).stats.coarse;`,
    );
    expect(coarse).toBe(true);
    await expect(diff.getByRole('note')).toContainText('Coarse comparison.');
    expectNoPageErrors(errors);
  } finally {
    session.bridge.setImportPaths([]);
    rmSync(dir, { recursive: true, force: true });
  }
});

test.describe('a moved paragraph', () => {
  let dir: string;

  test.beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'pae-e2e-move-'));
  });
  test.afterAll(async () => {
    session.bridge.setImportPaths([]);
    rmSync(dir, { recursive: true, force: true });
  });

  const logs =
    'Our servers keep a log of the pages you visit, together with your IP address and the browser you use, ' +
    'for thirty days, so that we can find and fix problems and protect the service against abuse.';
  const sections = (logsUnder: 'collect' | 'cookies'): string => `
# Privacy Policy

## What we collect

We collect your name and email address when you sign up for an account.

${logsUnder === 'collect' ? logs : ''}

## Cookies

We use cookies to keep you signed in, and nothing else.

${logsUnder === 'cookies' ? logs : ''}

## Your rights

You can ask us to delete your account and everything we hold about you at any time.
`;

  test('is shown as a move at both ends, linked to each other, not as a deletion and an insertion', async ({
    page,
  }) => {
    session.bridge.setImportPaths([
      writePrincetonMarkdown(dir, 'movingparts.example', '2019-03-01', sections('collect')),
      writePrincetonMarkdown(dir, 'movingparts.example', '2020-03-01', sections('cookies')),
    ]);
    const errors = await openApp(page, session.bridge, session.apiScript);
    await session.bridge.idle();
    await page.getByRole('button', { name: 'Import files…' }).click();
    await expect(page.getByRole('region', { name: 'Import finished' })).toContainText('2 imported');

    await selectVendor(page, 'movingparts.example');
    const { middle } = columns(page);
    await middle.getByRole('button', { name: 'Use version 1 (2019-03-01) as A' }).click();
    await middle.getByRole('button', { name: 'Use version 2 (2020-03-01) as B' }).click();
    await middle.getByRole('button', { name: 'Compare', exact: true }).click();

    const diff = page.getByRole('article', { name: 'Changes in movingparts.example — Privacy Policy' });
    const moves = diff.locator('.diff-block.change-move');
    await expect(moves).toHaveCount(2);
    const from = diff.locator('.diff-block.move-from');
    const to = diff.locator('.diff-block.move-to');
    await expect(from).toContainText(logs);
    await expect(to).toContainText(logs);
    await expect(diff.locator('.policy-text del')).toHaveCount(0);
    await expect(diff.locator('.policy-text ins')).toHaveCount(0);

    // Distinct: a dotted outline, its own colour, and the ⇄ marker — not colour alone.
    await expect(to).toHaveCSS('outline-style', 'dotted');
    await expect(to).toHaveCSS('background-color', 'rgb(239, 231, 251)');
    await expect(from.locator('.move-icon')).toHaveText('⇄');
    await expect(to.locator('.move-icon')).toHaveText('⇄');

    const stats = await callApi<DiffStats>(
      page,
      `const vendor = (await api.vendors.list()).find((v) => v.displayName === 'movingparts.example');
       const snapshots = (await api.vendors.timeline(vendor.id)).documents[0].snapshots
         .sort((a, b) => a.capturedAt.localeCompare(b.capturedAt));
       return (await api.diff.compare(snapshots[0].id, snapshots[1].id)).stats;`,
    );
    expect(stats.wordsMoved).toBeGreaterThan(0);
    await expect(diff.locator('.diff-stats')).toContainText(`⇄ ${stats.wordsMoved} moved words`);

    // Each end links to the other.
    await from.getByRole('button', { name: 'moved to § Cookies' }).click();
    await expect(to).toBeFocused();
    await expect(to).toBeInViewport();
    await to.getByRole('button', { name: 'moved from § What we collect' }).click();
    await expect(from).toBeFocused();
    await snap(page, '15-diff-moved-paragraph');
    expectNoPageErrors(errors);
  });

  test('in a dark system theme, side by side, a move keeps its marks', async ({ browser }) => {
    const context = await browser.newContext({ colorScheme: 'dark', viewport: { width: 1280, height: 820 } });
    const page = await context.newPage();
    try {
      const errors = await openApp(page, session.bridge, session.apiScript);
      await selectVendor(page, 'movingparts.example');
      await columns(page)
        .middle.getByRole('button', { name: /^2020-03-01 / })
        .click();
      await page.getByRole('button', { name: 'What changed since the previous version?' }).click();
      const diff = page.getByRole('article', { name: 'Changes in movingparts.example — Privacy Policy' });
      await diff.getByRole('radio', { name: 'Side by side' }).check();
      const to = diff.locator('.sbs-cell.new.move-to');
      await expect(to).toBeVisible();
      await expect(diff.locator('.sbs-cell.old.move-from')).toBeVisible();
      await expect(to).toHaveCSS('outline-style', 'dotted');
      await expect(to).toHaveCSS('background-color', 'rgb(48, 38, 74)');
      await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(28, 29, 33)');
      await snap(page, '16-diff-move-side-by-side-dark');
      await expectWindowNotScrollable(page);
      expectNoPageErrors(errors);
    } finally {
      await context.close();
    }
  });
});
