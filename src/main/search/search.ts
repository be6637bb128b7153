import type Database from 'better-sqlite3';
import type { SearchRequest } from '../../shared/contract';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchHit, type SearchResult } from '../../shared/domain';
import { getSnapshotSummary } from '../archive/queries';
import {
  blockPosition,
  headingsUpTo,
  highlightBlock,
  highlightBlocks,
  type HighlightMarks,
} from '../archive/searchQueries';
import { searchCatalogue } from '../archive/searchCatalogue';
import { titleMatches } from '../archive/titleMatch';
import { rankDocuments, type RankedDocument, type SearchBudget } from './documentRanking';
import { headingPath } from './headingPath';
import { groupFts, parseQuery, type QueryTerm } from './queryParser';
import { resolveFilters } from './snapshotFilter';
import { archiveQuery } from './stemmedPrefixes';

export { parseQuery } from './queryParser';
export type { SearchRequest } from '../../shared/contract';

export const DEFAULT_SEARCH_LIMIT = 50;
export const MAX_SEARCH_LIMIT = 1000;
const MAX_OFFSET = 1_000_000;
/** Blocks longer than this are shown as a fragment around the matches. */
const MAX_SNIPPET_CHARS = 400;
const FRAGMENT_TOKENS = 48;

/**
 * Full-text search over every stored block, one hit per document, best
 * first, a page at a time (`offset`, `limit`). All the words of a query must
 * occur in one block (paragraph, list item, heading…), which is what a
 * snippet can show. A document is a hit when one of its snapshots passing the
 * filters holds a matching block; the hit shows the newest such snapshot
 * found, with its best matching block highlighted.
 *
 * Ranking: bm25 with headings weighing double; documents whose title
 * matches the whole query come first; for queries matching very many
 * blocks the ranking is done in bounded tiers, and `totalDocuments` may be a
 * lower bound (`totalExact` false). See documentRanking.ts and README.md.
 *
 * Never throws on odd query text: parseQuery only produces valid FTS5
 * expressions. A filter date that does not exist throws FilterDateError.
 * `budget` is for tests (see SearchBudget).
 */
export function searchArchive(db: Database.Database, request: SearchRequest, budget?: SearchBudget): SearchResult {
  const started = performance.now();
  const parsed = parseQuery(request.query);
  const offset = clamp(request.offset, 0, MAX_OFFSET, 0);
  const limit = clamp(request.limit, 1, MAX_SEARCH_LIMIT, DEFAULT_SEARCH_LIMIT);
  const filter = resolveFilters(request.filters);
  const finish = (
    fts: string,
    explanation: string[],
    hits: SearchHit[],
    totalDocuments: number,
    totalExact: boolean,
  ): SearchResult => ({
    query: request.query,
    interpretedAs: fts,
    explanation,
    hits,
    offset,
    totalDocuments,
    totalExact,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  });
  if (!parsed.fts) return finish('', parsed.explanation, [], 0, true);

  const { fts, required, explanation } = archiveQuery(db, request.query);
  const catalogue = searchCatalogue(db);
  const titles = titleMatches(db, catalogue, required.map(groupFts));
  const ranking = rankDocuments(db, {
    fts,
    filter,
    catalogue,
    needed: offset + limit,
    titles,
    ...(budget ? { budget } : {}),
  });
  const page = ranking.documents.slice(offset, offset + limit);
  const marks: HighlightMarks = {
    fts,
    start: HIGHLIGHT_START,
    end: HIGHLIGHT_END,
    ellipsis: '…',
    maxChars: MAX_SNIPPET_CHARS,
    fragmentTokens: FRAGMENT_TOKENS,
  };
  // Prefix queries: one pass for all snippets (see highlightBlocks); otherwise a seek per hit.
  const batch = hasPrefix(required, parsed.excluded)
    ? highlightBlocks(db, { ...marks, blockIds: page.map((document) => document.newest.blockId) })
    : null;
  const snippetOf = (blockId: number): string =>
    (batch ? batch.get(blockId) : highlightBlock(db, { ...marks, blockId })) ?? '';
  const hits: SearchHit[] = [];
  for (const document of page) {
    const hit = toHit(db, document, snippetOf(document.newest.blockId));
    if (hit) hits.push(hit);
  }
  return finish(fts, explanation, hits, ranking.discovered, ranking.exact);
}

function toHit(db: Database.Database, document: RankedDocument, snippet: string): SearchHit | null {
  const { snapshotId, textId, blockId } = document.newest;
  const snapshot = getSnapshotSummary(db, snapshotId);
  if (!snapshot) return null;
  const position = blockPosition(db, textId, blockId) ?? 0;
  return {
    documentId: document.documentId,
    vendorId: snapshot.vendorId,
    vendorName: snapshot.vendorName,
    documentTitle: snapshot.documentTitle,
    snapshot,
    snippet,
    headingPath: headingPath(headingsUpTo(db, textId, position), position),
    score: document.score,
    matchingSnapshotCount: document.matchingSnapshots,
  };
}

function hasPrefix(required: readonly QueryTerm[][], excluded: readonly QueryTerm[]): boolean {
  return [...required.flat(), ...excluded].some((term) =>
    term.kind === 'phrase' ? term.phrase.prefix : term.phrases.some((phrase) => phrase.prefix),
  );
}

function clamp(value: number | undefined, min: number, max: number, fallback: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback;
  return Math.min(max, Math.max(min, Math.floor(value)));
}
