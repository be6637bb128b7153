import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BrowserWindow, session, type PrintToPDFOptions } from 'electron';
import type { PdfPrintSettings, PdfPrinter } from '../report/pdf/pdfPrinter';

/** In-memory session of the print windows (no cookies or cache shared with the app window). */
const PARTITION = 'report-printer';

/**
 * Chromium refuses URLs longer than 2 MiB; a long history report is larger
 * than that as a data: URL, so it is printed from a temporary file instead.
 */
const MAX_DATA_URL_CHARS = 2 * 1024 * 1024 - 1024;

const UNIT_INCHES: Record<string, number> = { in: 1, mm: 1 / 25.4, cm: 1 / 2.54, pt: 1 / 72, px: 1 / 96, pc: 1 / 6 };

/** A CSS length (`20mm`, `0.5in`, `12pt`, `0`) in inches, as `printToPDF` wants its margins. */
export function cssLengthToInches(length: string): number {
  const match = /^\s*(-?\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(length);
  const unit = match?.[2]?.toLowerCase() || 'px';
  const factor = UNIT_INCHES[unit];
  if (!match || factor === undefined)
    throw new Error(`Unsupported print margin "${length}" (expected mm, cm, in, pt or px)`);
  return Number(match[1]) * factor;
}

/** Electron's `printToPDF` options for the report's print settings. */
export function printToPdfOptions(settings: PdfPrintSettings): PrintToPDFOptions {
  return {
    pageSize: settings.pageSize,
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: settings.headerTemplate,
    footerTemplate: settings.footerTemplate,
    margins: {
      top: cssLengthToInches(settings.margins.top),
      right: cssLengthToInches(settings.margins.right),
      bottom: cssLengthToInches(settings.margins.bottom),
      left: cssLengthToInches(settings.margins.left),
    },
    // A PDF outline (bookmarks) from the report's headings; Electron 30+ (ignored by older ones).
    generateDocumentOutline: true,
  };
}

/**
 * The app's own print engine: `webContents.printToPDF` of a hidden,
 * script-free, sandboxed window per report, in a separate in-memory session
 * that refuses every request but the report itself (a report must never
 * fetch anything). The window is destroyed after each print.
 */
export function electronPrinter(): PdfPrinter {
  let guarded = false;
  const guardSession = (): void => {
    if (guarded) return;
    guarded = true;
    session.fromPartition(PARTITION).webRequest.onBeforeRequest((details, callback) => {
      const allowed = details.url.startsWith('data:') || /^file:.*\/pae-report-[^/]+\/report\.html$/.test(details.url);
      callback({ cancel: !allowed });
    });
  };

  return {
    async print(html, settings) {
      guardSession();
      const options = printToPdfOptions(settings);
      const window = new BrowserWindow({
        show: false,
        // The report is archived text: no scripts at all, and every other switch that
        // could widen what the page may do set explicitly to its safe value.
        webPreferences: {
          javascript: false,
          sandbox: true,
          contextIsolation: true,
          nodeIntegration: false,
          nodeIntegrationInWorker: false,
          nodeIntegrationInSubFrames: false,
          webSecurity: true,
          allowRunningInsecureContent: false,
          experimentalFeatures: false,
          disableBlinkFeatures: 'Auxclick',
          webviewTag: false,
          navigateOnDragDrop: false,
          partition: PARTITION,
        },
      });
      let tempDir: string | null = null;
      try {
        const dataUrl = `data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`;
        if (dataUrl.length <= MAX_DATA_URL_CHARS) {
          await window.loadURL(dataUrl);
        } else {
          tempDir = await mkdtemp(join(tmpdir(), 'pae-report-'));
          const file = join(tempDir, 'report.html');
          await writeFile(file, html, 'utf8');
          await window.loadURL(pathToFileURL(file).href);
        }
        return await window.webContents.printToPDF(options);
      } finally {
        if (!window.isDestroyed()) window.destroy();
        if (tempDir) await rm(tempDir, { recursive: true, force: true });
      }
    },
    async close() {
      // Each print destroys its own window; nothing stays open between prints.
    },
  };
}
