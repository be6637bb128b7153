import type Database from 'better-sqlite3';

/** How long a connection waits for another one's write lock before giving up (ms). */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * The archive's write lock could not be had within the busy timeout: another
 * connection (an import in the app, the CLI, a second app window) held it the
 * whole time. Nothing of the failed write was stored; what the interrupted
 * import committed before stays, and running it again resumes it.
 */
export class ArchiveBusyError extends Error {
  constructor(
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(
      `The archive ${file} is busy: another import (in the app or the CLI) is writing to it. ` +
        'Try again when it finishes.',
      options,
    );
    this.name = 'ArchiveBusyError';
  }
}

/**
 * Whether an error (or one it wraps) is SQLite's "database is locked":
 * `SQLITE_BUSY` and its extended codes (`SQLITE_BUSY_SNAPSHOT`, `…_RECOVERY`, `…_TIMEOUT`).
 */
export function isBusyError(error: unknown): boolean {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (current instanceof ArchiveBusyError) return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** `error` as an ArchiveBusyError naming the archive when it is a busy error; otherwise `error` unchanged. */
export function asBusyError(error: unknown, file: string): unknown {
  if (error instanceof ArchiveBusyError || !isBusyError(error)) return error;
  return new ArchiveBusyError(file, { cause: error });
}

/** Run `write`, turning SQLite's "database is locked" into an ArchiveBusyError that names the archive. */
export function whileWriting<T>(db: Database.Database, write: () => T): T {
  try {
    return write();
  } catch (error) {
    throw asBusyError(error, db.name);
  }
}

/**
 * The busy timeout to use: `POLICY_ARCHIVE_BUSY_TIMEOUT_MS` when set to a
 * whole number of milliseconds (scripts on slow shares may want more, tests
 * less), else the default.
 */
export function busyTimeoutFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.POLICY_ARCHIVE_BUSY_TIMEOUT_MS?.trim();
  if (!raw || !/^\d{1,7}$/.test(raw)) return DEFAULT_BUSY_TIMEOUT_MS;
  return Number(raw);
}
