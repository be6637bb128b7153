import type Database from 'better-sqlite3';
import type { SearchCatalogue } from '../archive/searchCatalogue';
import {
  blocksOfTexts,
  matchRowidAt,
  rankListedMatches,
  rankMatches,
  textsOfBlocks,
  type RankedBlock,
} from '../archive/searchQueries';
import type { SnapshotFilter } from './snapshotFilter';
import type { TitleMatches } from '../archive/titleMatch';
import { snapshotPredicate } from './snapshotPredicate';

/*
 * Which documents match, in which order, with bounded work however common
 * the query is (README.md in this folder tells the whole story):
 *
 * 1. Ranked blocks, in tiers. FTS5 computes bm25 for every block it ranks
 *    (~2 µs each, plus one pass over the doclist per statement), so ranking
 *    the 58 000 blocks holding "data" in a 100k-snapshot archive would take
 *    over 100 ms. A query matching at most `rankAll` blocks has them all
 *    ranked: one tier, exact bm25 order. Beyond that, the matches are ranked
 *    in windows taken in storage order (`firstWindow` matches, then doubling
 *    up to `rankAll`), each window a tier, and a window is only ranked when
 *    the documents found so far do not fill the page asked for.
 * 2. Walking occurrences: each ranked block, best first, is followed into
 *    the texts holding it (SQL) and from there to their snapshots (the search
 *    catalogue, in memory), keeping the snapshots that pass the filters. A
 *    document's first block found is its best, so documents are discovered
 *    in rank order. Once the page is known, the walk goes on for the total up
 *    to `countRows` (block, text) rows; it never reads more than `maxRows`
 *    (see SearchBudget).
 * 3. Titles: documents whose title matches the whole query (titleMatch.ts;
 *    "cookie policy" and a "Cookie Policy") come first. They are searched on
 *    their own (usually from their side: they are few), then the others.
 *
 * Only documents whose place is final are returned (see Walk.isFinal), so
 * every page of a query is cut from the same order: pages never overlap and
 * together give the whole result.
 *
 * With a narrow filter (a few vendors, a rare document type) the search
 * starts from the filter's side instead: the blocks of the few passing
 * snapshots are listed in SQL, only the matches among them are ranked, and
 * every occurrence is read: one exact tier.
 */

/**
 * The bounds of one search. The defaults keep a first page under ~20 ms on a
 * 100 000-snapshot archive; tests pass smaller ones to exercise the bounded
 * paths on small archives.
 */
export interface SearchBudget {
  /** Most matching blocks ranked in one statement; a query matching more is ranked in windows. */
  rankAll: number;
  /** Size of the first window (later ones double, up to rankAll). */
  firstWindow: number;
  /** (block, text) rows read for the total once the page is known; beyond them totalDocuments is a lower bound. */
  countRows: number;
  /** Rows read at most for the first pages; a deeper page may read rowsPerDocument per document asked for. */
  maxRows: number;
  rowsPerDocument: number;
  /** Snapshots a vendor or type filter may leave for the search to start from the filter's side. */
  scopeMaxSnapshots: number;
}

export const DEFAULT_BUDGET: SearchBudget = {
  rankAll: 3000,
  firstWindow: 1000,
  countRows: 30_000,
  maxRows: 400_000,
  rowsPerDocument: 2000,
  scopeMaxSnapshots: 400,
};
/** Most blocks asked for at once (batches start at one block and grow with the rows left). */
const MAX_BATCH = 512;

export interface RankingRequest {
  fts: string;
  filter: SnapshotFilter;
  catalogue: SearchCatalogue;
  /** Documents wanted in final order (offset + limit of the page). */
  needed: number;
  titles: TitleMatches;
  budget?: SearchBudget;
}

/** The newest passing snapshot found with a matching block, and its best such block. */
export interface FoundSnapshot {
  snapshotId: number;
  textId: number;
  blockId: number;
}

