/**
 * Electron entry point: wires the platform-free core (archive, handlers,
 * import service) to the thin shell (window, IPC, menu, dialogs). Nothing
 * here holds logic the CLI or the tests would need.
 */
import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain } from 'electron';
import type Database from 'better-sqlite3';
import { openArchive } from './archive/database';
import { runCheckInWorker } from './archive/maintenance/checkInWorker';
import { createArchiveReopener } from './archiveReopen';
import { watchArchive } from './archiveWatcher';
import { createHandlers, invokeHandler, type HandlerContext, type Handlers } from './handlers';
import { createWorkerImportService } from './importService';
import { electronNativeBinding } from './nativeBinding';
import { defaultArchivePath } from './paths';
import { seedSampleArchiveIfEmpty } from './sampleArchive';
import { createSenderCheck, rendererLocation } from './shell/appLocation';
import { chooseImportPaths, saveReportFile, saveTextFile, type ImportChoiceMode } from './shell/dialogs';
import { electronPrinter } from './shell/electronPrinter';
import { registerIpc, sendEvent } from './shell/ipc';
import { chooseBackupTarget, chooseRestoreFile, confirmInDialog } from './shell/maintenanceDialogs';
import { installAppMenu } from './shell/menu';
import { hardenWebContents, openExternalUrl } from './shell/security';
import { createMainWindow } from './shell/window';

const isDev = !app.isPackaged;
const location = rendererLocation(process.env, join(__dirname, '../renderer/index.html'), app.isPackaged);

let mainWindow: BrowserWindow | null = null;

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function samplesDir(): string {
  return app.isPackaged ? join(process.resourcesPath, 'samples') : join(app.getAppPath(), 'resources', 'samples');
}

function openMainWindow(): BrowserWindow {
  const window = createMainWindow({
    preloadPath: join(__dirname, '../preload/index.js'),
    location,
    stateFile: join(app.getPath('userData'), 'window-state.json'),
    title: app.getName(),
  });
  window.on('closed', () => {
    if (mainWindow === window) mainWindow = null;
  });
  mainWindow = window;
  return window;
}

async function importFromMenu(handlers: Handlers, mode: ImportChoiceMode): Promise<void> {
  const paths = await chooseImportPaths(mainWindow, mode);
  if (paths.length === 0) return;
  // Through the handler, like the window's own button: it refuses while a backup is being restored.
  await invokeHandler(handlers, 'import:start', [{ paths }]);
}

async function start(): Promise<void> {
  const archivePath = defaultArchivePath();
  const nativeBinding = electronNativeBinding({
    electronVersion: process.versions.electron,
    appRoot: app.getAppPath(),
    resourcesPath: process.resourcesPath,
    packaged: app.isPackaged,
  });

  let db: Database.Database;
  try {
    db = openArchive(archivePath, { nativeBinding });
  } catch (error) {
    dialog.showErrorBox('Cannot open the policy archive', `${archivePath}\n\n${errorText(error)}`);
    app.exit(1);
    return;
  }

  const imports = createWorkerImportService({
    dbPath: archivePath,
    // electron-vite builds src/main/importers/importWorker.ts beside this file.
    workerScript: join(__dirname, 'importWorker.js'),
    nativeBinding,
  });
  const printer = electronPrinter();
  const context: HandlerContext = {
    db,
    archivePath,
    imports,
    chooseImportPaths: (mode) => chooseImportPaths(mainWindow, mode),
    openExternal: openExternalUrl,
    saveText: (request) => saveTextFile(mainWindow, request),
    appVersion: app.getVersion(),
    pdfPrinter: () => printer,
    saveReport: (report) => saveReportFile(mainWindow, report),
    ...(nativeBinding ? { nativeBinding } : {}),
    chooseBackupTarget: (defaultName) => chooseBackupTarget(mainWindow, defaultName),
    chooseRestoreFile: () => chooseRestoreFile(mainWindow),
    confirm: (question) => confirmInDialog(mainWindow, question),
    // electron-vite builds src/main/archive/maintenance/checkWorker.ts beside this file.
    runCheck: ({ repair }) =>
      runCheckInWorker(join(__dirname, 'checkWorker.js'), { dbPath: archivePath, nativeBinding, repair }),
    emit: (name, payload) => {
      // The app announced this change itself: the watcher need not announce it again.
      if (name === 'archive:changed') watcher.sync();
      if (mainWindow) sendEvent(mainWindow.webContents, name, payload);
    },
  };
  // A restore closes the main connection, rewrites the file, and reopens it here (context.db);
  // the import worker opens its own connection per import, so it needs nothing.
  context.reopenArchive = createArchiveReopener(context, () => openArchive(archivePath, { nativeBinding }));
  const handlers = createHandlers(context);
  const unregisterIpc = registerIpc(
    ipcMain,
    handlers,
    createSenderCheck(() => mainWindow, location),
  );
  // What the CLI (or any other process) commits while the app is open shows up without a restart.
  let importing = false;
  const watcher = watchArchive({
    db: () => context.db,
    quiet: () => importing,
    onChange: () => {
      if (mainWindow) sendEvent(mainWindow.webContents, 'archive:changed', null);
    },
  });
  const stopForwarding = imports.onEvent((event) => {
    if (event.name === 'import:progress') importing = true;
    if (event.name === 'import:finished') importing = false;
    if (event.name === 'archive:changed') watcher.sync();
    if (mainWindow) sendEvent(mainWindow.webContents, event.name, event.payload);
  });

  app.setAboutPanelOptions({
    applicationName: app.getName(),
    applicationVersion: app.getVersion(),
    copyright: 'MIT License',
  });
  installAppMenu({
    appName: app.getName(),
    isDev,
    platform: process.platform,
    onImport: (mode) => {
      importFromMenu(handlers, mode).catch((error: unknown) => {
        dialog.showErrorBox('Import could not start', errorText(error));
      });
    },
    // Find, Go to…, Trends, changes, theme, help: the window carries them out.
    onCommand: (command) => {
      if (mainWindow) sendEvent(mainWindow.webContents, 'app:command', command);
    },
  });

  const window = openMainWindow();

  // Seed once the page is listening, so the first launch shows the import's progress.
  window.webContents.once('did-finish-load', () => {
    const samples = samplesDir();
    try {
      seedSampleArchiveIfEmpty(context.db, imports, samples);
    } catch (error) {
      // The sample archive is a courtesy on first launch; an empty archive still works.
      console.error(`Could not import the sample policies from ${samples}: ${errorText(error)}`);
    }
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openMainWindow();
  });
  app.on('will-quit', () => {
    stopForwarding();
    watcher.stop();
    unregisterIpc();
    if (context.db.open) context.db.close();
  });
}

// Every renderer gets Chromium's sandbox, including any created later.
app.enableSandbox();

if (!app.requestSingleInstanceLock()) {
  // Another instance owns the archive; it will focus its window (see below).
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  // Every webContents, not only the main window, gets the same navigation and window rules.
  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, location);
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox('Policy Archive Explorer could not start', errorText(error));
      app.exit(1);
    });
}
