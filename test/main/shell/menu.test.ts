import { describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import type { WindowCommand } from '../../../src/shared/shortcuts';

const electron = vi.hoisted(() => ({
  setApplicationMenu: vi.fn(),
  buildFromTemplate: vi.fn((template: unknown) => ({ template })),
}));
vi.mock('electron', () => ({
  Menu: { buildFromTemplate: electron.buildFromTemplate, setApplicationMenu: electron.setApplicationMenu },
}));

const { buildMenuTemplate, installAppMenu } = await import('../../../src/main/shell/menu');
const { commandForKey, shortcutGroups } = await import('../../../src/shared/shortcuts');

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
      onCommand: vi.fn(),
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
        onCommand: vi.fn(),
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
    const dev = buildMenuTemplate({
      appName: 'X',
      isDev: true,
      platform: 'linux',
      onImport: vi.fn(),
      onCommand: vi.fn(),
    });
    const release = buildMenuTemplate({
      appName: 'X',
      isDev: false,
      platform: 'linux',
      onImport: vi.fn(),
      onCommand: vi.fn(),
    });
    expect(roles(dev)).toEqual(expect.arrayContaining(['reload', 'toggleDevTools']));
    expect(roles(release)).not.toContain('toggleDevTools');
    expect(roles(release)).not.toContain('reload');
    expect(roles(release)).not.toContain('forceReload');
  });

  it('installs the menu as the application menu', () => {
    installAppMenu({ appName: 'X', isDev: false, platform: 'linux', onImport: vi.fn(), onCommand: vi.fn() });
    expect(electron.setApplicationMenu).toHaveBeenCalledWith(electron.buildFromTemplate.mock.results[0]?.value);
  });
});

type Platform = 'linux' | 'win32' | 'darwin';

/** The template for a platform, and every command its items sent when clicked. */
function menuFor(platform: Platform): { template: MenuItemConstructorOptions[]; sent: WindowCommand[] } {
  const sent: WindowCommand[] = [];
  const template = buildMenuTemplate({
    appName: 'Policy Archive Explorer',
    isDev: false,
    platform,
    // The page's own Ctrl/Cmd+O and Ctrl/Cmd+Shift+O ask for the same import.
    onImport: (mode) => sent.push({ command: 'import', mode }),
    onCommand: (command) => sent.push(command),
  });
  return { template, sent };
}

/** Click an item and return the command it sent to the window. */
function commandOf(platform: Platform, label: RegExp): { command: WindowCommand | undefined; accelerator: unknown } {
  const { template, sent } = menuFor(platform);
  const item = itemLabelled(template, label);
  (item.click as () => void)();
  return { command: sent.at(-1), accelerator: item.accelerator };
}

/** What the page would see for an accelerator typed on this platform (when the menu did not take it). */
function keyPressOf(accelerator: string, platform: Platform) {
  const parts = accelerator.split('+');
  const key = parts.at(-1)!;
  const has = (name: string) => parts.slice(0, -1).includes(name);
  const mac = platform === 'darwin';
  return {
    key: key === 'Left' ? 'ArrowLeft' : key.length === 1 ? key.toLowerCase() : key,
    ctrlKey: has('Ctrl') || (has('CmdOrCtrl') && !mac),
    metaKey: has('Cmd') || (has('CmdOrCtrl') && mac),
    altKey: has('Alt'),
    shiftKey: has('Shift'),
  };
}

/** How the keyboard shortcuts dialog writes an accelerator (['Ctrl', 'F'], ['⌘', '['], ['Alt', '←']). */
function chordOf(accelerator: string, platform: Platform): string[] {
  const mac = platform === 'darwin';
  return accelerator.split('+').map((part) => {
    if (part === 'CmdOrCtrl') return mac ? '⌘' : 'Ctrl';
    if (part === 'Cmd') return '⌘';
    if (part === 'Left') return '←';
    return part;
  });
}

