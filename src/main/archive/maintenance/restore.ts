import { copyFileSync, existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import type { MaintenanceProgress, RestoreResult, RestoreStep } from '../../../shared/maintenanceDomain';
import { openArchive } from '../database';
import { assertUsableArchive, snapshotCount } from './archiveFileChecks';
import { checkArchive } from './checkArchive';
import { copyDatabase, removeDatabaseFiles, type PageProgress } from './copyDatabase';
import { messageOf, openRaw, sqliteCode, type ConnectionOptions } from './rawConnection';
import { canonicalPath, isArchiveOrItsSidecar } from './sameFile';

export interface RestoreOptions extends ConnectionOptions {
  /** Called as pages are copied into the archive. */
  onProgress?: (progress: MaintenanceProgress) => void;
  /** The time in the name of the kept previous archive (tests pass a fixed one). */
  now?: Date;
}

/** Pages per step when writing into the archive: the archive is locked for writing until the last step anyway. */
const RESTORE_PAGES_PER_STEP = 4096;

/**
 * Replace the content of the archive at `archiveFile` with the backup at
 * `backupFile`. Callers close their own connections to the archive first and
 * reopen afterwards (per-connection caches must not outlive the old content);
 * no import may be running.
 *
 * 1. The backup is validated on a private copy beside the archive (the user's
 *    backup file is only read): it must be a policy archive, not newer than
 *    this build (older ones are upgraded, on the copy), pass
 *    `PRAGMA integrity_check`; its full-text index and block lists are checked
 *    and rebuilt on the copy if needed. Any failure: nothing changes.
 * 2. The current archive is kept as `<archive>.before-restore-<time>.sqlite`,
 *    written with the online backup API (a raw copy of a WAL file could miss
 *    committed pages still in `-wal`). A current archive too damaged to be read
 *    that way is copied byte for byte instead, with its `-wal`.
 * 3. The validated copy is written INTO the archive with the online backup API,
 *    not renamed over it: SQLite then writes the new pages through the
 *    archive's own WAL in one transaction, so the `-wal`/`-shm` files always
 *    match the main file, another process reading the archive sees the old or
 *    the new content and never a mix, and a failure rolls back. (Renaming a new
 *    file over a WAL database would pair it with the old `-wal`, and any
 *    process with the old file open would keep reading it.) Only when the
 *    current file is not a database at all (its header is destroyed) is the
 *    copy renamed into place, after the old file was kept in step 2.
 * 4. The archive is reopened and compared with the copy (page count, schema,
 *    snapshots): if another process held the write lock, SQLite's backup can
 *    end without writing, which is reported as an error, never as success.
 */
export async function restoreArchive(
  backupFile: string,
  archiveFile: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  if (!existsSync(backupFile) || !statSync(backupFile).isFile()) {
    throw new Error(`Cannot restore from ${backupFile}: no such file.`);
  }
  if (isArchiveOrItsSidecar(backupFile, archiveFile)) {
    throw new Error(`Cannot restore from ${backupFile}: it is the archive itself. Choose a backup file.`);
  }
  const archive = canonicalPath(archiveFile);
  const backup = canonicalPath(backupFile);
  const staging = join(dirname(archive), `.${basename(archive)}.restoring-${randomBytes(6).toString('hex')}`);

  let stagingDb: Database.Database | null = null;
  try {
    const validated = await validatedCopy(backup, staging, options);
    stagingDb = validated.db;
    const previousKeptAt = existsSync(archive) ? await keepCurrent(archive, options) : null;
    await writeInto(stagingDb, staging, archive, options);
    const snapshots = verifyRestored(stagingDb, archive, options);
    return {
      archivePath: archive,
      restoredFrom: backup,
      previousKeptAt,
      backupSchemaVersion: validated.schemaVersion,
      snapshots,
      rebuilt: validated.rebuilt,
    };
  } finally {
    if (stagingDb?.open) stagingDb.close();
    removeDatabaseFiles(staging);
  }
}

/** A copy's page progress reported as this step of the restore. */
function stepProgress(options: RestoreOptions, step: RestoreStep): PageProgress {
  return ({ totalPages, remainingPages }) =>
    options.onProgress?.({ operation: 'restore', step, done: totalPages - remainingPages, total: totalPages });
}

/** Copy the backup to `staging`, open it as an archive (upgrading it) and check it; throws with the backup's name. */
async function validatedCopy(
  backup: string,
  staging: string,
  options: RestoreOptions,
): Promise<{ db: Database.Database; schemaVersion: number; rebuilt: string[] }> {
  let source: Database.Database;
  try {
    source = openRaw(backup, { ...connection(options), readonly: true });
  } catch (error) {
    throw new Error(`Cannot restore from ${backup}: ${messageOf(error)}. Nothing was changed.`, { cause: error });
  }
  let schemaVersion: number;
  try {
    schemaVersion = assertUsableArchive(source, backup, 'Backup');
    await copyDatabase(source, staging, {
      ...connection(options),
      onProgress: stepProgress(options, 'reading-backup'),
    });
  } catch (error) {
    throw new Error(`${messageOf(error).replace(/\.$/, '')}. Nothing was changed.`, { cause: error });
  } finally {
    source.close();
  }

  let db: Database.Database;
  try {
    db = openArchive(staging, options.nativeBinding ? { nativeBinding: options.nativeBinding } : {});
  } catch (error) {
    throw new Error(
      `Backup ${backup} cannot be opened as an archive: ${messageOf(error).replaceAll(staging, backup)} Nothing was changed.`,
      { cause: error },
    );
  }
  try {
    options.onProgress?.({ operation: 'restore', step: 'checking-backup', done: 0, total: 0 });
    // Derived data out of step in the backup is rebuilt on the copy rather than restored broken;
    // a backup damaged at the page level is refused (checkArchive repairs nothing then).
    const report = checkArchive(db, { repair: true, archivePath: backup });
    const integrity = report.checks.find((check) => check.id === 'integrity');
    if (integrity && !integrity.ok) {
      throw new Error(`Backup ${backup} is damaged (${integrity.detail}): it cannot be restored. Nothing was changed.`);
    }
    if (!report.ok) {
      const failed = report.checks.filter((check) => !check.ok).map((check) => `${check.name}: ${check.detail}`);
      throw new Error(
        `Backup ${backup} has problems that cannot be repaired (${failed.join('; ')}). Nothing was changed.`,
      );
    }
    return { db, schemaVersion, rebuilt: report.checks.filter((check) => check.repaired).map((check) => check.name) };
  } catch (error) {
    db.close();
    throw error;
  }
}

/** File name for the archive's previous content: `<archive without .sqlite>.before-restore-<UTC time>.sqlite`. */
export function keptArchiveName(archive: string, now: Date): string {
  const stem = archive.replace(/\.sqlite$/i, '');
  const stamp = now
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z')
    .replace(/:/g, '-');
  let candidate = `${stem}.before-restore-${stamp}.sqlite`;
  for (let n = 2; existsSync(candidate); n++) candidate = `${stem}.before-restore-${stamp}-${n}.sqlite`;
  return candidate;
}

/** Keep the current archive's content beside it; returns where. */
async function keepCurrent(archive: string, options: RestoreOptions): Promise<string> {
  const kept = keptArchiveName(archive, options.now ?? new Date());
  try {
    const current = openRaw(archive, { ...connection(options), readonly: true });
    try {
      await copyDatabase(current, kept, {
        ...connection(options),
        onProgress: stepProgress(options, 'keeping-current'),
      });
    } finally {
      current.close();
    }
  } catch (error) {
    if (!isDamage(error)) {
      throw new Error(
        `Could not keep a copy of the current archive ${archive} before restoring (${messageOf(error)}). Nothing was changed.`,
        { cause: error },
      );
    }
    // Too damaged for SQLite to read: keep its bytes as they are, committed pages in -wal included.
    copyFileSync(archive, kept);
    if (existsSync(`${archive}-wal`)) copyFileSync(`${archive}-wal`, `${kept}-wal`);
  }
  return kept;
}

/** Write the validated copy into the archive (see restoreArchive, step 3). */
async function writeInto(
  stagingDb: Database.Database,
  staging: string,
  archive: string,
  options: RestoreOptions,
): Promise<void> {
  const progress = (totalPages: number, remainingPages: number): void =>
    options.onProgress?.({
      operation: 'restore',
      step: 'writing',
      done: totalPages - remainingPages,
      total: totalPages,
    });
  try {
    const last = await stagingDb.backup(archive, {
      progress: ({ totalPages, remainingPages }) => {
        progress(totalPages, remainingPages);
        return RESTORE_PAGES_PER_STEP;
      },
    });
    // better-sqlite3 calls `progress` between steps only: report the end too.
    progress(last.totalPages, last.remainingPages);
  } catch (error) {
    if (!isDamage(error)) {
      throw new Error(`Could not write the backup into ${archive}: ${messageOf(error)}. The archive is unchanged.`, {
        cause: error,
      });
    }
    // The current file's header is destroyed (kept already): put the copy in its place.
    stagingDb.close();
    for (const suffix of ['-wal', '-shm']) rmSync(`${archive}${suffix}`, { force: true });
    renameSync(staging, archive);
  }
}

/** Reopen the archive and compare it with the copy; returns its snapshot count. */
function verifyRestored(stagingDb: Database.Database, archive: string, options: RestoreOptions): number {
  const restored = openRaw(archive, { ...connection(options), readonly: true });
  try {
    const expected = stagingDb.open ? fingerprint(stagingDb) : null;
    const actual = fingerprint(restored);
    if (expected !== null && actual !== expected) {
      throw new Error(
        `The backup was not written into ${archive}: another program may be writing to the archive. ` +
          'Close it (or wait for its import to finish) and restore again.',
      );
    }
    return snapshotCount(restored);
  } finally {
    restored.close();
  }
}

/** Page count, schema and row counts of the main tables: what a restore that did not happen would differ in. */
function fingerprint(db: Database.Database): string {
  const pages = db.pragma('page_count', { simple: true }) as number;
  const version = db.pragma('user_version', { simple: true }) as number;
  const counts = db
    .prepare(
      `SELECT (SELECT count(*) FROM snapshots) || ',' || (SELECT count(*) FROM texts) || ',' ||
              (SELECT count(*) FROM blocks) || ',' || (SELECT count(*) FROM vendors) || ',' ||
              (SELECT count(*) FROM imports)`,
    )
    .pluck()
    .get() as string;
  return `${pages}:${version}:${counts}`;
}

/** Only the connection options (not progress) for the connections and copies made on the way. */
function connection(options: RestoreOptions): ConnectionOptions {
  return options.nativeBinding ? { nativeBinding: options.nativeBinding } : {};
}

function isDamage(error: unknown): boolean {
  const code = sqliteCode(error);
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB';
}
