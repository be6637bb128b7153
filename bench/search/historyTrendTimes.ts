import type Database from 'better-sqlite3';
import { phraseHistory } from '../../src/main/search/phraseHistory';
import { searchTrend } from '../../src/main/search/trend';
import type { TrendBucket } from '../../src/shared/searchDomain';
import { summarizeLatency, type LatencySummary } from './latencySummary';

/** One phrase-history or trend call. */
export interface CallTiming {
  query: string;
  ms: number;
  /** Documents in the history, or periods in the trend. */
  size: number;
}

export interface OperationTiming {
  operation: 'phrase-history' | 'trend-year' | 'trend-half-year';
  /** False when the function threw on the warm-up call (not built yet, or broken): nothing was timed. */
  available: boolean;
  /** Why it is not available: the error message. */
  reason?: string;
  queries: number;
  queriesRun: number;
  latency: LatencySummary | null;
  perQuery: CallTiming[];
}

export interface HistoryTrendOptions {
  /** Stop adding queries once an operation has taken this long (ms). */
  budgetMs: number;
}

/**
 * Time `phraseHistory` (per query: which documents contained it, and when)
 * over the given queries, one run each after an untimed warm-up call.
 */
export function timePhraseHistory(
  db: Database.Database,
  queries: readonly string[],
  options: HistoryTrendOptions,
): OperationTiming {
  return timeCalls('phrase-history', queries, options, (query) => phraseHistory(db, { query }).documents.length);
}

/** Time `searchTrend` by year or half-year; an empty query times length and readability alone. */
export function timeTrend(
  db: Database.Database,
  queries: readonly string[],
  by: TrendBucket,
  options: HistoryTrendOptions,
): OperationTiming {
  return timeCalls(by === 'year' ? 'trend-year' : 'trend-half-year', queries, options, (query) => {
    return searchTrend(db, { query, by }).periods.length;
  });
}

function timeCalls(
  operation: OperationTiming['operation'],
  queries: readonly string[],
  options: HistoryTrendOptions,
  call: (query: string) => number,
): OperationTiming {
  const base = { operation, queries: queries.length };
  const first = queries[0];
  if (first === undefined) return { ...base, available: true, queriesRun: 0, latency: null, perQuery: [] };
  try {
    call(first);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ...base, available: false, reason, queriesRun: 0, latency: null, perQuery: [] };
  }
  const started = performance.now();
  const perQuery: CallTiming[] = [];
  let reason: string | undefined;
  for (const query of queries) {
    if (perQuery.length > 0 && performance.now() - started > options.budgetMs) break;
    try {
      const callStart = performance.now();
      const size = call(query);
      perQuery.push({ query, ms: performance.now() - callStart, size });
    } catch (error) {
      reason = `${query}: ${error instanceof Error ? error.message : String(error)}`;
      break;
    }
  }
  return {
    ...base,
    available: true,
    ...(reason ? { reason } : {}),
    queriesRun: perQuery.length,
    latency: summarizeLatency(perQuery.map((timing) => timing.ms)),
    perQuery,
  };
}