describe('menu commands for the window', () => {
  it('Edit › Find… (Ctrl/Cmd+F), Go › Go to… (Ctrl/Cmd+K) and Go › Trends (Ctrl/Cmd+T) send their commands', () => {
    expect(commandOf('linux', /^Find…$/)).toEqual({ command: { command: 'find' }, accelerator: 'CmdOrCtrl+F' });
    expect(commandOf('darwin', /^Go to…$/)).toEqual({ command: { command: 'go-to' }, accelerator: 'CmdOrCtrl+K' });
    expect(commandOf('win32', /^Trends$/)).toEqual({ command: { command: 'trends' }, accelerator: 'CmdOrCtrl+T' });
  });

  it("Next and Previous Change use the diff view's own F7 and Shift+F7", () => {
    expect(commandOf('linux', /^Next Change$/)).toEqual({ command: { command: 'next-change' }, accelerator: 'F7' });
    expect(commandOf('linux', /^Previous Change$/)).toEqual({
      command: { command: 'previous-change' },
      accelerator: 'Shift+F7',
    });
    const diffKeys = shortcutGroups(false)
      .flatMap((group) => group.shortcuts)
      .filter((shortcut) => /^(Next|Previous) change$/.test(shortcut.action))
      .flatMap((shortcut) => shortcut.keys);
    expect(diffKeys).toEqual(expect.arrayContaining([['F7'], ['Shift', 'F7']]));
  });

  it("Back is the platform's Back (Alt+← or ⌘[), never Escape, which belongs to whatever has focus", () => {
    expect(commandOf('linux', /^Back$/)).toEqual({ command: { command: 'back' }, accelerator: 'Alt+Left' });
    expect(commandOf('darwin', /^Back$/)).toEqual({ command: { command: 'back' }, accelerator: 'Cmd+[' });
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const accelerators = flatten(menuFor(platform).template).map((item) => item.accelerator);
      expect(accelerators.some((accelerator) => /(^|\+)(Esc|Escape)$/.test(String(accelerator)))).toBe(false);
    }
  });

  it('View › Theme offers following the system, light and dark', () => {
    expect(commandOf('linux', /^Follow the System$/).command).toEqual({ command: 'set-theme', theme: 'system' });
    expect(commandOf('linux', /^Light$/).command).toEqual({ command: 'set-theme', theme: 'light' });
    expect(commandOf('darwin', /^Dark$/).command).toEqual({ command: 'set-theme', theme: 'dark' });
  });

  it('Help has Keyboard Shortcuts (Ctrl/Cmd+/) and Show the Tour on every platform', () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      expect(commandOf(platform, /^Keyboard Shortcuts$/)).toEqual({
        command: { command: 'keyboard-shortcuts' },
        accelerator: 'CmdOrCtrl+/',
      });
      expect(commandOf(platform, /^Show the Tour$/).command).toEqual({ command: 'show-tour' });
    }
  });

  it('agrees with the keyboard: each command shortcut does the same typed in the page, and the shortcuts list shows it', () => {
    for (const platform of ['linux', 'darwin'] as const) {
      const { template, sent } = menuFor(platform);
      const listed = shortcutGroups(platform === 'darwin').flatMap((group) =>
        group.shortcuts.flatMap((shortcut) => shortcut.keys.map((keys) => keys.join('+'))),
      );
      const withKeys = flatten(template).filter((item) => typeof item.accelerator === 'string' && item.click);
      expect(withKeys.length).toBeGreaterThanOrEqual(9);
      for (const item of withKeys) {
        const accelerator = item.accelerator as string;
        expect(listed, `${accelerator} in the shortcuts list (${platform})`).toContain(
          chordOf(accelerator, platform).join('+'),
        );
        sent.length = 0;
        (item.click as () => void)();
        const command = sent[0];
        expect(command, `${accelerator} does something`).toBeDefined();
        // F7 / Shift+F7 are the diff view's own keys (checked above).
        if (command?.command === 'next-change' || command?.command === 'previous-change') continue;
        expect(
          commandForKey(keyPressOf(accelerator, platform), { mac: platform === 'darwin', typing: false }),
          `${accelerator} typed in the page (${platform})`,
        ).toEqual(command);
      }
    }
  });
});
