import type Database from 'better-sqlite3';
import { packBlockIds, unpackBlockIds } from '../blockLists';

/** Texts whose packed block list (schema v7 `text_block_lists`) disagrees with `text_blocks`. */
export interface BlockListProblems {
  /** Texts with blocks but no list row. */
  missing: number[];
  /** Texts whose list differs from their blocks in position order (or is not whole Int32s). */
  stale: number[];
  /** List rows of texts that do not exist. */
  orphans: number[];
}

/** Texts compared per query: bounded memory on a 100k-text archive. */
const RANGE = 5000;

/**
 * Compare every text's packed list with its `text_blocks` rows in position
 * order. A text without blocks may have an empty list or none (the v7
 * migration wrote none for those, the writer an empty one).
 */
export function findBlockListProblems(db: Database.Database): BlockListProblems {
  const problems: BlockListProblems = { missing: [], stale: [], orphans: [] };
  const maxId = db
    .prepare(
      'SELECT max(coalesce((SELECT max(id) FROM texts), 0), coalesce((SELECT max(text_id) FROM text_block_lists), 0))',
    )
    .pluck()
    .get() as number;
  const expectedIn = db.prepare(
    `SELECT text_id AS textId, group_concat(block_id, ',' ORDER BY position) AS ids
     FROM text_blocks WHERE text_id > ? AND text_id <= ? GROUP BY text_id`,
  );
  const storedIn = db.prepare(
    `SELECT l.text_id AS textId, l.block_ids AS blob, t.id IS NOT NULL AS textExists
     FROM text_block_lists l LEFT JOIN texts t ON t.id = l.text_id
     WHERE l.text_id > ? AND l.text_id <= ?`,
  );
  for (let from = 0; from < maxId; from += RANGE) {
    const expected = new Map<number, string>();
    for (const row of expectedIn.all(from, from + RANGE) as Array<{ textId: number; ids: string }>) {
      expected.set(row.textId, row.ids);
    }
    const seen = new Set<number>();
    for (const row of storedIn.all(from, from + RANGE) as Array<{ textId: number; blob: Buffer; textExists: number }>) {
      seen.add(row.textId);
      if (!row.textExists) {
        problems.orphans.push(row.textId);
        continue;
      }
      if (storedIds(row.blob) !== (expected.get(row.textId) ?? '')) problems.stale.push(row.textId);
    }
    for (const textId of expected.keys()) if (!seen.has(textId)) problems.missing.push(textId);
  }
  problems.missing.sort((a, b) => a - b);
  return problems;
}

/** Rewrite the lists of the given texts from `text_blocks` and drop orphan rows (one transaction). */
export function rewriteBlockLists(db: Database.Database, problems: BlockListProblems): void {
  const blocksOf = db.prepare('SELECT block_id FROM text_blocks WHERE text_id = ? ORDER BY position').pluck();
  const remove = db.prepare('DELETE FROM text_block_lists WHERE text_id = ?');
  const insert = db.prepare('INSERT INTO text_block_lists (text_id, block_ids) VALUES (?, ?)');
  db.transaction(() => {
    for (const textId of problems.orphans) remove.run(textId);
    // Delete and insert (not update): a new `seq` tells per-connection caches (textBlockIndex.ts) the list changed.
    for (const textId of [...problems.stale, ...problems.missing]) {
      remove.run(textId);
      insert.run(textId, packBlockIds(blocksOf.all(textId) as number[]));
    }
  }).immediate();
}

function storedIds(blob: Buffer): string | null {
  try {
    return Array.from(unpackBlockIds(blob)).join(',');
  } catch {
    return null;
  }
}
