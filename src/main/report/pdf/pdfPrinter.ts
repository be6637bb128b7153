import type { PrintSettings } from '../../../shared/report/printSettings';

/**
 * The seam between report rendering (HTML) and a print engine (PDF).
 *
 * Two engines print the same HTML with the same settings:
 * - `chromiumPrinter` (this folder): a Chromium on the machine driven by
 *   playwright-core — the CLI and tests, where there is no Electron runtime;
 * - the app's Electron shell (src/main/shell/electronPrinter.ts): `webContents.printToPDF`
 *   of a hidden, script-free window. It implements this interface in
 *   src/main/shell (the only place allowed to import electron) and converts
 *   the settings: `pageSize` as is, margins from CSS lengths to inches,
 *   `displayHeaderFooter: true` with the same templates.
 */

/**
 * How to print a report: what `printSettings(doc, options)` returns (page
 * size, margins as CSS lengths, Chromium header/footer templates with
 * `<span class="pageNumber">`/`totalPages` and inline styles).
 */
export type PdfPrintSettings = PrintSettings;

/** Prints complete, self-contained HTML documents to PDF. Reusable across prints; `close()` when done. */
export interface PdfPrinter {
  /** The PDF bytes of `html` printed with `settings`. The page never runs scripts or fetches anything. */
  print(html: string, settings: PdfPrintSettings): Promise<Buffer>;
  /** Release the engine (a browser process); safe to call when nothing was printed, and twice. */
  close(): Promise<void>;
}

/** No print engine is available (no Chromium, no Electron runtime): the message says what to install or set. */
export class PdfPrinterUnavailableError extends Error {
  override name = 'PdfPrinterUnavailableError';
}
