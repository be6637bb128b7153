import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => {
  throw new Error('appLocation.ts must not import electron at run time');
});

const { createSenderCheck, isAppUrl, rendererLocation } = await import('../../../src/main/shell/appLocation');

const indexFile = resolve('/opt/policy-archive/resources/app/out/renderer/index.html');
const fileApp = { kind: 'file', file: indexFile } as const;
const devApp = { kind: 'dev-server', url: 'http://localhost:5173/' } as const;

describe('rendererLocation', () => {
  it('uses the dev server only in an unpackaged app', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(rendererLocation(env, indexFile, false)).toEqual({ kind: 'dev-server', url: 'http://localhost:5173' });
    // A packaged app ignores the variable: it must never load code from wherever it points.
    expect(rendererLocation(env, indexFile, true)).toEqual({ kind: 'file', file: indexFile });
    expect(rendererLocation({}, indexFile, false)).toEqual({ kind: 'file', file: indexFile });
    expect(rendererLocation({ ELECTRON_RENDERER_URL: 'file:///etc/passwd' }, indexFile, false).kind).toBe('file');
  });
});

describe('isAppUrl', () => {
  it("accepts the renderer's own index.html, with or without fragment and query", () => {
    const url = pathToFileURL(indexFile).href;
    expect(isAppUrl(url, fileApp)).toBe(true);
    expect(isAppUrl(`${url}#/vendor/3`, fileApp)).toBe(true);
    expect(isAppUrl(`${url}?x=1`, fileApp)).toBe(true);
  });

  it('refuses other files, even beside the renderer, and any web page', () => {
    const beside = pathToFileURL(join(indexFile, '..', 'saved-policy.html')).href;
    expect(isAppUrl(beside, fileApp)).toBe(false);
    expect(isAppUrl('file:///home/me/Downloads/index.html', fileApp)).toBe(false);
    expect(isAppUrl('https://web.archive.org/web/2018/https://formlabs.com/', fileApp)).toBe(false);
    expect(isAppUrl('javascript:alert(1)', fileApp)).toBe(false);
    expect(isAppUrl('not a url', fileApp)).toBe(false);
    expect(isAppUrl('about:blank', fileApp)).toBe(false);
  });

  it('accepts the dev server origin only', () => {
    expect(isAppUrl('http://localhost:5173/', devApp)).toBe(true);
    expect(isAppUrl('http://localhost:5173/src/main.ts', devApp)).toBe(true);
    expect(isAppUrl('http://localhost:5174/', devApp)).toBe(false);
    expect(isAppUrl('http://evil.example/', devApp)).toBe(false);
    expect(isAppUrl(pathToFileURL(indexFile).href, devApp)).toBe(false);
  });
});

describe('createSenderCheck', () => {
  function fakeWindow(frameUrl: string) {
    const mainFrame = { url: frameUrl, parent: null };
    const webContents = { mainFrame };
    let destroyed = false;
    return {
      window: { webContents, isDestroyed: () => destroyed },
      mainFrame,
      webContents,
      destroy: () => {
        destroyed = true;
      },
    };
  }
  const appUrl = pathToFileURL(indexFile).href;

  // The fakes carry only what the check reads; cast once here.
  type Check = ReturnType<typeof createSenderCheck>;
  const build = (getWindow: () => unknown): Check => createSenderCheck(getWindow as never, fileApp);
  const asEvent = (event: unknown) => event as Parameters<Check>[0];

  it("trusts the main window's top frame showing the app", () => {
    const { window, mainFrame, webContents } = fakeWindow(appUrl);
    const check = build(() => window);
    expect(check(asEvent({ sender: webContents, senderFrame: mainFrame }))).toBe(true);
  });

  it('refuses sub-frames, other webContents, missing frames and foreign pages', () => {
    const { window, mainFrame, webContents } = fakeWindow(appUrl);
    const check = build(() => window);
    const subFrame = { url: appUrl, parent: mainFrame };
    expect(check(asEvent({ sender: webContents, senderFrame: subFrame }))).toBe(false);
    expect(check(asEvent({ sender: { mainFrame }, senderFrame: mainFrame }))).toBe(false);
    expect(check(asEvent({ sender: webContents, senderFrame: null }))).toBe(false);

    const navigatedAway = fakeWindow('https://evil.example/');
    const checkAway = build(() => navigatedAway.window);
    expect(checkAway(asEvent({ sender: navigatedAway.webContents, senderFrame: navigatedAway.mainFrame }))).toBe(false);
  });

  it('refuses everything when there is no window or it was closed', () => {
    const { window, mainFrame, webContents, destroy } = fakeWindow(appUrl);
    expect(build(() => null)(asEvent({ sender: webContents, senderFrame: mainFrame }))).toBe(false);
    const check = build(() => window);
    destroy();
    expect(check(asEvent({ sender: webContents, senderFrame: mainFrame }))).toBe(false);
  });
});
