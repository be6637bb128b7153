import type { Command } from 'commander';
import type { SnapshotSummary } from '../../../shared/domain';
import { findVendor } from '../../archive/queries';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { formatCapturedAt, formatPartialDate } from '../formatDates';
import { formatTable } from '../table';
import { writeJson, writeLine } from '../terminal';

/** How a capture's text compares with the capture before it. */
export type TextChange = 'first' | 'changed' | 'formatting' | 'same';

/** A snapshot in a timeline, with how its text differs from the capture before it. */
export type TimelineEntry = SnapshotSummary & {
  /** 'formatting': only whitespace, structure or markup changed (an unchanged version for folding). */
  textChange: TextChange;
};

/** `timeline <vendor>`: a vendor's captures by date, marking those whose text changed. */
export function registerTimeline(program: Command, { session }: CommandEnv): void {
  program
    .command('timeline')
    .description('show the captures of one vendor by date, marking where the text changed')
    .argument('<vendor>', 'vendor id, key (e.g. formlabs.com) or name, as listed by `vendors`')
    .option('--json', 'print the timeline as JSON')
    .action(async (ref: string, options: { json?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const vendor = findVendor(archive.db, ref);
      if (!vendor) {
        throw new CliError(
          ExitCode.notFound,
          `Vendor "${ref}" not found. List the vendors with: policy-archive vendors`,
        );
      }
      const timeline = await archive.call('vendors:timeline', vendor.id);
      const documents = timeline.documents.map(({ snapshots, ...document }) => ({
        ...document,
        snapshots: markChanges(snapshots),
      }));
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, { vendor: timeline.vendor, documents });

      const { styles } = session.styles(global);
      writeLine(
        stdout,
        `${styles.bold(timeline.vendor.displayName)} (${timeline.vendor.key}) — ` +
          `${timeline.vendor.snapshotCount} snapshots, ${timeline.vendor.versionCount} versions`,
      );
      for (const document of documents) {
        writeLine(stdout);
        writeLine(stdout, `${styles.bold(document.title)} ${styles.dim(`(${document.snapshots.length} snapshots)`)}`);
        const rows = document.snapshots.map((snapshot) => [
          `#${snapshot.id}`,
          formatCapturedAt(snapshot.capturedAt),
          formatPartialDate(snapshot.effectiveDate),
          snapshot.sourceFormat,
          String(snapshot.wordCount),
          snapshot.textChange === 'changed' ? '* changed' : snapshot.textChange,
          snapshot.inferred.length > 0 ? snapshot.inferred.join(', ') : '',
        ]);
        const table = formatTable(
          [
            { header: 'SNAPSHOT', align: 'right' },
            { header: 'CAPTURED (UTC)' },
            { header: 'EFFECTIVE' },
            { header: 'FORMAT' },
            { header: 'WORDS', align: 'right' },
            { header: 'TEXT', style: (text) => (text.startsWith('*') ? styles.yellow(text) : styles.dim(text)) },
            { header: 'INFERRED', style: styles.dim },
          ],
          rows,
          styles,
        );
        writeLine(stdout, table);
      }
    });
}

/** Sort by capture time and compare each text with the one captured before it. */
function markChanges(snapshots: SnapshotSummary[]): TimelineEntry[] {
  const sorted = [...snapshots].sort((x, y) => x.capturedAt.localeCompare(y.capturedAt) || x.id - y.id);
  return sorted.map((snapshot, index) => ({ ...snapshot, textChange: textChange(snapshot, sorted[index - 1]) }));
}

function textChange(snapshot: SnapshotSummary, previous: SnapshotSummary | undefined): TextChange {
  if (!previous) return 'first';
  if (snapshot.contentHash === previous.contentHash) return 'same';
  return snapshot.formattingHash === previous.formattingHash ? 'formatting' : 'changed';
}
