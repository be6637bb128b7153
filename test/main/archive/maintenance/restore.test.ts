import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, schemaVersion } from '../../../../src/main/archive/database';
import { backupArchive } from '../../../../src/main/archive/maintenance/backup';
import { checkArchive } from '../../../../src/main/archive/maintenance/checkArchive';
import { keptArchiveName, restoreArchive } from '../../../../src/main/archive/maintenance/restore';
import { LATEST_SCHEMA_VERSION } from '../../../../src/main/archive/migrations';
import { listVendors } from '../../../../src/main/archive/queries';
import { setVendorTags } from '../../../../src/main/archive/annotations';
import { searchArchive } from '../../../../src/main/search/search';
import type { MaintenanceProgress } from '../../../../src/shared/maintenanceDomain';
import { tableCounts } from '../../../support/archiveState';
import { tempDir } from '../../../support/paths';
import { usePristineArchive, writeGarbage } from './maintenanceFixture';

/*
 * Restore replaces an archive's content with a backup's, after validating the
 * backup, and keeps the previous content beside the archive. Every refusal
 * leaves the archive exactly as it was.
 */

const archive = usePristineArchive();
let dir: string;
let cleanup: () => void;
let archivePath: string;
let backupPath: string;
/** Table counts and vendors of the backup, as it was taken. */
let backedUp: { counts: Record<string, number>; vendors: unknown };

beforeEach(async () => {
  ({ dir, cleanup } = tempDir());
  archivePath = archive.copy(dir);
  backupPath = join(dir, 'backup.sqlite');
  const db = openArchive(archivePath);
  await backupArchive(db, backupPath);
  backedUp = { counts: tableCounts(db), vendors: listVendors(db) };
  // After the backup the user keeps working: an edit and a new vendor's file.
  setVendorTags(db, listVendors(db)[0]!.id, ['after-backup']);
  db.prepare('UPDATE vendors SET display_name = ? WHERE id = ?').run('Renamed after backup', listVendors(db)[1]!.id);
  db.close();
});
afterEach(() => cleanup());

/** The archive's files and anything else in the folder (no staging or partial files may be left). */
function folder(): string[] {
  return readdirSync(dir).sort();
}

