import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';

const electron = vi.hoisted(() => ({
  setApplicationMenu: vi.fn(),
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
}));
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: electron.buildFromTemplate, setApplicationMenu: electron.setApplicationMenu },
}));

const { buildMenuTemplate, installAppMenu } = await import('../../../src/main/shell/menu');

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}
function itemLabelled(items: MenuItemConstructorOptions[], label: RegExp): MenuItemConstructorOptions {
  const found = flatten(items).find((item) => item.label && label.test(item.label.replace(/&/g, '')));
  if (!found) throw new Error(`no menu item ${label}`);
  return found;
}
const roles = (items: MenuItemConstructorOptions[]) =>
  flatten(items)
    .map((item) => item.role)
    .filter(Boolean);

describe('application menu', () => {
  it('offers Import Files… (Ctrl/Cmd+O) and Import Folder… (Ctrl/Cmd+Shift+O), each asking for its mode', () => {
    const onImport = vi.fn();
    const template = buildMenuTemplate({
      appName: 'Policy Archive Explorer',
      isDev: false,
      platform: 'linux',
      onImport,
    });

    const files = itemLabelled(template, /^Import Files…$/);
    const folder = itemLabelled(template, /^Import Folder…$/);
    expect(files.accelerator).toBe('CmdOrCtrl+O');
    expect(folder.accelerator).toBe('CmdOrCtrl+Shift+O');

    (files.click as () => void)();
    (folder.click as () => void)();
    expect(onImport.mock.calls).toEqual([['files'], ['folder']]);
  });

  it('has quit, edit, zoom, full screen and about on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const template = buildMenuTemplate({
        appName: 'Policy Archive Explorer',
        isDev: false,
        platform,
        onImport: vi.fn(),
      });
      expect(roles(template)).toEqual(
        expect.arrayContaining([
          'quit',
          'copy',
          'paste',
          'selectAll',
          'zoomIn',
          'zoomOut',
          'resetZoom',
          'togglefullscreen',
          'about',
        ]),
      );
    }
  });

  it('offers reload and developer tools only in development', () => {
    const dev = buildMenuTemplate({ appName: 'X', isDev: true, platform: 'linux', onImport: vi.fn() });
    const release = buildMenuTemplate({ appName: 'X', isDev: false, platform: 'linux', onImport: vi.fn() });
    expect(roles(dev)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(release)).not.toContain('toggleDevTools');
    expect(roles(release)).not.toContain('reload');
    expect(roles(release)).not.toContain('forceReload');
  });

  it('installs the menu as the application menu', () => {
    installAppMenu({ appName: 'X', isDev: false, platform: 'linux', onImport: vi.fn() });
    expect(electron.setApplicationMenu).toHaveBeenCalledWith(electron.buildFromTemplate.mock.results[0]?.value);
  });
});
