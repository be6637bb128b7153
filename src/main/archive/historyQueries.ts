import type Database from 'better-sqlite3';
import { CAPTURE_IN_SCOPE, DOCUMENT_IN_SCOPE, scopeParams, type SnapshotScope } from './snapshotScope';
import { scopedCaptures } from './scopedCaptures';
import { searchCatalogue } from './searchCatalogue';
import { cachedStatement } from './statementCache';
import { indexHasText, textBlockIndex, textHasBlock } from './textBlockIndex';

/*
 * Queries behind the history of a phrase (src/main/search/phraseHistory.ts) and
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
 * - per text: mark the matching blocks in a bitmap and scan each text's block
 *   list (held in memory, textBlockIndex.ts) to the first marked one. The
 *   work is per text: a few steps when most blocks match, the whole list
 *   (~130 blocks in the generated archive) when none does.
 * `estimateMatchingPairs` samples how many texts hold the matching blocks
 * (the text_blocks postings of every k-th matching block, ~300 blocks) and
 * the cheaper way is taken; the estimate and the per-text scan share one
 * FTS5 scan for the matching ids. Measured on a generated archive of 100k captures
 * (historyCaptures, best of 3; estimated pairs; following the blocks /
 * scanning every text): "California residents" 4.9k pairs, 7 / 51 ms;
 * "sell your personal information" 16k, 30 / 48; "biometric" 80k, 66 / 41;
 * "data protection officer" 109k, 96 / 43; "similar technologies" 213k,
 * 131 / 37; "personal data" 3.5M, 585 / 40. Scanning costs ~0.45 µs per
 * capture and text, following ~1.3 µs per pair. Before the in-memory lists
 * and captures the per-text walk was SQL (~3 µs per text, 240–350 ms).
 */

/**
 * Relative costs: one (matching block, text) pair followed (and its
 * document's captures read) in SQL, one text scanned in memory. Only their
 * ratio matters.
 */
const NS_PER_PAIR = 1300;
const NS_PER_TEXT = 450;
/** About this many matching blocks are sampled to estimate the number of pairs. */
const SAMPLED_BLOCKS = 300;

/** How to find the texts that contain a query; `auto` estimates both costs. Tests force one. */
export type ContainmentStrategy = 'auto' | 'from-blocks' | 'per-text';

/** Ids of the blocks matching `fts`, in rowid order (one FTS5 scan; the estimate and the per-text scan share it). */
function matchingBlockIds(db: Database.Database, fts: string): number[] {
  return cachedStatement(db, 'SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH ?').pluck().all(fts) as number[];
}

/** Matching blocks for `fts`, and the estimated (matching block, text holding it) pairs, from a sample. */
export function estimateMatchingPairs(
  db: Database.Database,
  fts: string,
  ids: readonly number[] = matchingBlockIds(db, fts),
): { blocks: number; pairs: number } {
  const blocks = ids.length;
  if (blocks === 0) return { blocks, pairs: 0 };
  // Block ids follow import order, so every k-th matching id spreads the sample over the archive.
  const every = Math.max(1, Math.floor(blocks / SAMPLED_BLOCKS));
  const sampled = ids.filter((_, index) => index % every === 0);
  const sampledPairs = cachedStatement(
    db,
    'SELECT count(*) FROM json_each(?) j CROSS JOIN text_blocks tb ON tb.block_id = j.value',
  )
    .pluck()
    .get(JSON.stringify(sampled)) as number;
  return { blocks, pairs: Math.round((sampledPairs / sampled.length) * blocks) };
}

/**
 * The matching block ids when scanning `textCount` texts is estimated cheaper
 * than following the matching blocks in SQL; null when following is cheaper.
 */
function idsForPerText(
  db: Database.Database,
  fts: string,
  textCount: number,
  strategy: ContainmentStrategy,
): number[] | null {
  if (strategy === 'from-blocks') return null;
  const ids = matchingBlockIds(db, fts);
  if (strategy === 'per-text') return ids;
  return estimateMatchingPairs(db, fts, ids).pairs * NS_PER_PAIR > textCount * NS_PER_TEXT ? ids : null;
}

function archiveTextCount(db: Database.Database): number {
  return cachedStatement(db, 'SELECT count(*) FROM texts').pluck().get() as number;
}

/**
 * A test "does text t have one of the blocks `ids`", answered from the
 * in-memory block lists. A text the index does not hold (none can be inside
 * the caller's transaction; outside one, another process may have committed
 * a text since the index was read) is asked in SQL.
 */
function containmentTest(db: Database.Database, ids: readonly number[]): (textId: number) => boolean {
  const index = textBlockIndex(db);
  let maxId = 0;
  for (const id of ids) if (id > maxId) maxId = id;
  const matching = new Uint8Array(maxId + 1);
  for (const id of ids) matching[id] = 1;
  return (textId) => {
    if (indexHasText(index, textId)) return textHasBlock(index, textId, matching);
    const blockIds = cachedStatement(db, 'SELECT block_id FROM text_blocks WHERE text_id = ?')
      .pluck()
      .all(textId) as number[];
    return blockIds.some((id) => matching[id] === 1);
  };
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
  const ids = idsForPerText(db, fts, archiveTextCount(db), strategy);
  if (ids === null) {
    return cachedStatement(db, FROM_BLOCKS)
      .raw()
      .all({ fts, ...scopeParams(scope) }) as HistoryCaptureRow[];
  }
  const rows = scopedCaptures(searchCatalogue(db), scope);
  const contains = containmentTest(db, ids);
  const known = new Map<number, number>();
  for (const row of rows) {
    let answer = known.get(row[2]);
    if (answer === undefined) {
      answer = contains(row[2]) ? 1 : 0;
      known.set(row[2], answer);
    }
    row[3] = answer;
  }
  return rows;
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

/** Which of the given texts have a block matching `fts` (strategy as described at the top of this file). */
export function textsContaining(
  db: Database.Database,
  fts: string,
  textIds: readonly number[],
  strategy: ContainmentStrategy = 'auto',
): Set<number> {
  if (textIds.length === 0) return new Set();
  const ids = idsForPerText(db, fts, textIds.length, strategy);
  if (ids !== null) return new Set(textIds.filter(containmentTest(db, ids)));
  const containing = cachedStatement(db, TEXTS_FROM_BLOCKS)
    .pluck()
    .all({ fts, textIds: JSON.stringify(textIds) }) as number[];
  return new Set(containing);
}
