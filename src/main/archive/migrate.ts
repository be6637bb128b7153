import type Database from 'better-sqlite3';
import type { Migration } from './migrations';

/** Schema version stored in the file (`PRAGMA user_version`; 0 for a new file). */
export function readSchemaVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/** Highest version a list of migrations produces (0 for none). */
export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}

/**
 * Bring the archive at `file` up to the last migration's version.
 *
 * Each pending migration runs in its own IMMEDIATE transaction with its
 * version bump: a failure leaves the file at the previous version, intact,
 * and two processes opening the same file at once do not both migrate (the
 * version is re-read once the write lock is held). A file newer than the
 * migrations is refused rather than touched.
 */
export function migrate(db: Database.Database, file: string, migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(`Migration list is out of order: entry ${index + 1} has version ${migration.version}`);
    }
  });
  const latest = latestVersion(migrations);
  assertNotNewer(readSchemaVersion(db), latest, file);

  for (const migration of migrations) {
    if (migration.version <= readSchemaVersion(db)) continue;
    const step = db.transaction(() => {
      if (readSchemaVersion(db) >= migration.version) return;
      migration.up(db);
      // The version is a number from our own list, never user input.
      db.pragma(`user_version = ${migration.version}`);
    });
    try {
      step.immediate();
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        `Could not upgrade archive ${file} to schema version ${migration.version} (${migration.description}): ${reason}`,
        { cause: error },
      );
    }
  }
}

/** Refuse a file written by a newer build: guessing at its layout could damage it. */
export function assertNotNewer(version: number, latest: number, file: string): void {
  if (version > latest) {
    throw new Error(
      `Archive ${file} was written by a newer version of Policy Archive Explorer ` +
        `(schema version ${version}; this version understands up to ${latest}). Update the app to open it.`,
    );
  }
}
