/**
 * The library (issue 6): the sidebar's vendors with their counts, span, last
 * change and documents; sorting and filtering (by name and `tag:`); renaming
 * and merging vendors (the new name reaches the timeline and search results);
 * tags on vendors and versions; a note on a version that survives switching
 * versions and reloading the window; the sidebar driven by the keyboard
 * alone; and a long library rendered as a virtual list. The built renderer in
 * Chromium over the loopback bridge, on the bundled samples.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LibraryVendor, SnapshotAnnotations } from '../../src/shared/libraryDomain';
import { useAppSession } from './support/session';
import {
  callApi,
  columns,
  expectNoPageErrors,
  expectWindowNotScrollable,
  openApp,
  selectVendor,
  snap,
  withEmptyArchive,
} from './support/app';
import { openArchive } from '../../src/main/archive/database';
import { renameVendor } from '../../src/main/archive/vendorEdits';
import { runImport } from '../../src/main/importers/pipeline';
import { samplesDir } from '../support/paths';
import { expectNoSeriousAxeViolations, useScheme } from './support/a11y';
import { writePrincetonMarkdown } from './support/policyFiles';

const session = useAppSession();

/** Open the window and wait for the first-launch sample import to finish (the first test) or be skipped. */
async function openLoaded(page: Page): Promise<string[]> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await session.bridge.idle();
  await expect(vendorButton(page, 'ChatGPT')).toBeVisible();
  return errors;
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A vendor's row button in the sidebar (its accessible name starts with the vendor's name). */
function vendorButton(page: Page, name: string): Locator {
  return columns(page).vendors.getByRole('button', { name: new RegExp(`^${escaped(name)} `) });
}

/** The whole row of a vendor: its button, the documents toggle and the actions button. */
function vendorRow(page: Page, name: string): Locator {
  // `has` is matched inside each row, so the button is named from the page, not from the sidebar.
  const button = page.getByRole('button', { name: new RegExp(`^${escaped(name)} `) });
  return columns(page).vendors.locator('.vendor-row').filter({ has: button });
}

async function library(page: Page): Promise<LibraryVendor[]> {
  return callApi<LibraryVendor[]>(page, 'return api.library.vendors();');
}

/** The vendor names the sidebar lists, top to bottom. */
async function listedVendors(page: Page): Promise<string[]> {
  return columns(page).vendors.locator('.vendor-row .list-title').allInnerTexts();
}

function filterBox(page: Page): Locator {
  return columns(page).vendors.getByRole('searchbox', { name: 'Filter vendors' });
}

/** Open a vendor's actions menu with its ⋯ button and choose an item. */
async function vendorAction(page: Page, name: string, item: string | RegExp): Promise<void> {
  await vendorRow(page, name)
    .getByRole('button', { name: `Actions for ${name}` })
    .click();
  await page
    .getByRole('menu', { name: `Actions for ${name}` })
    .getByRole('menuitem', { name: item })
    .click();
}

