import { InvalidArgumentError, type Command } from 'commander';
import type { ExitCodeValue } from './exitCodes';
import type { CliSession, GlobalOptions } from './session';

/** What `runCli` hands every command's `register…` function. */
export interface CommandEnv {
  session: CliSession;
  /** Set the exit code of this run (for outcomes that are not errors, like a partly failed import). */
  setExitCode(code: ExitCodeValue): void;
}

/** The program-wide options (`--db`, `--no-color`) as seen from a subcommand's action. */
export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals<GlobalOptions>();
}

/**
 * Whether `--json` was given to a command. Commander hands an option that a
 * parent command also declares (`vendors --json`) to the parent, even after
 * the subcommand's name (`vendors rename … --json`), so it is read with the
 * inherited options.
 */
export function wantsJson(command: Command): boolean {
  return command.optsWithGlobals<{ json?: boolean }>().json === true;
}

/** Parse a snapshot id as shown by `timeline` (`12` or `#12`); anything else is a usage error. */
export function parseSnapshotId(value: string): number {
  const match = /^#?(\d{1,15})$/.exec(value.trim());
  const id = match ? Number(match[1]) : NaN;
  if (!Number.isSafeInteger(id) || id < 1) {
    throw new InvalidArgumentError('expected a snapshot id, a positive number as listed by `timeline`.');
  }
  return id;
}

/** Parse a positive integer option within bounds. */
export function positiveInt(max: number): (value: string) => number {
  return (value) => {
    const number = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(number) || number < 1 || number > max) {
      throw new InvalidArgumentError(`expected a whole number from 1 to ${max}.`);
    }
    return number;
  };
}
