import type Database from 'better-sqlite3';
import { HEADING_CODE } from './blockKinds';
import { cachedStatement } from './statementCache';

/*
 * SQL behind full-text search (src/main/search builds on these; the plan is
 * described in src/main/search/README.md). The FTS expression passed in must
 * come from parseQuery: it is bound as a parameter, but FTS5 parses it, and
 * only parseQuery guarantees valid syntax.
 *
 * Two FTS5 traps shape these statements:
 * - A rowid compared with a bound JS number must be CAST to INTEGER: numbers
 *   are bound as REAL, and FTS5 then ignores `rowid = ?` next to MATCH and
 *   returns every match (the first one won, so every hit showed the same
 *   block). The CAST form seeks straight to the row.
 * - `ORDER BY rank` makes FTS5 compute the rank of every match before any
 *   other condition is applied. Where only some matches are wanted (a
 *   vendor's blocks), the rank is read in a MATERIALIZED CTE filtered first,
 *   and sorted outside it.
 */

/** A matching block and its bm25 rank (lower is better; headings weigh double). */
export interface RankedBlock {
  blockId: number;
  score: number;
}

/** Largest rowid a window can end at (rowids are SQLite integers). */
const LAST_ROWID = Number.MAX_SAFE_INTEGER;

/** True when the expression matches at least one block. */
export function hasMatch(db: Database.Database, fts: string): boolean {
  return cachedStatement(db, 'SELECT 1 FROM blocks_fts WHERE blocks_fts MATCH ? LIMIT 1').get(fts) !== undefined;
}

/**
 * The rowid of the (skip + 1)-th match above `afterRowid`, in rowid order, or
 * null when there are not that many: where a window of `skip + 1` matches ends.
 * Reads only the doclist (no rank), so it is cheap even for common terms.
 */
export function matchRowidAt(db: Database.Database, fts: string, afterRowid: number, skip: number): number | null {
  const rowid = cachedStatement(
    db,
    `SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH :fts AND rowid > CAST(:after AS INTEGER)
     ORDER BY rowid LIMIT 1 OFFSET :skip`,
  )
    .pluck()
    .get({ fts, after: afterRowid, skip }) as number | undefined;
  return rowid ?? null;
}

/** Matches with afterRowid < rowid ≤ upToRowid (null: no upper end), best first. */
export function rankMatches(
  db: Database.Database,
  fts: string,
  afterRowid: number,
  upToRowid: number | null,
): RankedBlock[] {
  return cachedStatement(
    db,
    `SELECT rowid AS blockId, rank AS score FROM blocks_fts
     WHERE blocks_fts MATCH :fts AND rowid > CAST(:after AS INTEGER) AND rowid <= CAST(:upTo AS INTEGER)
     ORDER BY rank, rowid`,
  ).all({ fts, after: afterRowid, upTo: upToRowid ?? LAST_ROWID }) as RankedBlock[];
}

/**
 * The texts holding each listed block, in list order: per block, its text ids
 * above `afterText` in ascending order, at most `perBlock` of them (a block
 * cut short returns exactly `perBlock`). Text ids come as one JSON array per
 * block: reading one row per (block, text) pair would cost ten times more.
 */
export function textsOfBlocks(
  db: Database.Database,
  blockIds: readonly number[],
  perBlock: number,
  afterText = 0,
): number[][] {
  // The covering index text_blocks_block (block_id, text_id, position) yields text ids in order.
  const rows = cachedStatement(
    db,
    `SELECT (SELECT json_group_array(text_id) FROM (
               SELECT text_id FROM text_blocks WHERE block_id = j.value AND text_id > :afterText LIMIT :perBlock))
     FROM json_each(:blocks) j ORDER BY j.key`,
  )
    .pluck()
    .all({ blocks: JSON.stringify(blockIds), perBlock, afterText }) as string[];
  return rows.map((list) => JSON.parse(list) as number[]);
}

/** The blocks of each listed text, in position order (one JSON array per text, as in textsOfBlocks). */
export function blocksOfTexts(db: Database.Database, textIds: readonly number[]): number[][] {
  const rows = cachedStatement(
    db,
    `SELECT (SELECT json_group_array(block_id) FROM text_blocks WHERE text_id = j.value)
     FROM json_each(:texts) j ORDER BY j.key`,
  )
    .pluck()
    .all({ texts: JSON.stringify(textIds) }) as string[];
  return rows.map((list) => JSON.parse(list) as number[]);
}

