import type Database from 'better-sqlite3';
import type { SearchVersionsRequest } from '../../shared/contract';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../shared/domain';
import type { SearchVersionHit, SearchVersionsResult } from '../../shared/searchDomain';
import { getSnapshotSummary } from '../archive/queries';
import { searchCatalogue } from '../archive/searchCatalogue';
import {
  blockPosition,
  blocksOfTexts,
  headingsUpTo,
  highlightBlock,
  rankListedMatches,
} from '../archive/searchQueries';
import { headingPath } from './headingPath';

import { resolveFilters } from './snapshotFilter';
import { snapshotPredicate } from './snapshotPredicate';
import { archiveQuery } from './stemmedPrefixes';

const MAX_SNIPPET_CHARS = 400;
const FRAGMENT_TOKENS = 48;

/**
 * Every version of one document that matches a query (a search hit
 * expanded), newest first.
 *
 * A version is a run of consecutive captures of the document (by capture
 * time) with the same text, as on the timeline; runs are formed over all the
 * document's captures, then only the captures passing the filters count: a
 * version is listed when it has a passing capture and its text holds a
 * matching block. `snapshot` is its first passing capture, `lastCapturedAt`
 * its last, `captureCount` the passing captures; the snippet is the
 * version's best-ranked matching block. An unknown document has no versions.
 */
export function searchVersions(db: Database.Database, request: SearchVersionsRequest): SearchVersionsResult {
  const started = performance.now();
  const finish = (versions: SearchVersionHit[]): SearchVersionsResult => ({
    documentId: request.documentId,
    versions,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  });
  const { fts } = archiveQuery(db, request.query);
  if (!fts) return finish([]);

  const catalogue = searchCatalogue(db);
  if (request.documentId >= catalogue.documentVendor.length) return finish([]);
  const passes = snapshotPredicate(catalogue, resolveFilters(request.filters));
  const runs: Array<{ textId: number; passing: number[] }> = [];
  const from = catalogue.documentStart[request.documentId]!;
  const to = catalogue.documentStart[request.documentId + 1]!;
  for (let index = from; index < to; index++) {
    const snapshotId = catalogue.documentSnapshots[index]!;
    const textId = catalogue.snapshotText[snapshotId]!;
    if (runs.at(-1)?.textId !== textId) runs.push({ textId, passing: [] });
    if (!passes || passes(snapshotId)) runs.at(-1)!.passing.push(snapshotId);
  }
  const kept = runs.filter((run) => run.passing.length > 0);
  if (kept.length === 0) return finish([]);

  // The best matching block of each text: one ranking over all the texts' blocks.
  const texts = [...new Set(kept.map((run) => run.textId))];
  const blockLists = blocksOfTexts(db, texts);
  const ranked = rankListedMatches(db, fts, [...new Set(blockLists.flat())]);
  const rankOf = new Map(ranked.map((block, index) => [block.blockId, index]));
  const bestOf = new Map<number, number>();
  texts.forEach((textId, index) => {
    let best: number | undefined;
    for (const blockId of blockLists[index]!) {
      const rank = rankOf.get(blockId);
      if (rank !== undefined && (best === undefined || rank < rankOf.get(best)!)) best = blockId;
    }
    if (best !== undefined) bestOf.set(textId, best);
  });

  const versions: SearchVersionHit[] = [];
  const snippets = new Map<number, string>();
  for (const run of kept.reverse()) {
    const blockId = bestOf.get(run.textId);
    const snapshot = blockId === undefined ? null : getSnapshotSummary(db, run.passing[0]!);
    if (blockId === undefined || !snapshot) continue;
    let snippet = snippets.get(blockId);
    if (snippet === undefined) {
      snippet =
        highlightBlock(db, {
          fts,
          blockId,
          start: HIGHLIGHT_START,
          end: HIGHLIGHT_END,
          ellipsis: '…',
          maxChars: MAX_SNIPPET_CHARS,
          fragmentTokens: FRAGMENT_TOKENS,
        }) ?? '';
      snippets.set(blockId, snippet);
    }
    const position = blockPosition(db, run.textId, blockId) ?? 0;
    versions.push({
      snapshot,
      lastCapturedAt: isoSeconds(catalogue.snapshotTime[run.passing.at(-1)!]!),
      captureCount: run.passing.length,
      snippet,
      headingPath: headingPath(headingsUpTo(db, run.textId, position), position),
    });
  }
  return finish(versions);
}

/** Unix seconds as the archive writes capture times: `YYYY-MM-DDTHH:MM:SSZ`. */
function isoSeconds(unixSeconds: number): string {
  return new Date(unixSeconds * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
