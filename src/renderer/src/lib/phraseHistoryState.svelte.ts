import type { PhraseHistory, SearchFilters } from '../../../shared/searchDomain';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';

/** Documents shown at first; more on request (a common phrase can have thousands). */
export const HISTORY_PAGE = 100;

/**
 * "History of this phrase": per document, when the search's query appeared
 * and disappeared. Shown in the content column over whatever was open there
 * when it was asked for; opening anything else there replaces it.
 */
export class PhraseHistoryState {
  query = $state('');
  filters = $state.raw<SearchFilters>({});
  result = $state.raw<PhraseHistory | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** How many documents the view lists. */
  showing = $state(HISTORY_PAGE);
  shown = $state(false);
  /** What the content column held when the history was opened (see `isShownOver`). */
  #over = $state.raw<unknown>(null);

  #request = new LatestRequest();

  /** Show the history of a query (with the search's filters). `over` is what the content column shows now. */
  async open(query: string, filters: SearchFilters, over: unknown): Promise<void> {
    const isLatest = this.#request.begin();
    this.query = query;
    this.filters = filters;
    this.result = null;
    this.error = null;
    this.showing = HISTORY_PAGE;
    this.shown = true;
    this.#over = over;
    this.loading = true;
    try {
      const result = await api.search.history({ query, filters });
      if (!isLatest()) return;
      this.result = result;
    } catch (error) {
      if (isLatest()) this.error = `Could not trace “${query}”: ${errorMessage(error)}`;
    } finally {
      if (isLatest()) this.loading = false;
    }
  }

  /**
   * Whether the history is what the content column shows, given what else it
   * would show: once the user opens something else there (a capture from the
   * timeline, say), that wins.
   */
  isShownOver(current: unknown): boolean {
    return this.shown && current === this.#over;
  }

  showMore(): void {
    this.showing += HISTORY_PAGE;
  }

  close(): void {
    this.#request.invalidate();
    this.shown = false;
    this.loading = false;
  }
}
