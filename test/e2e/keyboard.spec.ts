/**
 * Keyboard only (issue 6): the main flows without a mouse — into the
 * library, a vendor, along its versions, A and B, the diff and its changes,
 * an ignore option, back out, Ctrl+F search and a hit, Ctrl+K to a vendor,
 * Ctrl+T trends and Escape back, the help list — checking at every step what
 * is shown and that the focused element shows a focus ring. No clicks.
 * Then the native menu's commands (sent as the shell sends them), the colour
 * theme choice, and the first-launch tips.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { ImportProgress } from '../../src/shared/domain';
import type { AppCommand } from '../../src/shared/events';
import { expectVisibleFocus } from './support/a11y';
import { columns, emitImportCancelled, expectNoPageErrors, openApp } from './support/app';
import { useAppSession } from './support/session';

const session = useAppSession();

async function isFocused(locator: Locator): Promise<boolean> {
  return locator.evaluate((element) => element === element.ownerDocument.activeElement).catch(() => false);
}

/**
 * Press Tab (or Shift+Tab) until `target` has focus, checking after every
 * press that the focus can be seen; fails after `max` presses.
 */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    await page.keyboard.press(backwards ? 'Shift+Tab' : 'Tab');
    await expectVisibleFocus(page);
    if (await isFocused(target)) return;
  }
  throw new Error(`${String(target)} not reached with ${max} presses of ${backwards ? 'Shift+Tab' : 'Tab'}`);
}

/** Press `key` until `target` has focus (arrow keys in a list), checking the focus ring each time. */
async function pressUntil(page: Page, key: string, target: Locator, max = 40): Promise<void> {
  for (let presses = 0; presses < max; presses += 1) {
    const before = await expectVisibleFocus(page);
    await page.keyboard.press(key);
    // The list moves the focus after it renders: wait for it to land before looking.
    await expect.poll(() => expectVisibleFocus(page)).not.toBe(before);
    if (await isFocused(target)) return;
  }
  throw new Error(`${String(target)} not reached with ${max} presses of ${key}`);
}

/** "Change 3 of 40 · …" → 3 (0 before the first step). */
async function changeNumber(diff: Locator): Promise<number> {
  const text = await diff.locator('.change-position').innerText();
  return Number(/^Change (\d+) of/.exec(text)?.[1] ?? 0);
}

