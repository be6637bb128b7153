import type Database from 'better-sqlite3';
import { assertNotNewer, readSchemaVersion } from '../migrate';
import { APPLICATION_ID, LATEST_SCHEMA_VERSION } from '../migrations';
import { messageOf, sqliteCode } from './rawConnection';

/** How many problems integrity checks list (SQLite stops counting there). */
export const MAX_LISTED_PROBLEMS = 20;

/**
 * Refuse a file that is not a policy archive this build can use: not SQLite,
 * another application's database, an empty database, or a newer schema.
 * Messages name the file as `<label> <file>` ("Backup /x/y.sqlite"). Returns its schema version.
 */
export function assertUsableArchive(db: Database.Database, file: string, label = 'Archive'): number {
  const what = `${label} ${file}`;
  let applicationId: number;
  let version: number;
  try {
    applicationId = db.pragma('application_id', { simple: true }) as number;
    version = readSchemaVersion(db);
  } catch (error) {
    if (sqliteCode(error) === 'SQLITE_NOTADB') {
      throw new Error(`${what} is not a SQLite database (the file may be of another kind, or damaged).`, {
        cause: error,
      });
    }
    throw new Error(`${what} cannot be read: ${messageOf(error)}`, { cause: error });
  }
  if (applicationId !== APPLICATION_ID) {
    throw new Error(
      applicationId === 0 && version === 0
        ? `${what} is not a policy archive (it holds no archive tables).`
        : `${what} is a SQLite database of another application, not a policy archive.`,
    );
  }
  assertNotNewer(version, LATEST_SCHEMA_VERSION, file);
  if (version < 1) throw new Error(`${what} is not a policy archive (it holds no archive tables).`);
  return version;
}

/**
 * SQLite's page-level check: an empty list when the file is sound, else the
 * problems it reports (at most MAX_LISTED_PROBLEMS). `quick` skips matching
 * indexes to their tables (much faster, still reads every page).
 */
export function integrityProblems(db: Database.Database, quick = false): string[] {
  const pragma = quick ? 'quick_check' : 'integrity_check';
  try {
    const rows = db.pragma(`${pragma}(${MAX_LISTED_PROBLEMS})`, { simple: false }) as Array<Record<string, string>>;
    const messages = rows.map((row) => String(Object.values(row)[0]));
    return messages.length === 1 && messages[0] === 'ok' ? [] : messages;
  } catch (error) {
    // A damaged page can make the check itself fail to read the schema.
    return [`the check stopped at a damaged part of the file (${messageOf(error)})`];
  }
}

/** Count of snapshots (0 when the table cannot be read). */
export function snapshotCount(db: Database.Database): number {
  try {
    return db.prepare('SELECT count(*) FROM snapshots').pluck().get() as number;
  } catch {
    return 0;
  }
}
