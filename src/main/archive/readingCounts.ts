import type Database from 'better-sqlite3';
import { blockReadingCounts } from '../extract/readability';

/**
 * Fill texts.sentence_count and texts.syllable_count (schema version 4) for
 * every text that lacks them, from the stored blocks. Returns how many texts
 * were filled.
 *
 * Cost grows with the distinct blocks, not with the texts: consecutive
 * versions share most of their blocks, so each block is counted once (the
 * counts are additive over blocks), into a temporary table, and SQLite sums
 * them over each text's block list. Summing in SQL matters: on a generated
 * archive of 100k captures the block lists hold 12.6M rows, which cost 6 s to
 * hand to JavaScript one by one and about 1 s to sum in place.
 */
export function backfillReadingCounts(db: Database.Database): number {
  db.exec(`
    DROP TABLE IF EXISTS temp.block_reading;
    CREATE TEMP TABLE block_reading (id INTEGER PRIMARY KEY, sentences INTEGER NOT NULL, syllables INTEGER NOT NULL);
  `);
  try {
    const insert = db.prepare('INSERT INTO temp.block_reading (id, sentences, syllables) VALUES (?, ?, ?)');
    // Every block, not only those of uncounted texts: selecting those would
    // mean a pass over all block lists, which costs more than counting the few
    // blocks of already-counted texts. Read first: better-sqlite3 cannot write
    // while a statement is iterating.
    const rows = db.prepare('SELECT id, text FROM blocks').raw().all() as Array<[number, string]>;
    for (const [id, text] of rows) {
      const counts = blockReadingCounts(text);
      insert.run(id, counts.sentences, counts.syllables);
    }
    return db
      .prepare(
        `UPDATE texts SET (sentence_count, syllable_count) = (
           SELECT coalesce(sum(br.sentences), 0), coalesce(sum(br.syllables), 0)
           FROM text_blocks tb JOIN temp.block_reading br ON br.id = tb.block_id
           WHERE tb.text_id = texts.id)
         WHERE sentence_count IS NULL OR syllable_count IS NULL`,
      )
      .run().changes;
  } finally {
    db.exec('DROP TABLE IF EXISTS temp.block_reading');
  }
}
