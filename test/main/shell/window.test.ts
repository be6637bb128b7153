import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** The fake BrowserWindow records what the shell sets up (see fakeElectronWindow.ts). */
const electron = await vi.hoisted(async () => {
  const { FakeBrowserWindow } = await import('./fakeElectronWindow');
  return {
    FakeBrowserWindow,
    openExternal: vi.fn(async (_url: string) => undefined),
    workAreas: [{ x: 0, y: 0, width: 1920, height: 1080 }],
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  shell: { openExternal: electron.openExternal },
  nativeTheme: { shouldUseDarkColors: false },
  screen: { getAllDisplays: () => electron.workAreas.map((workArea) => ({ workArea })) },
}));

const { createMainWindow } = await import('../../../src/main/shell/window');
type FakeWindow = InstanceType<typeof electron.FakeBrowserWindow>;

const indexFile = resolve('/opt/policy-archive/out/renderer/index.html');
const fileApp = { kind: 'file', file: indexFile } as const;
const appUrl = pathToFileURL(indexFile).href;

function open(options: Partial<Parameters<typeof createMainWindow>[0]> = {}): FakeWindow {
  createMainWindow({ preloadPath: '/opt/policy-archive/out/preload/index.js', location: fileApp, ...options });
  const window = electron.FakeBrowserWindow.created.at(-1);
  if (!window) throw new Error('no window was created');
  return window;
}

/** Emit a navigation-style event the way Electron does and report whether the shell prevented it. */
function navigationPrevented(window: FakeWindow, eventName: string, url: string, isMainFrame = true): boolean {
  const event = { url, isMainFrame, preventDefault: vi.fn() };
  window.webContents.emit(eventName, event, url);
  return event.preventDefault.mock.calls.length > 0;
}

beforeEach(() => {
  electron.FakeBrowserWindow.created.length = 0;
  electron.openExternal.mockClear();
});

describe('createMainWindow', () => {
  it('creates the window with explicitly secure web preferences and the preload', () => {
    const window = open();
    const prefs = window.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      preload: '/opt/policy-archive/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
    expect(typeof prefs.spellcheck).toBe('boolean');
  });

  it('loads the built renderer file, or the dev server in development', () => {
    expect(open().loadedFile).toBe(indexFile);
    const dev = open({ location: { kind: 'dev-server', url: 'http://localhost:5173/' } });
    expect(dev.loadedUrl).toBe('http://localhost:5173/');
    expect(dev.loadedFile).toBeNull();
  });

  it('stays hidden until the first paint is ready', () => {
    const window = open();
    expect(window.options.show).toBe(false);
    expect(window.shown).toBe(false);
    window.emit('ready-to-show');
    expect(window.shown).toBe(true);
  });

  it('prevents navigation away from the app but allows reloading it', () => {
    const window = open();
    expect(navigationPrevented(window, 'will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigationPrevented(window, 'will-navigate', 'file:///home/me/saved-policy.html')).toBe(true);
    expect(navigationPrevented(window, 'will-frame-navigate', 'https://evil.example/frame')).toBe(true);
    // The sandboxed srcdoc frame of the original-page view may load; nothing else in a frame may.
    expect(navigationPrevented(window, 'will-frame-navigate', 'about:srcdoc', false)).toBe(false);
    expect(navigationPrevented(window, 'will-frame-navigate', 'about:srcdoc', true)).toBe(true);
    expect(navigationPrevented(window, 'will-frame-navigate', 'https://evil.example/frame', false)).toBe(true);
    expect(navigationPrevented(window, 'will-redirect', 'http://127.0.0.1:8080/')).toBe(true);
    expect(navigationPrevented(window, 'will-navigate', appUrl)).toBe(false);
  });

  it('denies window.open, sending http(s) links to the browser and nothing else', () => {
    const window = open();
    const handler = window.webContents.windowOpenHandler;
    if (!handler) throw new Error('no window open handler');

    expect(handler({ url: 'https://web.archive.org/web/20180813142116/https://formlabs.com/' })).toEqual({
      action: 'deny',
    });
    expect(handler({ url: 'http://example.com/privacy' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(handler({ url: 'ms-msdt:/id PCWDiagnostic' })).toEqual({ action: 'deny' });

    expect(electron.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://web.archive.org/web/20180813142116/https://formlabs.com/',
      'http://example.com/privacy',
    ]);
  });

  it('prevents <webview> from being attached', () => {
    const window = open();
    const event = { preventDefault: vi.fn() };
    window.webContents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request and check', () => {
    const session = open().webContents.session;
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read']) {
      const callback = vi.fn();
      session.requestHandler?.({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.checkHandler?.({}, permission, 'file://', {})).toBe(false);
    }
    expect(session.deviceHandler?.({ deviceType: 'usb' })).toBe(false);
  });
});

describe('window size memory', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pae-window-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('saves the size and place on close and reopens there', () => {
    const stateFile = join(dir, 'window-state.json');
    const first = open({ stateFile });
    first.bounds = { x: 100, y: 80, width: 1111, height: 777 };
    first.emit('close');
    expect(JSON.parse(readFileSync(stateFile, 'utf8'))).toMatchObject({ width: 1111, height: 777 });

    const second = open({ stateFile });
    expect(second.options).toMatchObject({ x: 100, y: 80, width: 1111, height: 777 });
  });

  it('keeps the saved size but lets the system place a window whose saved place is off every display', () => {
    const stateFile = join(dir, 'window-state.json');
    const first = open({ stateFile });
    first.bounds = { x: 5000, y: 3000, width: 900, height: 600 };
    first.emit('close');

    const second = open({ stateFile });
    expect(second.options).toMatchObject({ width: 900, height: 600 });
    expect(second.options.x).toBeUndefined();
    expect(second.options.y).toBeUndefined();
  });
});
