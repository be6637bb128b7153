import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import type { Browser, BrowserType } from 'playwright-core';
import { PdfPrinterUnavailableError, type PdfPrintSettings, type PdfPrinter } from './pdfPrinter';

/** Options of {@link chromiumPrinter}. */
export interface ChromiumPrinterOptions {
  /** The Chromium/Chrome binary; default: {@link findChromium}. */
  executablePath?: string;
  /** Where CHROMIUM_PATH and PATH are read (tests pass their own). Default: process.env. */
  env?: NodeJS.ProcessEnv;
  /** Called with the URL of every request the page tried and was refused (a report must never fetch). */
  onBlockedRequest?: (url: string) => void;
  /** Longest wait for one page to load or print, in ms (default 60 s). */
  timeoutMs?: number;
}

/** Program names looked up on PATH, in order. */
const PROGRAMS = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable', 'chrome'];

/** Install locations that are often not on PATH. */
const KNOWN_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
  'C:\\Program Files (x86)\\Google\\Chrome\\Application\\chrome.exe',
];

/**
 * Flags for a headless Chromium that stays off the network and works as root
 * in containers: without the background-networking flags Chromium keeps trying
 * Google's hosts, which a closed network refuses many times a second.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--disable-extensions',
  '--no-first-run',
  '--disable-quic',
  '--dns-prefetch-disable',
];

/**
 * The Chromium to print with: `CHROMIUM_PATH` when set, else the first of
 * chromium, chromium-browser, google-chrome… on PATH, else a usual install
 * location; null when there is none.
 */
export function findChromium(env: NodeJS.ProcessEnv = process.env): string | null {
  if (env.CHROMIUM_PATH) return env.CHROMIUM_PATH;
  const dirs = (env.PATH ?? '').split(delimiter).filter(Boolean);
  const suffixes = process.platform === 'win32' ? ['.exe', ''] : [''];
  for (const program of PROGRAMS) {
    for (const dir of dirs) {
      for (const suffix of suffixes) {
        const candidate = join(dir, program + suffix);
        if (isExecutable(candidate)) return candidate;
      }
    }
  }
  return KNOWN_PATHS.find(isExecutable) ?? null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** What to tell a user who has no Chromium. */
export const NO_CHROMIUM_MESSAGE =
  "PDF export needs the app's Electron runtime (POLICY_ARCHIVE_ELECTRON, or the electron package of a development " +
  'install) or Chromium or Google Chrome, and none was found (looked for CHROMIUM_PATH, then ' +
  `${PROGRAMS.join(', ')} on PATH, then the usual install folders). Install one ` +
  '(Debian/Ubuntu: sudo apt install chromium; macOS/Windows: Google Chrome) or set CHROMIUM_PATH to its program file. ' +
  'HTML and Markdown export need nothing (--html, --md).';

/**
 * A {@link PdfPrinter} on a Chromium of the machine, driven by playwright-core.
 * The browser starts at the first print and is reused until `close()`; each
 * print gets a fresh context with JavaScript disabled, offline, and every
 * request aborted, so a report prints exactly what its HTML holds.
 */
export function chromiumPrinter(options: ChromiumPrinterOptions = {}): PdfPrinter {
  const timeout = options.timeoutMs ?? 60_000;
  let browser: Promise<Browser> | null = null;
  let closed = false;

  const launch = async (): Promise<Browser> => {
    const executablePath = options.executablePath ?? findChromium(options.env ?? process.env);
    if (!executablePath) throw new PdfPrinterUnavailableError(NO_CHROMIUM_MESSAGE);
    if (!isExecutable(executablePath)) {
      throw new PdfPrinterUnavailableError(
        `PDF export: ${executablePath} (${options.executablePath ? 'given' : 'CHROMIUM_PATH'}) is not an executable program. ` +
          'Point CHROMIUM_PATH at a Chromium or Google Chrome program file.',
      );
    }
    const { chromium } = await loadPlaywright();
    try {
      return await chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout });
    } catch (error) {
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new PdfPrinterUnavailableError(`PDF export: could not start ${executablePath}: ${reason}`);
    }
  };

  return {
    async print(html: string, settings: PdfPrintSettings): Promise<Buffer> {
      if (closed) throw new Error('This PDF printer is closed.');
      browser ??= launch();
      let started: Browser;
      try {
        started = await browser;
      } catch (error) {
        browser = null; // Let a later print try again (e.g. after CHROMIUM_PATH is fixed in a long-lived process).
        throw error;
      }
      const context = await started.newContext({ javaScriptEnabled: false, offline: true, serviceWorkers: 'block' });
      try {
        await context.route('**/*', (route) => {
          options.onBlockedRequest?.(route.request().url());
          return route.abort('blockedbyclient');
        });
        const page = await context.newPage();
        page.setDefaultTimeout(timeout);
        await page.setContent(html, { waitUntil: 'load' });
        return await page.pdf({
          format: settings.pageSize,
          margin: settings.margins,
          displayHeaderFooter: true,
          headerTemplate: settings.headerTemplate,
          footerTemplate: settings.footerTemplate,
          printBackground: true,
          outline: true,
        });
      } finally {
        await context.close();
      }
    },

    async close(): Promise<void> {
      closed = true;
      const pending = browser;
      browser = null;
      if (!pending) return;
      try {
        await (await pending).close();
      } catch {
        // It never started (the error went to print's caller) or is already gone.
      }
    },
  };
}

/** playwright-core, loaded only when a PDF is wanted (it is large; HTML/Markdown export never needs it). */
async function loadPlaywright(): Promise<{ chromium: BrowserType }> {
  try {
    return await import('playwright-core');
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new PdfPrinterUnavailableError(`PDF export needs the playwright-core package, which did not load: ${reason}`);
  }
}
