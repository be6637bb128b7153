import { writeFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { version } from '../../../../package.json';
import type { ReportDocument, ReportOptions, ReportSubject } from '../../../shared/report/reportTypes';
import { vendorTimeline } from '../../archive/queries';
import { chromiumPrinter } from '../../report/pdf/chromiumPrinter';
import { cliPdfPrinter } from '../../report/pdf/electronRuntime';
import { renderReportFile, type ReportFormat } from '../../report/pdf/exportReport';
import { PdfPrinterUnavailableError } from '../../report/pdf/pdfPrinter';
import { buildReportDocument } from '../../report/reportDocument';
import { resolveSnapshot, resolveVendor } from '../archiveRefs';
import { globalOptions, parseSnapshotId, type CommandEnv } from '../commandEnv';
import { findEvent, pickDocument } from '../documentChoice';
import { CliError, ExitCode } from '../exitCodes';
import type { OpenedArchive } from '../session';
import { writeLine } from '../terminal';

interface ExportCommandOptions {
  pdf?: string;
  html?: string;
  md?: string;
  pageSize: 'A4' | 'Letter';
  layout: 'inline' | 'side-by-side';
  full?: boolean;
  ignoreWhitespace?: boolean;
  ignoreCase?: boolean;
  ignorePunctuation?: boolean;
  ignoreFormatting?: boolean;
  vendor?: string;
  document?: string;
  all?: boolean;
  across?: string;
}

/**
 * `export <a> <b> --pdf out.pdf | --html out.html | --md out.md`: a diff
 * report to file (several formats at once if asked); `--vendor X --all`: the
 * whole history of a document in one report; `--vendor X --across gdpr`: the
 * versions either side of a reference event.
 */
export function registerExport(program: Command, { session }: CommandEnv): void {
  program
    .command('export')
    .description(
      'write a diff report (cover with statistics and changed sections, redline, hashes) as PDF, HTML or Markdown',
    )
    .argument('[snapshotA]', 'the older snapshot id', parseSnapshotId)
    .argument('[snapshotB]', 'the newer snapshot id', parseSnapshotId)
    .option('--pdf <file>', 'write the report as PDF (needs Chromium or Google Chrome)')
    .option('--html <file>', 'write the report as one self-contained HTML file')
    .option('--md <file>', 'write the report as Markdown')
    .addOption(new Option('--page-size <size>', 'paper size').choices(['A4', 'Letter']).default('A4'))
    .addOption(new Option('--layout <layout>', 'redline layout').choices(['inline', 'side-by-side']).default('inline'))
    .option('--full', 'include the unchanged text (default: "… n unchanged paragraphs …")')
    .option('--ignore-whitespace', 'do not count changes of spacing')
    .option('--ignore-case', 'do not count changes of letter case')
    .option('--ignore-punctuation', 'do not count changes of punctuation and quote or dash styles')
    .option('--ignore-formatting', 'do not count Markdown/HTML formatting artefacts')
    .option('--vendor <vendor>', 'with --all or --across: the vendor (id, key or name)')
    .option('--document <document>', 'with --vendor: the document (id, key or title) when the vendor has several')
    .option('--all', 'with --vendor: every consecutive pair of versions in one report, with a timeline summary')
    .option('--across <event>', 'with --vendor: the versions either side of a reference event (gdpr, ccpa, cpra)')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  policy-archive export 12 15 --pdf changes.pdf\n' +
        '  policy-archive export 12 15 --html changes.html --md changes.md --full --layout side-by-side\n' +
        '  policy-archive export --vendor formlabs.com --all --pdf formlabs-history.pdf\n' +
        '  policy-archive export --vendor formlabs.com --across gdpr --pdf formlabs-gdpr.pdf\n' +
        '\nPDF export uses a Chromium or Google Chrome of this machine (CHROMIUM_PATH to choose one).',
    )
    .action(
      async (idA: number | undefined, idB: number | undefined, options: ExportCommandOptions, command: Command) => {
        const global = globalOptions(command);
        const outputs = requestedOutputs(options);
        const archive = session.openExisting(global.db);
        const subject = chooseSubject(archive, idA, idB, options);
        const reportOptions: ReportOptions = {
          pageSize: options.pageSize,
          layout: options.layout,
          includeUnchanged: options.full ?? false,
          ignore: {
            ignoreWhitespace: options.ignoreWhitespace ?? false,
            ignoreCase: options.ignoreCase ?? false,
            ignorePunctuation: options.ignorePunctuation ?? false,
            ignoreFormatting: options.ignoreFormatting ?? false,
          },
        };
        let doc: ReportDocument;
        try {
          doc = buildReportDocument(archive.db, subject, reportOptions, {
            appVersion: version,
            generatedAt: new Date().toISOString(),
          });
        } catch (error) {
          // The model names what is missing (a single version, no version on one side of the event…).
          throw new CliError(ExitCode.notFound, error instanceof Error ? error.message : String(error));
        }

        const env = session.io.env ?? process.env;
        const printer = outputs.some((output) => output.format === 'pdf')
          ? cliPdfPrinter(env, () => chromiumPrinter({ env })).printer
          : undefined;
        try {
          for (const output of outputs) {
            const started = Date.now();
            let bytes: Buffer;
            try {
              ({ bytes } = await renderReportFile(doc, output.format, printer));
            } catch (error) {
              if (error instanceof PdfPrinterUnavailableError) throw new CliError(ExitCode.archive, error.message);
              throw error;
            }
            try {
              writeFileSync(output.file, bytes);
            } catch (error) {
              const reason = error instanceof Error ? error.message : String(error);
              throw new CliError(ExitCode.archive, `Cannot write ${output.file}: ${reason}`);
            }
            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            writeLine(
              session.io.stderr,
              `Wrote ${output.file} (${output.format}, ${formatSize(bytes.length)}, ${seconds} s): ${doc.title}`,
            );
          }
        } finally {
          await printer?.close();
        }
      },
    );
}