test('the sidebar shows each vendor’s versions, captures, span and last change, as the archive has them', async ({
  page,
}) => {
  const errors = await openLoaded(page);
  const vendors = await library(page);
  expect(vendors.length).toBeGreaterThanOrEqual(10);
  await expect(columns(page).vendors.getByRole('heading', { name: `Vendors (${vendors.length})` })).toBeVisible();
  expect((await listedVendors(page)).length).toBe(vendors.length);

  const formlabs = vendors.find((vendor) => vendor.displayName === 'formlabs.com')!;
  expect(formlabs.lastChangedAt, 'formlabs.com changed its policy').not.toBeNull();
  const row = await vendorButton(page, 'formlabs.com').innerText();
  expect(row).toContain(`${formlabs.versionCount} versions · ${formlabs.snapshotCount} captures`);
  expect(row).toContain(`2015–2018 · changed ${formlabs.lastChangedAt!.slice(0, 10)}`);

  // Expanded: its documents, each with its own counts; choosing one shows the vendor's timeline at that document.
  const toggle = vendorRow(page, 'formlabs.com').getByRole('button', { name: 'Documents of formlabs.com' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const document = formlabs.documents[0]!;
  const documentButton = columns(page).vendors.getByRole('button', {
    name: new RegExp(`^${escaped(document.title)} of formlabs\\.com`),
  });
  const documentText = await documentButton.innerText();
  expect(documentText).toContain(`${document.versionCount} versions · ${document.snapshotCount} captures`);
  expect(documentText).toContain(`changed ${document.lastChangedAt!.slice(0, 10)}`);
  await snap(page, '70-library-sidebar');
  await documentButton.click();
  const { middle } = columns(page);
  await expect(middle.getByRole('heading', { level: 2, name: 'formlabs.com' })).toBeVisible();
  await expect(middle.getByRole('heading', { level: 3, name: document.title })).toBeFocused();
  await expect(vendorButton(page, 'formlabs.com')).toHaveAttribute('aria-current', 'true');
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('sorting by last change puts the most recent change first, and is remembered', async ({ page }) => {
  const errors = await openLoaded(page);
  const sort = columns(page).vendors.getByRole('combobox', { name: 'Sort' });
  await sort.selectOption({ label: 'Last change' });
  await expect(columns(page).vendors.getByRole('status')).toContainText('sorted by last change', { ignoreCase: true });

  const dates = async (): Promise<Array<string | null>> =>
    (await columns(page).vendors.locator('.vendor-row .library-main').allInnerTexts()).map(
      (text) => /changed (\d{4}-\d{2}-\d{2})/.exec(text)?.[1] ?? null,
    );
  const shown = await dates();
  const changed = shown.filter((date): date is string => date !== null);
  expect(changed.length).toBeGreaterThan(3);
  expect(changed, 'newest change first').toEqual([...changed].sort().reverse());
  // Vendors whose text never changed come after all the others.
  expect(shown.slice(0, changed.length)).toEqual(changed);
  const newest = (await library(page))
    .flatMap((vendor) => vendor.lastChangedAt ?? [])
    .sort()
    .at(-1)!;
  expect(shown[0]).toBe(newest.slice(0, 10));

  // By most captures: counts never grow down the list.
  await sort.selectOption({ label: 'Most captures' });
  const captures = (await columns(page).vendors.locator('.vendor-row .library-main').allInnerTexts()).map((text) =>
    Number(/(\d+) captures?/.exec(text)?.[1]),
  );
  expect(captures).toEqual([...captures].sort((a, b) => b - a));

  // The choice outlives the window.
  await sort.selectOption({ label: 'Last change' });
  await page.reload();
  await expect(vendorButton(page, 'ChatGPT')).toBeVisible();
  await expect(columns(page).vendors.getByRole('combobox', { name: 'Sort' })).toHaveValue('last-change');
  expect(await dates()).toEqual(shown);
  await columns(page).vendors.getByRole('combobox', { name: 'Sort' }).selectOption({ label: 'Name' });
  expectNoPageErrors(errors);
});

test('the filter finds vendors by name or key, and says what to do when nothing matches', async ({ page }) => {
  const errors = await openLoaded(page);
  const total = (await library(page)).length;
  await filterBox(page).fill('LABS');
  await expect.poll(() => listedVendors(page)).toEqual(['formlabs.com', 'protolabs.com']);
  await expect(columns(page).vendors.getByRole('status')).toContainText(`2 of ${total} shown`);

  await filterBox(page).fill('no such vendor');
  await expect(columns(page).vendors).toContainText('No vendor matches “no such vendor”.');
  await columns(page).vendors.getByRole('button', { name: 'Clear the filter' }).click();
  await expect(filterBox(page)).toBeFocused();
  await expect(filterBox(page)).toHaveValue('');
  expect((await listedVendors(page)).length).toBe(total);

  // Escape in the box clears it first.
  await filterBox(page).fill('chat');
  await expect.poll(() => listedVendors(page)).toEqual(['ChatGPT', 'Le Chat', 'Qwen Chat']);
  await filterBox(page).press('Escape');
  await expect(filterBox(page)).toHaveValue('');
  expectNoPageErrors(errors);
});

test('tagging vendors: the tags show on their rows, as chips, and filter the list with tag:', async ({ page }) => {
  const errors = await openLoaded(page);
  for (const name of ['ChatGPT', 'Perplexity']) {
    await vendorAction(page, name, 'Edit tags…');
    const dialog = page.getByRole('dialog', { name: `Tags of ${name}` });
    await expect(dialog).toBeVisible();
    const field = dialog.getByRole('textbox', { name: 'Add a tag' });
    await expect(field).toBeFocused();
    await field.fill('AI chatbot');
    await field.press('Enter');
    await expect(dialog.getByRole('status')).toHaveText('Saved: added “AI chatbot”.');
    await expect(dialog.getByRole('button', { name: 'Remove tag AI chatbot' })).toBeVisible();
    if (name === 'ChatGPT') {
      await field.fill('gdpr');
      await field.press('Enter');
      await expect(dialog.getByRole('button', { name: 'Remove tag gdpr' })).toBeVisible();
      await field.fill('GDPR');
      await field.press('Enter');
      await expect(dialog.getByRole('status')).toHaveText('“GDPR” is already there.');
    } else {
      // Tags used elsewhere are offered.
      await dialog.getByRole('button', { name: 'Add tag gdpr' }).click();
      await expect(dialog.getByRole('button', { name: 'Remove tag gdpr' })).toBeVisible();
      await dialog.getByRole('button', { name: 'Remove tag gdpr' }).click();
      await expect(dialog.getByRole('button', { name: 'Remove tag gdpr' })).toHaveCount(0);
      await snap(page, '71-vendor-tags-dialog');
    }
    await dialog.getByRole('button', { name: 'Done' }).click();
    await expect(dialog).toHaveCount(0);
    // Focus returns to the vendor's row.
    await expect(vendorButton(page, name)).toBeFocused();
  }
  const stored = await library(page);
  expect(stored.find((vendor) => vendor.displayName === 'ChatGPT')!.tags).toEqual(['AI chatbot', 'gdpr']);
  expect(stored.find((vendor) => vendor.displayName === 'Perplexity')!.tags).toEqual(['AI chatbot']);
  await expect(vendorRow(page, 'ChatGPT').locator('.tag-pill')).toHaveText(['AI chatbot', 'gdpr']);

  await filterBox(page).fill('tag:gdpr');
  await expect.poll(() => listedVendors(page)).toEqual(['ChatGPT']);
  await filterBox(page).fill('');

  const chips = columns(page).vendors.getByRole('group', { name: 'Filter by tag' });
  const chip = chips.getByRole('button', { name: /^AI chatbot/ });
  await chip.click();
  await expect(chip).toHaveAttribute('aria-pressed', 'true');
  await expect(filterBox(page)).toHaveValue('tag:"AI chatbot"');
  await expect.poll(() => listedVendors(page)).toEqual(['ChatGPT', 'Perplexity']);
  await filterBox(page).fill('tag:"AI chatbot" perp');
  await expect.poll(() => listedVendors(page)).toEqual(['Perplexity']);
  await snap(page, '72-library-filtered-by-tag');
  await chip.click();
  await expect(filterBox(page)).toHaveValue('perp');
  await filterBox(page).fill('');
  expectNoPageErrors(errors);
});

test('renaming a vendor shows the new name in the sidebar, the timeline and the search results', async ({ page }) => {
  const errors = await openLoaded(page);
  const search = page.getByRole('searchbox', { name: 'Search all policies' });
  await search.fill('sell your personal');
  const hits = columns(page).middle.getByRole('list', { name: 'Search results' });
  await expect(hits.getByRole('button', { name: /^formlabs\.com — / })).toBeVisible();

  await vendorAction(page, 'formlabs.com', 'Rename…');
  const dialog = page.getByRole('dialog', { name: 'Rename formlabs.com' });
  const field = dialog.getByRole('textbox', { name: 'New name' });
  await expect(field).toBeFocused();
  // Another vendor's name is refused, with the way out.
  await field.fill('chatgpt');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(dialog).toContainText(
    'Another vendor is called “ChatGPT”. To make them one vendor, merge them instead.',
  );
  await expect(dialog.getByRole('button', { name: 'Rename', exact: true })).toBeDisabled();
  await field.fill('   ');
  await expect(dialog).toContainText('Type a name.');
  await field.fill('Formlabs');
  await expect(field).toHaveAttribute('aria-invalid', 'false');
  await field.press('Enter');
  await expect(dialog).toHaveCount(0);

  await expect(vendorButton(page, 'Formlabs')).toBeVisible();
  await expect(vendorButton(page, 'formlabs.com')).toHaveCount(0);
  // The results on screen are searched again: the hit carries the new name.
  await expect(hits.getByRole('button', { name: /^Formlabs — / })).toBeVisible();
  await expect(hits.getByRole('button', { name: /^formlabs\.com — / })).toHaveCount(0);
  await search.press('Escape');

  await selectVendor(page, 'Formlabs');
  await expect(columns(page).middle.getByRole('heading', { level: 2, name: 'Formlabs' })).toBeVisible();
  // The key stays: the vendor is still found by it.
  await filterBox(page).fill('formlabs.com');
  await expect.poll(() => listedVendors(page)).toEqual(['Formlabs']);
  await filterBox(page).fill('');
  expectNoPageErrors(errors);
});

test('merging two vendors leaves one vendor with both vendors’ captures, after a preview', async ({ page }) => {
  const errors = await openLoaded(page);
  const before = await library(page);
  const target = before.find((vendor) => vendor.displayName === 'Le Chat')!;
  const source = before.find((vendor) => vendor.displayName === 'Qwen Chat')!;

  await selectVendor(page, 'Le Chat');
  await vendorAction(page, 'Le Chat', 'Merge other vendors into this…');
  const dialog = page.getByRole('dialog', { name: 'Merge vendors into Le Chat' });
  await expect(dialog).toBeVisible();
  const merge = dialog.getByRole('button', { name: /^Merge/ });
  await expect(merge).toBeDisabled();
  await dialog.getByRole('searchbox', { name: 'Find vendors to merge' }).fill('qwen');
  await dialog.getByRole('checkbox', { name: /^Qwen Chat/ }).check();
  const preview = dialog.getByRole('region', { name: 'What will happen' });
  for (const document of source.documents) {
    await expect(preview).toContainText(`${document.title} from Qwen Chat, ${document.snapshotCount} captures`);
  }
  await expect(preview).toContainText(`${source.snapshotCount} captures move; Qwen Chat is removed.`);
  await expect(preview).toContainText(`up to ${target.snapshotCount + source.snapshotCount} captures`);
  await snap(page, '73-merge-dialog');
  await expect(merge).toHaveText('Merge 1 vendor into Le Chat');
  await merge.click();

  const outcome = dialog.getByRole('status');
  await expect(outcome).toContainText('Merged into Le Chat.');
  await expect(outcome).toContainText(`${source.snapshotCount} captures moved`);
  await snap(page, '74-merge-result');
  await expect(dialog.getByRole('button', { name: 'Done' })).toBeFocused();
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toHaveCount(0);

  const after = await library(page);
  expect(after).toHaveLength(before.length - 1);
  const merged = after.find((vendor) => vendor.id === target.id)!;
  expect(merged.snapshotCount).toBe(target.snapshotCount + source.snapshotCount);
  await expect(vendorButton(page, 'Qwen Chat')).toHaveCount(0);
  expect(await vendorButton(page, 'Le Chat').innerText()).toContain(`${merged.snapshotCount} captures`);
  await expect(columns(page).vendors.getByRole('heading', { name: `Vendors (${after.length})` })).toBeVisible();
  // The timeline shows the merged vendor, with every capture of both.
  const { middle } = columns(page);
  await expect(middle.getByRole('heading', { level: 2, name: 'Le Chat' })).toBeVisible();
  await expect(middle.locator('.column-head .list-meta')).toContainText(`in ${merged.snapshotCount} captures`);
  await expectWindowNotScrollable(page);
  expectNoPageErrors(errors);
});

test('a version’s tags and note are kept in the archive: across switching versions and a reload', async ({ page }) => {
  const errors = await openLoaded(page);
  await selectVendor(page, 'Formlabs');
  const { middle, content } = columns(page);
  const versionRows = middle.locator('.version-row');
  await versionRows.first().getByRole('button').first().click();
  const reader = page.getByRole('article', { name: /^Formlabs — / });
  await expect(reader).toBeVisible();

  const notes = reader.getByRole('region', { name: /^Your tags and note on version \d+/ });
  const tagField = notes.getByRole('textbox', { name: 'Add a tag' });
  await tagField.fill('post-GDPR');
  await tagField.press('Enter');
  await expect(notes.getByRole('button', { name: 'Remove tag post-GDPR' })).toBeVisible();
  await expect(versionRows.first().locator('.tag-pill')).toHaveText(['post-GDPR']);

  const note = notes.getByRole('textbox', { name: /^Note on version/ });
  await note.fill('Adds a section on GDPR rights; compare with the 2016 text.');
  await expect(notes.getByRole('status').last()).toHaveText('Saved');
  await expect(versionRows.first().locator('.note-marker')).toBeVisible();
  await snap(page, '75-note-editor');

  // Type on another version and leave at once: what was typed is saved on the way out.
  await reader.getByRole('button', { name: /^← Previous version/ }).click();
  await expect(note).toHaveValue('');
  await note.pressSequentially('Older wording.');
  await reader.getByRole('button', { name: /^Next version/ }).click();
  await expect(note).toHaveValue('Adds a section on GDPR rights; compare with the 2016 text.');
  await reader.getByRole('button', { name: /^← Previous version/ }).click();
  await expect(note).toHaveValue('Older wording.');
  await expect(versionRows.nth(1).locator('.note-marker')).toBeVisible();

  // A reload reads them back from the archive.
  await page.reload();
  await expect(vendorButton(page, 'Formlabs')).toBeVisible();
  await selectVendor(page, 'Formlabs');
  await expect(versionRows.first().locator('.tag-pill')).toHaveText(['post-GDPR']);
  await expect(versionRows.first().locator('.note-marker')).toBeVisible();
  await versionRows.first().getByRole('button').first().click();
  await expect(content.getByRole('textbox', { name: /^Note on version/ })).toHaveValue(
    'Adds a section on GDPR rights; compare with the 2016 text.',
  );
  await expect(content.getByRole('button', { name: 'Remove tag post-GDPR' })).toBeVisible();

  // Emptying the note removes it.
  await content.getByRole('textbox', { name: /^Note on version/ }).fill('');
  await expect(
    content
      .getByRole('region', { name: /^Your tags and note/ })
      .getByRole('status')
      .last(),
  ).toHaveText('Saved (note removed)');
  await expect(versionRows.first().locator('.note-marker')).toHaveCount(0);
  const newest = await callApi<number>(
    page,
    `const v = (await api.library.vendors()).find((x) => x.displayName === 'Formlabs');
     const t = await api.timeline.document(v.documents[0].id);
     return t.versions.at(-1).snapshot.id;`,
  );
  const stored = await callApi<SnapshotAnnotations>(page, `return api.snapshots.annotations(${newest});`);
  expect(stored).toMatchObject({ tags: ['post-GDPR'], note: null });
  expectNoPageErrors(errors);
});

test('keyboard only: reach a vendor, expand it, open a document, rename it with F2', async ({ page }) => {
  const errors = await openLoaded(page);
  // Tab from the top of the window to the filter box.
  for (let presses = 0; presses < 40; presses++) {
    await page.keyboard.press('Tab');
    if (await filterBox(page).evaluate((element) => element === element.ownerDocument.activeElement)) break;
  }
  await expect(filterBox(page)).toBeFocused();
  await page.keyboard.type('proto');
  await page.keyboard.press('ArrowDown');
  const vendor = vendorButton(page, 'protolabs.com');
  await expect(vendor).toBeFocused();

  await page.keyboard.press('ArrowRight');
  const toggle = vendorRow(page, 'protolabs.com').getByRole('button', { name: 'Documents of protolabs.com' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('ArrowDown');
  const document = columns(page).vendors.getByRole('button', { name: /^Privacy Policy of protolabs\.com/ });
  await expect(document).toBeFocused();
  await page.keyboard.press('Enter');
  const { middle } = columns(page);
  await expect(middle.getByRole('heading', { level: 2, name: 'protolabs.com' })).toBeVisible();
  await expect(middle.getByRole('heading', { level: 3, name: 'Privacy Policy' })).toBeFocused();

  // Back to the sidebar: its one tab stop is the row last used.
  await page.keyboard.press('Shift+Tab');
  await expect(document).toBeFocused();
  await page.keyboard.press('ArrowLeft');
  await expect(vendor).toBeFocused();
  await page.keyboard.press('F2');
  const dialog = page.getByRole('dialog', { name: 'Rename protolabs.com' });
  await expect(dialog.getByRole('textbox', { name: 'New name' })).toBeFocused();
  // The name is selected: typing replaces it.
  await page.keyboard.type('Protolabs');
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(vendorButton(page, 'Protolabs')).toBeFocused();
  await expect(middle.getByRole('heading', { level: 2, name: 'Protolabs' })).toBeVisible();

  // The actions menu from the keyboard: Shift+F10, arrows, Escape gives focus back.
  await page.keyboard.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Actions for Protolabs' });
  await expect(menu.getByRole('menuitem', { name: /^Rename/ })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(menu.getByRole('menuitem', { name: /^Merge/ })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toHaveCount(0);
  await expect(vendorButton(page, 'Protolabs')).toBeFocused();
  expectNoPageErrors(errors);
});

test('the sidebar, its menu and dialogs, and the note editor pass axe in light and dark', async ({ page }) => {
  const errors = await openLoaded(page);
  for (const scheme of ['light', 'dark'] as const) {
    await useScheme(page, scheme);
    await selectVendor(page, 'Formlabs');
    await columns(page).middle.locator('.version-row').first().getByRole('button').first().click();
    await expect(page.getByRole('textbox', { name: /^Note on version/ })).toBeVisible();
    await vendorRow(page, 'ChatGPT').getByRole('button', { name: 'Documents of ChatGPT' }).click();
    await expectNoSeriousAxeViolations(page, `library and note editor (${scheme})`);
    if (scheme === 'dark') await snap(page, '77-library-and-notes-dark');
    await vendorRow(page, 'ChatGPT').getByRole('button', { name: 'Documents of ChatGPT' }).click();

    await vendorRow(page, 'ChatGPT').getByRole('button', { name: 'Actions for ChatGPT' }).click();
    await expect(page.getByRole('menu', { name: 'Actions for ChatGPT' })).toBeVisible();
    await expectNoSeriousAxeViolations(page, `vendor menu (${scheme})`);
    await page.getByRole('menuitem', { name: 'Merge other vendors into this…' }).click();
    const merge = page.getByRole('dialog', { name: 'Merge vendors into ChatGPT' });
    await merge.getByRole('checkbox', { name: /^Perplexity/ }).check();
    await expectNoSeriousAxeViolations(page, `merge dialog (${scheme})`);
    if (scheme === 'dark') await snap(page, '78-merge-dialog-dark');
    await merge.getByRole('button', { name: 'Cancel' }).click();

    await vendorAction(page, 'ChatGPT', 'Rename…');
    await page.getByRole('textbox', { name: 'New name' }).fill('Perplexity');
    await expectNoSeriousAxeViolations(page, `rename dialog with a problem (${scheme})`);
    await page.keyboard.press('Escape');
    await expect(page.getByRole('dialog')).toHaveCount(0);

    await vendorAction(page, 'ChatGPT', 'Edit tags…');
    await expectNoSeriousAxeViolations(page, `vendor tags dialog (${scheme})`);
    await page.keyboard.press('Escape');
  }
  // Cancelled and escaped: nothing changed.
  expect((await library(page)).map((vendor) => vendor.displayName)).toContain('Perplexity');
  expectNoPageErrors(errors);
});

test('a library of hundreds of vendors is a virtual list that the keyboard still walks end to end', async ({
  page,
}) => {
  const dir = mkdtempSync(join(tmpdir(), 'pae-library-e2e-'));
  try {
    const files = Array.from({ length: 320 }, (_, index) => {
      const site = `shop-${String(index + 1).padStart(3, '0')}.example`;
      return writePrincetonMarkdown(
        dir,
        site,
        '2021-03-01',
        `# Privacy Policy\n\n${site} keeps the orders you place with us for seven years.\n\nWe never sell your personal information.\n`,
      );
    });
    const errors = await openLoaded(page);
    session.bridge.imports.start({ paths: files });
    await session.bridge.idle();
    const total = (await library(page)).length;
    await expect(columns(page).vendors.getByRole('heading', { name: `Vendors (${total})` })).toBeVisible();
    const list = columns(page).vendors.getByRole('list');
    await expect(list.getByRole('listitem').first()).toBeVisible();
    const rendered = await list.getByRole('listitem').count();
    expect(rendered, 'rows in the page').toBeLessThan(total / 2);

    await vendorButton(page, 'artec3d.com').focus();
    await page.keyboard.press('End');
    await expect(vendorButton(page, 'ultimaker.com')).toBeFocused();
    await page.keyboard.press('Home');
    await expect(vendorButton(page, '3dhubs.com')).toBeFocused();
    // PageDown: ten rows further.
    await page.keyboard.press('PageDown');
    await expect(columns(page).vendors.locator('[data-row-index="10"]')).toBeFocused();
    await snap(page, '76-library-long-list');

    await filterBox(page).fill('shop-31');
    await expect
      .poll(() => listedVendors(page))
      .toEqual(Array.from({ length: 10 }, (_, index) => `shop-31${index}.example`));
    await filterBox(page).fill('');
    await expectWindowNotScrollable(page);
    expectNoPageErrors(errors);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('what another process (the CLI) imports and renames while the window is open shows up without a reload', async ({
  browser,
}) => {
  await withEmptyArchive(browser, async (page, errors, bridge) => {
    // A second connection to the same file, as `policy-archive import` / `vendors rename` would open.
    const cli = openArchive(bridge.archivePath);
    try {
      await runImport(cli, [join(samplesDir, 'princeton', '000_9ca36c3538ce9d6e.txt')]);
      await expect(vendorButton(page, 'protolabs.com')).toBeVisible();
      const vendorId = cli.prepare("SELECT id FROM vendors WHERE key = 'protolabs.com'").pluck().get() as number;
      renameVendor(cli, vendorId, 'Proto Labs (renamed by the CLI)');
      await expect(vendorButton(page, 'Proto Labs (renamed by the CLI)')).toBeVisible();
    } finally {
      cli.close();
    }
    expectNoPageErrors(errors);
  });
});
