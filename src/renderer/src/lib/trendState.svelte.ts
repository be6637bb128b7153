import type { SearchFilters, Trend, TrendBucket } from '../../../shared/searchDomain';
import { trendToCsv } from '../../../shared/trendCsv';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { LatestRequest } from './latestRequest';
import { cleanFilters } from './searchFilters';
import { trendFileName } from './trendView';

/**
 * The trends page: for a query, per year or half-year, the share of vendors
 * whose in-force policy contains it, and the median policy length and
 * readability; export as CSV.
 */
export class TrendState {
  open = $state(false);
  query = $state('');
  by = $state<TrendBucket>('year');
  /** Only vendor ids and document keys apply to trends (periods replace the date filters). */
  filters = $state.raw<SearchFilters>({});
  trend = $state.raw<Trend | null>(null);
  loading = $state(false);
  error = $state<string | null>(null);
  /** The outcome of the last export, for the status line. */
  exportMessage = $state<string | null>(null);
  exporting = $state(false);

  #request = new LatestRequest();

  /** Open the page, starting from the search's query, and compute the trend. */
  show(query: string): void {
    this.open = true;
    if (query.trim().length > 0 || this.trend === null) {
      this.query = query.trim();
      void this.run();
    }
  }

  close(): void {
    this.open = false;
  }

  setBucket(by: TrendBucket): void {
    this.by = by;
    void this.run();
  }

  setFilters(filters: SearchFilters): void {
    const { vendorIds, documentKeys } = filters;
    this.filters = cleanFilters({ vendorIds, documentKeys });
    void this.run();
  }

  async run(): Promise<void> {
    const isLatest = this.#request.begin();
    this.loading = true;
    this.exportMessage = null;
    try {
      const trend = await api.search.trend({ query: this.query.trim(), by: this.by, filters: this.filters });
      if (!isLatest()) return;
      this.trend = trend;
      this.error = null;
    } catch (error) {
      if (isLatest()) this.error = `Could not compute the trend: ${errorMessage(error)}`;
    } finally {
      if (isLatest()) this.loading = false;
    }
  }

  /** Save the numbers shown as CSV, where the user chooses. */
  async exportCsv(): Promise<void> {
    const trend = this.trend;
    if (!trend || this.exporting) return;
    this.exporting = true;
    try {
      const path = await api.app.saveText({
        defaultName: trendFileName(trend.query, trend.by),
        text: trendToCsv(trend),
        kind: 'csv',
      });
      this.exportMessage = path === null ? 'Export cancelled.' : `Saved to ${path}`;
    } catch (error) {
      this.exportMessage = `Could not export: ${errorMessage(error)}`;
    } finally {
      this.exporting = false;
    }
  }
}
