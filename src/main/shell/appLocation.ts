import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserWindow, IpcMainInvokeEvent } from 'electron';

/**
 * Where the renderer is loaded from: the electron-vite dev server while
 * developing, the built `out/renderer/index.html` otherwise. Everything that
 * decides whether a frame is "our app" (IPC sender checks, navigation) asks
 * this one value, so dev and production apply the same rule.
 */
export type AppLocation = { kind: 'dev-server'; url: string } | { kind: 'file'; file: string };

/**
 * Pick the renderer location. The dev server URL is only honoured in an
 * unpackaged app: a packaged build must never load code from a URL that an
 * environment variable can point anywhere.
 */
export function rendererLocation(
  env: Record<string, string | undefined>,
  rendererIndexFile: string,
  packaged: boolean,
): AppLocation {
  const devUrl = env.ELECTRON_RENDERER_URL;
  if (!packaged && devUrl && isHttpUrl(devUrl)) return { kind: 'dev-server', url: devUrl };
  return { kind: 'file', file: resolve(rendererIndexFile) };
}

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * True when `candidate` is the app's own document: the dev server's origin, or
 * exactly the renderer's index.html file (query and fragment ignored). Any
 * other file: URL is foreign — a snapshot saved as HTML on disk must never be
 * mistaken for the app.
 */
export function isAppUrl(candidate: string, location: AppLocation): boolean {
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return false;
  }
  if (location.kind === 'dev-server') {
    return url.origin !== 'null' && url.origin === new URL(location.url).origin;
  }
  if (url.protocol !== 'file:' || (url.host !== '' && url.host !== 'localhost')) return false;
  let path: string;
  try {
    url.search = '';
    url.hash = '';
    path = fileURLToPath(url);
  } catch {
    return false;
  }
  return samePath(resolve(path), location.file);
}

function samePath(a: string, b: string): boolean {
  // Windows and macOS file systems are case-insensitive by default, and Chromium
  // may report the drive letter in a different case than Node resolved it.
  return process.platform === 'linux' ? a === b : a.toLowerCase() === b.toLowerCase();
}

/** The subset of an IPC event the sender check reads (keeps tests free of Electron). */
export type SenderEvent = Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>;

/**
 * Build the IPC sender check: a request is trusted only when it comes from the
 * top frame of the current main window and that frame shows our app.
 */
export function createSenderCheck(
  getWindow: () => BrowserWindow | null,
  location: AppLocation,
): (event: SenderEvent) => boolean {
  return (event) => {
    const window = getWindow();
    if (!window || window.isDestroyed()) return false;
    if (event.sender !== window.webContents) return false;
    const frame = event.senderFrame;
    if (!frame || frame.parent !== null || frame !== window.webContents.mainFrame) return false;
    return isAppUrl(frame.url, location);
  };
}