export interface RankedDocument {
  documentId: number;
  /** bm25 of the best block (lower is better). */
  score: number;
  newest: FoundSnapshot;
  /** Passing snapshots found holding a matching block. */
  matchingSnapshots: number;
  tier: number;
  /** Discovery order: breaks ties, so the order never depends on how far the walk went. */
  sequence: number;
}

export interface DocumentRanking {
  /** The documents whose place is final, in order (at least `needed` unless the result is shorter). */
  documents: RankedDocument[];
  /** Every matching document found, final or not. */
  discovered: number;
  /** True when every matching document was found: `discovered` is the total. */
  exact: boolean;
}

/** Documents matching `fts` within the filter, best first; see the module comment. */
export function rankDocuments(db: Database.Database, request: RankingRequest): DocumentRanking {
  const passes = snapshotPredicate(request.catalogue, request.filter);
  const { titles } = request;
  if (titles.none || titles.all) return rankPart(db, request, passes, null);
  // Documents whose title matches come first: a search of their own, then one of the others.
  const first = rankPart(db, request, passes, (documentId) => titles.matches(documentId));
  if (!first.exact) return first;
  const rest = rankPart(
    db,
    { ...request, needed: Math.max(0, request.needed - first.documents.length) },
    passes,
    (documentId) => !titles.matches(documentId),
  );
  return {
    documents: [...first.documents, ...rest.documents],
    discovered: first.discovered + rest.discovered,
    exact: rest.exact,
  };
}

/** One ranked search over the snapshots that pass `passes` and whose document passes `documentTest`. */
function rankPart(
  db: Database.Database,
  request: RankingRequest,
  snapshotTest: ((snapshotId: number) => boolean) | null,
  documentTest: ((documentId: number) => boolean) | null,
): DocumentRanking {
  const budget = request.budget ?? DEFAULT_BUDGET;
  const { catalogue } = request;
  const passes =
    documentTest === null
      ? snapshotTest
      : (snapshotId: number): boolean =>
          documentTest(catalogue.snapshotDocument[snapshotId]!) && (!snapshotTest || snapshotTest(snapshotId));
  const walk = new Walk(catalogue, passes);

  if (request.filter.vendorIds || request.filter.documentKeys || documentTest) {
    const scope = scopeSnapshots(catalogue, request.filter, documentTest, passes, budget.scopeMaxSnapshots);
    if (scope) return rankScoped(db, request.fts, scope, walk);
  }

  const maxRows = Math.max(budget.maxRows, request.needed * budget.rowsPerDocument);
  const singleTier = matchRowidAt(db, request.fts, 0, budget.rankAll) === null;
  for (const tier of tiers(db, request.fts, singleTier, budget)) {
    if (tier.blocks.length === 0) continue;
    walk.startTier(tier.blocks);
    const stop = (): boolean =>
      walk.rows >= maxRows || (walk.rows >= budget.countRows && walk.finalCount() >= request.needed);
    let next = 0;
    let batch = 1;
    let counting = true;
    let stopped = false;
    while (next < tier.blocks.length && !stopped) {
      if (stop()) {
        stopped = true;
        break;
      }
      // Read no further than the budget in force: the total's, then the page's.
      const perBlock = (): number =>
        Math.max(1, (walk.rows < budget.countRows ? budget.countRows : maxRows) - walk.rows);
      if (counting && walk.rows >= budget.countRows) {
        // Past the total's budget, only to fill the page: start again with small batches.
        counting = false;
        batch = 1;
      }
      const limit = perBlock();
      const ids = tier.blocks.slice(next, next + batch).map((block) => block.blockId);
      const texts = textsOfBlocks(db, ids, limit);
      for (let offset = 0; offset < texts.length && !stopped; offset++) {
        const rankIndex = next + offset;
        walk.reachBlock(rankIndex);
        let list = texts[offset]!;
        let asked = limit;
        for (;;) {
          if (stop()) {
            stopped = true;
            break;
          }
          walk.addTexts(rankIndex, list);
          if (list.length < asked) break;
          // Cut short by the budget, and the walk goes on: read the rest of this block.
          asked = perBlock();
          list = textsOfBlocks(db, [ids[offset]!], asked, list.at(-1)!)[0]!;
        }
      }
      next += ids.length;
      // Size the next batch so that it is unlikely to read much past the budget.
      const average = Math.max(1, walk.rows / next);
      batch = Math.max(1, Math.min(MAX_BATCH, batch * 4, Math.floor(perBlock() / average)));
    }
    if (stopped) return walk.result(false);
    walk.finishTier();
    if (tier.last) return walk.result(true);
    // Further windows are ranked to fill the page, never just to count.
    if (walk.finalCount() >= request.needed) return walk.result(false);
  }
  return walk.result(true);
}

