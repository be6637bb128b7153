import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setSnapshotNote, setSnapshotTags, setVendorTags } from '../../../src/main/archive/annotations';
import { openArchive, schemaVersion } from '../../../src/main/archive/database';
import { libraryVendors } from '../../../src/main/archive/library';
import { migrate } from '../../../src/main/archive/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/archive/migrations';
import { findVendor, vendorTimeline } from '../../../src/main/archive/queries';
import { mergeVendors } from '../../../src/main/archive/vendorEdits';
import { runImport } from '../../../src/main/importers/pipeline';
import { searchArchive } from '../../../src/main/search/search';
import { assertArchiveIntegrity } from '../../support/archiveState';
import { samplesDir, tempDir } from '../../support/paths';

/**
 * Copy an archive's content into a new file built by migrations 1–4 only, column by column
 * as version 4 stored it: the file the previous build of the app would have written.
 */
function writeVersion4Copy(sourceFile: string, file: string): void {
  const db = new Database(file);
  migrate(db, file, MIGRATIONS.slice(0, 4));
  db.prepare('ATTACH DATABASE ? AS source').run(sourceFile);
  db.exec(`
    INSERT INTO vendors SELECT id, key, display_name FROM source.vendors;
    INSERT INTO documents SELECT id, vendor_id, key, title FROM source.documents;
    INSERT INTO imports SELECT id, uid, description, status, started_at, finished_at FROM source.imports;
    INSERT INTO import_sources SELECT hash, path, format, snapshot_count, import_id FROM source.import_sources;
    INSERT INTO texts (id, hash, word_count, block_count, loose_hash, sentence_count, syllable_count)
      SELECT id, hash, word_count, block_count, loose_hash, sentence_count, syllable_count FROM source.texts;
    INSERT INTO blocks (id, hash, kind, level, text) SELECT id, hash, kind, level, text FROM source.blocks;
    INSERT INTO text_blocks SELECT text_id, position, block_id FROM source.text_blocks;
    INSERT INTO snapshots (id, document_id, text_id, captured_at, original_url, wayback_url, effective_date,
        source_path, source_format, inferred, import_id, imported_at, origin, captured_at_source)
      SELECT id, document_id, text_id, captured_at, original_url, wayback_url, effective_date,
        source_path, source_format, inferred, import_id, imported_at, origin, captured_at_source FROM source.snapshots;
    INSERT INTO blocks_fts(blocks_fts) VALUES ('rebuild');
  `);
  db.exec('DETACH DATABASE source');
  db.close();
}

describe('schema version 5: tags, notes and vendor aliases', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('upgrades an archive written by version 4, keeping its content, and the library edits work on it', async () => {
    const current = join(dir, 'current.sqlite');
    const written = openArchive(current);
    await runImport(written, [join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')]);
    const expected = libraryVendors(written);
    written.close();

    const old = join(dir, 'v4.sqlite');
    writeVersion4Copy(current, old);
    const before = new Database(old, { readonly: true });
    expect(schemaVersion(before)).toBe(4);
    expect(before.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'tags'").pluck().get()).toBe(0);
    before.close();

    const db = openArchive(old);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(libraryVendors(db)).toEqual(expected);
    assertArchiveIntegrity(db);

    const formlabs = findVendor(db, 'formlabs.com')!;
    const snapshot = vendorTimeline(db, formlabs.id)!.documents[0]!.snapshots[0]!;
    expect(setVendorTags(db, formlabs.id, ['GDPR'])).toEqual(['GDPR']);
    expect(setSnapshotTags(db, snapshot.id, ['baseline'])!.tags).toEqual(['baseline']);
    expect(setSnapshotNote(db, snapshot.id, 'Before the GDPR.')!.note).toBe('Before the GDPR.');
    // Tag names are unique ignoring case in the table itself.
    expect(() => db.prepare("INSERT INTO tags (name) VALUES ('gdpr')").run()).toThrow(/UNIQUE/);

    // Links cascade: deleting the vendor's content by hand leaves no tag, note or alias behind.
    const protolabs = findVendor(db, 'protolabs.com')!;
    mergeVendors(db, { targetId: formlabs.id, sourceIds: [protolabs.id] });
    expect(db.prepare('SELECT key FROM vendor_aliases').pluck().all()).toEqual(['protolabs.com']);
    expect(searchArchive(db, { query: 'Proto Labs' }).hits.every((hit) => hit.vendorId === formlabs.id)).toBe(true);
    db.exec('DELETE FROM snapshots; DELETE FROM documents; DELETE FROM vendors;');
    for (const table of ['vendor_tags', 'snapshot_tags', 'snapshot_notes', 'vendor_aliases']) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get()).toBe(0);
    }
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    db.close();
  });
});
