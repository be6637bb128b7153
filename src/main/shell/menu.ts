import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { ImportChoiceMode } from './dialogs';

export interface AppMenuOptions {
  appName: string;
  /** Development build: adds reload and developer tools. */
  isDev: boolean;
  platform: NodeJS.Platform;
  /** Called for File › Import Files… / Import Folder…; the caller shows the dialog and starts the import. */
  onImport: (mode: ImportChoiceMode) => void;
}

/**
 * The application menu as a template. Standard roles give the platform's own
 * labels, shortcuts and behaviour; only the import items are ours.
 */
export function buildMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
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
    ],
  });

  const devItems: MenuItemConstructorOptions[] = options.isDev
    ? [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }, { type: 'separator' }]
    : [];
  template.push({
    label: '&View',
    submenu: [
      ...devItems,
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
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
    submenu: mac ? [] : [{ role: 'about', label: `&About ${options.appName}` }],
  });

  return template;
}

/** Build and install the application menu. */
export function installAppMenu(options: AppMenuOptions): Menu {
  const menu = Menu.buildFromTemplate(buildMenuTemplate(options));
  Menu.setApplicationMenu(menu);
  return menu;
}
