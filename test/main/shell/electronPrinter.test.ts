import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { PdfPrintSettings } from '../../../src/main/report/pdf/pdfPrinter';

type RequestFilter = (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void;

/** A stand-in for Electron's BrowserWindow and session that records what the printer does. */
const electron = vi.hoisted(() => {
  const state = {
    windows: [] as FakeWindow[],
    requestFilter: null as RequestFilter | null,
    failPrint: false,
  };
  class FakeWindow {
    destroyed = false;
    loadedUrl = '';
    loadedHtml = '';
    printOptions: unknown = null;
    webContents = {
      printToPDF: async (options: unknown) => {
        this.printOptions = options;
        if (state.failPrint) throw new Error('printing failed');
        return Buffer.from('%PDF-1.4 electron');
      },
    };
    constructor(public options: { show: boolean; webPreferences: Record<string, unknown> }) {
      state.windows.push(this);
    }
    async loadURL(url: string) {
      this.loadedUrl = url;
      if (url.startsWith('data:')) {
        this.loadedHtml = Buffer.from(url.slice(url.indexOf(',') + 1), 'base64').toString('utf8');
      } else {
        // The file must exist while the page loads.
        this.loadedHtml = readFileSync(fileURLToPath(url), 'utf8');
      }
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  const session = {
    fromPartition: vi.fn((_partition: string) => ({
      webRequest: {
        onBeforeRequest: (filter: RequestFilter) => {
          state.requestFilter = filter;
        },
      },
    })),
  };
  return { state, FakeWindow, session };
});
vi.mock('electron', () => ({ BrowserWindow: electron.FakeWindow, session: electron.session }));

const { cssLengthToInches, electronPrinter } = await import('../../../src/main/shell/electronPrinter');

const settings: PdfPrintSettings = {
  pageSize: 'Letter',
  headerTemplate: '<div>Formlabs privacy policy</div>',
  footerTemplate: '<div>Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
  margins: { top: '20mm', right: '16mm', bottom: '22mm', left: '0.5in' },
};

describe('electronPrinter', () => {
  beforeEach(() => {
    electron.state.windows.length = 0;
    electron.state.failPrint = false;
  });

  it('prints the report in a hidden, script-free, sandboxed window with the report settings', async () => {
    const printer = electronPrinter();
    const html = '<!doctype html><title>Report</title><p>Inserted <ins>words</ins> — café 隐私</p>';
    const pdf = await printer.print(html, settings);
    expect(pdf.toString('latin1')).toMatch(/^%PDF/);

    const [window] = electron.state.windows;
    expect(window!.options.show).toBe(false);
    expect(window!.options.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
    });
    expect(window!.loadedUrl).toMatch(/^data:text\/html/);
    expect(window!.loadedHtml).toBe(html);
    const options = window!.printOptions as {
      pageSize: string;
      printBackground: boolean;
      displayHeaderFooter: boolean;
      headerTemplate: string;
      footerTemplate: string;
      margins: { top: number; right: number; bottom: number; left: number };
    };
    expect(options).toMatchObject({
      pageSize: 'Letter',
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: settings.headerTemplate,
      footerTemplate: settings.footerTemplate,
    });
    expect(options.margins.top).toBeCloseTo(20 / 25.4, 5);
    expect(options.margins.bottom).toBeCloseTo(22 / 25.4, 5);
    expect(options.margins.left).toBeCloseTo(0.5, 5);
    expect(window!.isDestroyed()).toBe(true);
  });

  it('refuses every request of the print window but the report itself', async () => {
    await electronPrinter().print('<p>x</p>', settings);
    const decide = (url: string) => {
      let cancel: boolean | undefined;
      electron.state.requestFilter!({ url }, (response) => (cancel = response.cancel));
      return cancel;
    };
    expect(decide('data:text/html;base64,PHA+eDwvcD4=')).toBe(false);
    expect(decide('https://tracker.example/pixel.gif')).toBe(true);
    expect(decide('file:///etc/passwd')).toBe(true);
  });

  it('prints reports too long for a data: URL from a temporary file it removes afterwards', async () => {
    const html = `<p>${'long report text '.repeat(200_000)}</p>`;
    await electronPrinter().print(html, settings);
    const [window] = electron.state.windows;
    expect(window!.loadedUrl).toMatch(/^file:/);
    expect(window!.loadedHtml).toBe(html);
    expect(existsSync(fileURLToPath(window!.loadedUrl))).toBe(false);
    let cancel: boolean | undefined;
    electron.state.requestFilter!({ url: window!.loadedUrl }, (response) => (cancel = response.cancel));
    expect(cancel).toBe(false);
  });

  it('destroys the window when printing fails', async () => {
    electron.state.failPrint = true;
    await expect(electronPrinter().print('<p>x</p>', settings)).rejects.toThrow('printing failed');
    expect(electron.state.windows[0]!.isDestroyed()).toBe(true);
  });

  it('converts CSS margins to inches and names lengths it cannot convert', () => {
    expect(cssLengthToInches('25.4mm')).toBeCloseTo(1, 6);
    expect(cssLengthToInches('2.54cm')).toBeCloseTo(1, 6);
    expect(cssLengthToInches('72pt')).toBeCloseTo(1, 6);
    expect(cssLengthToInches('96px')).toBeCloseTo(1, 6);
    expect(cssLengthToInches('0')).toBe(0);
    expect(() => cssLengthToInches('5em')).toThrow('"5em"');
  });
});
