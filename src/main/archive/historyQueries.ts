import type Database from 'better-sqlite3';
import { CAPTURE_IN_SCOPE, DOCUMENT_IN_SCOPE, scopeParams, type SnapshotScope } from './snapshotScope';
import { cachedStatement } from './statementCache';

/*
 * SQL behind the history of a phrase (src/main/search/phraseHistory.ts) and
 * the "does this text contain the query" test trends share. The FTS
 * expression must come from parseQuery: it is bound as a parameter, but FTS5
 * parses it, and only parseQuery guarantees valid syntax.
 *
 * A text contains the query when one of its blocks matches. There are two
 * ways to find out, and which is cheaper depends on how common the query is:
 * - from the blocks: FTS5 lists the matching blocks, text_blocks(block_id)
 *   every text holding one of them. The work is the number of (matching block,
 *   text) pairs, small for a rare phrase; for a phrase in a third of all
 *   paragraphs it is millions of pairs (and a DISTINCT over them).
 * - per text: walk each text's blocks in order until one is in the matching
 *   set. The work is per text, a few steps when most blocks match, the whole
 *   text when none does.
 * `estimateMatchingPairs` samples how many texts hold the matching blocks
 * (the text_blocks postings of every k-th matching block, ~300 blocks) and
 * the cheaper way is taken. The share of matching blocks alone is a poor
 * guide. Measured on a generated archive of 100k captures (history, best of
 * 3; estimated pairs; following the blocks / walking every text):
 * "similar technologies" 180k pairs, 131 / 358 ms; "legitimate interest"
 * 636k, 188 / 347 ms; "personal data" 2.1M, 591 / 261 ms; "third parties"
 * 2.9M, 313 / 238 ms. The walk costs about as much as 15 pairs per text.
 */

/**
 * Relative costs: one (matching block, text) pair followed and de-duplicated,
 * one text walked until a matching block. Only their ratio matters.
 */
const NS_PER_PAIR = 200;
const NS_PER_TEXT = 3000;
/** About this many matching blocks are sampled to estimate the number of pairs. */
const SAMPLED_BLOCKS = 300;

/** How to find the texts that contain a query; `auto` estimates both costs. Tests force one. */
export type ContainmentStrategy = 'auto' | 'from-blocks' | 'per-text';

/** Matching blocks for `fts`, and the estimated (matching block, text holding it) pairs, from a sample. */
export function estimateMatchingPairs(db: Database.Database, fts: string): { blocks: number; pairs: number } {
  const blocks = cachedStatement(db, 'SELECT count(*) FROM blocks_fts WHERE blocks_fts MATCH ?')
    .pluck()
    .get(fts) as number;
  if (blocks === 0) return { blocks, pairs: 0 };
  const every = Math.max(1, Math.floor(blocks / SAMPLED_BLOCKS));
  // Block ids follow import order, so every k-th matching id spreads the sample over the archive.
  const row = cachedStatement(
    db,
    `WITH sampled AS MATERIALIZED (
       SELECT rowid AS id FROM blocks_fts WHERE blocks_fts MATCH :fts AND rowid % :every = 0
     )
     SELECT (SELECT count(*) FROM sampled) AS sampledBlocks,
            (SELECT count(*) FROM sampled CROSS JOIN text_blocks tb ON tb.block_id = sampled.id) AS sampledPairs`,
  ).get({ fts, every }) as { sampledBlocks: number; sampledPairs: number };
  const perBlock = row.sampledBlocks > 0 ? row.sampledPairs / row.sampledBlocks : 0;
  return { blocks, pairs: Math.round(perBlock * blocks) };
}

/** True when walking `textCount` texts is estimated cheaper than following the matching blocks. */
function perText(db: Database.Database, fts: string, textCount: number, strategy: ContainmentStrategy): boolean {
  if (strategy !== 'auto') return strategy === 'per-text';
  return estimateMatchingPairs(db, fts).pairs * NS_PER_PAIR > textCount * NS_PER_TEXT;
}

function archiveTextCount(db: Database.Database): number {
  return cachedStatement(db, 'SELECT count(*) FROM texts').pluck().get() as number;
}

/** One capture in a phrase history: [documentId, snapshotId, textId, contains (1/0)]. */
export type HistoryCaptureRow = [documentId: number, snapshotId: number, textId: number, contains: number];

// Rows leave SQLite as four integers each (no strings): on 100k captures,
// turning the capture time of every row into a JS string cost more than the
// query. Times are read afterwards for the few versions a history names.
const FROM_BLOCKS = `
  WITH matching_blocks AS MATERIALIZED (
    SELECT rowid AS id FROM blocks_fts WHERE blocks_fts MATCH :fts
  ),
  matching_texts AS MATERIALIZED (
    SELECT DISTINCT tb.text_id AS id FROM matching_blocks mb CROSS JOIN text_blocks tb ON tb.block_id = mb.id
  ),
  matching_documents AS MATERIALIZED (
    SELECT DISTINCT s.document_id AS id
    FROM matching_texts mt
    JOIN snapshots s ON s.text_id = mt.id
    JOIN documents d ON d.id = s.document_id
    WHERE ${CAPTURE_IN_SCOPE} AND ${DOCUMENT_IN_SCOPE}
  )
  SELECT s.document_id, s.id, s.text_id, s.text_id IN matching_texts
  FROM matching_documents md
  CROSS JOIN snapshots s ON s.document_id = md.id
  WHERE ${CAPTURE_IN_SCOPE}
  ORDER BY s.document_id, s.captured_at, s.id`;

