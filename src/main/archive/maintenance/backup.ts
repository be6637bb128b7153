import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type Database from 'better-sqlite3';
import type { BackupResult, MaintenanceProgress } from '../../../shared/maintenanceDomain';
import { assertUsableArchive, integrityProblems, snapshotCount } from './archiveFileChecks';
import { copyDatabase } from './copyDatabase';
import type { ConnectionOptions } from './rawConnection';
import { canonicalPath, isArchiveOrItsSidecar } from './sameFile';

export interface BackupOptions extends ConnectionOptions {
  /** Called after each step of the copy, in pages. */
  onProgress?: (progress: MaintenanceProgress) => void;
  /** Pages copied per step (default 256): smaller steps, more progress reports. */
  pagesPerStep?: number;
}

/**
 * Back up the open archive `db` into `targetFile` (replacing that file if it
 * exists — callers ask first) with SQLite's online backup: the app or the CLI
 * may keep reading and writing meanwhile, and the copy is one consistent state.
 *
 * Refuses to write over the archive itself (or its `-wal`/`-shm`). The copy is
 * written under a temporary name and renamed only after it opened as a policy
 * archive and passed `PRAGMA integrity_check`, so a failed backup never leaves
 * a half file and never replaces an older good backup. The backup is a single
 * self-contained file (rollback journal mode), openable anywhere, restorable
 * with `restoreArchive`.
 */
export async function backupArchive(
  db: Database.Database,
  targetFile: string,
  options: BackupOptions = {},
): Promise<BackupResult> {
  const archiveFile = db.name;
  if (db.memory || archiveFile === '' || archiveFile === ':memory:') {
    throw new Error('Cannot back up an in-memory archive: there is no file to copy.');
  }
  if (isArchiveOrItsSidecar(targetFile, archiveFile)) {
    throw new Error(`Cannot back up the archive onto itself (${targetFile}): choose another file.`);
  }
  if (!existsSync(dirname(canonicalPath(targetFile)))) {
    throw new Error(`Cannot back up to ${targetFile}: the folder ${dirname(targetFile)} does not exist.`);
  }
  if (existsSync(targetFile) && !statSync(targetFile).isFile()) {
    throw new Error(`Cannot back up to ${targetFile}: it is a folder or a special file, not a file.`);
  }

  const target = canonicalPath(targetFile);
  let schemaVersion = 0;
  let snapshots = 0;
  try {
    await copyDatabase(db, target, {
      ...options,
      onProgress: ({ totalPages, remainingPages }) =>
        options.onProgress?.({ operation: 'backup', done: totalPages - remainingPages, total: totalPages }),
      verify: (copy) => {
        schemaVersion = assertUsableArchive(copy, target, 'The backup copy');
        const problems = integrityProblems(copy);
        if (problems.length > 0) {
          throw new Error(
            `the copy failed SQLite's integrity check (${problems.slice(0, 3).join('; ')}). ` +
              'The archive itself may be damaged: run "check archive".',
          );
        }
        snapshots = snapshotCount(copy);
      },
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`Backup to ${targetFile} failed, nothing was written: ${reason}`, { cause: error });
  }
  return { path: target, bytes: statSync(target).size, schemaVersion, snapshots };
}
