import { shell, type Session, type WebContents } from 'electron';
import { externalUrlSchema } from '../../shared/contract';
import { isAppUrl, type AppLocation } from './appLocation';

/**
 * Open an http(s) URL in the user's browser. Anything else (javascript:,
 * file:, custom protocols that could launch programs) is refused, because
 * archived policies are hostile content and their links reach this function.
 */
export async function openExternalUrl(url: string): Promise<void> {
  const checked = externalUrlSchema.safeParse(url);
  if (!checked.success)
    throw new Error(`Refused to open ${JSON.stringify(url.slice(0, 200))}: only http(s) URLs may be opened.`);
  await shell.openExternal(checked.data);
}

const hardened = new WeakSet<WebContents>();

/**
 * Lock down one webContents: no navigation away from the app, no new windows
 * (http(s) links go to the system browser instead), no <webview>.
 * Idempotent, so the window factory and `web-contents-created` may both call it.
 */
export function hardenWebContents(
  contents: WebContents,
  location: AppLocation,
  openExternal: (url: string) => Promise<void> = openExternalUrl,
): void {
  if (hardened.has(contents)) return;
  hardened.add(contents);

  contents.on('will-navigate', (event) => {
    // Reloading the app itself is a navigation too; anything else is refused.
    if (!isAppUrl(event.url, location)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    // The reader's original-page view is an <iframe sandbox srcdoc>: loading it is
    // a subframe "navigation" to about:srcdoc that fetches nothing (its frame has
    // no scripts and no top navigation). Anything else a frame tries is refused.
    if (!event.isMainFrame && event.url === 'about:srcdoc') return;
    if (!isAppUrl(event.url, location)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, location)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (externalUrlSchema.safeParse(url).success) {
      openExternal(url).catch(() => {
        // The browser could not be launched; nothing else is safe to do here.
      });
    }
    return { action: 'deny' };
  });
}

/**
 * Refuse every permission (camera, notifications, geolocation, HID, …): the
 * app needs none, and a denied check cannot be abused by archived content.
 */
export function denyAllPermissions(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}
