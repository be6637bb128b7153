/**
 * Electron hardening, checked in CI (issue 8): every window the app creates
 * (the app window and the report print window) gets secure web preferences;
 * the renderer's CSP is strict; navigation, new windows, <webview> and
 * permission requests are refused for any webContents; shell.openExternal is
 * reached only by validated http(s) URLs; and nothing in src/ turns on the
 * remote module, Node in renderers or experimental features. Electron is
 * mocked (its binary cannot run here); the shell code under test is real.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PdfPrintSettings } from '../../../src/main/report/pdf/pdfPrinter';
import { repoRoot } from '../../support/paths';
import type { Listener } from './fakeElectronWindow';

const electron = await vi.hoisted(async () => {
  const { FakeBrowserWindow, FakeWebContents } = await import('./fakeElectronWindow');
  const requestFilters: Array<(...args: unknown[]) => unknown> = [];
  return {
    FakeBrowserWindow,
    FakeWebContents,
    requestFilters,
    openExternal: vi.fn(async (_url: string) => undefined),
  };
});

vi.mock('electron', () => ({
  BrowserWindow: electron.FakeBrowserWindow,
  shell: { openExternal: electron.openExternal },
  nativeTheme: { shouldUseDarkColors: false },
  screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
  session: {
    fromPartition: () => ({
      webRequest: { onBeforeRequest: (filter: Listener) => electron.requestFilters.push(filter) },
    }),
  },
}));

const { createMainWindow } = await import('../../../src/main/shell/window');
const { electronPrinter } = await import('../../../src/main/shell/electronPrinter');
const { denyAllPermissions, hardenWebContents, openExternalUrl } = await import('../../../src/main/shell/security');

type FakeWindow = InstanceType<typeof electron.FakeBrowserWindow>;
const indexFile = '/opt/policy-archive/out/renderer/index.html';
const location = { kind: 'file', file: indexFile } as const;

/** Every BrowserWindow the app can create, created the way the app does. */
async function everyAppWindow(): Promise<Array<[string, FakeWindow]>> {
  electron.FakeBrowserWindow.created.length = 0;
  createMainWindow({ preloadPath: '/opt/policy-archive/out/preload/index.js', location });
  const printer = electronPrinter();
  const settings = {
    pageSize: 'A4',
    headerTemplate: '<span></span>',
    footerTemplate: '<span></span>',
    margins: { top: '20mm', right: '16mm', bottom: '22mm', left: '16mm' },
  } satisfies PdfPrintSettings;
  await printer.print('<!doctype html><p>report</p>', settings);
  const [app, print] = electron.FakeBrowserWindow.created;
  if (!app || !print) throw new Error('expected the app window and the print window');
  return [
    ['app window', app],
    ['print window', print],
  ];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|svelte|html|mjs|js)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

beforeEach(() => {
  electron.openExternal.mockClear();
});

