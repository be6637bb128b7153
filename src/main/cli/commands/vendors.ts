import type { Command } from 'commander';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { formatCapturedAt } from '../formatDates';
import { formatTable } from '../table';
import { writeJson, writeLine } from '../terminal';

/** `vendors`: every vendor with its counts and capture range. */
export function registerVendors(program: Command, { session }: CommandEnv): void {
  program
    .command('vendors')
    .description('list the vendors in the archive, with snapshot and version counts')
    .option('--json', 'print the list as JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const vendors = await archive.call('vendors:list');
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, vendors);
      if (vendors.length === 0) {
        writeLine(stdout, 'The archive is empty. Import snapshots with: policy-archive import <files…>');
        return;
      }
      const { styles } = session.styles(global);
      const rows = vendors.map((vendor) => [
        String(vendor.id),
        vendor.displayName,
        vendor.key,
        String(vendor.documentCount),
        String(vendor.snapshotCount),
        String(vendor.versionCount),
        formatCapturedAt(vendor.firstCapturedAt),
        formatCapturedAt(vendor.lastCapturedAt),
      ]);
      const table = formatTable(
        [
          { header: 'ID', align: 'right' },
          { header: 'VENDOR', style: styles.bold },
          { header: 'KEY' },
          { header: 'DOCS', align: 'right' },
          { header: 'SNAPSHOTS', align: 'right' },
          { header: 'VERSIONS', align: 'right' },
          { header: 'FIRST CAPTURE' },
          { header: 'LAST CAPTURE' },
        ],
        rows,
        styles,
      );
      writeLine(stdout, table);
    });
}
