import type { Command } from 'commander';
import { describeSnapshot, resolveSnapshot } from '../archiveRefs';
import { globalOptions, parseSnapshotId, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { formatCapturedAt } from '../formatDates';
import { writeJson, writeLine } from '../terminal';

/** `note <snapshot> [text…]`: show, write (`text…`) or remove (`--clear`) the note on a snapshot. */
export function registerNote(program: Command, { session }: CommandEnv): void {
  program
    .command('note')
    .description('show the note on a snapshot (a version), write it, or remove it')
    .argument('<snapshot>', 'snapshot id as listed by `timeline` or `search`', parseSnapshotId)
    .argument('[text...]', 'the new note, replacing the old one (several words are joined with spaces)')
    .option('--clear', 'remove the note')
    .option('--json', 'print the snapshot’s tags and note as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  policy-archive note 12                      # show it\n' +
        '  policy-archive note 12 "Adds the GDPR rights section."\n' +
        '  policy-archive note 12 --clear',
    )
    .action(
      async (snapshotId: number, words: string[], options: { clear?: boolean; json?: boolean }, command: Command) => {
        const archive = session.openExisting(globalOptions(command).db);
        const text = words.join(' ');
        if (options.clear && text.trim() !== '') {
          throw new CliError(ExitCode.usage, 'Give either a note text or --clear, not both.');
        }
        const snapshot = resolveSnapshot(archive, snapshotId);
        const before = await archive.call('snapshots:annotations', snapshotId);
        const writing = options.clear === true || words.length > 0;
        const after = writing ? await archive.call('snapshots:setNote', snapshotId, options.clear ? '' : text) : before;
        const { stdout } = session.io;
        if (options.json) return writeJson(stdout, after);

        const where = describeSnapshot(snapshot);
        if (writing) {
          if (after.note === null) {
            writeLine(
              stdout,
              before.note === null ? `There was no note on ${where}.` : `Removed the note on ${where}.`,
            );
          } else {
            writeLine(stdout, `Saved the note on ${where}.`);
          }
          return;
        }
        if (after.note === null) {
          writeLine(stdout, `No note on ${where}. Write one with: policy-archive note ${snapshotId} <text…>`);
          return;
        }
        writeLine(stdout, `Note on ${where}, last edited ${formatCapturedAt(after.noteUpdatedAt)} UTC:`);
        writeLine(stdout, after.note);
      },
    );
}
