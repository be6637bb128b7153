import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, schemaVersion } from '../../../src/main/archive/database';
import { migrate } from '../../../src/main/archive/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/archive/migrations';
import { findVendor, vendorTimeline } from '../../../src/main/archive/queries';
import { readVersionChange, writeVersionChanges } from '../../../src/main/archive/versionChanges';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { runImport } from '../../../src/main/importers/pipeline';
import { documentTimeline } from '../../../src/main/timeline/documentTimeline';
import { DIFF_ENGINE_VERSION } from '../../../src/main/timeline/versionChangeCache';
import { samplesDir, tempDir } from '../../support/paths';
import { aCapture, paragraph } from './captureBuilder';

/* Schema version 3: the version_changes cache and how it lives with undo. */

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir('pae-version-changes-')));
afterEach(() => cleanup());

const cacheRows = (db: Database.Database): Array<{ text_a: number; text_b: number }> =>
  db.prepare('SELECT text_a, text_b FROM version_changes ORDER BY text_a, text_b').all() as Array<{
    text_a: number;
    text_b: number;
  }>;

describe('version_changes', () => {
  it('is added to a version 2 archive, whose content survives the upgrade', () => {
    const file = join(dir, 'v2.sqlite');
    const seeded = openArchiveAt(file, 2);
    // Rows as a version 2 build wrote them (today's writer fills columns version 2 lacks).
    seeded.exec(`
      INSERT INTO vendors (key, display_name) VALUES ('example.com', 'example.com');
      INSERT INTO documents (vendor_id, key, title) VALUES (1, 'privacy-policy', 'Privacy Policy');
      INSERT INTO imports (uid, description, status, started_at) VALUES ('u1', 'before the upgrade', 'done', '2020-01-01T00:00:00Z');
      INSERT INTO blocks (hash, kind, level, text) VALUES (x'00', 2, 0, 'We collect data.');
      INSERT INTO texts (hash, word_count, block_count, loose_hash) VALUES (x'01', 3, 1, x'02');
      INSERT INTO text_blocks (text_id, position, block_id) VALUES (1, 0, 1);
      INSERT INTO snapshots (document_id, text_id, captured_at, source_path, source_format, import_id, imported_at, origin)
        VALUES (1, 1, '2018-01-01T00:00:00Z', '/old.md', 'princeton-markdown', 1, '2020-01-01T00:00:00Z', 'file');
    `);
    const snapshotId = 1;
    seeded.close();

    const db = openArchive(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT count(*) FROM snapshots WHERE id = ?').pluck().get(snapshotId)).toBe(1);
    expect(cacheRows(db)).toEqual([]);
    db.close();
  });

  it('stores and reads a change between two texts, replacing an older row for the same pair', () => {
    const db = openArchive(join(dir, 'archive.sqlite'));
    const writer = new ArchiveWriter(db);
    const importId = writer.beginImport('two texts');
    writer.addCapture(importId, aCapture({ capturedAt: '2019-01-01T00:00:00Z' }), '1'.repeat(64));
    writer.addCapture(
      importId,
      aCapture({ capturedAt: '2019-02-01T00:00:00Z', blocks: [paragraph('Other words.')] }),
      '2'.repeat(64),
    );
    const [a, b] = db.prepare('SELECT id FROM texts ORDER BY id').pluck().all() as [number, number];
    const stats = {
      wordsAdded: 2,
      wordsRemoved: 8,
      wordsMoved: 0,
      changeRatio: 0.8,
      sectionsTouched: ['Privacy Policy'],
    };
    const row = { textA: a, textB: b, ...stats };
    writeVersionChanges(db, [{ ...row, engineVersion: 1 }]);
    writeVersionChanges(db, [{ ...row, wordsAdded: 3, engineVersion: 2 }]);
    expect(readVersionChange(db, a, b)).toEqual({ ...stats, wordsAdded: 3, engineVersion: 2 });
    // The direction matters: b → a was never computed.
    expect(readVersionChange(db, b, a)).toBeNull();
    // A row must name stored texts.
    expect(() => writeVersionChanges(db, [{ ...row, textB: 999999, engineVersion: 1 }])).toThrow(/FOREIGN KEY/);
    db.close();
  });

  it('loses the rows of texts an undone import removed, and keeps the others', async () => {
    const db = openArchive(join(dir, 'archive.sqlite'));
    await runImport(db, [join(samplesDir, 'princeton-history', 'formlabs.com')]);
    // The seed holds formlabs.com's 2018 (post-GDPR) version: a new text, and a new version.
    const seed = await runImport(db, [join(samplesDir, 'princeton')]);
    const formlabs = findVendor(db, 'formlabs.com')!;
    const documentId = vendorTimeline(db, formlabs.id)!.documents[0]!.id;
    expect(documentTimeline(db, documentId)!.versions).toHaveLength(3);
    const before = cacheRows(db);
    expect(before).toHaveLength(2);

    new ArchiveWriter(db).undoImport(seed.importId);

    const texts = new Set(db.prepare('SELECT id FROM texts').pluck().all() as number[]);
    const after = cacheRows(db);
    expect(after.every((row) => texts.has(row.text_a) && texts.has(row.text_b))).toBe(true);
    // The 2015 → 2016 change only involves texts of the first import: it stays cached.
    expect(after).toHaveLength(1);
    expect(before).toContainEqual(after[0]);
    expect(db.pragma('foreign_key_check')).toEqual([]);

    // The timeline is right again, and its cached row is still used.
    const timeline = documentTimeline(db, documentId)!;
    expect(timeline.versions).toHaveLength(2);
    expect(cacheRows(db)).toEqual(after);
    expect(db.prepare('SELECT DISTINCT engine_version FROM version_changes').pluck().all()).toEqual([
      DIFF_ENGINE_VERSION,
    ]);
    db.close();
  });
});

/** Open a file migrated to `version` with the pragmas an archive connection uses, without migrating further. */
function openArchiveAt(file: string, version: number): Database.Database {
  const db = new Database(file);
  db.pragma('foreign_keys = ON');
  migrate(db, file, MIGRATIONS.slice(0, version));
  return db;
}
