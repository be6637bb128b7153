import type { SearchHit } from '../../../shared/domain';

/** Hits asked for per page: the first screenful and then some, while the list stays cheap to extend. */
export const SEARCH_PAGE_SIZE = 100;
/** Load the next page when the last visible hit is this close to the end of what is loaded. */
export const LOAD_AHEAD = 25;

/**
 * Add a page of hits (asked for at `offset`) to the hits loaded so far. A
 * page replaces whatever was loaded from its offset on, and a document seen
 * on an earlier page is not shown twice (an import between two pages can
 * shift the ranking by a place or two).
 */
export function mergePage(loaded: readonly SearchHit[], page: readonly SearchHit[], offset: number): SearchHit[] {
  const kept = loaded.slice(0, Math.max(0, Math.min(offset, loaded.length)));
  const seen = new Set(kept.map((hit) => hit.documentId));
  for (const hit of page) {
    if (seen.has(hit.documentId)) continue;
    seen.add(hit.documentId);
    kept.push(hit);
  }
  return kept;
}

/** What is known about a result after its last page arrived. */
export interface PagingState {
  loaded: number;
  totalDocuments: number;
  /** False when totalDocuments is only a lower bound. */
  totalExact: boolean;
  /** Hits in the last page received, and how many were asked for. */
  lastPageSize: number;
  pageSize: number;
}

/** Whether asking for another page can return more hits. */
export function hasMorePages(state: PagingState): boolean {
  // A short page is the end, whatever the count said.
  if (state.lastPageSize < state.pageSize) return false;
  return state.loaded < state.totalDocuments || !state.totalExact;
}

/** Whether the list has scrolled close enough to the end of the loaded hits to fetch the next page. */
export function nearEnd(lastVisibleIndex: number, loaded: number, ahead: number = LOAD_AHEAD): boolean {
  return loaded > 0 && lastVisibleIndex >= loaded - 1 - ahead;
}
