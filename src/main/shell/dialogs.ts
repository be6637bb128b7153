import { writeFile } from 'node:fs/promises';
import { dialog, type BrowserWindow, type OpenDialogOptions, type SaveDialogOptions } from 'electron';
import type { SaveTextRequest } from '../../shared/contract';
import type { SavedReport } from '../handlers';

/** What the user picks to import: individual files, or whole folders walked recursively. */
export type ImportChoiceMode = 'files' | 'folder';

/** Native open-dialog options for each import mode (separate because Linux and Windows cannot mix files and folders). */
export function importDialogOptions(mode: ImportChoiceMode): OpenDialogOptions {
  if (mode === 'folder') {
    return {
      // Also git repositories (Princeton dataset, Open Terms Archive versions): choose the repository folder.
      title: 'Import folders of policy snapshots',
      buttonLabel: 'Import',
      properties: ['openDirectory', 'multiSelections'],
    };
  }
  return {
    title: 'Import policy snapshots',
    buttonLabel: 'Import',
    properties: ['openFile', 'multiSelections'],
    filters: [
      {
        name: 'Policy snapshots and web archives',
        extensions: ['md', 'markdown', 'txt', 'text', 'html', 'htm', 'xhtml', 'warc', 'gz', 'wacz'],
      },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

/**
 * Ask the user for files or folders to import. Resolves to the chosen
 * absolute paths, or an empty list when the dialog was cancelled.
 */
export async function chooseImportPaths(window: BrowserWindow | null, mode: ImportChoiceMode): Promise<string[]> {
  const options = importDialogOptions(mode);
  const result =
    window && !window.isDestroyed()
      ? await dialog.showOpenDialog(window, options)
      : await dialog.showOpenDialog(options);
  return result.canceled ? [] : result.filePaths;
}

/** Native save-dialog options for a text export (only CSV so far). */
export function saveTextDialogOptions(request: Pick<SaveTextRequest, 'defaultName' | 'kind'>): SaveDialogOptions {
  return {
    title: 'Export as CSV',
    buttonLabel: 'Export',
    defaultPath: request.defaultName,
    filters: [
      { name: 'CSV (comma-separated values)', extensions: ['csv'] },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

/**
 * Ask where to save an export and write it (UTF-8). Resolves to the written
 * path, or null when the dialog was cancelled.
 */
export async function saveTextFile(window: BrowserWindow | null, request: SaveTextRequest): Promise<string | null> {
  const options = saveTextDialogOptions(request);
  const result =
    window && !window.isDestroyed()
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  await writeFile(result.filePath, request.text, 'utf8');
  return result.filePath;
}

const REPORT_FILTERS: Record<SavedReport['format'], { title: string; name: string; extensions: string[] }> = {
  pdf: { title: 'Export report as PDF', name: 'PDF document', extensions: ['pdf'] },
  html: { title: 'Export report as HTML', name: 'Web page (self-contained HTML)', extensions: ['html', 'htm'] },
  markdown: { title: 'Export report as Markdown', name: 'Markdown', extensions: ['md', 'markdown'] },
};

/** Native save-dialog options for an exported report, filtered to its format. */
export function saveReportDialogOptions(report: Pick<SavedReport, 'defaultName' | 'format'>): SaveDialogOptions {
  const { title, name, extensions } = REPORT_FILTERS[report.format];
  return {
    title,
    buttonLabel: 'Export',
    defaultPath: report.defaultName,
    filters: [
      { name, extensions },
      { name: 'All files', extensions: ['*'] },
    ],
  };
}

/**
 * Ask where to save an exported report and write its bytes. Resolves to the
 * written path, or null when the dialog was cancelled.
 */
export async function saveReportFile(window: BrowserWindow | null, report: SavedReport): Promise<string | null> {
  const options = saveReportDialogOptions(report);
  const result =
    window && !window.isDestroyed()
      ? await dialog.showSaveDialog(window, options)
      : await dialog.showSaveDialog(options);
  if (result.canceled || !result.filePath) return null;
  await writeFile(result.filePath, report.bytes);
  return result.filePath;
}
