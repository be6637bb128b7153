import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../../src/main/archive/database';
import { checkArchive } from '../../../../src/main/archive/maintenance/checkArchive';
import { textBlockIndex, indexHasText } from '../../../../src/main/archive/textBlockIndex';
import { searchArchive } from '../../../../src/main/search/search';
import type { ArchiveCheckId, ArchiveCheckReport } from '../../../../src/shared/maintenanceDomain';
import { tableCounts } from '../../../support/archiveState';
import { tempDir } from '../../../support/paths';
import { usePristineArchive, writeGarbage } from './maintenanceFixture';

/*
 * "Check archive" against archives damaged the ways real ones get damaged:
 * a search index out of step with the text (rows lost from FTS5's shadow
 * tables, or index entries for words the text does not hold), block lists
 * that disagree with text_blocks, rows pointing nowhere, and garbage written
 * over a page of the file. Check must find each; repair must fix what can be
 * rebuilt and leave the rest alone.
 */

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

function check(report: ArchiveCheckReport, id: ArchiveCheckId) {
  const found = report.checks.find((item) => item.id === id);
  if (!found) throw new Error(`no check ${id} in the report`);
  return found;
}

function documentsMatching(query: string): number {
  return searchArchive(db, { query }).totalDocuments;
}

describe('checkArchive on a sound archive', () => {
  it('passes every check, repairs nothing and gives no advice', () => {
    const report = checkArchive(db);
    expect(report.ok).toBe(true);
    expect(report.advice).toBeNull();
    expect(report.checks.map((item) => item.id)).toEqual([
      'integrity',
      'foreign-keys',
      'full-text-index',
      'block-lists',
      'snapshot-links',
    ]);
    expect(report.checks.every((item) => item.ok && !item.repaired)).toBe(true);
  });
});

describe('a damaged search index', () => {
  it('rows deleted from the FTS5 shadow table are found, and repair rebuilds the index so search works again', () => {
    const before = documentsMatching('privacy');
    expect(before).toBeGreaterThan(0);
    // Lose index segments, as a half-copied or hand-edited file would.
    db.unsafeMode(true);
    const removed = db.prepare('DELETE FROM blocks_fts_data WHERE id > 10').run().changes;
    db.unsafeMode(false);
    expect(removed).toBeGreaterThan(0);

    const found = checkArchive(db);
    expect(found.ok).toBe(false);
    expect(check(found, 'full-text-index')).toMatchObject({ ok: false, repairable: true, repaired: false });
    expect(check(found, 'integrity').ok).toBe(true);
    expect(found.advice).toMatch(/repair/);

    const repaired = checkArchive(db, { repair: true });
    expect(repaired.ok).toBe(true);
    expect(check(repaired, 'full-text-index')).toMatchObject({ ok: true, repaired: true });
    expect(documentsMatching('privacy')).toBe(before);
    expect(checkArchive(db).ok).toBe(true);
  });

  it('index entries that do not match the text (a "delete" with wrong values) are found and rebuilt', () => {
    const block = db.prepare("SELECT id, heading, body FROM blocks WHERE body LIKE '%cookies%' LIMIT 1").get() as {
      id: number;
      heading: string | null;
      body: string | null;
    };
    // Tell FTS5 the block held other words: its real words stay indexed, "zebra" gets a negative entry.
    db.prepare(
      "INSERT INTO blocks_fts(blocks_fts, rowid, heading, body) VALUES ('delete', ?, NULL, 'zebra quagga')",
    ).run(block.id);
    const found = checkArchive(db);
    expect(check(found, 'full-text-index').ok).toBe(false);

    const repaired = checkArchive(db, { repair: true });
    expect(check(repaired, 'full-text-index')).toMatchObject({ ok: true, repaired: true });
    expect(documentsMatching('cookies')).toBeGreaterThan(0);
    expect(checkArchive(db).ok).toBe(true);
  });
});