test('the main flows work with the keyboard alone, with the focus always in sight', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(`localStorage.setItem('policyArchive.tourDone', 'yes')`);
  const errors = await openApp(page, session.bridge, session.apiScript);
  const { vendors, middle, content } = columns(page);
  await expect(vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();

  // Into the library (one tab stop; the arrows walk it), and choose a vendor.
  const formlabs = vendors.getByRole('button', { name: /^formlabs\.com / });
  await tabTo(page, vendors.getByRole('button', { name: /^3dhubs\.com / }));
  await pressUntil(page, 'ArrowDown', formlabs);
  await page.keyboard.press('Enter');
  await expect(middle.getByRole('heading', { level: 2, name: 'formlabs.com' })).toBeVisible();
  await expect(formlabs).toHaveAttribute('aria-current', 'true');
  await expectVisibleFocus(page);

  // Along the versions on the time axis: one tab stop, arrows move, Enter opens.
  const axis = middle.getByRole('group', { name: /^Versions of .* over time$/ });
  const marks = axis.getByRole('button');
  await expect(marks).toHaveCount(3);
  await tabTo(page, marks.nth(2));
  await page.keyboard.press('ArrowLeft');
  await expect(marks.nth(1)).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press('Enter');
  const reader = content.getByRole('article', { name: 'formlabs.com — Privacy Policy' });
  await expect(reader.locator('dl.facts')).toContainText('2 of 3');
  await page.keyboard.press('Home');
  await expect(marks.nth(0)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(reader.locator('dl.facts')).toContainText('1 of 3');
  await expectVisibleFocus(page);

  // Mark the newest version B and the oldest A, then compare.
  const slot = (version: number, name: 'A' | 'B') =>
    middle.getByRole('button', { name: new RegExp(`^Use version ${version} \\(.*\\) as ${name}$`) });
  await tabTo(page, slot(3, 'B'));
  await page.keyboard.press('Space');
  await expect(slot(3, 'B')).toHaveAttribute('aria-pressed', 'true');
  await tabTo(page, slot(1, 'A'));
  await page.keyboard.press('Space');
  await expect(slot(1, 'A')).toHaveAttribute('aria-pressed', 'true');
  const compare = middle.getByRole('button', { name: 'Compare', exact: true });
  await tabTo(page, compare, { backwards: true });
  await page.keyboard.press('Enter');
  const diff = content.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff.locator('.policy-text ins').first()).toBeVisible();
  expect((await diff.innerText()).slice(0, 200)).toMatch(/From 2015-\d\d-\d\d to 2018-\d\d-\d\d/);

  // Next and previous change: the focus moves to the change, which is outlined.
  await page.keyboard.press('n');
  await expect.poll(() => changeNumber(diff)).toBe(1);
  await page.keyboard.press('n');
  await expect.poll(() => changeNumber(diff)).toBe(2);
  await expect(diff.locator('[aria-current="true"].current-change')).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press('p');
  await expect.poll(() => changeNumber(diff)).toBe(1);
  await page.keyboard.press('F7');
  await expect.poll(() => changeNumber(diff)).toBe(2);
  await expectVisibleFocus(page);

  // An ignore option, by keyboard: the comparison runs again with it.
  const ignoreCase = diff.getByRole('checkbox', { name: 'Ignore case' });
  await tabTo(page, ignoreCase, { backwards: true });
  await page.keyboard.press('Space');
  await expect(ignoreCase).toBeChecked();
  await expect(diff).toHaveAttribute('aria-busy', 'false');
  await expect(diff.locator('.change-position')).toHaveText(/\d+ changes?|Change \d+ of \d+/);

  // Escape closes the comparison; the focus goes back to where the comparison was asked for.
  await page.keyboard.press('Escape');
  await expect(diff).toHaveCount(0);
  await expect(compare).toBeFocused();
  await expectVisibleFocus(page);

  // Ctrl+F: search, then open a hit.
  await page.keyboard.press('Control+F');
  const searchBox = page.getByRole('searchbox', { name: 'Search all policies' });
  await expect(searchBox).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.type('sell your personal');
  await expect(middle.getByRole('heading', { name: 'Search results' })).toBeVisible();
  const hit = middle.getByRole('button', { name: /^formlabs\.com — Privacy Policy/ }).first();
  await expect(hit).toBeVisible();
  await tabTo(page, hit);
  await page.keyboard.press('Enter');
  const hitReader = content.getByRole('article', { name: 'formlabs.com — Privacy Policy' });
  await expect(hitReader.locator('.policy-text')).toContainText(/never sell your personal information/i);
  await expectVisibleFocus(page);

  // Ctrl+K to a vendor, typo and all.
  await page.keyboard.press('Control+K');
  const switcher = page.getByRole('dialog', { name: 'Go to a vendor, document or section' });
  await expect(switcher.getByRole('combobox')).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.type('claude');
  await expect(switcher.getByRole('option').first()).toContainText('Claude.ai');
  await page.keyboard.press('Enter');
  await expect(switcher).toBeHidden();
  await expect(middle.getByRole('heading', { level: 2, name: 'Claude.ai' })).toBeVisible();
  await expectVisibleFocus(page);

  // Ctrl+T: trends; Escape: back to the library.
  await page.keyboard.press('Control+T');
  const trends = page.getByRole('main', { name: 'Trends' });
  await expect(trends.getByRole('heading', { name: 'Trends' })).toBeVisible();
  await expectVisibleFocus(page);
  await page.keyboard.press('Escape');
  await expect(trends).toHaveCount(0);
  await expect(middle.getByRole('heading', { level: 2, name: 'Claude.ai' })).toBeVisible();
  await expectVisibleFocus(page);

  // "?" lists every shortcut; Escape closes the list and gives the focus back.
  const before = await expectVisibleFocus(page);
  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help).toBeVisible();
  await expect(help.getByRole('row', { name: /Next change/ })).toContainText('F7');
  await page.keyboard.press('Tab');
  await expectVisibleFocus(page);
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  expect(await expectVisibleFocus(page)).toBe(before);
  expectNoPageErrors(errors);
});

