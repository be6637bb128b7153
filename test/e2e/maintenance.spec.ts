/**
 * Archive maintenance (issue 8) as a user meets it: File › Back Up Archive…,
 * Check Archive… (sound, then a damaged search index found and repaired with
 * the Repair button) and Restore from Backup… (the library shows the restored
 * archive). The built renderer in Chromium over the loopback bridge, whose
 * handler context plays the save/open dialogs and the confirmation.
 */
import { existsSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import type { LibraryVendor } from '../../src/shared/libraryDomain';
import { callApi, columns, expectNoPageErrors, openApp, snap } from './support/app';
import { expectNoSeriousAxeViolations } from './support/a11y';
import { useAppSession } from './support/session';

const session = useAppSession();
/** The backup the first test makes; the restore test restores it. */
let backupPath = '';

async function openLoaded(page: Page): Promise<string[]> {
  const errors = await openApp(page, session.bridge, session.apiScript);
  await session.bridge.idle();
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  return errors;
}

function dialog(page: Page, title: string): Locator {
  return page.getByRole('dialog', { name: title });
}

async function vendorNames(page: Page): Promise<string[]> {
  return (await callApi<LibraryVendor[]>(page, 'return api.library.vendors();')).map((vendor) => vendor.displayName);
}

test('File › Back Up Archive… writes a backup and says where', async ({ page }) => {
  const errors = await openLoaded(page);
  session.bridge.emit('app:command', { command: 'archive-backup' });
  const backup = dialog(page, 'Back up the archive');
  await expect(backup).toBeVisible();
  const done = backup.getByText(/^Backed up \d+ snapshots/);
  await expect(done).toBeVisible();
  const text = await done.innerText();
  backupPath = /to (.+\.sqlite)\.$/.exec(text)?.[1] ?? '';
  expect(backupPath).toMatch(/policy-archive-backup-\d{4}-\d{2}-\d{2}\.sqlite$/);
  expect(existsSync(backupPath)).toBe(true);
  const snapshots = await callApi<number>(page, 'return (await api.archive.info()).snapshotCount;');
  expect(text).toContain(`Backed up ${snapshots} snapshots`);

  await backup.getByRole('button', { name: 'Done' }).click();
  await expect(backup).toBeHidden();
  expectNoPageErrors(errors);
});

test('File › Check Archive… reports a sound archive, then finds a damaged index and repairs it', async ({ page }) => {
  const errors = await openLoaded(page);
  // A long check (the app runs it in a worker): the dialog says it is working, and nothing else is offered.
  const release = session.bridge.holdNextCheck();
  session.bridge.emit('app:command', { command: 'archive-check' });
  const check = dialog(page, 'Check the archive');
  await expect(check.getByText('Checking the archive…')).toBeVisible();
  await expect(check.getByRole('progressbar', { name: 'Check the archive: working' })).toBeVisible();
  await expect(check.getByText(/reads the whole archive/)).toBeVisible();
  await expect(check.getByRole('button', { name: 'Repair' })).toHaveCount(0);
  await expectNoSeriousAxeViolations(page, 'maintenance check running');
  release();
  await expect(check.getByText('The archive is sound: every check passes.')).toBeVisible();
  await expect(check.getByRole('list', { name: 'Checks' }).getByRole('listitem')).toHaveCount(5);
  await expect(check.getByRole('button', { name: 'Repair' })).toHaveCount(0);

  // Damage the search index behind the app's back (rows lost from FTS5's shadow table).
  const db = session.bridge.db;
  db.unsafeMode(true);
  db.exec('DELETE FROM blocks_fts_data WHERE id > 10');
  db.unsafeMode(false);

  await check.getByRole('button', { name: 'Check Again' }).click();
  await expect(check.getByText('1 check found problems.')).toBeVisible();
  const failed = check.locator('li.failed');
  await expect(failed).toHaveCount(1);
  await expect(failed).toContainText('Search index');
  await snap(page, '60-maintenance-check-problem');
  await expectNoSeriousAxeViolations(page, 'maintenance check with a problem');

  await check.getByRole('button', { name: 'Repair' }).click();
  await expect(check.getByText('Repaired: every check passes now.')).toBeVisible();
  await expect(check.locator('li.failed')).toHaveCount(0);
  // Search works again: the same query a user would type.
  const hits = await callApi<number>(page, "return (await api.search.query({ query: 'privacy' })).totalDocuments;");
  expect(hits).toBeGreaterThan(0);
  await check.getByRole('button', { name: 'Done' }).click();
  expectNoPageErrors(errors);
});

test('File › Restore from Backup… asks, restores, and the library shows the restored archive', async ({ page }) => {
  expect(backupPath, 'the backup test ran first').not.toBe('');
  const errors = await openLoaded(page);
  // Work done after the backup: a vendor renamed.
  const formlabs = (await callApi<LibraryVendor[]>(page, 'return api.library.vendors();')).find(
    (vendor) => vendor.displayName === 'formlabs.com',
  )!;
  await callApi(page, `return api.vendors.rename(${formlabs.id}, 'Formlabs (renamed after the backup)');`);
  session.bridge.emit('archive:changed', null);
  const renamed = columns(page).vendors.getByRole('button', { name: /^Formlabs \(renamed after the backup\) / });
  await expect(renamed).toBeVisible();

  session.bridge.setRestoreFile(backupPath);
  session.bridge.emit('app:command', { command: 'archive-restore' });
  const restore = dialog(page, 'Restore from a backup');
  await expect(restore.getByText(/^Restored \d+ snapshots from /)).toBeVisible();
  await expect(
    restore.getByText(/The archive as it was before is kept at .+before-restore-.+\.sqlite\./),
  ).toBeVisible();
  expect(session.bridge.questions.at(-1)?.message).toContain(backupPath);

  // The library reloads from the restored archive: the old name is back, the rename is gone.
  await expect(columns(page).vendors.getByRole('button', { name: /^formlabs\.com / })).toBeVisible();
  await expect(renamed).toHaveCount(0);
  expect(await vendorNames(page)).toContain('formlabs.com');
  await snap(page, '61-maintenance-restored');
  await restore.getByRole('button', { name: 'Done' }).click();

  // Declining the confirmation changes nothing.
  session.bridge.setConfirmAnswer(false);
  session.bridge.emit('app:command', { command: 'archive-restore' });
  await expect(dialog(page, 'Restore from a backup').getByText('Cancelled: nothing was changed.')).toBeVisible();
  session.bridge.setConfirmAnswer(true);
  expectNoPageErrors(errors);
});
