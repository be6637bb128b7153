import type { Command } from 'commander';
import type { ArchiveCheck } from '../../../shared/maintenanceDomain';
import { checkArchive } from '../../archive/maintenance/checkArchive';
import { globalOptions, type CommandEnv } from '../commandEnv';
import { ExitCode, type ExitCodeValue } from '../exitCodes';
import { writeJson, writeLine, type Styles } from '../terminal';

/** Exit code when problems remain after the check (and the repair, if asked): like an import with failed files. */
const PROBLEMS_REMAIN: ExitCodeValue = ExitCode.importFailures;

/** `check [--repair] [--json]`: integrity, foreign keys, search index, block lists, snapshot links. */
export function registerCheck(program: Command, { session, setExitCode }: CommandEnv): void {
  program
    .command('check')
    .description('check the archive: file integrity, references, the search index and the block lists')
    .option('--repair', 'rebuild the search index and the block lists if they are out of step')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      '\nExit codes: 0 every check passes (after the repair, with --repair), 1 problems remain,\n' +
        '4 the archive cannot be opened. A damaged file is never repaired: restore it from a backup.',
    )
    .action((options: { repair?: boolean; json?: boolean }, command: Command) => {
      const global = globalOptions(command);
      const archive = session.openExisting(global.db);
      // The checks read the whole file (~20 s for 100 000 snapshots): say so before the wait.
      if (!options.json) writeLine(session.io.stderr, `Checking ${global.db} (this reads the whole file)…`);
      const report = checkArchive(archive.db, { repair: options.repair ?? false, archivePath: global.db });
      if (!report.ok) setExitCode(PROBLEMS_REMAIN);
      const { stdout } = session.io;
      if (options.json) return writeJson(stdout, report);

      const { styles } = session.styles(global);
      writeLine(stdout, `Checked ${report.archivePath}`);
      for (const check of report.checks) writeLine(stdout, checkLine(check, styles));
      if (report.ok) writeLine(stdout, styles.green('The archive is sound.'));
      if (report.advice) writeLine(stdout, report.advice);
    });
}

function checkLine(check: ArchiveCheck, styles: Styles): string {
  const mark = check.ok ? styles.green(check.repaired ? '✓ repaired' : '✓') : styles.red('✗');
  return `${mark} ${check.name}${check.ok && !check.repaired ? '' : `: ${check.detail}`}`;
}
