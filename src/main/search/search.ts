import type Database from 'better-sqlite3';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit, type SearchResult } from '../../shared/domain';
import { getSnapshotSummary } from '../archive/queries';
import {
  countSnapshotsWithBlocks,
  headingsUpTo,
  highlightBlock,
  matchingBlocksByDocument,
  newestSnapshotWithBlock,
  type BlockInDocument,
} from '../archive/searchQueries';
import { headingPath } from './headingPath';
import { parseQuery } from './queryParser';

export { parseQuery } from './queryParser';

/** What the user asked for. */
export interface SearchRequest {
  query: string;
  /** Most documents to return (1–500, default 50). */
  limit?: number;
  /** Only this vendor's documents. */
  vendorId?: number;
}

export const DEFAULT_SEARCH_LIMIT = 50;
const MAX_SEARCH_LIMIT = 500;
/**
 * Only the best-ranked blocks go on to be grouped into documents, so a term
 * that occurs in most of the archive costs one ranked pass over its matches
 * and then a bounded amount of work, instead of following every matching
 * block into every snapshot that contains it. 2000 blocks is far more than a
 * result page shows; a common term's lower-ranked documents are the ones users
 * do not read.
 */
export const CANDIDATE_BLOCKS = 2000;
/**
 * Most (block, snapshot) rows visited while mapping the candidate blocks to
 * documents: a boilerplate paragraph found in thousands of captures stops
 * here instead of costing time proportional to the archive.
 */
export const MAX_OCCURRENCE_ROWS = 20_000;
/** Blocks longer than this are shown as a fragment around the matches. */
const MAX_SNIPPET_CHARS = 400;
const FRAGMENT_TOKENS = 48;

/**
 * Full-text search over every stored block, ranked by bm25 (headings count
 * double), one hit per document: its best block, shown in the newest snapshot
 * that contains it. All the words of a query must occur in one block
 * (paragraph, list item, heading…), which is what a snippet can show.
 *
 * `totalDocuments` counts the documents holding the candidate blocks, so for
 * very common terms it is a lower bound (see CANDIDATE_BLOCKS). Never throws
 * on odd input: parseQuery only produces valid FTS5 expressions.
 */
export function searchArchive(db: Database.Database, request: SearchRequest): SearchResult {
  const started = performance.now();
  const { fts } = parseQuery(request.query);
  const finish = (hits: SearchHit[], totalDocuments: number): SearchResult => ({
    query: request.query,
    interpretedAs: fts,
    hits,
    totalDocuments,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  });
  if (!fts) return finish([], 0);

  const documents = groupByDocument(
    matchingBlocksByDocument(db, {
      fts,
      candidateBlocks: CANDIDATE_BLOCKS,
      maxRows: MAX_OCCURRENCE_ROWS,
      ...(request.vendorId === undefined ? {} : { vendorId: request.vendorId }),
    }),
  );

  const hits: SearchHit[] = [];
  for (const document of documents.slice(0, clampLimit(request.limit))) {
    const where = newestSnapshotWithBlock(db, document.documentId, document.blockId);
    const snapshot = where && getSnapshotSummary(db, where.snapshotId);
    if (!where || !snapshot) continue;
    const snippet =
      highlightBlock(db, {
        fts,
        blockId: document.blockId,
        start: HIGHLIGHT_START,
        end: HIGHLIGHT_END,
        ellipsis: '…',
        maxChars: MAX_SNIPPET_CHARS,
        fragmentTokens: FRAGMENT_TOKENS,
      }) ?? '';
    hits.push({
      documentId: document.documentId,
      vendorId: snapshot.vendorId,
      vendorName: snapshot.vendorName,
      documentTitle: snapshot.documentTitle,
      snapshot,
      snippet,
      headingPath: headingPath(headingsUpTo(db, where.textId, where.position), where.position),
      score: document.score,
      matchingSnapshotCount: countSnapshotsWithBlocks(db, document.documentId, document.blockIds),
    });
  }
  return finish(hits, documents.length);
}

interface DocumentMatch {
  documentId: number;
  /** Best block and its score. */
  blockId: number;
  score: number;
  /** Every candidate block found in the document. */
  blockIds: number[];
}

/** One entry per document, in the order of its best block (the pairs come best block first). */
function groupByDocument(pairs: readonly BlockInDocument[]): DocumentMatch[] {
  const byDocument = new Map<number, DocumentMatch>();
  for (const pair of pairs) {
    const found = byDocument.get(pair.documentId);
    // Each (document, block) pair comes once, so no duplicate check is needed.
    if (found) {
      found.blockIds.push(pair.blockId);
    } else {
      byDocument.set(pair.documentId, { ...pair, blockIds: [pair.blockId] });
    }
  }
  return [...byDocument.values()];
}

function clampLimit(limit: number | undefined): number {
  if (limit === undefined || !Number.isFinite(limit)) return DEFAULT_SEARCH_LIMIT;
  return Math.min(MAX_SEARCH_LIMIT, Math.max(1, Math.floor(limit)));
}
