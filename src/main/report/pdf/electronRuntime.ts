import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { PdfPrinterUnavailableError, type PdfPrintSettings, type PdfPrinter } from './pdfPrinter';

/*
 * Printing a report with the app's own Electron runtime from outside the app
 * (the CLI): the Electron binary is started on a small print script
 * (src/main/shell/reportPrintMain.ts, built to out/main/reportPrint.js) that
 * prints one job with the same hidden, script-free window the app uses
 * (electronPrinter) and exits. A job is a folder holding job.json
 * ({ html, settings }); the script writes report.pdf beside it.
 */

/** The file a job's HTML and settings are written to, and the PDF the print script writes. */
export const JOB_FILE = 'job.json';
export const OUTPUT_FILE = 'report.pdf';

/**
 * The Electron binary to print with: `POLICY_ARCHIVE_ELECTRON` when set (a
 * packaged app's executable), otherwise the `electron` package's binary when
 * it was downloaded (a development install). Never triggers a download (the
 * package's own entry point would), so it is read from the package's path.txt.
 */
export function findElectronRuntime(env: NodeJS.ProcessEnv = process.env, from: string = __dirname): string | null {
  const configured = env.POLICY_ARCHIVE_ELECTRON;
  if (configured) return existsSync(configured) ? configured : null;
  try {
    const packageJson = createRequire(join(from, 'noop.js')).resolve('electron/package.json');
    const relative = readFileSync(join(dirname(packageJson), 'path.txt'), 'utf8').trim();
    const binary = join(dirname(packageJson), 'dist', relative);
    return relative && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

/** The built print script, beside the built CLI or in the repository's out/main; null when not built. */
export function findPrintScript(from: string = __dirname): string | null {
  const candidates = [
    join(from, 'reportPrint.js'),
    join(from, '..', 'reportPrint.js'),
    resolve(from, '..', '..', '..', '..', 'out', 'main', 'reportPrint.js'),
  ];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

export interface ElectronRuntimePrinterOptions {
  binary: string;
  script: string;
  env?: NodeJS.ProcessEnv;
  /** Longest wait for one print, in ms (default 120 s). */
  timeoutMs?: number;
}

/** A PdfPrinter that runs the Electron binary once per print. */
export function electronRuntimePrinter(options: ElectronRuntimePrinterOptions): PdfPrinter {
  return {
    async print(html: string, settings: PdfPrintSettings): Promise<Buffer> {
      const job = mkdtempSync(join(tmpdir(), 'pae-print-'));
      try {
        writeFileSync(join(job, JOB_FILE), JSON.stringify({ html, settings }));
        await run(options, job);
        const output = join(job, OUTPUT_FILE);
        if (!existsSync(output)) throw new Error(`PDF export: ${options.binary} wrote no PDF`);
        return readFileSync(output);
      } finally {
        rmSync(job, { recursive: true, force: true });
      }
    },
    async close(): Promise<void> {
      // Each print is its own process: nothing stays open.
    },
  };
}

function run(options: ElectronRuntimePrinterOptions, job: string): Promise<void> {
  // ELECTRON_RUN_AS_NODE would make the binary a plain Node.js, without windows to print with.
  const { ELECTRON_RUN_AS_NODE: _asNode, ...env } = options.env ?? process.env;
  return new Promise((resolveRun, rejectRun) => {
    let stderr = '';
    let child;
    try {
      child = spawn(options.binary, [options.script, job], { env, stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      rejectRun(new PdfPrinterUnavailableError(`PDF export: could not start ${options.binary}: ${String(error)}`));
      return;
    }
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.stderr.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4000);
    });
    child.on('error', (error) => {
      clearTimeout(timer);
      rejectRun(new PdfPrinterUnavailableError(`PDF export: could not start ${options.binary}: ${error.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolveRun();
      else
        rejectRun(
          new Error(
            `PDF export with ${options.binary} failed (${signal ?? `exit ${code}`})${stderr.trim() ? `: ${stderr.trim()}` : ''}`,
          ),
        );
    });
  });
}

/**
 * The printer the CLI uses: the app's Electron runtime when it is present and
 * the print script is built (the same engine as the app), otherwise a
 * Chromium of the machine. `POLICY_ARCHIVE_PDF_ENGINE=chromium` skips Electron.
 */
export function cliPdfPrinter(
  env: NodeJS.ProcessEnv,
  chromium: () => PdfPrinter,
  from: string = __dirname,
): { printer: PdfPrinter; engine: 'electron' | 'chromium' } {
  const binary = env.POLICY_ARCHIVE_PDF_ENGINE === 'chromium' ? null : findElectronRuntime(env, from);
  const script = binary ? findPrintScript(from) : null;
  if (binary && script) return { printer: electronRuntimePrinter({ binary, script, env }), engine: 'electron' };
  return { printer: chromium(), engine: 'chromium' };
}
