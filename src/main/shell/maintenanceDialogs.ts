import {
  dialog,
  type BrowserWindow,
  type MessageBoxOptions,
  type OpenDialogOptions,
  type SaveDialogOptions,
} from 'electron';
import type { ConfirmQuestion } from '../handlers';

/*
 * The native dialogs of archive maintenance (File › Back Up Archive…,
 * Restore from Backup…): HandlerContext's chooseBackupTarget,
 * chooseRestoreFile and confirm in the app.
 */

const BACKUP_FILTERS = [
  { name: 'Policy archive backups', extensions: ['sqlite', 'db', 'sqlite3'] },
  { name: 'All files', extensions: ['*'] },
];

/** Save-dialog options for a backup, suggesting `defaultName`. */
export function backupDialogOptions(defaultName: string): SaveDialogOptions {
  return {
    title: 'Back up the archive',
    buttonLabel: 'Back Up',
    defaultPath: defaultName,
    filters: BACKUP_FILTERS,
    properties: ['showOverwriteConfirmation', 'createDirectory'],
  };
}

/** Open-dialog options for choosing a backup to restore. */
export function restoreDialogOptions(): OpenDialogOptions {
  return {
    title: 'Restore the archive from a backup',
    buttonLabel: 'Choose Backup',
    properties: ['openFile'],
    filters: BACKUP_FILTERS,
  };
}

/** Message-box options for a yes/no question: the cancelling button is the default (Enter does not restore). */
export function confirmDialogOptions(question: ConfirmQuestion): MessageBoxOptions {
  return {
    type: 'warning',
    title: question.title,
    message: question.message,
    detail: question.detail,
    buttons: [question.confirmLabel, 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    noLink: true,
  };
}

function parent(window: BrowserWindow | null): BrowserWindow | null {
  return window && !window.isDestroyed() ? window : null;
}

/** Ask where to save a backup; null when cancelled. */
export async function chooseBackupTarget(window: BrowserWindow | null, defaultName: string): Promise<string | null> {
  const options = backupDialogOptions(defaultName);
  const owner = parent(window);
  const result = owner ? await dialog.showSaveDialog(owner, options) : await dialog.showSaveDialog(options);
  return result.canceled || !result.filePath ? null : result.filePath;
}

/** Ask for a backup file to restore; null when cancelled. */
export async function chooseRestoreFile(window: BrowserWindow | null): Promise<string | null> {
  const options = restoreDialogOptions();
  const owner = parent(window);
  const result = owner ? await dialog.showOpenDialog(owner, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/** Ask a yes/no question; true only for the confirming button. */
export async function confirmInDialog(window: BrowserWindow | null, question: ConfirmQuestion): Promise<boolean> {
  const options = confirmDialogOptions(question);
  const owner = parent(window);
  const result = owner ? await dialog.showMessageBox(owner, options) : await dialog.showMessageBox(options);
  return result.response === 0;
}