/** The files asked for; at least one. */
function requestedOutputs(options: ExportCommandOptions): Array<{ format: ReportFormat; file: string }> {
  const outputs: Array<{ format: ReportFormat; file: string }> = [];
  if (options.pdf !== undefined) outputs.push({ format: 'pdf', file: options.pdf });
  if (options.html !== undefined) outputs.push({ format: 'html', file: options.html });
  if (options.md !== undefined) outputs.push({ format: 'markdown', file: options.md });
  if (outputs.length === 0) {
    throw new CliError(
      ExitCode.usage,
      'Say where to write the report: --pdf <file>, --html <file> and/or --md <file>.',
    );
  }
  return outputs;
}

/** Two snapshots, or a vendor's document with --all (history) or --across <event>. */
function chooseSubject(
  archive: OpenedArchive,
  idA: number | undefined,
  idB: number | undefined,
  options: ExportCommandOptions,
): ReportSubject {
  const byVendor = options.all === true || options.across !== undefined;
  if (!byVendor) {
    if (options.vendor !== undefined || options.document !== undefined) {
      throw new CliError(ExitCode.usage, '--vendor and --document go with --all or --across <event>.');
    }
    if (idA === undefined || idB === undefined) {
      throw new CliError(
        ExitCode.usage,
        'Give two snapshot ids (as listed by `timeline`), or --vendor <vendor> with --all or --across <event>.',
      );
    }
    const a = resolveSnapshot(archive, idA);
    const b = resolveSnapshot(archive, idB);
    if (a.documentId !== b.documentId) {
      throw new CliError(
        ExitCode.usage,
        `Snapshots #${idA} (${a.vendorName}, ${a.documentTitle}) and #${idB} (${b.vendorName}, ${b.documentTitle}) ` +
          'are of different documents; a report compares versions of one document.',
      );
    }
    return { kind: 'pair', snapshotA: idA, snapshotB: idB };
  }
  if (idA !== undefined || idB !== undefined) {
    throw new CliError(ExitCode.usage, 'Give either two snapshot ids or --vendor with --all / --across, not both.');
  }
  if (options.all === true && options.across !== undefined) {
    throw new CliError(ExitCode.usage, 'Choose one of --all and --across <event>.');
  }
  if (options.vendor === undefined) {
    throw new CliError(ExitCode.usage, `${options.all ? '--all' : '--across'} needs --vendor <vendor>.`);
  }
  const event = options.across !== undefined ? findEvent(options.across) : null;
  const vendor = resolveVendor(archive, options.vendor);
  const documents = vendorTimeline(archive.db, vendor.id)?.documents ?? [];
  const document = pickDocument(documents, options.document, vendor.displayName);
  return event
    ? { kind: 'across', documentId: document.id, eventId: event.id }
    : { kind: 'history', documentId: document.id };
}

function formatSize(bytes: number): string {
  return bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}