/**
 * The snapshots passing a filter with a document part (vendor, type or
 * title), with their texts, or null when there are more than `max`.
 */
function scopeSnapshots(
  catalogue: SearchCatalogue,
  filter: SnapshotFilter,
  documentTest: ((documentId: number) => boolean) | null,
  passes: ((snapshotId: number) => boolean) | null,
  max: number,
): Array<{ snapshotId: number; textId: number }> | null {
  const vendors = filter.vendorIds ? new Set(filter.vendorIds) : null;
  const keys = filter.documentKeys ? new Set(filter.documentKeys.map((key) => catalogue.keys.indexOf(key))) : null;
  const scope: Array<{ snapshotId: number; textId: number }> = [];
  for (let documentId = 1; documentId < catalogue.documentVendor.length; documentId++) {
    if (vendors && !vendors.has(catalogue.documentVendor[documentId]!)) continue;
    if (keys && !keys.has(catalogue.documentKey[documentId]!)) continue;
    if (documentTest && !documentTest(documentId)) continue;
    for (let index = catalogue.documentStart[documentId]!; index < catalogue.documentStart[documentId + 1]!; index++) {
      const snapshotId = catalogue.documentSnapshots[index]!;
      if (passes && !passes(snapshotId)) continue;
      scope.push({ snapshotId, textId: catalogue.snapshotText[snapshotId]! });
      if (scope.length > max) return null;
    }
  }
  return scope;
}

/** The search from a narrow filter's side: its texts' blocks, the matches among them ranked, every occurrence read. */
function rankScoped(
  db: Database.Database,
  fts: string,
  scope: ReadonlyArray<{ snapshotId: number; textId: number }>,
  walk: Walk,
): DocumentRanking {
  const texts = [...new Set(scope.map((entry) => entry.textId))].sort((a, b) => a - b);
  const blockLists = blocksOfTexts(db, texts);
  const blocksOfText = new Map(texts.map((textId, index) => [textId, blockLists[index]!]));
  const ranked = rankListedMatches(db, fts, [...new Set(blockLists.flat())]);
  const rankOf = new Map(ranked.map((block, index) => [block.blockId, index]));
  const occurrences: Array<[rankIndex: number, snapshotId: number, textId: number]> = [];
  for (const { snapshotId, textId } of scope) {
    for (const blockId of new Set(blocksOfText.get(textId))) {
      const rankIndex = rankOf.get(blockId);
      if (rankIndex !== undefined) occurrences.push([rankIndex, snapshotId, textId]);
    }
  }
  // The order the global walk would visit them in: block rank, then text, then snapshot.
  occurrences.sort((a, b) => a[0] - b[0] || a[2] - b[2] || a[1] - b[1]);
  walk.startTier(ranked);
  for (const [rankIndex, snapshotId, textId] of occurrences) {
    walk.rows += 1;
    walk.addSnapshot(rankIndex, snapshotId, textId);
  }
  return walk.result(true);
}

interface Tier {
  blocks: RankedBlock[];
  /** No tier follows. */
  last: boolean;
}

/** Ranked blocks tier by tier: all matches, or windows of matches in storage order. */
function* tiers(db: Database.Database, fts: string, singleTier: boolean, budget: SearchBudget): Generator<Tier> {
  if (singleTier) {
    yield { blocks: rankMatches(db, fts, 0, null), last: true };
    return;
  }
  let after = 0;
  for (let size = budget.firstWindow; ; size = Math.min(budget.rankAll, size * 2)) {
    const end = matchRowidAt(db, fts, after, size - 1);
    yield { blocks: rankMatches(db, fts, after, end), last: end === null };
    if (end === null) return;
    after = end;
  }
}

