import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { ArchiveBusyError, busyTimeoutFromEnv, isBusyError } from './busy';
import { assertNotNewer, migrate, readSchemaVersion } from './migrate';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION, MIGRATIONS } from './migrations';

export interface OpenArchiveOptions {
  /** Open without writing: no migration, no pragmas that write. The file must exist and be up to date. */
  readonly?: boolean;
  /** Path of a better-sqlite3 binary built for the running runtime (Electron); see src/main/nativeBinding.ts. */
  nativeBinding?: string;
  /**
   * How long a write waits for another connection's write lock before failing
   * with ArchiveBusyError (ms). Default: POLICY_ARCHIVE_BUSY_TIMEOUT_MS, else 5000.
   */
  busyTimeoutMs?: number;
}

/**
 * Open (creating if needed) the archive at `file` and bring its schema up to date.
 *
 * Sets WAL journaling (readers never block the importer), foreign keys,
 * a 5 s busy timeout (the CLI and the app may share a file) and
 * synchronous=NORMAL (safe with WAL; a crash loses at most the last commit).
 * Errors name the file and the reason: not a SQLite file, a SQLite file of
 * another application, a file from a newer version of the app, or
 * ArchiveBusyError when a migration cannot get the write lock in time.
 *
 * Several processes may write to one archive (the app's import worker, the
 * CLI, a second window): the import's write transactions (ArchiveWriter,
 * the pipeline's batches) and migrations are IMMEDIATE, so they queue for the
 * write lock up to the busy timeout instead of failing at once when another
 * connection committed since they first read; then ArchiveBusyError (busy.ts).
 */
export function openArchive(file: string, options: OpenArchiveOptions = {}): Database.Database {
  const readonly = options.readonly ?? false;
  const inMemory = file === ':memory:' || file === '';
  if (!inMemory && !readonly) {
    try {
      mkdirSync(dirname(resolve(file)), { recursive: true });
    } catch (error) {
      throw new Error(`Cannot create the folder for archive ${file}: ${messageOf(error)}`, { cause: error });
    }
  }

  let db: Database.Database;
  try {
    db = new Database(file, {
      readonly,
      fileMustExist: readonly,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
  } catch (error) {
    throw new Error(`Cannot open archive ${file}: ${messageOf(error)}`, { cause: error });
  }

  try {
    const busyTimeout = Math.max(0, Math.floor(options.busyTimeoutMs ?? busyTimeoutFromEnv()));
    // A number computed here, never user text.
    db.pragma(`busy_timeout = ${busyTimeout}`);
    assertIsArchive(db, file);
    if (!readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = NORMAL');
    }
    db.pragma('foreign_keys = ON');
    if (readonly) {
      const version = readSchemaVersion(db);
      assertNotNewer(version, LATEST_SCHEMA_VERSION, file);
      if (version < LATEST_SCHEMA_VERSION) {
        throw new Error(
          `Archive ${file} uses schema version ${version} and needs an upgrade to ${LATEST_SCHEMA_VERSION}; ` +
            'open it once without read-only mode.',
        );
      }
    } else {
      migrate(db, file, MIGRATIONS);
    }
    return db;
  } catch (error) {
    db.close();
    throw translateOpenError(error, file);
  }
}

/** Schema version of an open archive (0 for a file no migration has run on). */
export function schemaVersion(db: Database.Database): number {
  return readSchemaVersion(db);
}

/**
 * Refuse SQLite files that are not archives, before changing anything in them:
 * a foreign application id, or tables in a file that has no schema version.
 * Reading the header here is also what surfaces "file is not a database".
 */
function assertIsArchive(db: Database.Database, file: string): void {
  const applicationId = db.pragma('application_id', { simple: true }) as number;
  const version = readSchemaVersion(db);
  if (applicationId !== 0 && applicationId !== APPLICATION_ID) {
    throw new Error(
      `Cannot open archive ${file}: it is a SQLite database of another application, not a policy archive.`,
    );
  }
  if (applicationId === 0 && version === 0) {
    const tables = db.prepare("SELECT count(*) AS n FROM sqlite_master WHERE type = 'table'").get() as { n: number };
    if (tables.n > 0) {
      throw new Error(
        `Cannot open archive ${file}: it is a SQLite database but not a policy archive (unknown tables).`,
      );
    }
  }
}

function translateOpenError(error: unknown, file: string): Error {
  if (isBusyError(error))
    return error instanceof ArchiveBusyError ? error : new ArchiveBusyError(file, { cause: error });
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'SQLITE_NOTADB') {
    return new Error(
      `Cannot open archive ${file}: it is not a SQLite database (the file may be of another kind, or encrypted).`,
      {
        cause: error,
      },
    );
  }
  if (code === 'SQLITE_CORRUPT') {
    return new Error(`Cannot open archive ${file}: the database file is damaged (${messageOf(error)}).`, {
      cause: error,
    });
  }
  if (error instanceof Error && error.message.includes(file)) return error;
  return new Error(`Cannot open archive ${file}: ${messageOf(error)}`, { cause: error });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
