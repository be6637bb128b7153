import Database from 'better-sqlite3';

/** How maintenance opens its own connections (Electron needs its build of the SQLite module). */
export interface ConnectionOptions {
  /** Path of a better-sqlite3 binary built for the running runtime; see src/main/nativeBinding.ts. */
  nativeBinding?: string;
}

/**
 * A plain connection to an existing file, without openArchive's migrations
 * and pragmas: for reading a file that may be damaged, older, or about to
 * be overwritten, where changing it first would be wrong.
 */
export function openRaw(file: string, options: ConnectionOptions & { readonly?: boolean } = {}): Database.Database {
  const db = new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: true,
    ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
  });
  db.pragma('busy_timeout = 5000');
  return db;
}

/** The message of anything thrown. */
export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** SQLite's result code of an error (`SQLITE_CORRUPT`, `SQLITE_NOTADB`, …), if it has one. */
export function sqliteCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : '';
}