/** The documents found so far and the rows read. */
class Walk {
  rows = 0;
  private readonly documents: RankedDocument[] = [];
  /** Per document id: index + 1 in `documents` (0: not found). */
  private readonly slot: Int32Array;
  /** Per snapshot id: already counted for its document. */
  private readonly counted: Uint8Array;
  private blocks: RankedBlock[] = [];
  private tier = -1;
  /** Score of the first block not fully read in the current tier (null: the tier is complete). */
  private frontier: number | null = null;

  constructor(
    private readonly catalogue: SearchCatalogue,
    private readonly passes: ((snapshotId: number) => boolean) | null,
  ) {
    this.slot = new Int32Array(catalogue.documentVendor.length);
    this.counted = new Uint8Array(catalogue.snapshotDocument.length);
  }

  startTier(blocks: RankedBlock[]): void {
    this.blocks = blocks;
    this.tier += 1;
    this.frontier = blocks[0]?.score ?? null;
  }

  reachBlock(rankIndex: number): void {
    this.frontier = this.blocks[rankIndex]?.score ?? null;
  }

  finishTier(): void {
    this.frontier = null;
  }

  /** The texts holding the block at rankIndex (ascending ids, possibly repeated). */
  addTexts(rankIndex: number, textIds: readonly number[]): void {
    const { textStart, textSnapshots } = this.catalogue;
    let previous = -1;
    for (const textId of textIds) {
      this.rows += 1;
      if (textId === previous || textId + 1 >= textStart.length) continue;
      previous = textId;
      for (let index = textStart[textId]!; index < textStart[textId + 1]!; index++) {
        this.addSnapshot(rankIndex, textSnapshots[index]!, textId);
      }
    }
  }

  addSnapshot(rankIndex: number, snapshotId: number, textId: number): void {
    if (this.passes && !this.passes(snapshotId)) return;
    const documentId = this.catalogue.snapshotDocument[snapshotId]!;
    const slot = this.slot[documentId]!;
    const blockId = this.blocks[rankIndex]!.blockId;
    if (slot === 0) {
      this.documents.push({
        documentId,
        score: this.blocks[rankIndex]!.score,
        newest: { snapshotId, textId, blockId },
        matchingSnapshots: 1,
        tier: this.tier,
        sequence: this.documents.length,
      });
      this.slot[documentId] = this.documents.length;
      this.counted[snapshotId] = 1;
      return;
    }
    const found = this.documents[slot - 1]!;
    if (this.counted[snapshotId] === 0) {
      this.counted[snapshotId] = 1;
      found.matchingSnapshots += 1;
    }
    // Blocks come best first, so the first block seen in a snapshot is its best.
    const time = this.catalogue.snapshotTime;
    const newest = found.newest.snapshotId;
    if (time[snapshotId]! > time[newest]! || (time[snapshotId] === time[newest] && snapshotId > newest)) {
      found.newest = { snapshotId, textId, blockId };
    }
  }

  /** How many documents have a final place (see the module comment). */
  finalCount(): number {
    let count = 0;
    for (const document of this.documents) if (this.isFinal(document)) count += 1;
    return count;
  }

  result(exact: boolean): DocumentRanking {
    const documents = exact ? [...this.documents] : this.documents.filter((document) => this.isFinal(document));
    documents.sort((a, b) => a.tier - b.tier || a.score - b.score || a.sequence - b.sequence);
    return { documents, discovered: this.documents.length, exact };
  }

  /**
   * A document's place is final when no undiscovered document can come
   * before it: it is from an earlier tier, the tier is complete, or its
   * score is at least as good as the block being read (undiscovered
   * documents score no better, and ties keep discovery order).
   */
  private isFinal(document: RankedDocument): boolean {
    if (document.tier < this.tier || this.frontier === null) return true;
    return document.score <= this.frontier;
  }
}
