import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => ({
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: [] as string[] })),
}));
vi.mock('electron', () => ({ dialog: { showOpenDialog: electron.showOpenDialog } }));

const { chooseImportPaths } = await import('../../../src/main/shell/dialogs');

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