/**
 * The listed blocks that match, best first. Only these are ranked: the rank
 * is read in a MATERIALIZED CTE after the list filter (see the top of this
 * file), and the list is a `+rowid` condition so FTS5 does not run the query
 * once per listed block.
 */
export function rankListedMatches(db: Database.Database, fts: string, blockIds: readonly number[]): RankedBlock[] {
  return cachedStatement(
    db,
    `WITH matches AS MATERIALIZED (
       SELECT rowid AS blockId, rank AS score FROM blocks_fts
       WHERE blocks_fts MATCH :fts AND +rowid IN (SELECT value FROM json_each(:blocks)))
     SELECT blockId, score FROM matches ORDER BY score, blockId`,
  ).all({ fts, blocks: JSON.stringify(blockIds) }) as RankedBlock[];
}

/** Position of a block in a text (its first occurrence), or null. */
export function blockPosition(db: Database.Database, textId: number, blockId: number): number | null {
  const position = cachedStatement(
    db,
    'SELECT min(position) FROM text_blocks WHERE block_id = :blockId AND text_id = :textId',
  )
    .pluck()
    .get({ blockId, textId }) as number | null;
  return position ?? null;
}

/** How to mark matches in a block's text (see highlightBlock). */
export interface HighlightMarks {
  fts: string;
  start: string;
  end: string;
  ellipsis: string;
  /** Blocks longer than this are cut to a fragment around the matches. */
  maxChars: number;
  fragmentTokens: number;
}

const HIGHLIGHT_COLUMNS = `
  coalesce(highlight(blocks_fts, 0, :start, :end), highlight(blocks_fts, 1, :start, :end)) AS full,
  snippet(blocks_fts, -1, :start, :end, :ellipsis, :tokens) AS fragment,
  (SELECT length(text) FROM blocks WHERE id = blocks_fts.rowid) AS length`;

interface HighlightRow {
  blockId: number;
  full: string | null;
  fragment: string | null;
  length: number;
}

const shown = (row: HighlightRow, maxChars: number): string | null =>
  row.length > maxChars && row.fragment ? row.fragment : row.full;

const markParams = (marks: HighlightMarks) => ({
  fts: marks.fts,
  start: marks.start,
  end: marks.end,
  ellipsis: marks.ellipsis,
  tokens: marks.fragmentTokens,
});

/**
 * The text of a block with the expression's terms wrapped in `start`/`end`.
 * Blocks longer than `maxChars` are cut to FTS5's best fragment of
 * `fragmentTokens` tokens around the matches, with `ellipsis` where cut.
 * One seek per block: the cheapest way for words and phrases.
 */
export function highlightBlock(db: Database.Database, marks: HighlightMarks & { blockId: number }): string | null {
  const row = cachedStatement(
    db,
    `SELECT rowid AS blockId, ${HIGHLIGHT_COLUMNS}
     FROM blocks_fts WHERE blocks_fts MATCH :fts AND rowid = CAST(:blockId AS INTEGER)`,
  ).get({ ...markParams(marks), blockId: marks.blockId }) as HighlightRow | undefined;
  return row ? shown(row, marks.maxChars) : null;
}

/**
 * highlightBlock for many blocks in one pass over the expression's matches.
 * For prefix queries a seek per block costs ten times more (every word with
 * the prefix is looked up again), so one pass is cheaper.
 */
export function highlightBlocks(
  db: Database.Database,
  marks: HighlightMarks & { blockIds: readonly number[] },
): Map<number, string> {
  const rows = cachedStatement(
    db,
    `WITH listed AS MATERIALIZED (SELECT value AS id FROM json_each(:blocks))
     SELECT rowid AS blockId, ${HIGHLIGHT_COLUMNS}
     FROM blocks_fts WHERE blocks_fts MATCH :fts AND +rowid IN listed`,
  ).all({ ...markParams(marks), blocks: JSON.stringify(marks.blockIds) }) as HighlightRow[];
  const snippets = new Map<number, string>();
  for (const row of rows) snippets.set(row.blockId, shown(row, marks.maxChars) ?? '');
  return snippets;
}

/** Headings of a text up to and including `position`, in order. */
export function headingsUpTo(
  db: Database.Database,
  textId: number,
  position: number,
): Array<{ position: number; level: number; text: string }> {
  return cachedStatement(
    db,
    `SELECT tb.position, b.level, b.text FROM text_blocks tb JOIN blocks b ON b.id = tb.block_id
     WHERE tb.text_id = ? AND tb.position <= ? AND b.kind = ${HEADING_CODE} ORDER BY tb.position`,
  ).all(textId, position) as Array<{ position: number; level: number; text: string }>;
}
