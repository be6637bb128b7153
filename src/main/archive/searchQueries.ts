import type Database from 'better-sqlite3';
import { HEADING_CODE } from './blockKinds';
import { cachedStatement } from './statementCache';

/*
 * SQL behind full-text search (src/main/search builds on these). The FTS
 * expression passed in must come from parseQuery: it is bound as a parameter,
 * but FTS5 parses it, and only parseQuery guarantees valid syntax.
 *
 * The work of a search is bounded at every step, so a very common term does
 * not cost time proportional to the archive for each result:
 * 1. FTS5 ranks the matching blocks (one pass over the term's doclist, the
 *    only step that grows with the archive) and only the best
 *    `candidateBlocks` go on;
 * 2. those blocks are mapped to the documents holding them, visiting at most
 *    `maxRows` (block, snapshot) rows, best block first — a boilerplate
 *    paragraph shared by thousands of captures cannot blow this up;
 * 3. per shown document, the lookups touch only that document's snapshots.
 */

/** A block that matches, with the document holding it. Listed best block first. */
export interface BlockInDocument {
  documentId: number;
  blockId: number;
  /** bm25 rank of the block (lower is better; headings weigh double). */
  score: number;
}

export interface MatchQuery {
  fts: string;
  /** How many best-ranked blocks to consider. */
  candidateBlocks: number;
  /** Most (block, snapshot) rows to visit when mapping blocks to documents. */
  maxRows: number;
  vendorId?: number;
}

const CANDIDATES = `
  SELECT rowid AS blockId, rank AS score FROM blocks_fts
  WHERE blocks_fts MATCH :fts ORDER BY rank, rowid LIMIT :candidates`;

// Only blocks of the vendor's texts; the IN list is as large as the vendor, not
// the archive. The unary + keeps SQLite from handing the IN list to FTS5, which
// would re-run the whole query once per listed block (seconds instead of ms).
const VENDOR_CANDIDATES = `
  SELECT rowid AS blockId, rank AS score FROM blocks_fts
  WHERE blocks_fts MATCH :fts
    AND +rowid IN (SELECT tb.block_id FROM documents d
                  JOIN snapshots s ON s.document_id = d.id
                  JOIN text_blocks tb ON tb.text_id = s.text_id
                  WHERE d.vendor_id = :vendorId)
  ORDER BY rank, rowid LIMIT :candidates`;

// From the vendor's side (CROSS JOIN fixes the order): a block shared with
// other vendors' texts is never followed into them.
const VENDOR_PAIRS = `
  WITH candidates AS MATERIALIZED (${VENDOR_CANDIDATES})
  SELECT DISTINCT s.document_id AS documentId, c.blockId, c.score
  FROM documents d
  CROSS JOIN snapshots s ON s.document_id = d.id
  CROSS JOIN text_blocks tb ON tb.text_id = s.text_id
  CROSS JOIN candidates c ON c.blockId = tb.block_id
  WHERE d.vendor_id = :vendorId
  ORDER BY c.score, c.blockId, s.document_id
  LIMIT :maxRows`;

/**
 * Documents holding the best-ranked matching blocks, as (document, block)
 * pairs in rank order (a document's first pair is its best block). Bounded as
 * described at the top of this file, so for very common terms the list covers
 * the best blocks only.
 */
