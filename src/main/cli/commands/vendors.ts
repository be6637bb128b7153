import type { Command } from 'commander';
import type { VendorSummary } from '../../../shared/domain';
import { VendorEditError } from '../../archive/vendorEdits';
import { resolveVendor } from '../archiveRefs';
import { globalOptions, wantsJson, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { formatCapturedAt } from '../formatDates';
import type { CliSession } from '../session';
import { formatTable } from '../table';
import { writeJson, writeLine } from '../terminal';

/** `vendors`: every vendor with its counts and capture range; `vendors rename` and `vendors merge`. */
export function registerVendors(program: Command, { session }: CommandEnv): void {
  const vendors = program
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
  registerRename(vendors, session);
  registerMerge(vendors, session);
}

/** `vendors rename <vendor> <name…>`: a new display name; the key (what imports match) stays. */
function registerRename(vendors: Command, session: CliSession): void {
  vendors
    .command('rename')
    .description('give a vendor a new display name; its key stays, so files imported later still go to this vendor')
    .argument('<vendor>', 'vendor id, key or name, as listed by `vendors`')
    .argument('<name...>', 'the new name (several words are joined with spaces)')
    .option('--json', 'print the renamed vendor as JSON')
    .action(async (ref: string, words: string[], _options: unknown, command: Command) => {
      const archive = session.openExisting(globalOptions(command).db);
      const vendor = resolveVendor(archive, ref);
      const renamed = await refusalsAsUsage(archive.call('vendors:rename', vendor.id, words.join(' ')));
      const { stdout } = session.io;
      if (wantsJson(command)) return writeJson(stdout, renamed);
      writeLine(
        stdout,
        `Renamed ${vendor.displayName} to ${renamed.displayName}. ` +
          `Its key ${renamed.key} is kept: files imported later still go to this vendor.`,
      );
    });
}

/** `vendors merge <source…> --into <target>`: one vendor from several. */
function registerMerge(vendors: Command, session: CliSession): void {
  vendors
    .command('merge')
    .description(
      'merge vendors into one: their documents and snapshots (with tags and notes) move to the target, ' +
        'captures it already has are dropped, and the merged vendors are removed; files later imported ' +
        'under a merged vendor’s key go to the target',
    )
    .argument('<source...>', 'the vendors to merge (id, key or name)')
    .requiredOption('--into <vendor>', 'the vendor that remains (id, key or name)')
    .option('--json', 'print what moved as JSON')
    .action(async (refs: string[], options: { into: string }, command: Command) => {
      const archive = session.openExisting(globalOptions(command).db);
      const target = resolveVendor(archive, options.into);
      const sources = uniqueVendors(refs.map((ref) => resolveVendor(archive, ref)));
      const self = sources.find((source) => source.id === target.id);
      if (self) {
        throw new CliError(
          ExitCode.usage,
          `Cannot merge ${target.displayName} into itself: leave it out of the vendors to merge.`,
        );
      }
      const result = await refusalsAsUsage(
        archive.call('vendors:merge', { targetId: target.id, sourceIds: sources.map((source) => source.id) }),
      );
      const { stdout } = session.io;
      if (wantsJson(command)) return writeJson(stdout, result);
      const names = sources.map((source) => `${source.displayName} (${source.key})`).join(', ');
      writeLine(stdout, `Merged ${names} into ${result.vendor.displayName} (${result.vendor.key}):`);
      writeLine(stdout, `  ${plural(result.documentsMoved, 'document')} moved whole`);
      writeLine(stdout, `  ${plural(result.snapshotsMoved, 'snapshot')} moved`);
      writeLine(stdout, `  ${plural(result.duplicatesDropped, 'duplicate capture')} dropped (already in the target)`);
      writeLine(
        stdout,
        `${result.vendor.displayName} now has ${plural(result.vendor.documentCount, 'document')}, ` +
          `${plural(result.vendor.snapshotCount, 'snapshot')}, ${plural(result.vendor.versionCount, 'version')}. ` +
          `Files imported later under ${sources.map((source) => source.key).join(', ')} go to it.`,
      );
    });
}

/** The vendors in order, each once. */
function uniqueVendors(vendors: VendorSummary[]): VendorSummary[] {
  const seen = new Set<number>();
  return vendors.filter((vendor) => !seen.has(vendor.id) && seen.add(vendor.id));
}

/** A rename or merge the archive refused (a name already taken…) is a usage error (exit 2). */
async function refusalsAsUsage<T>(result: Promise<T>): Promise<T> {
  try {
    return await result;
  } catch (error) {
    if (error instanceof VendorEditError) throw new CliError(ExitCode.usage, error.message);
    throw error;
  }
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