describe('web preferences of every window', () => {
  it('has context isolation, the sandbox and web security on, Node, webviews and experiments off', async () => {
    for (const [name, window] of await everyAppWindow()) {
      const prefs = window.options.webPreferences ?? {};
      expect(prefs, name).toMatchObject({
        contextIsolation: true,
        sandbox: true,
        nodeIntegration: false,
        nodeIntegrationInWorker: false,
        nodeIntegrationInSubFrames: false,
        webSecurity: true,
        allowRunningInsecureContent: false,
        experimentalFeatures: false,
        webviewTag: false,
        navigateOnDragDrop: false,
      });
      expect(prefs, `${name}: no remote module`).not.toHaveProperty('enableRemoteModule');
      expect(prefs, `${name}: no extra Blink features`).not.toHaveProperty('enableBlinkFeatures');
      // Middle-click (auxclick) on a link must not open a window.
      expect(String(prefs.disableBlinkFeatures ?? ''), name).toContain('Auxclick');
    }
  });

  it('prints reports with JavaScript off, in its own session that refuses every request but the report', async () => {
    const print = (await everyAppWindow())[1]![1];
    expect(print.options.show).toBe(false);
    expect(print.options.webPreferences).toMatchObject({ javascript: false });
    expect(print.options.webPreferences?.partition).not.toBe('persist:');
    expect(print.destroyed, 'the print window is destroyed after printing').toBe(true);
    const filter = electron.requestFilters.at(-1);
    if (!filter) throw new Error('the print session has no request filter');
    const decide = (url: string): boolean => {
      let cancelled = true;
      filter({ url }, (response: { cancel: boolean }) => (cancelled = response.cancel));
      return cancelled;
    };
    expect(decide('data:text/html;base64,PGgxPg==')).toBe(false);
    expect(decide('file:///tmp/pae-report-Ab12/report.html')).toBe(false);
    for (const url of [
      'https://evil.example/pixel.png',
      'http://127.0.0.1:9/record',
      'file:///etc/passwd',
      'file:///tmp/pae-report-Ab12/../../etc/passwd',
      'ws://evil.example/',
    ]) {
      expect(decide(url), url).toBe(true);
    }
  });

  it('creates BrowserWindows only in the two hardened places', () => {
    const creators = sourceFiles(join(repoRoot, 'src'))
      .filter((file) =>
        /new\s+BrowserWindow\s*\(|new\s+BrowserView\s*\(|new\s+WebContentsView\s*\(/.test(readFileSync(file, 'utf8')),
      )
      .map((file) => relative(repoRoot, file).replaceAll('\\', '/'))
      .sort();
    expect(creators).toEqual(['src/main/shell/electronPrinter.ts', 'src/main/shell/window.ts']);
  });

  it('never enables the remote module, Node in renderers, webviews, popups or experimental features anywhere in src', () => {
    const dangerous = [
      /enableRemoteModule/,
      /@electron\/remote/,
      /nodeIntegration\s*:\s*true/,
      /nodeIntegrationInSubFrames\s*:\s*true/,
      /nodeIntegrationInWorker\s*:\s*true/,
      /contextIsolation\s*:\s*false/,
      /sandbox\s*:\s*false/,
      /webSecurity\s*:\s*false/,
      /allowRunningInsecureContent\s*:\s*true/,
      /experimentalFeatures\s*:\s*true/,
      /webviewTag\s*:\s*true/,
      /enableBlinkFeatures/,
      /setPermissionRequestHandler\([^)]*callback\(true\)/,
      /--no-sandbox|disable-web-security/,
    ];
    const found: string[] = [];
    for (const file of [
      ...sourceFiles(join(repoRoot, 'src', 'main')),
      ...sourceFiles(join(repoRoot, 'src', 'preload')),
      ...sourceFiles(join(repoRoot, 'src', 'renderer')),
    ]) {
      // The Chromium printer for the CLI and tests is not Electron: it passes --no-sandbox to run as root in containers.
      if (file.endsWith('chromiumPrinter.ts')) continue;
      const text = readFileSync(file, 'utf8');
      // Markup patterns only in markup (comments in the shell mention <webview> to say it is refused).
      const patterns = /\.(svelte|html)$/.test(file) ? [...dangerous, /<webview/i, /allowpopups/i] : dangerous;
      for (const pattern of patterns) if (pattern.test(text)) found.push(`${relative(repoRoot, file)}: ${pattern}`);
    }
    expect(found).toEqual([]);
  });

  it('turns the sandbox on for every renderer and hardens every webContents the app ever creates', () => {
    const entry = readFileSync(join(repoRoot, 'src', 'main', 'index.ts'), 'utf8');
    expect(entry).toMatch(/app\.enableSandbox\(\)/);
    expect(entry).toMatch(/app\.on\('web-contents-created',[\s\S]{0,120}hardenWebContents\(contents, location\)/);
  });
});

describe('the renderer’s Content Security Policy', () => {
  function policy(html: string): Map<string, string[]> {
    const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
    if (!match?.[1]) throw new Error('no CSP meta tag');
    return new Map(
      match[1]
        .split(';')
        .map((directive) => directive.trim().split(/\s+/))
        .filter((parts) => parts[0])
        .map(([name, ...sources]) => [name!, sources]),
    );
  }
  const csp = policy(readFileSync(join(repoRoot, 'src', 'renderer', 'index.html'), 'utf8'));

  it("allows only the app's own scripts, connections and frames: no eval, no inline script, no plugins", () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    // The reader's original page is an <iframe sandbox srcdoc>: it needs no frame source.
    expect(csp.get('frame-src')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    for (const [name, sources] of csp) {
      expect(sources, name).not.toContain("'unsafe-eval'");
      expect(sources, name).not.toContain("'wasm-unsafe-eval'");
      expect(sources, name).not.toContain('*');
      // No remote origin may serve anything: the app is offline and archived pages are hostile.
      expect(
        sources.filter((source) => /^(https?:|wss?:|\*\.)|^[a-z0-9.-]+\.[a-z]{2,}/i.test(source)),
        name,
      ).toEqual([]);
    }
    // Inline styles are allowed (justified in security/electronegativity-justifications.json); inline scripts never.
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
    expect(csp.get('img-src')?.filter((source) => source !== "'self'" && source !== 'data:')).toEqual([]);
  });

  it('ships the same policy in the built renderer', () => {
    const built = join(repoRoot, 'out', 'renderer', 'index.html');
    let html: string;
    try {
      html = readFileSync(built, 'utf8');
    } catch {
      return; // Not built in this checkout (npm test builds before running the tests).
    }
    expect(policy(html)).toEqual(csp);
  });
});

describe('navigation, new windows, webviews and permissions', () => {
  function hardened() {
    const contents = new electron.FakeWebContents();
    const opened: string[] = [];
    hardenWebContents(contents as never, location, async (url) => {
      opened.push(url);
    });
    return { contents, opened };
  }
  function prevented(
    contents: InstanceType<typeof electron.FakeWebContents>,
    name: string,
    url: string,
    isMainFrame = true,
  ) {
    const event = { url, isMainFrame, preventDefault: vi.fn() };
    contents.emit(name, event, url);
    return event.preventDefault.mock.calls.length > 0;
  }
  const foreign = [
    'https://evil.example/',
    'http://127.0.0.1:8080/',
    'file:///home/me/saved-policy.html',
    `file://${indexFile}/../../../etc/passwd`,
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
  ];

  it('refuses every navigation and redirect away from the app, in the top frame and in frames', () => {
    const { contents } = hardened();
    for (const url of foreign) {
      for (const name of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
        expect(prevented(contents, name, url), `${name} ${url}`).toBe(true);
      }
      expect(prevented(contents, 'will-frame-navigate', url, false), `subframe ${url}`).toBe(true);
    }
    expect(prevented(contents, 'will-navigate', pathToFileURL(indexFile).href)).toBe(false);
  });

  it('denies every window.open, handing only http(s) URLs to the system browser', () => {
    const { contents, opened } = hardened();
    const handler = contents.windowOpenHandler;
    if (!handler) throw new Error('no window-open handler');
    for (const url of [...foreign, 'https://web.archive.org/web/2018/https://formlabs.com/privacy']) {
      expect(handler({ url }), url).toEqual({ action: 'deny' });
    }
    expect(opened).toEqual([
      'https://evil.example/',
      'http://127.0.0.1:8080/',
      'https://web.archive.org/web/2018/https://formlabs.com/privacy',
    ]);
  });

  it('refuses to attach a <webview>', () => {
    const { contents } = hardened();
    const event = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.preventDefault).toHaveBeenCalled();
  });

  it('denies every permission request, check and device', () => {
    const session = new electron.FakeWebContents().session;
    denyAllPermissions(session as never);
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'midi',
      'pointerLock',
      'fullscreen',
      'openExternal',
      'clipboard-read',
      'clipboard-sanitized-write',
      'hid',
      'serial',
      'usb',
      'fileSystem',
    ]) {
      const callback = vi.fn();
      session.requestHandler?.({}, permission, callback, { requestingUrl: 'file:///app' });
      expect(callback, permission).toHaveBeenCalledWith(false);
      expect(session.checkHandler?.({}, permission, 'file://', {}), permission).toBe(false);
    }
    expect(session.deviceHandler?.({ deviceType: 'hid', origin: 'file://' })).toBe(false);
  });
});

describe('shell.openExternal', () => {
  it('is reached only by absolute http(s) URLs', async () => {
    const refused = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'vbscript:msgbox(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'file://server/share/x.exe',
      'smb://attacker.example/share',
      'ms-msdt:/id PCWDiagnostic /skip force',
      'search-ms:query=calc',
      'mailto:privacy@evil.example',
      'ftp://evil.example/',
      '//evil.example/',
      '/etc/passwd',
      'http//evil.example',
      'https:',
      '',
      `https://evil.example/${'a'.repeat(9000)}`,
    ];
    for (const url of refused) {
      await expect(openExternalUrl(url), JSON.stringify(url.slice(0, 40))).rejects.toThrow(/only http\(s\) URLs/);
    }
    expect(electron.openExternal).not.toHaveBeenCalled();

    await openExternalUrl('https://web.archive.org/web/20180813142116/https://formlabs.com/privacy');
    await openExternalUrl('HTTP://Example.com/Privacy');
    expect(electron.openExternal.mock.calls.map(([url]) => url)).toEqual([
      'https://web.archive.org/web/20180813142116/https://formlabs.com/privacy',
      'HTTP://Example.com/Privacy',
    ]);
  });

  it('is called from nowhere else in src', () => {
    const callers = sourceFiles(join(repoRoot, 'src'))
      .filter((file) => /shell\.openExternal\s*\(/.test(readFileSync(file, 'utf8')))
      .map((file) => relative(repoRoot, file).replaceAll('\\', '/'));
    expect(callers).toEqual(['src/main/shell/security.ts']);
  });
});
