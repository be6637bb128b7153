import { dialog, type BrowserWindow, type OpenDialogOptions } from 'electron';

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
