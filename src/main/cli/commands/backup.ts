import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { backupArchive } from '../../archive/maintenance/backup';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { CliError, ExitCode } from '../exitCodes';
import { writeJson, writeLine } from '../terminal';
import { formatBytes, pageProgress } from './maintenanceOutput';

/** `backup <file>`: a consistent copy of the archive (SQLite online backup), safe while the app uses it. */
export function registerBackup(program: Command, { session }: CommandEnv): void {
  program
    .command('backup')
    .description('copy the archive into one backup file (safe while the app or an import uses the archive)')
    .argument('<file>', 'the backup file to write')
    .option('--force', 'replace the file if it exists')
    .option('--json', 'print the result as JSON')
    .addHelpText(
      'after',
      '\nThe copy is checked (it must open as an archive and pass SQLite’s integrity check) before it takes the\n' +
        'file’s name, so a failed backup never leaves a half file. Restore it with: policy-archive restore <file>',
    )
    .action(async (file: string, options: { force?: boolean; json?: boolean }, command: Command) => {
      const archivePath = globalOptions(command).db;
      const target = resolve(file);
      if (existsSync(target) && !options.force) {
        throw new CliError(
          ExitCode.usage,
          `${target} already exists: add --force to replace it, or choose another name.`,
        );
      }
      const archive = session.openExisting(archivePath);
      const progress = pageProgress(session.io, 'Backing up');
      const result = await backupArchive(archive.db, target, { onProgress: progress.update }).finally(progress.done);
      if (options.json) return writeJson(session.io.stdout, result);
      writeLine(
        session.io.stdout,
        `Backed up ${archivePath} to ${result.path} (${result.snapshots} snapshots, ${formatBytes(result.bytes)}).`,
      );
    });
}
