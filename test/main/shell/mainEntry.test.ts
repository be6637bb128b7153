import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MenuItemConstructorOptions } from 'electron';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { channels } from '../../../src/shared/contract';
import type * as RealDatabase from '../../../src/main/archive/database';
import { repoRoot, tempDir } from '../../support/paths';

type Listener = (...args: unknown[]) => unknown;

/**
 * Fakes for Electron (which cannot run here). The core is real: a real archive file,
 * the real handler table and first-launch seeding. Only the worker-backed import
 * service is replaced, because its worker is the built bundle (tested on its own in
 * test/main/importService.test.ts); here we only need to see what is asked of it.
 */
const fakes = vi.hoisted(() => {
  class Emitter {
    listeners = new Map<string, Listener[]>();
    on(name: string, listener: Listener) {
      this.listeners.set(name, [...(this.listeners.get(name) ?? []), listener]);
      return this;
    }
    once(name: string, listener: Listener) {
      return this.on(name, listener);
    }
    emit(name: string, ...args: unknown[]) {
      for (const listener of this.listeners.get(name) ?? []) listener(...args);
    }
  }
  class FakeWebContents extends Emitter {
    sent: Array<[string, unknown]> = [];
    mainFrame = { url: '', parent: null };
    session = {
      setPermissionRequestHandler: () => undefined,
      setPermissionCheckHandler: () => undefined,
      setDevicePermissionHandler: () => undefined,
    };
    setWindowOpenHandler() {}
    send(name: string, payload: unknown) {
      this.sent.push([name, payload]);
    }
    isDestroyed() {
      return false;
    }
  }
  class FakeBrowserWindow extends Emitter {
    static all: FakeBrowserWindow[] = [];
    static getAllWindows() {
      return FakeBrowserWindow.all;
    }
    webContents = new FakeWebContents();
    focused = 0;
    restored = 0;
    minimized = false;
    constructor(public options: Record<string, unknown>) {
      super();
      FakeBrowserWindow.all.push(this);
    }
    loadURL() {
      return Promise.resolve();
    }
    loadFile() {
      return Promise.resolve();
    }
    show() {}
    isMinimized() {
      return this.minimized;
    }
    restore() {
      this.restored += 1;
    }
    focus() {
      this.focused += 1;
    }
    isDestroyed() {
      return false;
    }
  }
  const app = Object.assign(new Emitter(), {
    isPackaged: true,
    name: 'Policy Archive Explorer',
    gotLock: true,
    ready: Promise.resolve(),
    quit: vi.fn(),
    exit: vi.fn(),
    enableSandbox: vi.fn(),
    requestSingleInstanceLock() {
      return this.gotLock;
    },
    whenReady() {
      return this.ready;
    },
    getAppPath: () => '/opt/policy-archive/resources/app.asar',
    getPath: () => '/home/me/.config/Policy Archive Explorer',
    getName: () => 'Policy Archive Explorer',
    getVersion: () => '0.1.0',
    setAboutPanelOptions: vi.fn(),
  });
  const ipcHandlers = new Map<string, Listener>();
  const importListeners: Listener[] = [];
  return {
    app,
    FakeBrowserWindow,
    ipcHandlers,
    importListeners,
    startImport: vi.fn(() => ({ importId: 'i1' })),
    showErrorBox: vi.fn(),
    setApplicationMenu: vi.fn(),
  };
});

vi.mock('electron', () => ({
  app: fakes.app,
  BrowserWindow: fakes.FakeBrowserWindow,
  ipcMain: {
    handle: (channel: string, listener: Listener) => fakes.ipcHandlers.set(channel, listener),
    removeHandler: (channel: string) => fakes.ipcHandlers.delete(channel),
  },
  dialog: { showErrorBox: fakes.showErrorBox, showOpenDialog: vi.fn() },
  Menu: { buildFromTemplate: (template: unknown) => ({ template }), setApplicationMenu: fakes.setApplicationMenu },
  shell: { openExternal: vi.fn() },
  nativeTheme: { shouldUseDarkColors: false },
  screen: { getAllDisplays: () => [] },
}));
const opened = vi.hoisted(() => ({ dbs: [] as Array<{ open: boolean; close(): void }> }));
vi.mock('../../../src/main/archive/database', async (importOriginal) => {
  const real = await importOriginal<typeof RealDatabase>();
  return {
    ...real,
    // The real function, observed: which file, which options, and the connection it returned.
    openArchive: vi.fn((...args: Parameters<typeof real.openArchive>) => {
      const db = real.openArchive(...args);
      opened.dbs.push(db);
      return db;
    }),
  };
});
vi.mock('../../../src/main/importService', () => ({
  createWorkerImportService: () => ({
    start: fakes.startImport,
    cancel: () => false,
    idle: () => Promise.resolve(),
    onEvent: (listener: Listener) => {
      fakes.importListeners.push(listener);
      return () => fakes.importListeners.splice(fakes.importListeners.indexOf(listener), 1);
    },
  }),
}));

async function launch(): Promise<void> {
  vi.resetModules();
  await import('../../../src/main/index');
  await fakes.app.ready;
  // Let start() run past its awaits.
  await new Promise((resolve) => setTimeout(resolve, 0));
}

let cleanupTemp: () => void = () => undefined;
let archivePath = '';

