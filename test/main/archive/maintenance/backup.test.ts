import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../../src/main/archive/database';
import { backupArchive } from '../../../../src/main/archive/maintenance/backup';
import { checkArchive } from '../../../../src/main/archive/maintenance/checkArchive';
import { listVendors } from '../../../../src/main/archive/queries';
import { searchArchive } from '../../../../src/main/search/search';
import type { MaintenanceProgress } from '../../../../src/shared/maintenanceDomain';
import { tableCounts } from '../../../support/archiveState';
import { tempDir } from '../../../support/paths';
import { usePristineArchive, writeGarbage } from './maintenanceFixture';

const archive = usePristineArchive();
let dir: string;
let cleanup: () => void;
let db: Database.Database;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  db = openArchive(archive.copy(dir));
});
afterEach(() => {
  if (db.open) db.close();
  cleanup();
});

describe('backupArchive', () => {
  it('writes one self-contained file that opens as the same archive, searches the same and checks clean', async () => {
    const progress: MaintenanceProgress[] = [];
    const target = join(dir, 'backups', 'copy.sqlite');
    mkdirSync(join(dir, 'backups'));
    const result = await backupArchive(db, target, { onProgress: (step) => progress.push(step) });

    expect(result.path).toBe(target);
    expect(result.bytes).toBe(statSync(target).size);
    expect(result.snapshots).toBe(tableCounts(db).snapshots);
    // One file: nothing to lose when it is moved to another disk.
    expect(readdirSync(join(dir, 'backups'))).toEqual(['copy.sqlite']);
    expect(progress.at(-1)).toMatchObject({ operation: 'backup' });
    expect(progress.at(-1)!.done).toBe(progress.at(-1)!.total);

    const copy = openArchive(target);
    try {
      expect(tableCounts(copy)).toEqual(tableCounts(db));
      expect(listVendors(copy)).toEqual(listVendors(db));
      expect(searchArchive(copy, { query: 'cookies' }).totalDocuments).toBe(
        searchArchive(db, { query: 'cookies' }).totalDocuments,
      );
      expect(checkArchive(copy).ok).toBe(true);
    } finally {
      copy.close();
    }
  });

  it('copies a consistent state while the same connection keeps reading and writing', async () => {
    const vendor = listVendors(db)[0]!;
    let wrote = false;
    const target = join(dir, 'during.sqlite');
    const backup = backupArchive(db, target, {
      onProgress: () => {
        if (wrote) return;
        wrote = true;
        // The app renames a vendor and reads while the copy runs.
        db.prepare('UPDATE vendors SET display_name = ? WHERE id = ?').run('Renamed during backup', vendor.id);
        expect(listVendors(db).length).toBeGreaterThan(0);
      },
    });
    await backup;
    expect(wrote).toBe(true);
    const copy = openArchive(target);
    try {
      expect(checkArchive(copy).ok).toBe(true);
      expect(listVendors(copy).map((item) => item.displayName)).toContain('Renamed during backup');
      expect(tableCounts(copy)).toEqual(tableCounts(db));
    } finally {
      copy.close();
    }
  });

  it('finishes even when another connection (an import) writes between every step', async () => {
    const other = openArchive(db.name);
    const vendorId = listVendors(other)[0]!.id;
    let writes = 0;
    try {
      const target = join(dir, 'busy.sqlite');
      await backupArchive(db, target, {
        pagesPerStep: 20,
        onProgress: () => {
          // Each commit by another connection makes SQLite restart the copy.
          other.prepare('UPDATE vendors SET display_name = ? WHERE id = ?').run(`Edit ${++writes}`, vendorId);
        },
      });
      expect(writes).toBeGreaterThan(1);
      const copy = openArchive(target);
      try {
        expect(checkArchive(copy).ok).toBe(true);
        expect(tableCounts(copy)).toEqual(tableCounts(db));
      } finally {
        copy.close();
      }
    } finally {
      other.close();
    }
  });

  it('refuses to write over the open archive or its WAL, naming the file', async () => {
    await expect(backupArchive(db, db.name)).rejects.toThrow(/onto itself/);
    await expect(backupArchive(db, `${db.name}-wal`)).rejects.toThrow(/onto itself/);
    expect(checkArchive(db).ok).toBe(true);
  });

  it('refuses a folder that does not exist', async () => {
    const target = join(dir, 'missing', 'copy.sqlite');
    await expect(backupArchive(db, target)).rejects.toThrow(/missing.*does not exist/);
  });

  it('a backup of a damaged archive fails its integrity check: no file is left and an older backup stays as it was', async () => {
    const older = join(dir, 'older.sqlite');
    writeFileSync(older, 'an older backup');
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const page = db
      .prepare("SELECT pageno FROM dbstat WHERE name = 'text_blocks' AND pagetype = 'leaf' LIMIT 1 OFFSET 1")
      .pluck()
      .get() as number;
    const file = db.name;
    db.close();
    writeGarbage(file, page, pageSize, 16);
    db = openArchive(file);

    await expect(backupArchive(db, older)).rejects.toThrow(/older\.sqlite.*(integrity|malformed)/s);
    expect(readFileSync(older, 'utf8')).toBe('an older backup');
    expect(readdirSync(dir).filter((name) => name.includes('partial'))).toEqual([]);
    const fresh = join(dir, 'fresh.sqlite');
    await expect(backupArchive(db, fresh)).rejects.toThrow();
    expect(existsSync(fresh)).toBe(false);
  });
});