describe('restoreArchive', () => {
  it('brings back the backup and keeps the previous content beside the archive', async () => {
    const now = new Date('2026-03-04T05:06:07.890Z');
    const progress: MaintenanceProgress[] = [];
    const result = await restoreArchive(backupPath, archivePath, { now, onProgress: (step) => progress.push(step) });

    // Every step is reported, in order, and each copy ends complete.
    const steps = progress.map((item) => item.step).filter((step, index, all) => step !== all[index - 1]);
    expect(steps).toEqual(['reading-backup', 'checking-backup', 'keeping-current', 'writing']);
    for (const step of ['reading-backup', 'keeping-current', 'writing'] as const) {
      const last = progress.filter((item) => item.step === step).at(-1)!;
      expect(last.total).toBeGreaterThan(0);
      expect(last.done).toBe(last.total);
    }
    expect(result.previousKeptAt).toBe(join(dir, 'archive.before-restore-2026-03-04T05-06-07Z.sqlite'));
    expect(result.restoredFrom).toBe(backupPath);
    expect(result.snapshots).toBe(backedUp.counts.snapshots);
    const db = openArchive(archivePath);
    try {
      expect(tableCounts(db)).toEqual(backedUp.counts);
      expect(listVendors(db)).toEqual(backedUp.vendors);
      expect(checkArchive(db).ok).toBe(true);
    } finally {
      db.close();
    }
    // The work done after the backup is not lost: it is in the kept file.
    const kept = openArchive(result.previousKeptAt!);
    try {
      expect(listVendors(kept).map((vendor) => vendor.displayName)).toContain('Renamed after backup');
    } finally {
      kept.close();
    }
    expect(folder().filter((name) => /restoring|partial/.test(name))).toEqual([]);
  });

  it('a connection that stays open on the archive reads the restored content, never a mix', async () => {
    const reader = openArchive(archivePath);
    try {
      expect(listVendors(reader).map((vendor) => vendor.displayName)).toContain('Renamed after backup');
      await restoreArchive(backupPath, archivePath);
      expect(listVendors(reader)).toEqual(backedUp.vendors);
      expect(reader.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      reader.close();
    }
  });

  it('upgrades a backup from an older version of the app (schema 6) on the way in', async () => {
    const old = new Database(backupPath);
    old.exec('DROP TABLE text_block_lists');
    old.pragma('user_version = 6');
    old.close();

    const result = await restoreArchive(backupPath, archivePath);
    expect(result.backupSchemaVersion).toBe(6);
    const db = openArchive(archivePath);
    try {
      expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
      expect(checkArchive(db).ok).toBe(true);
      expect(searchArchive(db, { query: 'cookies' }).totalDocuments).toBeGreaterThan(0);
    } finally {
      db.close();
    }
    // The user's backup file itself is only read.
    const stillOld = new Database(backupPath, { readonly: true });
    expect(stillOld.pragma('user_version', { simple: true })).toBe(6);
    stillOld.close();
  });

  it('rebuilds a search index that was out of step in the backup, and says so', async () => {
    const backup = new Database(backupPath);
    backup.unsafeMode(true);
    backup.exec('DELETE FROM blocks_fts_data WHERE id > 10');
    backup.close();

    const result = await restoreArchive(backupPath, archivePath);
    expect(result.rebuilt).toEqual([expect.stringMatching(/search index/i)]);
    const db = openArchive(archivePath);
    try {
      expect(checkArchive(db).ok).toBe(true);
    } finally {
      db.close();
    }
  });

  it('restores over a current archive whose header is destroyed, keeping its bytes', async () => {
    writeGarbage(archivePath, 1, 100, 100);
    const damaged = readFileSync(archivePath);
    const result = await restoreArchive(backupPath, archivePath);
    expect(readFileSync(result.previousKeptAt!).equals(damaged)).toBe(true);
    const db = openArchive(archivePath);
    try {
      expect(listVendors(db)).toEqual(backedUp.vendors);
    } finally {
      db.close();
    }
  });

  describe('refuses a bad backup and changes nothing', () => {
    const refusals: Array<[string, () => void, RegExp]> = [
      [
        'a text file',
        () => writeFileSync(backupPath, 'not a database at all, just some text'.repeat(50)),
        /not a SQLite database/,
      ],
      [
        "another application's database",
        () => {
          writeFileSync(backupPath, '');
          const other = new Database(backupPath);
          other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)');
          other.pragma('application_id = 12345');
          other.close();
        },
        /another application/,
      ],
      [
        'an empty database',
        () => {
          writeFileSync(backupPath, '');
          new Database(backupPath).exec('VACUUM');
        },
        /not a policy archive/,
      ],
      [
        'a backup from a newer version',
        () => {
          const newer = new Database(backupPath);
          newer.pragma('user_version = 99');
          newer.close();
        },
        /newer version/,
      ],
      [
        'a damaged backup',
        () => {
          const probe = new Database(backupPath, { readonly: true });
          const page = probe
            .prepare("SELECT pageno FROM dbstat WHERE name = 'blocks' AND pagetype = 'leaf' LIMIT 1 OFFSET 2")
            .pluck()
            .get() as number;
          probe.close();
          writeGarbage(backupPath, page, 4096);
        },
        /damaged|malformed/,
      ],
    ];

    it.each(refusals)('%s', async (_name, spoil, message) => {
      spoil();
      const before = readFileSync(archivePath);
      const files = folder();
      const error = await restoreArchive(backupPath, archivePath).then(
        () => null,
        (caught: unknown) => caught as Error,
      );
      expect(error?.message).toMatch(message);
      expect(error?.message).toContain(backupPath);
      expect(error?.message).toMatch(/Nothing was changed/);
      // Byte for byte (Buffer.equals: vitest's deep equality is slow on megabytes).
      expect(readFileSync(archivePath).equals(before)).toBe(true);
      expect(folder()).toEqual(files);
    });
  });

  it('refuses the archive itself as the backup', async () => {
    await expect(restoreArchive(archivePath, archivePath)).rejects.toThrow(/archive itself/);
  });

  it('names the kept copy after the archive, without clobbering an earlier one', () => {
    const now = new Date('2026-01-02T03:04:05Z');
    const first = keptArchiveName(join(dir, 'archive.sqlite'), now);
    writeFileSync(first, '');
    expect(first).toBe(join(dir, 'archive.before-restore-2026-01-02T03-04-05Z.sqlite'));
    expect(keptArchiveName(join(dir, 'archive.sqlite'), now)).toBe(
      join(dir, 'archive.before-restore-2026-01-02T03-04-05Z-2.sqlite'),
    );
    expect(existsSync(first)).toBe(true);
  });
});