beforeEach(async () => {
  const temp = tempDir();
  cleanupTemp = temp.cleanup;
  archivePath = join(temp.dir, 'archive.sqlite');
  process.env.POLICY_ARCHIVE_DB = archivePath;
  // Electron defines this in the main process; plain Node does not. Packaged, the
  // samples live in resources/samples, as in this repository.
  Object.assign(process, { resourcesPath: join(repoRoot, 'resources') });
  fakes.app.listeners.clear();
  fakes.app.gotLock = true;
  fakes.FakeBrowserWindow.all.length = 0;
  fakes.ipcHandlers.clear();
  fakes.importListeners.length = 0;
  opened.dbs.length = 0;
  for (const spy of [fakes.startImport, fakes.app.quit, fakes.app.exit, fakes.showErrorBox]) spy.mockClear();
  const { openArchive } = await import('../../../src/main/archive/database');
  vi.mocked(openArchive).mockClear();
});
afterEach(() => {
  for (const db of opened.dbs) if (db.open) db.close();
  delete process.env.POLICY_ARCHIVE_DB;
  vi.clearAllMocks();
  cleanupTemp();
});

describe('the Electron entry point', () => {
  it('opens the archive, answers every channel, opens one window and seeds the samples', async () => {
    await launch();
    const { openArchive } = await import('../../../src/main/archive/database');
    expect(vi.mocked(openArchive)).toHaveBeenCalledWith(archivePath, { nativeBinding: undefined });
    expect([...fakes.ipcHandlers.keys()].sort()).toEqual([...channels].sort());
    expect(fakes.FakeBrowserWindow.all).toHaveLength(1);
    // First launch seeds the new archive from the samples shipped in the package's resources,
    // once the page has loaded (and so listens for the import's progress).
    expect(fakes.startImport).not.toHaveBeenCalled();
    fakes.FakeBrowserWindow.all[0]!.webContents.emit('did-finish-load');
    expect(fakes.startImport).toHaveBeenCalledWith({ paths: [join(repoRoot, 'resources', 'samples')] });
    expect(fakes.setApplicationMenu).toHaveBeenCalled();
    expect(fakes.app.enableSandbox).toHaveBeenCalled();
  });

  it("answers IPC from the app's own page in the main window", async () => {
    await launch();
    const window = fakes.FakeBrowserWindow.all[0];
    if (!window) throw new Error('no window');
    // Packaged: the renderer is the built index.html beside the main bundle (here: the source tree).
    window.webContents.mainFrame.url = pathToFileURL(resolve(__dirname, '../../../src/renderer/index.html')).href;
    const handler = fakes.ipcHandlers.get('vendors:list');
    // The real handler, on the real (still empty) archive.
    await expect(handler?.({ sender: window.webContents, senderFrame: window.webContents.mainFrame })).resolves.toEqual(
      [],
    );
  });

  it('refuses IPC from a frame that is not the app', async () => {
    await launch();
    const window = fakes.FakeBrowserWindow.all[0];
    if (!window) throw new Error('no window');
    window.webContents.mainFrame.url = 'https://evil.example/';
    const handler = fakes.ipcHandlers.get('vendors:list');
    await expect(handler?.({ sender: window.webContents, senderFrame: window.webContents.mainFrame })).rejects.toThrow(
      /Refused/,
    );
  });

  it('forwards import progress and archive changes to the window', async () => {
    await launch();
    const window = fakes.FakeBrowserWindow.all[0];
    for (const listener of fakes.importListeners) listener({ name: 'archive:changed', payload: null });
    expect(window?.webContents.sent).toEqual([['archive:changed', null]]);
  });

  it("sends the menu's commands (Go to…, Next Change, …) to the window", async () => {
    await launch();
    const window = fakes.FakeBrowserWindow.all[0];
    if (!window) throw new Error('no window');
    const menu = fakes.setApplicationMenu.mock.calls.at(-1)?.[0] as { template: MenuItemConstructorOptions[] };
    const items = (list: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] =>
      list.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? items(item.submenu) : [])]);
    const click = (label: string) => {
      const item = items(menu.template).find((candidate) => candidate.label?.replace(/&/g, '') === label);
      (item?.click as () => void)();
    };
    click('Go to…');
    click('Next Change');
    expect(window.webContents.sent).toEqual([
      ['app:command', { command: 'go-to' }],
      ['app:command', { command: 'next-change' }],
    ]);
  });

  it('focuses the existing window when the app is started a second time', async () => {
    await launch();
    const window = fakes.FakeBrowserWindow.all[0];
    if (!window) throw new Error('no window');
    window.minimized = true;
    fakes.app.emit('second-instance');
    expect(window.restored).toBe(1);
    expect(window.focused).toBe(1);
    expect(fakes.FakeBrowserWindow.all).toHaveLength(1);
  });

  it('quits at once when another instance already runs', async () => {
    fakes.app.gotLock = false;
    await launch();
    expect(fakes.app.quit).toHaveBeenCalled();
    expect(opened.dbs).toHaveLength(0);
    expect(fakes.FakeBrowserWindow.all).toHaveLength(0);
  });

  it('closes the archive when quitting', async () => {
    await launch();
    expect(opened.dbs[0]?.open).toBe(true);
    fakes.app.emit('will-quit');
    expect(opened.dbs[0]?.open).toBe(false);
    expect(fakes.ipcHandlers.size).toBe(0);
  });

  it('tells the user which archive could not be opened, and why', async () => {
    writeFileSync(archivePath, 'these are my notes, not a database'.repeat(200));
    await launch();
    expect(fakes.showErrorBox).toHaveBeenCalledWith(
      'Cannot open the policy archive',
      expect.stringMatching(/archive\.sqlite[\s\S]*not/),
    );
    expect(fakes.app.exit).toHaveBeenCalledWith(1);
    expect(fakes.FakeBrowserWindow.all).toHaveLength(0);
  });
});
