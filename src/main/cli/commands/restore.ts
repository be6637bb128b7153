import { createInterface } from 'node:readline/promises';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { restoreArchive } from '../../archive/maintenance/restore';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { writeJson, writeLine, type CliIo } from '../terminal';
import { pageProgress } from './maintenanceOutput';

/**
 * How `restore` asks before replacing the archive. A host may pass these on
 * its CliIo (tests do); otherwise the process's own stdin is used when the
 * CLI writes to the process's stdout (the real command).
 */
export interface ConfirmingIo {
  /** stdin is a terminal, so a question can be answered. */
  stdinIsTTY?: boolean;
  /** Ask a question on the terminal; resolves to the typed answer. */
  ask?: (question: string) => Promise<string>;
}

/** `restore <file> [--yes]`: replace the archive's content with a backup, keeping the current content beside it. */
export function registerRestore(program: Command, { session }: CommandEnv): void {
  program
    .command('restore')
    .description("replace the archive's content with a backup (the current content is kept beside the archive)")
    .argument('<file>', 'the backup file (from `backup` or the app’s File › Back Up Archive…)')
    .option('-y, --yes', 'do not ask for confirmation (needed when stdin is not a terminal)')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nThe backup is checked first (a policy archive, not from a newer version, passing SQLite’s integrity check;\n' +
        'an older one is upgraded); nothing changes if it fails. An open app shows the restored archive within seconds.',
    )
    .action(async (file: string, options: { yes?: boolean; json?: boolean }, command: Command) => {
      const archivePath = resolve(globalOptions(command).db);
      const backup = resolve(file);
      const { io } = session;
      if (!options.yes) {
        const confirmed = await confirm(
          io,
          `Replace the content of ${archivePath} with the backup ${backup}?\n` +
            'The current content is kept beside the archive. Restore? [y/N] ',
        );
        if (!confirmed) throw new CliError(ExitCode.cancelled, 'Not restored: the archive is unchanged.');
      }
      const progress = pageProgress(io, 'Restoring');
      const result = await restoreArchive(backup, archivePath, { onProgress: progress.update }).finally(progress.done);
      if (options.json) return writeJson(io.stdout, result);
      writeLine(
        io.stdout,
        `Restored ${result.archivePath} from ${result.restoredFrom} (${result.snapshots} snapshots).`,
      );
      writeLine(
        io.stdout,
        result.previousKeptAt
          ? `The previous archive was kept at ${result.previousKeptAt}`
          : 'There was no previous archive to keep.',
      );
      if (result.rebuilt.length > 0)
        writeLine(io.stdout, `Rebuilt from the backup's content: ${result.rebuilt.join(', ')}.`);
    });
}

/** Ask on the terminal; without one, refuse (a script must say --yes). */
async function confirm(io: CliIo & ConfirmingIo, question: string): Promise<boolean> {
  const realProcess = io.stdout === process.stdout;
  const stdinIsTTY = io.stdinIsTTY ?? (realProcess && process.stdin.isTTY === true);
  if (!stdinIsTTY) {
    throw new CliError(
      ExitCode.usage,
      'restore replaces the archive’s content and stdin is not a terminal, so it cannot ask: add --yes to confirm.',
    );
  }
  const ask = io.ask ?? askOnProcessTerminal;
  const answer = await ask(question);
  return /^\s*y(es)?\s*$/i.test(answer);
}

async function askOnProcessTerminal(question: string): Promise<string> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return await terminal.question(question);
  } finally {
    terminal.close();
  }
}
