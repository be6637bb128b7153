import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '' as string | undefined })),
}));
vi.mock('electron', () => ({
  dialog: { showOpenDialog: electron.showOpenDialog, showSaveDialog: electron.showSaveDialog },
}));

const { chooseImportPaths, saveReportFile } = await import('../../../src/main/shell/dialogs');

const window = { isDestroyed: () => false };

describe('chooseImportPaths', () => {
  it('returns the chosen files, asking for several files attached to the window', async () => {
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/p/a.md', '/p/b.html'] });
    await expect(chooseImportPaths(window as never, 'files')).resolves.toEqual(['/p/a.md', '/p/b.html']);
    const [parent, options] = electron.showOpenDialog.mock.calls.at(-1) as [unknown, { properties: string[] }];
    expect(parent).toBe(window);
    expect(options.properties).toEqual(expect.arrayContaining(['openFile', 'multiSelections']));
    expect(options.properties).not.toContain('openDirectory');
  });

  it('asks for folders in folder mode', async () => {
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/p/policies'] });
    await expect(chooseImportPaths(null, 'folder')).resolves.toEqual(['/p/policies']);
    const [options] = electron.showOpenDialog.mock.calls.at(-1) as [{ properties: string[] }];
    expect(options.properties).toContain('openDirectory');
    expect(options.properties).not.toContain('openFile');
  });

  it('returns nothing when the user cancels', async () => {
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: ['/p/ignored.md'] });
    await expect(chooseImportPaths(window as never, 'files')).resolves.toEqual([]);
  });
});

describe('saveReportFile', () => {
  it('offers the report name with a filter for its format and writes the bytes where the user chose', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pae-dialogs-'));
    try {
      const target = join(dir, 'chosen.pdf');
      electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: target });
      const bytes = Buffer.from('%PDF-1.7 report');
      await expect(
        saveReportFile(window as never, { defaultName: 'formlabs-history.pdf', bytes, format: 'pdf' }),
      ).resolves.toBe(target);
      expect(readFileSync(target)).toEqual(bytes);
      const [parent, options] = electron.showSaveDialog.mock.calls.at(-1) as [
        unknown,
        { defaultPath: string; filters: Array<{ extensions: string[] }> },
      ];
      expect(parent).toBe(window);
      expect(options.defaultPath).toBe('formlabs-history.pdf');
      expect(options.filters[0]!.extensions).toEqual(['pdf']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('filters Markdown and HTML exports by their own extensions, and writes nothing when cancelled', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    await expect(
      saveReportFile(null, { defaultName: 'r.md', bytes: Buffer.from('# r'), format: 'markdown' }),
    ).resolves.toBeNull();
    const [markdownOptions] = electron.showSaveDialog.mock.calls.at(-1) as [
      { filters: Array<{ extensions: string[] }> },
    ];
    expect(markdownOptions.filters[0]!.extensions).toContain('md');
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: undefined });
    await saveReportFile(null, { defaultName: 'r.html', bytes: Buffer.from('<p>'), format: 'html' });
    const [htmlOptions] = electron.showSaveDialog.mock.calls.at(-1) as [{ filters: Array<{ extensions: string[] }> }];
    expect(htmlOptions.filters[0]!.extensions).toContain('html');
  });
});