// The unary + keeps SQLite from looking up every matching block in each
// text (block_id index); it walks the text's own blocks and stops at the first hit.
const PER_TEXT = `
  WITH matching_blocks AS MATERIALIZED (
    SELECT rowid AS id FROM blocks_fts WHERE blocks_fts MATCH :fts
  )
  SELECT s.document_id, s.id, s.text_id,
         EXISTS (SELECT 1 FROM text_blocks tb WHERE tb.text_id = s.text_id AND +tb.block_id IN matching_blocks)
  FROM documents d
  CROSS JOIN snapshots s ON s.document_id = d.id
  WHERE ${DOCUMENT_IN_SCOPE} AND ${CAPTURE_IN_SCOPE}
  ORDER BY s.document_id, s.captured_at, s.id`;

/**
 * The captures (within the scope) of documents that contain `fts` in at
 * least one capture within the scope, ordered by document, then capture time.
 * With the per-text strategy documents that never contain it are included
 * (every capture with contains = 0); callers skip them.
 */
export function historyCaptures(
  db: Database.Database,
  fts: string,
  scope: SnapshotScope,
  strategy: ContainmentStrategy = 'auto',
): HistoryCaptureRow[] {
  const sql = perText(db, fts, archiveTextCount(db), strategy) ? PER_TEXT : FROM_BLOCKS;
  return cachedStatement(db, sql)
    .raw()
    .all({ fts, ...scopeParams(scope) }) as HistoryCaptureRow[];
}

/** Capture time and stated effective date of a snapshot. */
export interface SnapshotDates {
  snapshotId: number;
  capturedAt: string;
  effectiveDate: string | null;
}

/** Dates of the listed snapshots (unknown ids are left out). */
export function snapshotDates(db: Database.Database, snapshotIds: readonly number[]): SnapshotDates[] {
  return cachedStatement(
    db,
    `SELECT s.id AS snapshotId, s.captured_at AS capturedAt, s.effective_date AS effectiveDate
     FROM json_each(?) j JOIN snapshots s ON s.id = j.value`,
  ).all(JSON.stringify(snapshotIds)) as SnapshotDates[];
}

/** Names shown for a document: its vendor and title. */
export interface DocumentLabel {
  documentId: number;
  vendorId: number;
  vendorName: string;
  documentTitle: string;
}

/** Vendor and title of each listed document (in no particular order; unknown ids are left out). */
export function documentLabels(db: Database.Database, documentIds: readonly number[]): DocumentLabel[] {
  return cachedStatement(
    db,
    `SELECT d.id AS documentId, d.vendor_id AS vendorId, v.display_name AS vendorName, d.title AS documentTitle
     FROM json_each(?) j JOIN documents d ON d.id = j.value JOIN vendors v ON v.id = d.vendor_id`,
  ).all(JSON.stringify(documentIds)) as DocumentLabel[];
}

// CROSS JOIN and the unary +: follow the matching blocks to their texts and
// check each against the list. Left to itself SQLite walks every listed text's
// blocks instead (200 ms instead of 12 for a rare phrase on 100k captures).
const TEXTS_FROM_BLOCKS = `
  WITH wanted AS MATERIALIZED (SELECT value AS id FROM json_each(:textIds)),
  matching_blocks AS MATERIALIZED (SELECT rowid AS id FROM blocks_fts WHERE blocks_fts MATCH :fts)
  SELECT DISTINCT tb.text_id
  FROM matching_blocks mb CROSS JOIN text_blocks tb ON tb.block_id = mb.id
  WHERE +tb.text_id IN wanted`;

const TEXTS_ONE_BY_ONE = `
  WITH matching_blocks AS MATERIALIZED (SELECT rowid AS id FROM blocks_fts WHERE blocks_fts MATCH :fts)
  SELECT j.value FROM json_each(:textIds) j
  WHERE EXISTS (SELECT 1 FROM text_blocks tb WHERE tb.text_id = j.value AND +tb.block_id IN matching_blocks)`;

/** Which of the given texts have a block matching `fts` (strategy as described at the top of this file). */
export function textsContaining(
  db: Database.Database,
  fts: string,
  textIds: readonly number[],
  strategy: ContainmentStrategy = 'auto',
): Set<number> {
  if (textIds.length === 0) return new Set();
  const sql = perText(db, fts, textIds.length, strategy) ? TEXTS_ONE_BY_ONE : TEXTS_FROM_BLOCKS;
  const ids = cachedStatement(db, sql)
    .pluck()
    .all({ fts, textIds: JSON.stringify(textIds) }) as number[];
  return new Set(ids);
}
