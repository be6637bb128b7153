import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src/main/archive/database';
import { migrate, readSchemaVersion } from '../../../src/main/archive/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type Migration } from '../../../src/main/archive/migrations';
import { getSnapshot } from '../../../src/main/archive/queries';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { aCapture } from './captureBuilder';
import { tempDir } from './tempArchive';

let cleanup: () => void = () => {};
afterEach(() => cleanup());

function scratchFile(): string {
  const temp = tempDir();
  cleanup = temp.cleanup;
  return join(temp.dir, 'archive.sqlite');
}

const tableNames = (db: Database.Database): string[] =>
  db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('migrate', () => {
  it('rolls back a migration that fails half-way and names the file and the version', () => {
    const file = scratchFile();
    const db = new Database(file);
    const migrations: Migration[] = [
      { version: 1, description: 'first', up: (d) => d.exec('CREATE TABLE first (x)') },
      {
        version: 2,
        description: 'second',
        up: (d) => {
          d.exec('CREATE TABLE second (x)');
          throw new Error('disk said no');
        },
      },
    ];
    expect(() => migrate(db, file, migrations)).toThrow(/archive.sqlite to schema version 2 \(second\): disk said no/);
    expect(readSchemaVersion(db)).toBe(1);
    expect(tableNames(db)).toEqual(['first']);
    db.close();
  });

  it('refuses a migration list with gaps', () => {
    const file = scratchFile();
    const db = new Database(file);
    const broken: Migration[] = [{ version: 2, description: 'skips one', up: () => {} }];
    expect(() => migrate(db, file, broken)).toThrow(/out of order/);
    expect(readSchemaVersion(db)).toBe(0);
    db.close();
  });

  it('upgrades an existing archive with an appended migration and keeps its content', () => {
    const file = scratchFile();
    const db = openArchive(file);
    const writer = new ArchiveWriter(db);
    const importId = writer.beginImport('before the upgrade');
    const { snapshotId } = writer.addCapture(importId, aCapture(), 'b'.repeat(64));

    const next: Migration = {
      version: LATEST_SCHEMA_VERSION + 1,
      description: 'add a note column to snapshots',
      up: (d) => d.exec('ALTER TABLE snapshots ADD COLUMN note TEXT'),
    };
    migrate(db, file, [...MIGRATIONS, next]);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
    expect(getSnapshot(db, snapshotId)?.blocks).toEqual(aCapture().blocks);
    // Running the same list again is a no-op.
    migrate(db, file, [...MIGRATIONS, next]);
    expect(readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION + 1);
    db.close();
  });
});
