import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { AppCommand } from '../../shared/events';
import type { ImportChoiceMode } from './dialogs';

export interface AppMenuOptions {
  appName: string;
  /** Development build: adds reload and developer tools. */
  isDev: boolean;
  platform: NodeJS.Platform;
  /** Called for File › Import Files… / Import Folder…; the caller shows the dialog and starts the import. */
  onImport: (mode: ImportChoiceMode) => void;
  /** Called for the window's own commands (Find, Go to…, Trends, changes, theme, help, archive maintenance); the caller sends them to the window. */
  onCommand: (command: AppCommand) => void;
}

/**
 * The application menu as a template. Standard roles give the platform's own
 * labels, shortcuts and behaviour; the app's items carry the shortcuts the
 * window also answers to when typed (see src/shared/shortcuts.ts),
 * so menu and keyboard agree. Escape is not a menu accelerator: it belongs
 * to whatever has focus (a text field, the quick switcher), so Back has its
 * own platform shortcut.
 */
export function buildMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const send = (command: AppCommand) => () => options.onCommand(command);
  const template: MenuItemConstructorOptions[] = [];

  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }

  template.push({
    label: '&File',
    submenu: [
      { label: 'Import &Files…', accelerator: 'CmdOrCtrl+O', click: () => options.onImport('files') },
      { label: 'Import F&older…', accelerator: 'CmdOrCtrl+Shift+O', click: () => options.onImport('folder') },
      { type: 'separator' },
      // Maintenance opens a dialog in the window (progress, the check's report), so the window carries these out.
      { label: '&Back Up Archive…', click: send({ command: 'archive-backup' }) },
      { label: '&Restore from Backup…', click: send({ command: 'archive-restore' }) },
      { label: '&Check Archive…', click: send({ command: 'archive-check' }) },
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit' },
    ],
  });

  template.push({
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
      { type: 'separator' },
      { label: '&Find…', accelerator: 'CmdOrCtrl+F', click: send({ command: 'find' }) },
    ],
  });

  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  template.push({
    label: '&View',
    submenu: [
      ...devItems,
      {
        label: '&Theme',
        submenu: [
          { label: 'Follow the &System', click: send({ command: 'set-theme', theme: 'system' }) },
          { label: '&Light', click: send({ command: 'set-theme', theme: 'light' }) },
          { label: '&Dark', click: send({ command: 'set-theme', theme: 'dark' }) },
        ],
      },
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  });

  template.push({
    label: '&Go',
    submenu: [
      { label: '&Go to…', accelerator: 'CmdOrCtrl+K', click: send({ command: 'go-to' }) },
      { label: '&Trends', accelerator: 'CmdOrCtrl+T', click: send({ command: 'trends' }) },
      { type: 'separator' },
      { label: '&Next Change', accelerator: 'F7', click: send({ command: 'next-change' }) },
      { label: '&Previous Change', accelerator: 'Shift+F7', click: send({ command: 'previous-change' }) },
      { type: 'separator' },
      // Browsers' Back: Cmd+[ on macOS, Alt+Left elsewhere.
      { label: '&Back', accelerator: mac ? 'Cmd+[' : 'Alt+Left', click: send({ command: 'back' }) },
    ],
  });

  template.push({
    label: '&Window',
    role: 'windowMenu',
    submenu: mac
      ? [{ role: 'minimize' }, { role: 'zoom' }, { type: 'separator' }, { role: 'front' }]
      : [{ role: 'minimize' }, { role: 'close' }],
  });

  template.push({
    label: '&Help',
    role: 'help',
    submenu: [
      { label: '&Keyboard Shortcuts', accelerator: 'CmdOrCtrl+/', click: send({ command: 'keyboard-shortcuts' }) },
      { label: 'Show the &Tour', click: send({ command: 'show-tour' }) },
      ...(mac ? [] : [{ type: 'separator' } as const, { role: 'about', label: `&About ${options.appName}` } as const]),
    ],
  });

  return template;
}

/** Build and install the application menu. */
export function installAppMenu(options: AppMenuOptions): Menu {
  const menu = Menu.buildFromTemplate(buildMenuTemplate(options));
  Menu.setApplicationMenu(menu);
  return menu;
}
