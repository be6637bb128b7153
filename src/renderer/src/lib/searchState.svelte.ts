import type { SearchResult } from '../../../shared/domain';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';

const DEBOUNCE_MS = 200;
const RESULT_LIMIT = 50;

/** The search box and its results. Typing searches after a short pause; Escape clears. */
export class SearchState {
  query = $state('');
  /** Restrict the search to the vendor selected in the list. */
  onlySelectedVendor = $state(false);
  result = $state.raw<SearchResult | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);

  active = $derived(this.query.trim().length > 0);

  #selectedVendorId: () => number | null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #request = new LatestRequest();

  /** `selectedVendorId` tells the search which vendor "only this vendor" means. */
  constructor(selectedVendorId: () => number | null) {
    this.#selectedVendorId = selectedVendorId;
  }

  /** The user typed: search after a short pause. */
  input(query: string): void {
    this.query = query;
    this.#schedule();
  }

  setOnlySelectedVendor(value: boolean): void {
    this.onlySelectedVendor = value;
    if (this.active) void this.run();
  }

  /** Search now (Enter). */
  async run(): Promise<void> {
    this.#cancelTimer();
    const query = this.query.trim();
    if (query.length === 0) {
      this.clear();
      return;
    }
    const vendorId = this.onlySelectedVendor ? this.#selectedVendorId() : null;
    const isLatest = this.#request.begin();
    this.loading = true;
    try {
      const result = await api.search.query({ query, limit: RESULT_LIMIT, ...(vendorId !== null ? { vendorId } : {}) });
      if (!isLatest()) return;
      this.result = result;
      this.error = null;
    } catch (error) {
      if (isLatest()) this.error = `Search failed: ${errorMessage(error)}`;
    } finally {
      if (isLatest()) this.loading = false;
    }
  }

  clear(): void {
    this.#cancelTimer();
    this.#request.invalidate();
    this.query = '';
    this.result = null;
    this.error = null;
    this.loading = false;
  }

  /** Stop a pending search (component teardown). */
  dispose(): void {
    this.#cancelTimer();
    this.#request.invalidate();
  }

  #schedule(): void {
    this.#cancelTimer();
    if (!this.active) {
      this.clear();
      return;
    }
    this.#timer = setTimeout(() => {
      void this.run();
    }, DEBOUNCE_MS);
  }

  #cancelTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
