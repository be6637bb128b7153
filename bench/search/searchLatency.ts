import type Database from 'better-sqlite3';
import { findVendor } from '../../src/main/archive/queries';
import { searchArchive } from '../../src/main/search/search';
import type { SearchRequest } from '../../src/shared/contract';
import type { SearchFilters } from '../../src/shared/searchDomain';
import { medianCount, summarizeLatency, type LatencySummary } from './latencySummary';
import type { BenchFilters, BenchQuery, QueryClass } from './querySet';

/** Hits per page, as the app asks for them. */
export const PAGE_SIZE = 50;

export interface QueryTiming {
  query: string;
  filters?: SearchFilters;
  /** Timed runs (ms), warm-up excluded. */
  ms: number[];
  totalDocuments: number;
  /** Hits on the first page (≤ PAGE_SIZE). */
  hitsShown: number;
  /** False when totalDocuments is a lower bound (absent on builds that do not say). */
  totalExact?: boolean;
}

export interface ClassTiming {
  name: QueryClass;
  queries: number;
  /** Queries that ran before the class's time budget ran out (all of them, normally). */
  queriesRun: number;
  latency: LatencySummary | null;
  /** Median, min and max of totalDocuments over the queries. */
  hits: { median: number | null; min: number | null; max: number | null; medianShown: number | null };
  /** Set when searchArchive threw (it should not): the class is then not timed. */
  error?: string;
  perQuery: QueryTiming[];
}

export interface ClassTimingOptions {
  /** Timed passes over the class (after one untimed warm-up pass). */
  runs: number;
  /** Stop adding queries once the class has taken this long (ms). */
  budgetMs: number;
  /** Digits in the corpus vendor names (`vendor0042.example`). */
  vendorDigits: number;
}

/**
 * Time the real `searchArchive` (ranked, with snippets, first page of
 * PAGE_SIZE hits) on each query of a class: one warm-up run per query, then
 * `runs` timed runs; every timed run is one sample.
 */
export function timeQueryClass(
  db: Database.Database,
  name: QueryClass,
  queries: readonly BenchQuery[],
  options: ClassTimingOptions,
): ClassTiming {
  const started = performance.now();
  const perQuery: QueryTiming[] = [];
  let error: string | undefined;
  for (const query of queries) {
    if (perQuery.length > 0 && performance.now() - started > options.budgetMs) break;
    try {
      const filters = query.filters ? resolveFilters(db, query.filters, options.vendorDigits) : undefined;
      const request: SearchRequest = {
        query: query.query,
        limit: PAGE_SIZE,
        offset: 0,
        ...(filters ? { filters } : {}),
      };
      const warm = searchArchive(db, request);
      const timing: QueryTiming = {
        query: query.query,
        ...(filters ? { filters } : {}),
        ms: [],
        totalDocuments: warm.totalDocuments,
        hitsShown: warm.hits.length,
        ...(typeof warm.totalExact === 'boolean' ? { totalExact: warm.totalExact } : {}),
      };
      for (let run = 0; run < options.runs; run++) {
        const runStart = performance.now();
        searchArchive(db, request);
        timing.ms.push(performance.now() - runStart);
      }
      perQuery.push(timing);
    } catch (caught) {
      error = `${query.query}: ${caught instanceof Error ? caught.message : String(caught)}`;
      break;
    }
  }
  const totals = perQuery.map((timing) => timing.totalDocuments);
  return {
    name,
    queries: queries.length,
    queriesRun: perQuery.length,
    latency: error ? null : summarizeLatency(perQuery.flatMap((timing) => timing.ms)),
    hits: {
      median: medianCount(totals),
      min: totals.length > 0 ? Math.min(...totals) : null,
      max: totals.length > 0 ? Math.max(...totals) : null,
      medianShown: medianCount(perQuery.map((timing) => timing.hitsShown)),
    },
    ...(error ? { error } : {}),
    perQuery,
  };
}

/** The corpus names vendor k `vendor000k.example` (generateCorpus); its id comes from the archive. */
export function resolveFilters(db: Database.Database, filters: BenchFilters, vendorDigits: number): SearchFilters {
  const { vendorNumbers, ...rest } = filters;
  if (!vendorNumbers) return { ...rest };
  const vendorIds = vendorNumbers.map((number) => {
    const key = `vendor${String(number).padStart(vendorDigits, '0')}.example`;
    const vendor = findVendor(db, key);
    if (!vendor) throw new Error(`the benchmark archive has no vendor ${key}`);
    return vendor.id;
  });
  return { ...rest, vendorIds };
}
