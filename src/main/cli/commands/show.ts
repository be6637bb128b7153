import type { Command } from 'commander';
import { globalOptions, parseSnapshotId, type CommandEnv } from '../commandEnv';
import { formatCapturedAt, formatPartialDate } from '../formatDates';
import { formatBlocks } from '../formatText';
import { writeJson, writeLine } from '../terminal';

/** `show <snapshot>`: one snapshot's metadata and its text. */
export function registerShow(program: Command, { session }: CommandEnv): void {
  program
    .command('show')
    .description('show one snapshot: where it came from, then its text')
    .argument('<snapshot>', 'snapshot id as listed by `timeline` or `search`', parseSnapshotId)
    .option('--json', 'print the snapshot (metadata and blocks) as JSON')
    .action(async (snapshotId: number, options: { json?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const snapshot = await archive.call('snapshots:get', snapshotId);
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, snapshot);

      const { styles } = session.styles(global);
      const fields: Array<[string, string]> = [
        ['Snapshot', `#${snapshot.id}`],
        ['Vendor', snapshot.vendorName],
        ['Document', snapshot.documentTitle],
        ['Captured', `${formatCapturedAt(snapshot.capturedAt)} UTC`],
        ['Effective', formatPartialDate(snapshot.effectiveDate)],
        ['Original URL', snapshot.originalUrl ?? '—'],
        ['Wayback URL', snapshot.waybackUrl ?? '—'],
        ['Source', `${snapshot.sourcePath} (${snapshot.sourceFormat})`],
        ['Inferred', snapshot.inferred.length > 0 ? snapshot.inferred.join(', ') : 'nothing (all from the header)'],
        ['Words', String(snapshot.wordCount)],
        ['Text hash', snapshot.contentHash.slice(0, 16)],
      ];
      const width = Math.max(...fields.map(([label]) => label.length));
      for (const [label, value] of fields) writeLine(stdout, `${styles.dim(`${label}:`.padEnd(width + 1))} ${value}`);
      writeLine(stdout);
      writeLine(stdout, formatBlocks(snapshot.blocks, styles));
    });
}
