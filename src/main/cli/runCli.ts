import { Command, CommanderError } from 'commander';
import { ContractError } from '../../shared/contract';
import { isBusyError } from '../archive/busy';
import { NotFoundError } from '../handlers';
import { defaultArchivePath } from '../paths';
import { version } from '../../../package.json';
import type { CommandEnv } from './commandEnv';
import { registerBackup } from './commands/backup';
import { registerCheck } from './commands/check';
import { registerDiff } from './commands/diff';
import { registerExport } from './commands/export';
import { registerHistory } from './commands/history';
import { registerImport } from './commands/import';
import { registerNote } from './commands/note';
import { registerRestore } from './commands/restore';
import { registerSearch } from './commands/search';
import { registerShow } from './commands/show';
import { registerTag } from './commands/tag';
import { registerTimeline } from './commands/timeline';
import { registerTrend } from './commands/trend';
import { registerVendors } from './commands/vendors';
import { CliError, ExitCode, type ExitCodeValue } from './exitCodes';
import { CliSession } from './session';
import { writeLine, type CliIo } from './terminal';

export type { CliIo } from './terminal';
export { ExitCode } from './exitCodes';

/**
 * Run the CLI with the given arguments (without `node` and the script) and
 * streams; resolves to the exit code instead of exiting, so tests can call it.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const session = new CliSession(io);
  let exitCode: ExitCodeValue = ExitCode.ok;
  const program = buildProgram(io, {
    session,
    setExitCode: (code) => {
      exitCode = code;
    },
  });
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    return reportError(error, io);
  } finally {
    session.close();
  }
}

function buildProgram(io: CliIo, env: CommandEnv): Command {
  const program = new Command('policy-archive')
    .description('Browse, search and diff an archive of privacy-policy snapshots (the same archive as the app).')
    .version(version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('--db <file>', 'archive file', defaultArchivePath(io.env ?? process.env))
    .option('--no-color', 'no colours, even on a terminal (also: NO_COLOR=1)')
    // Settings below are inherited by the subcommands registered after them.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(add --help for usage)')
    .showSuggestionAfterError(true)
    .allowExcessArguments(false);
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 import finished with failed files, 2 usage error, 3 vendor/snapshot not found,\n' +
      '4 archive error, 5 archive busy (another import is writing to it), 130 cancelled.',
  );
  registerImport(program, env);
  registerVendors(program, env);
  registerTimeline(program, env);
  registerShow(program, env);
  registerSearch(program, env);
  registerHistory(program, env);
  registerTrend(program, env);
  registerDiff(program, env);
  registerExport(program, env);
  registerTag(program, env);
  registerNote(program, env);
  registerBackup(program, env);
  registerRestore(program, env);
  registerCheck(program, env);
  return program;
}

/** Print an error the way users should see it and pick its exit code. */
function reportError(error: unknown, io: CliIo): ExitCodeValue {
  if (error instanceof CommanderError) {
    // Commander has already printed its message (or the help/version text).
    return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeLine(io.stderr, `error: ${message}`);
  if (error instanceof CliError) return error.exitCode;
  if (isBusyError(error)) return ExitCode.busy;
  if (error instanceof NotFoundError) return ExitCode.notFound;
  if (error instanceof ContractError) return ExitCode.usage;
  return ExitCode.archive;
}
