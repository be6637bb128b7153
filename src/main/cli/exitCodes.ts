/**
 * Exit codes of the CLI (documented in README.md). Every command uses these,
 * so scripts can tell "nothing found" from "cannot open the archive".
 */
export const ExitCode = {
  /** Done. */
  ok: 0,
  /** The import finished, but some files failed. */
  importFailures: 1,
  /** Bad usage: unknown command or option, missing or malformed argument. */
  usage: 2,
  /** The vendor or snapshot asked for is not in the archive. */
  notFound: 3,
  /** The archive cannot be opened or read. */
  archive: 4,
  /**
   * The archive is busy: another import (the app or another CLI run) held its
   * write lock for the whole busy timeout. Nothing is damaged; try again later
   * (an import stopped this way resumes where it stopped).
   */
  busy: 5,
  /** Cancelled by the user (Ctrl+C); an interrupted import is undone. */
  cancelled: 130,
} as const;

export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** An error that ends the command with a given exit code; its message is shown on stderr. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCodeValue,
    message: string,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
