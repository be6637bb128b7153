import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

const electron = vi.hoisted(() => ({
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePaths: [] as string[] })),
  showSaveDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: false, filePath: '' as string | undefined })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1 })),
}));
vi.mock('electron', () => ({
  dialog: {
    showOpenDialog: electron.showOpenDialog,
    showSaveDialog: electron.showSaveDialog,
    showMessageBox: electron.showMessageBox,
  },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: vi.fn() },
}));

const { chooseBackupTarget, chooseRestoreFile, confirmInDialog } =
  await import('../../../src/main/shell/maintenanceDialogs');
const { buildMenuTemplate } = await import('../../../src/main/shell/menu');

const window = { isDestroyed: () => false };
const question = {
  title: 'Restore from backup',
  message: 'Replace?',
  detail: 'Kept beside it.',
  confirmLabel: 'Restore',
};

describe('maintenance dialogs', () => {
  it('asks where to save a backup, suggesting the name, and returns null when cancelled', async () => {
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: false, filePath: '/backups/b.sqlite' });
    await expect(chooseBackupTarget(window as never, 'policy-archive-backup-2026-01-02.sqlite')).resolves.toBe(
      '/backups/b.sqlite',
    );
    const [parent, options] = electron.showSaveDialog.mock.calls.at(-1) as [unknown, { defaultPath: string }];
    expect(parent).toBe(window);
    expect(options.defaultPath).toBe('policy-archive-backup-2026-01-02.sqlite');
    electron.showSaveDialog.mockResolvedValueOnce({ canceled: true, filePath: '/ignored.sqlite' });
    await expect(chooseBackupTarget(null, 'x.sqlite')).resolves.toBeNull();
  });

  it('asks for one backup file to restore', async () => {
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/backups/b.sqlite'] });
    await expect(chooseRestoreFile(window as never)).resolves.toBe('/backups/b.sqlite');
    const [, options] = electron.showOpenDialog.mock.calls.at(-1) as [unknown, { properties: string[] }];
    expect(options.properties).toEqual(['openFile']);
    electron.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    await expect(chooseRestoreFile(null)).resolves.toBeNull();
  });

  it('confirms only with the confirming button; Cancel is the default and the Escape answer', async () => {
    electron.showMessageBox.mockResolvedValueOnce({ response: 0 });
    await expect(confirmInDialog(window as never, question)).resolves.toBe(true);
    const [, options] = electron.showMessageBox.mock.calls.at(-1) as [
      unknown,
      { buttons: string[]; defaultId: number; cancelId: number; message: string },
    ];
    expect(options.buttons).toEqual(['Restore', 'Cancel']);
    expect(options.defaultId).toBe(1);
    expect(options.cancelId).toBe(1);
    expect(options.message).toBe('Replace?');
    electron.showMessageBox.mockResolvedValueOnce({ response: 1 });
    await expect(confirmInDialog(window as never, question)).resolves.toBe(false);
  });
});

describe('File menu', () => {
  it('offers Back Up Archive…, Restore from Backup… and Check Archive…, each sent to the window', () => {
    const onCommand = vi.fn();
    const template = buildMenuTemplate({
      appName: 'Policy Archive Explorer',
      isDev: false,
      platform: 'linux',
      onImport: vi.fn(),
      onCommand,
    });
    const file = template.find((item) => item.label === '&File')!.submenu as MenuItemConstructorOptions[];
    const labels = file.map((item) => item.label?.replace(/&/g, ''));
    for (const label of ['Back Up Archive…', 'Restore from Backup…', 'Check Archive…']) {
      const item = file[labels.indexOf(label)];
      expect(item, label).toBeDefined();
      (item!.click as () => void)();
    }
    expect(onCommand.mock.calls).toEqual([
      [{ command: 'archive-backup' }],
      [{ command: 'archive-restore' }],
      [{ command: 'archive-check' }],
    ]);
  });
});