test("the menu's commands do what their shortcuts do: changes, back, go to, trends, theme, help, tips", async ({
  page,
}) => {
  await page.addInitScript(`localStorage.setItem('policyArchive.tourDone', 'yes')`);
  const errors = await openApp(page, session.bridge, session.apiScript);
  const { vendors, middle, content } = columns(page);
  await expect(vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  const send = (command: AppCommand) => session.bridge.emit('app:command', command);

  // Go › Next / Previous Change (F7 / Shift+F7 in the menu, which the page never sees).
  await vendors.getByRole('button', { name: /^formlabs\.com / }).press('Enter');
  await middle.getByRole('button', { name: 'What changed across GDPR?' }).press('Enter');
  const diff = content.getByRole('article', { name: 'Changes in formlabs.com — Privacy Policy' });
  await expect(diff.locator('.policy-text ins').first()).toBeVisible();
  send({ command: 'next-change' });
  await expect.poll(() => changeNumber(diff)).toBe(1);
  send({ command: 'next-change' });
  await expect.poll(() => changeNumber(diff)).toBe(2);
  send({ command: 'previous-change' });
  await expect.poll(() => changeNumber(diff)).toBe(1);
  await expect(diff.locator('[aria-current="true"].current-change')).toBeFocused();

  // Go › Back closes the comparison, as Escape does.
  send({ command: 'back' });
  await expect(diff).toHaveCount(0);

  // Go › Go to… and Go › Trends.
  send({ command: 'go-to' });
  const switcher = page.getByRole('dialog', { name: 'Go to a vendor, document or section' });
  await expect(switcher.getByRole('combobox')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(switcher).toBeHidden();
  send({ command: 'trends' });
  await expect(page.getByRole('main', { name: 'Trends' })).toBeVisible();
  send({ command: 'back' });
  await expect(page.getByRole('main', { name: 'Trends' })).toHaveCount(0);

  // Edit › Find… focuses the search box.
  send({ command: 'find' });
  await expect(page.getByRole('searchbox', { name: 'Search all policies' })).toBeFocused();

  // View › Theme › Dark, on a light system; remembered when the window opens again; back to the system's.
  send({ command: 'set-theme', theme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(28, 29, 33)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: /^Help/ }).press('Enter');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await help.getByRole('radio', { name: 'Follow the system' }).check();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await help.getByRole('button', { name: 'Close' }).press('Enter');
  await expect(help).toBeHidden();

  // Help › Keyboard Shortcuts, and Help › Show the Tour (the tips take focus when asked for).
  send({ command: 'keyboard-shortcuts' });
  await expect(help).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  send({ command: 'show-tour' });
  const tips = page.getByRole('region', { name: 'Getting started' });
  await expect(tips.getByRole('heading', { name: 'The library' })).toBeFocused();
  await expectVisibleFocus(page);
  for (const title of ['Timeline and changes', 'Search and Go to', 'Trends']) {
    await tips.getByRole('button', { name: 'Next tip' }).press('Enter');
    await expect(tips.getByRole('heading', { level: 2 })).toHaveText(title);
  }
  await expect(page.locator('.app')).toHaveAttribute('data-tour', 'trends');
  await tips.getByRole('button', { name: 'Done' }).press('Enter');
  await expect(tips).toHaveCount(0);
  // The focus went to the library, where the tips began.
  await expectVisibleFocus(page);
  expectNoPageErrors(errors);
});

test('the first-launch tips show until hidden, and stay hidden when the window opens again', async ({ page }) => {
  const errors = await openApp(page, session.bridge, session.apiScript);
  const tips = page.getByRole('region', { name: 'Getting started' });
  await expect(tips.getByRole('heading', { name: 'The library' })).toBeVisible();
  // Shown on its own, the tips never take the focus.
  await expect(tips.getByRole('heading', { name: 'The library' })).not.toBeFocused();
  await expect(page.locator('.app')).toHaveAttribute('data-tour', 'library');
  await tabTo(page, tips.getByRole('button', { name: 'Hide tips' }));
  await page.keyboard.press('Enter');
  await expect(tips).toHaveCount(0);
  await expectVisibleFocus(page);
  await page.reload();
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Getting started' })).toHaveCount(0);
  expectNoPageErrors(errors);
});

test("the import panel's Cancel asks first, says it undoes the whole import, and keeps the keyboard's place", async ({
  page,
}) => {
  await page.addInitScript(`localStorage.setItem('policyArchive.tourDone', 'yes')`);
  const errors = await openApp(page, session.bridge, session.apiScript);
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await session.bridge.idle();
  // An import in progress, staged through the shell's event channel (a real one is over too soon).
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
  const panel = page.getByRole('region', { name: 'Importing' });
  const cancel = panel.getByRole('button', { name: 'Cancel…' });
  await expect(panel).toContainText('12 of 40 files');

  await tabTo(page, cancel);
  await page.keyboard.press('Enter');
  const question = panel.getByRole('group');
  expect(await question.innerText()).toMatch(
    /undoes the whole import: everything it has added so far \(11 snapshots\)/,
  );
  // The safe answer has the focus; Escape gives the same answer.
  await expect(question.getByRole('button', { name: 'Keep importing' })).toBeFocused();
  await expectVisibleFocus(page);
  await page.keyboard.press('Escape');
  await expect(question).toHaveCount(0);
  await expect(cancel).toBeFocused();

  await page.keyboard.press('Enter');
  await page.keyboard.press('Shift+Tab');
  await expect(question.getByRole('button', { name: 'Cancel and undo the import' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.getByRole('button', { name: 'Cancelling…' })).toBeDisabled();
  await expectVisibleFocus(page);
  emitImportCancelled(session.bridge, 'staged-import', 40);
  const report = page.getByRole('region', { name: 'Import cancelled' });
  await expect(report).toContainText('Nothing was added; the archive is as it was before.');
  await expect(report.getByRole('heading', { name: 'Import cancelled' })).toBeFocused();
  await expect(panel).toHaveCount(0);
  expectNoPageErrors(errors);
});