describe('block lists out of step with text_blocks', () => {
  it('a changed, a missing and an orphan list are each found; repair rewrites them from text_blocks', () => {
    const texts = db
      .prepare('SELECT id FROM texts WHERE block_count > 1 ORDER BY id LIMIT 2')
      .pluck()
      .all() as number[];
    const [changed, missing] = texts as [number, number];
    db.prepare('UPDATE text_block_lists SET block_ids = ? WHERE text_id = ?').run(Buffer.from([1, 0, 0, 0]), changed);
    db.prepare('DELETE FROM text_block_lists WHERE text_id = ?').run(missing);
    db.pragma('foreign_keys = OFF');
    db.prepare('INSERT INTO text_block_lists (text_id, block_ids) VALUES (?, ?)').run(
      999_999,
      Buffer.from([7, 0, 0, 0]),
    );
    db.pragma('foreign_keys = ON');

    const found = check(checkArchive(db), 'block-lists');
    expect(found.ok).toBe(false);
    expect(found.detail).toContain(`text ${changed}: list differs`);
    expect(found.detail).toContain(`text ${missing}: no list`);
    expect(found.detail).toContain('list of missing text 999999');

    const repaired = checkArchive(db, { repair: true });
    expect(check(repaired, 'block-lists')).toMatchObject({ ok: true, repaired: true });
    // What the phrase history reads (the in-memory lists) now says what text_blocks says.
    const index = textBlockIndex(db);
    for (const textId of [changed, missing]) {
      const expected = db
        .prepare('SELECT block_id FROM text_blocks WHERE text_id = ? ORDER BY position')
        .pluck()
        .all(textId) as number[];
      const from = index.start[textId]!;
      expect(Array.from(index.blocks.slice(from, from + index.length[textId]!))).toEqual(expected);
    }
    expect(indexHasText(index, 999_999)).toBe(false);
  });
});

describe('problems repair cannot fix', () => {
  it('a snapshot whose text is gone is reported, with advice to restore, and repair changes nothing', () => {
    const snapshot = db.prepare('SELECT id, text_id AS textId FROM snapshots LIMIT 1').get() as {
      id: number;
      textId: number;
    };
    db.pragma('foreign_keys = OFF');
    db.prepare('DELETE FROM text_blocks WHERE text_id = ?').run(snapshot.textId);
    db.prepare('DELETE FROM text_block_lists WHERE text_id = ?').run(snapshot.textId);
    db.prepare('DELETE FROM version_changes WHERE text_a = ? OR text_b = ?').run(snapshot.textId, snapshot.textId);
    db.prepare('DELETE FROM texts WHERE id = ?').run(snapshot.textId);
    db.pragma('foreign_keys = ON');
    const counts = tableCounts(db);

    const report = checkArchive(db, { repair: true });
    expect(report.ok).toBe(false);
    expect(check(report, 'snapshot-links').detail).toContain(
      `snapshot ${snapshot.id} → missing text ${snapshot.textId}`,
    );
    expect(check(report, 'foreign-keys').ok).toBe(false);
    expect(check(report, 'snapshot-links').repaired).toBe(false);
    expect(report.advice).toMatch(/backup/i);
    expect(tableCounts(db)).toEqual(counts);
  });

  it('garbage written over a page of the file fails the integrity check, and repair leaves the file as it was', () => {
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    const page = db
      .prepare("SELECT pageno FROM dbstat WHERE name = 'blocks' AND pagetype = 'leaf' ORDER BY pageno LIMIT 1 OFFSET 2")
      .pluck()
      .get() as number;
    const file = db.name;
    db.pragma('journal_mode = DELETE');
    db.close();
    writeGarbage(file, page, pageSize);
    // Past the 100-byte file header (opening in WAL mode and back rewrites its journal-mode and change-counter bytes).
    const contentHash = () => createHash('sha256').update(readFileSync(file).subarray(100)).digest('hex');
    const damaged = contentHash();

    db = openArchive(file);
    const report = checkArchive(db, { repair: true });
    expect(report.ok).toBe(false);
    const integrity = check(report, 'integrity');
    expect(integrity.ok).toBe(false);
    expect(integrity.detail).toMatch(/damaged|malformed|page/i);
    expect(report.advice).toMatch(/Restore it from a backup/);
    // Nothing was repaired, so nothing was written.
    expect(report.checks.some((item) => item.repaired)).toBe(false);
    db.pragma('journal_mode = DELETE');
    db.close();
    expect(contentHash()).toBe(damaged);
  });
});
