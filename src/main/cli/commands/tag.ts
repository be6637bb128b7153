import type { Command } from 'commander';
import { vendorTagNames } from '../../archive/annotations';
import { tagKey } from '../../archive/tagNames';
import { describeSnapshot, resolveSnapshot, resolveVendor } from '../archiveRefs';
import { globalOptions, parseSnapshotId, wantsJson, type CommandEnv } from '../commandEnv';
import type { CliSession } from '../session';
import { formatTable } from '../table';
import { writeJson, writeLine, type OutputStream } from '../terminal';

/** The options of `tag vendor` and `tag snapshot`. */
interface TagEditOptions {
  add: string[];
  remove: string[];
  clear?: boolean;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

/**
 * `tag vendor <vendor>`, `tag snapshot <snapshot>` (show, `--add`, `--remove`,
 * `--clear`) and `tag list` (every tag in use, with counts).
 */
export function registerTag(program: Command, { session }: CommandEnv): void {
  const tag = program
    .command('tag')
    .description('show or change the tags of a vendor or a snapshot (a version), or list every tag')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  policy-archive tag vendor formlabs.com --add "3D printing" --add reviewed\n' +
        '  policy-archive tag snapshot 12 --add gdpr --remove draft\n' +
        '  policy-archive tag list',
    );

  withEditOptions(
    tag
      .command('vendor')
      .description('show a vendor’s tags, or change them')
      .argument('<vendor>', 'vendor id, key or name, as listed by `vendors`'),
  ).action(async (ref: string, options: TagEditOptions, command: Command) => {
    const archive = session.openExisting(globalOptions(command).db);
    const vendor = resolveVendor(archive, ref);
    const current = vendorTagNames(archive.db, vendor.id);
    const tags = isEdit(options)
      ? await archive.call('vendors:setTags', vendor.id, editedTags(current, options, vendor.displayName, session))
      : current;
    if (wantsJson(command)) return writeJson(session.io.stdout, { vendorId: vendor.id, tags });
    printTags(session.io.stdout, vendor.displayName, tags, `tag vendor ${quoteArg(vendor.key)} --add <tag>`);
  });

  withEditOptions(
    tag
      .command('snapshot')
      .description('show a snapshot’s tags, or change them (a version’s tags are those of its first snapshot)')
      .argument('<snapshot>', 'snapshot id as listed by `timeline` or `search`', parseSnapshotId),
  ).action(async (snapshotId: number, options: TagEditOptions, command: Command) => {
    const archive = session.openExisting(globalOptions(command).db);
    const snapshot = resolveSnapshot(archive, snapshotId);
    const before = await archive.call('snapshots:annotations', snapshotId);
    const annotations = isEdit(options)
      ? await archive.call('snapshots:setTags', snapshotId, editedTags(before.tags, options, `#${snapshotId}`, session))
      : before;
    if (wantsJson(command)) return writeJson(session.io.stdout, annotations);
    printTags(
      session.io.stdout,
      describeSnapshot(snapshot),
      annotations.tags,
      `tag snapshot ${snapshotId} --add <tag>`,
    );
  });

  tag
    .command('list')
    .description('every tag in use, with how many vendors and snapshots carry it')
    .option('--json', 'print the tags as JSON')
    .action(async (_options: unknown, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      const tags = await archive.call('tags:list');
      const { stdout } = session.io;
      if (wantsJson(command)) return writeJson(stdout, tags);
      if (tags.length === 0) {
        writeLine(stdout, 'No tags yet. Tag a vendor with: policy-archive tag vendor <vendor> --add <tag>');
        return;
      }
      const { styles } = session.styles(global);
      const rows = tags.map((t) => [t.name, String(t.vendorCount), String(t.snapshotCount)]);
      writeLine(
        stdout,
        formatTable(
          [
            { header: 'TAG', style: styles.bold },
            { header: 'VENDORS', align: 'right' },
            { header: 'SNAPSHOTS', align: 'right' },
          ],
          rows,
          styles,
        ),
      );
    });
}

function withEditOptions(command: Command): Command {
  return command
    .option('--add <tag>', 'add this tag (repeat for several)', collect, [])
    .option('--remove <tag>', 'remove this tag, ignoring case (repeat for several)', collect, [])
    .option('--clear', 'remove every tag first (then --add, if given)')
    .option('--json', 'print the tags as JSON');
}

function isEdit(options: TagEditOptions): boolean {
  return options.add.length > 0 || options.remove.length > 0 || options.clear === true;
}

/**
 * The tag set after `--clear`, `--remove` and `--add` (in that order).
 * Removing a tag that is not there is said on stderr, not an error: the
 * result is what was asked for.
 */
function editedTags(current: string[], options: TagEditOptions, owner: string, session: CliSession): string[] {
  const removed = new Set(options.remove.map((name) => tagKey(name.trim())));
  for (const name of options.remove) {
    if (!current.some((tag) => tagKey(tag) === tagKey(name.trim()))) {
      writeLine(session.io.stderr, `note: ${owner} has no tag "${name.trim()}"`);
    }
  }
  const kept = options.clear ? [] : current.filter((tag) => !removed.has(tagKey(tag)));
  return [...kept, ...options.add];
}

function printTags(stdout: OutputStream, owner: string, tags: string[], addHint: string): void {
  if (tags.length === 0) {
    writeLine(stdout, `${owner} has no tags. Add one with: policy-archive ${addHint}`);
    return;
  }
  writeLine(stdout, `Tags of ${owner}: ${tags.join(', ')}`);
}

/** A command-line argument as the user could type it back. */
function quoteArg(value: string): string {
  return /^[\w.@:/-]+$/.test(value) ? value : `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}
