import { BrowserWindow, nativeTheme, screen } from 'electron';
import type { AppLocation } from './appLocation';
import { denyAllPermissions, hardenWebContents } from './security';
import { DEFAULT_WINDOW_STATE, loadWindowState, placeOnScreen, saveWindowState, type WindowState } from './windowState';

export interface MainWindowOptions {
  /** Absolute path of the built preload script (out/preload/index.js). */
  preloadPath: string;
  /** Where the renderer comes from (dev server or built file). */
  location: AppLocation;
  /** JSON file remembering the window's size and place; omit to not remember. */
  stateFile?: string;
  title?: string;
}

/**
 * Create the main window: secure preferences, navigation/new-window/webview
 * and permission lockdown, shown once the first paint is ready, with its size
 * and place restored from `stateFile` when given.
 */
export function createMainWindow(options: MainWindowOptions): BrowserWindow {
  const saved = options.stateFile ? loadWindowState(options.stateFile) : null;
  const state = placeOnScreen(
    saved ?? DEFAULT_WINDOW_STATE,
    screen.getAllDisplays().map((display) => display.workArea),
  );

  const window = new BrowserWindow({
    width: state.width,
    height: state.height,
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: options.title ?? 'Policy Archive Explorer',
    // Match the renderer's background so the window does not flash white in dark mode.
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#1c1d21' : '#fbfaf7',
    // Set explicitly even where they match Electron's defaults, and written out here
    // (not computed) so a reader, a future default change or a static checker such as
    // electronegativity cannot get them wrong. The renderer shows archived, possibly
    // hostile text: no Node, an isolated and sandboxed preload, no way to relax web
    // security, and no middle-click (auxclick) path to opening links in new windows.
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  });

  hardenWebContents(window.webContents, options.location);
  denyAllPermissions(window.webContents.session);

  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });

  if (options.stateFile) {
    const file = options.stateFile;
    window.on('close', () => {
      try {
        saveWindowState(file, currentState(window));
      } catch {
        // Remembering the size is a convenience; never block closing on it.
      }
    });
  }

  const loading =
    options.location.kind === 'dev-server'
      ? window.loadURL(options.location.url)
      : window.loadFile(options.location.file);
  loading.catch((error: unknown) => {
    console.error(`Could not load the app's user interface: ${error instanceof Error ? error.message : String(error)}`);
  });
  return window;
}

function currentState(window: BrowserWindow): WindowState {
  // Normal bounds, so a maximized window restores to its pre-maximize size.
  const bounds = window.getNormalBounds();
  return { ...bounds, maximized: window.isMaximized() };
}
