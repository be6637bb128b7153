/**
 * Electron entry point that prints one report job and exits: how the CLI
 * prints PDFs with the app's own Electron runtime (see
 * src/main/report/pdf/electronRuntime.ts for the job format). Built to
 * out/main/reportPrint.js; started as `electron reportPrint.js <job folder>`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { app } from 'electron';
import { JOB_FILE, OUTPUT_FILE } from '../report/pdf/electronRuntime';
import type { PdfPrintSettings } from '../report/pdf/pdfPrinter';
import { electronPrinter } from './electronPrinter';

/** Print the job in `jobDir` (job.json → report.pdf). */
export async function printJob(jobDir: string): Promise<void> {
  const job = JSON.parse(readFileSync(join(jobDir, JOB_FILE), 'utf8')) as { html: string; settings: PdfPrintSettings };
  const printer = electronPrinter();
  try {
    writeFileSync(join(jobDir, OUTPUT_FILE), await printer.print(job.html, job.settings));
  } finally {
    await printer.close();
  }
}

const jobDir = process.argv.at(-1);
if (jobDir && process.argv.length > 2) {
  app.dock?.hide();
  app
    .whenReady()
    .then(() => printJob(jobDir))
    .then(() => app.exit(0))
    .catch((error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      app.exit(1);
    });
}
