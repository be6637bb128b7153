import { resolve } from 'node:path';
import type { Command } from 'commander';
import { importRequestSchema } from '../../../shared/contract';
import type { ImportReport } from '../../../shared/domain';
import type { CaptureOverrides } from '../../importers/capture';
import { runImport } from '../../importers/pipeline';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { formatDuration } from '../formatDates';
import { createProgressView } from '../progress';
import { processInterrupt, writeJson, writeLine, type OutputStream, type Styles } from '../terminal';

interface ImportCommandOptions {
  vendor?: string;
  date?: string;
  url?: string;
  allPages?: boolean;
  verbose?: boolean;
  json?: boolean;
}

/** `import <paths…>`: files and folders into the archive, with progress; Ctrl+C undoes it. */
export function registerImport(program: Command, { session, setExitCode }: CommandEnv): void {
  program
    .command('import')
    .description(
      'import snapshots: Princeton dataset files or git repository, Wayback HTML (raw or saved through the replay), ' +
        'waybackpack / wayback-machine-downloader folders, WARC / WACZ, Open Terms Archive (dataset or git), plain text',
    )
    .argument('<paths...>', 'files or folders to import (folders are searched recursively)')
    .option('--vendor <vendor>', 'vendor for files whose header does not name one (domain or service name)')
    .option('--date <YYYY-MM-DD>', 'capture date for files whose header does not state one')
    .option('--url <url>', 'original URL for files that do not say it')
    .option('--all-pages', 'import every HTML page of a web archive, not only policy and terms pages')
    .option('--verbose', 'list every file in the report, not only those skipped or failed')
    .option('--json', 'print the import report as JSON')
    .action(async (paths: string[], options: ImportCommandOptions, command: Command) => {
      const global = globalOptions(command);
      const request = importRequestSchema.safeParse({
        paths: paths.map((path) => resolve(path)),
        ...(options.vendor !== undefined ? { vendor: options.vendor } : {}),
        ...(options.date !== undefined ? { capturedAt: options.date } : {}),
        ...(options.url !== undefined ? { originalUrl: options.url } : {}),
        ...(options.allPages ? { allPages: true } : {}),
      });
      if (!request.success) {
        const issue = request.error.issues[0];
        const flags: Record<string, string> = { capturedAt: '--date', vendor: '--vendor', originalUrl: '--url' };
        const where = flags[String(issue?.path[0])] ?? 'paths';
        throw new CliError(ExitCode.usage, `invalid ${where}: ${issue?.message ?? 'invalid value'}`);
      }
      const overrides: CaptureOverrides = {};
      if (request.data.vendor) overrides.vendor = request.data.vendor;
      if (request.data.capturedAt) overrides.capturedAt = request.data.capturedAt;
      if (request.data.originalUrl) overrides.originalUrl = request.data.originalUrl;

      const { io } = session;
      const db = session.openForImport(global.db);
      const progress = createProgressView(io);
      const controller = new AbortController();
      const unsubscribe = (io.onInterrupt ?? processInterrupt)(() => {
        if (controller.signal.aborted) return;
        progress.stop();
        writeLine(io.stderr, 'Cancelling… the import will be undone.');
        controller.abort();
      });
      const started = Date.now();
      let report: ImportReport;
      try {
        report = await runImport(db, request.data.paths, {
          overrides,
          allPages: request.data.allPages ?? false,
          signal: controller.signal,
          onProgress: (update) => progress.update(update),
        });
      } finally {
        unsubscribe();
        progress.stop();
      }

      if (options.json) writeJson(io.stdout, report);
      else
        printReport(io.stdout, report, Date.now() - started, options.verbose ?? false, session.styles(global).styles);

      if (report.cancelled) {
        writeLine(io.stderr, 'Import cancelled; the archive is as it was before.');
        setExitCode(ExitCode.cancelled);
      } else if (report.failed > 0) {
        setExitCode(ExitCode.importFailures);
      }
    });
}

function printReport(
  out: OutputStream,
  report: ImportReport,
  elapsedMs: number,
  verbose: boolean,
  styles: Styles,
): void {
  const outcomeStyle = {
    imported: styles.green,
    duplicate: styles.dim,
    skipped: styles.yellow,
    failed: styles.red,
  } as const;
  for (const file of report.files) {
    if (!verbose && (file.outcome === 'imported' || file.outcome === 'duplicate')) continue;
    const reason = file.reason ? `: ${file.reason}` : '';
    writeLine(out, `${outcomeStyle[file.outcome](file.outcome.padEnd(9))} ${file.path}${reason}`);
  }
  const summary = [
    `${report.imported} imported (${report.snapshotsAdded} snapshots)`,
    `${report.duplicates} duplicates`,
    `${report.skipped} skipped`,
    report.failed > 0 ? styles.red(`${report.failed} failed`) : `${report.failed} failed`,
  ].join(', ');
  writeLine(
    out,
    `${report.cancelled ? 'Cancelled' : 'Done'}: ${report.filesTotal} files — ${summary} in ${formatDuration(elapsedMs)}.`,
  );
}