export function matchingBlocksByDocument(db: Database.Database, query: MatchQuery): BlockInDocument[] {
  if (query.vendorId !== undefined) {
    return cachedStatement(db, VENDOR_PAIRS).all({
      fts: query.fts,
      candidates: query.candidateBlocks,
      vendorId: query.vendorId,
      maxRows: query.maxRows,
    }) as BlockInDocument[];
  }
  const candidates = cachedStatement(db, CANDIDATES).all({
    fts: query.fts,
    candidates: query.candidateBlocks,
  }) as Array<{
    blockId: number;
    score: number;
  }>;
  const documentsOf = cachedStatement(
    db,
    `SELECT s.document_id FROM text_blocks tb JOIN snapshots s ON s.text_id = tb.text_id
     WHERE tb.block_id = ? LIMIT ?`,
  ).pluck();
  const pairs: BlockInDocument[] = [];
  let rowsLeft = query.maxRows;
  for (const candidate of candidates) {
    if (rowsLeft <= 0) break;
    const documentIds = documentsOf.all(candidate.blockId, rowsLeft) as number[];
    rowsLeft -= documentIds.length;
    for (const documentId of new Set(documentIds)) pairs.push({ documentId, ...candidate });
  }
  return pairs;
}

/** Where a block occurs in a document's newest snapshot that holds it, or null. */
export function newestSnapshotWithBlock(
  db: Database.Database,
  documentId: number,
  blockId: number,
): { snapshotId: number; textId: number; position: number } | null {
  // Walks the document's snapshots newest first (the UNIQUE index on
  // document_id, captured_at) and stops at the first whose text has the block.
  const row = cachedStatement(
    db,
    `SELECT s.id AS snapshotId, s.text_id AS textId,
            (SELECT min(tb.position) FROM text_blocks tb WHERE tb.block_id = :blockId AND tb.text_id = s.text_id) AS position
     FROM snapshots s
     WHERE s.document_id = :documentId
       AND EXISTS (SELECT 1 FROM text_blocks tb WHERE tb.block_id = :blockId AND tb.text_id = s.text_id)
     ORDER BY s.captured_at DESC, s.id DESC LIMIT 1`,
  ).get({ documentId, blockId }) as { snapshotId: number; textId: number; position: number } | undefined;
  return row ?? null;
}

/** How many snapshots of a document hold at least one of the given blocks. */
export function countSnapshotsWithBlocks(
  db: Database.Database,
  documentId: number,
  blockIds: readonly number[],
): number {
  return cachedStatement(
    db,
    `SELECT count(*) FROM snapshots s
     WHERE s.document_id = ?
       AND EXISTS (SELECT 1 FROM json_each(?) j JOIN text_blocks tb ON tb.block_id = j.value AND tb.text_id = s.text_id)`,
  )
    .pluck()
    .get(documentId, JSON.stringify(blockIds)) as number;
}

/**
 * The text of a block with the expression's terms wrapped in `start`/`end`.
 * Blocks longer than `maxChars` are cut to FTS5's best fragment of
 * `fragmentTokens` tokens around the matches, with `ellipsis` where cut.
 */
export function highlightBlock(
  db: Database.Database,
  request: {
    fts: string;
    blockId: number;
    start: string;
    end: string;
    ellipsis: string;
    maxChars: number;
    fragmentTokens: number;
  },
): string | null {
  // Not `rowid = :blockId`: with a bound parameter next to MATCH, SQLite 3.53's
  // FTS5 ignores that equality and returns every match (the first one won, so
  // every hit showed the same block). The range form is honoured and still
  // seeks straight to the row.
  const row = cachedStatement(
    db,
    `SELECT coalesce(highlight(blocks_fts, 0, :start, :end), highlight(blocks_fts, 1, :start, :end)) AS full,
            snippet(blocks_fts, -1, :start, :end, :ellipsis, :tokens) AS fragment,
            (SELECT length(text) FROM blocks WHERE id = :blockId) AS length
     FROM blocks_fts WHERE blocks_fts MATCH :fts AND rowid >= :blockId AND rowid <= :blockId`,
  ).get({
    fts: request.fts,
    blockId: request.blockId,
    start: request.start,
    end: request.end,
    ellipsis: request.ellipsis,
    tokens: request.fragmentTokens,
  }) as { full: string | null; fragment: string | null; length: number } | undefined;
  if (!row) return null;
  return row.length > request.maxChars && row.fragment ? row.fragment : row.full;
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
