import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, schemaVersion } from '../../../src/main/archive/database';
import { migrate } from '../../../src/main/archive/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/archive/migrations';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { fleschReadingEase, textReadingCounts } from '../../../src/main/extract/readability';
import { runImport } from '../../../src/main/importers/pipeline';
import { searchTrend } from '../../../src/main/search/trend';
import { assertArchiveIntegrity } from '../../support/archiveState';
import { samplesDir, tempDir } from '../../support/paths';
import { aCapture, heading, paragraph } from './captureBuilder';

type Counts = { id: number; sentences: number | null; syllables: number | null; words: number };

function readingCounts(db: Database.Database): Counts[] {
  return db
    .prepare(
      'SELECT id, sentence_count AS sentences, syllable_count AS syllables, word_count AS words FROM texts ORDER BY id',
    )
    .all() as Counts[];
}

/**
 * Copy an archive's content into a new file built by migrations 1–3 only, column by column
 * as version 3 stored it: the file an older build of the app would have written.
 */
function writeVersion3Copy(sourceFile: string, file: string): void {
  const db = new Database(file);
  migrate(db, file, MIGRATIONS.slice(0, 3));
  db.prepare('ATTACH DATABASE ? AS source').run(sourceFile);
  db.exec(`
    INSERT INTO vendors SELECT id, key, display_name FROM source.vendors;
    INSERT INTO documents SELECT id, vendor_id, key, title FROM source.documents;
    INSERT INTO imports SELECT id, uid, description, status, started_at, finished_at FROM source.imports;
    INSERT INTO import_sources SELECT hash, path, format, snapshot_count, import_id FROM source.import_sources;
    INSERT INTO texts (id, hash, word_count, block_count, loose_hash)
      SELECT id, hash, word_count, block_count, loose_hash FROM source.texts;
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

describe('schema version 4: readability counts per text', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('stores the sentence and syllable counts of every new text', () => {
    const db = openArchive(join(dir, 'new.sqlite'));
    const writer = new ArchiveWriter(db);
    const importId = writer.beginImport('test');
    const blocks = [heading('Your data', 1), paragraph('We keep it safe. We never sell it.')];
    writer.addCapture(importId, aCapture({ blocks }), 'a'.repeat(64));
    const [text] = readingCounts(db);
    // Heading: one sentence of 2 words; paragraph: two sentences of 4 words.
    expect(text).toEqual({ id: text!.id, sentences: 3, syllables: textReadingCounts(blocks).syllables, words: 10 });
    db.close();
  });

  it('upgrades an archive written by version 3, filling the counts exactly as the writer would', async () => {
    const current = join(dir, 'current.sqlite');
    const written = openArchive(current);
    await runImport(written, [join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')]);
    const expected = readingCounts(written);
    written.close();
    expect(expected.length).toBeGreaterThan(10);
    expect(expected.every((text) => text.sentences !== null && text.sentences > 0)).toBe(true);

    const old = join(dir, 'v3.sqlite');
    writeVersion3Copy(current, old);
    const before = new Database(old, { readonly: true });
    expect(schemaVersion(before)).toBe(3);
    expect(
      before.prepare("SELECT count(*) FROM pragma_table_info('texts') WHERE name = 'sentence_count'").pluck().get(),
    ).toBe(0);
    before.close();

    const db = openArchive(old);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(readingCounts(db)).toEqual(expected);
    assertArchiveIntegrity(db);

    // The upgraded archive answers a readability trend: formlabs.com's post-GDPR policy has a score.
    const trend = searchTrend(db, { query: '', by: 'year' });
    const y2018 = trend.periods.find((period) => period.label === '2018')!;
    expect(y2018.medianReadability).not.toBeNull();
    const scores = expected.map((text) =>
      fleschReadingEase({ sentences: text.sentences!, words: text.words, syllables: text.syllables! }),
    );
    expect(scores.every((score) => score !== null && score > -50 && score < 100)).toBe(true);
    db.close();
  });

  it('leaves an archive without texts upgradable (nothing to fill)', () => {
    const file = join(dir, 'empty.sqlite');
    const v3 = new Database(file);
    migrate(v3, file, MIGRATIONS.slice(0, 3));
    v3.close();
    const db = openArchive(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(readingCounts(db)).toEqual([]);
    db.close();
  });
});
