import type { SearchHit, SearchResult } from '../../../shared/domain';
import type { SearchFilters, SearchVersionsResult } from '../../../shared/searchDomain';
import { SvelteMap } from 'svelte/reactivity';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';
import { readingOf } from './queryReading';
import { cleanFilters, withoutChip } from './searchFilters';
import { hasMorePages, mergePage, SEARCH_PAGE_SIZE } from './searchPaging';

/** Pause after the last keystroke before searching: long enough to skip the letters of a word typed quickly. */
export const SEARCH_DEBOUNCE_MS = 180;

/** A hit expanded to every matching version of its document. */
export type VersionsEntry =
  { status: 'loading' } | { status: 'done'; result: SearchVersionsResult } | { status: 'failed'; error: string };

/**
 * The search box, its filters and its results. Typing searches after a short
 * pause (Enter at once, Escape clears); only the latest answer is shown.
 * Results come a page at a time: the list asks for the next page as it nears
 * the end of what is loaded. Changing a filter searches again.
 */
export class SearchState {
  query = $state('');
  /** The filters as the panel holds them; requests send `cleanFilters` of them. */
  filters = $state.raw<SearchFilters>({});
  /** Every hit loaded so far, across pages, best first. */
  hits = $state.raw<SearchHit[]>([]);
  /** The answer to the latest first page: counts, how the query was read, timing. */
  result = $state.raw<SearchResult | null>(null);
  loading = $state(false);
  loadingMore = $state(false);
  error = $state<string | null>(null);
  /** Hits expanded to every matching version, by document id. */
  readonly versions = new SvelteMap<number, VersionsEntry>();

  active = $derived(this.query.trim().length > 0);
  requestFilters = $derived(cleanFilters(this.filters));
  /** How the query was read, when it was more than plain words. */
  reading = $derived(this.result ? readingOf(this.result.query, this.result.explanation) : null);
  hasMore = $state(false);

  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = new LatestRequest();
  /** Bumped by every new search and by clear: pages and versions asked for before it are stale. */
  #generation = 0;
  /** The query and filters the hits shown answer (what the next page and expanded versions must ask for). */
  #shown: { query: string; filters: SearchFilters } | null = null;

  /** The user typed: search after a short pause. */
  input(query: string): void {
    this.query = query;
    this.#schedule();
  }

  /** Replace the filters and search again at once. */
  setFilters(filters: SearchFilters): void {
    this.filters = filters;
    if (this.active) void this.run();
  }

  /** Remove the filter a chip stands for. */
  removeFilter(chipId: string): void {
    this.setFilters(withoutChip(this.filters, chipId));
  }

  /** The quick "Only <vendor>" toggle: exactly this vendor, or no vendor filter. */
  setOnlyVendor(vendorId: number, on: boolean): void {
    this.setFilters({ ...this.filters, vendorIds: on ? [vendorId] : [] });
  }

  isOnlyVendor(vendorId: number | null): boolean {
    const ids = this.requestFilters.vendorIds ?? [];
    return vendorId !== null && ids.length === 1 && ids[0] === vendorId;
  }

  /** Search now (Enter, or a filter changed): the first page. */
  async run(): Promise<void> {
    this.#cancelTimer();
    const query = this.query.trim();
    if (query.length === 0) {
      this.clear();
      return;
    }
    const filters = this.requestFilters;
    const isLatest = this.#request.begin();
    this.#generation += 1;
    this.loading = true;
    this.loadingMore = false;
    try {
      const result = await api.search.query({ query, limit: SEARCH_PAGE_SIZE, offset: 0, filters });
      if (!isLatest()) return;
      this.#shown = { query, filters };
      this.result = result;
      this.hits = mergePage([], result.hits, 0);
      this.hasMore = this.#hasMore(result);
      this.versions.clear();
      this.error = null;
    } catch (error) {
      if (isLatest()) this.error = `Search failed: ${errorMessage(error)}`;
    } finally {
      if (isLatest()) this.loading = false;
    }
  }

  /** Fetch the next page of the hits shown (the list is near its end). */
  async loadMore(): Promise<void> {
    const shown = this.#shown;
    if (!shown || !this.hasMore || this.loading || this.loadingMore) return;
    // A new search makes this page stale: it belongs to the search that was current when it was asked for.
    const isLatest = this.#isCurrent();
    const offset = this.hits.length;
    this.loadingMore = true;
    try {
      const page = await api.search.query({ ...shown, limit: SEARCH_PAGE_SIZE, offset });
      if (!isLatest()) return;
      const before = this.hits.length;
      this.hits = mergePage(this.hits, page.hits, offset);
      // Counts can move while an import runs; the newest page knows best.
      if (this.result)
        this.result = { ...this.result, totalDocuments: page.totalDocuments, totalExact: page.totalExact };
      this.hasMore = this.#hasMore(page) && this.hits.length > before;
    } catch (error) {
      if (isLatest()) {
        this.error = `Could not load more results: ${errorMessage(error)}`;
        this.hasMore = false;
      }
    } finally {
      if (isLatest()) this.loadingMore = false;
    }
  }

  /** Show or hide every matching version of a hit's document. */
  async toggleVersions(documentId: number): Promise<void> {
    if (this.versions.has(documentId)) {
      this.versions.delete(documentId);
      return;
    }
    const shown = this.#shown;
    if (!shown) return;
    const isLatest = this.#isCurrent();
    this.versions.set(documentId, { status: 'loading' });
    try {
      const result = await api.search.versions({ query: shown.query, documentId, filters: shown.filters });
      if (isLatest() && this.versions.has(documentId)) this.versions.set(documentId, { status: 'done', result });
    } catch (error) {
      if (isLatest() && this.versions.has(documentId)) {
        this.versions.set(documentId, { status: 'failed', error: errorMessage(error) });
      }
    }
  }

  /** Empty the box and the results; the filters stay for the next search. */
  clear(): void {
    this.#cancelTimer();
    this.#request.invalidate();
    this.#generation += 1;
    this.#shown = null;
    this.query = '';
    this.result = null;
    this.hits = [];
    this.hasMore = false;
    this.versions.clear();
    this.error = null;
    this.loading = false;
    this.loadingMore = false;
  }

  /** Search again when an import changed the archive; returns the unsubscribe function (an `$effect` cleanup). */
  connect(): () => void {
    return api.on('archive:changed', () => {
      if (this.active) void this.run();
    });
  }

  /** Stop a pending search (component teardown). */
  dispose(): void {
    this.#cancelTimer();
    this.#request.invalidate();
  }

  /** Whether the search shown now is still the one current when this was called. */
  #isCurrent(): () => boolean {
    const generation = this.#generation;
    return () => generation === this.#generation;
  }

  #hasMore(page: SearchResult): boolean {
    return hasMorePages({
      loaded: this.hits.length,
      totalDocuments: page.totalDocuments,
      totalExact: page.totalExact,
      lastPageSize: page.hits.length,
      pageSize: SEARCH_PAGE_SIZE,
    });
  }

  #schedule(): void {
    this.#cancelTimer();
    if (!this.active) {
      this.clear();
      return;
    }
    this.#timer = setTimeout(() => {
      void this.run();
    }, SEARCH_DEBOUNCE_MS);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
