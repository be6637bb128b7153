/**
 * The search section of `npm run bench`: on generated archives of each size
 * (made once and reused, see search/benchArchive.ts), p50/p95 latency of the
 * real searchArchive per query class, phrase-history and trend times, ripgrep
 * over the same texts on disk, and lunr at growing sizes until it fails.
 */
import { cpus, loadavg } from 'node:os';
import { openArchive } from '../src/main/archive/database';
import { textBlockIndex } from '../src/main/archive/textBlockIndex';
import { DEFAULT_SAMPLES_DIR } from './corpus/generateCorpus';
import { loadSeedPool } from './corpus/seedTexts';
import { ensureBenchArchive, type BenchArchive } from './search/benchArchive';
import { timePhraseHistory, timeTrend, type OperationTiming } from './search/historyTrendTimes';
import { runLunrSizes, type LunrBenchResult } from './search/lunrRunner';
import { buildQuerySet, QUERY_CLASSES, type QuerySet } from './search/querySet';
import {
  RIPGREP_COMMANDS,
  RIPGREP_INSTALL_HINT,
  ripgrepVersion,
  timeRipgrep,
  type RipgrepClassTiming,
} from './search/ripgrepTimes';
import { PAGE_SIZE, timeQueryClass, type ClassTiming } from './search/searchLatency';
import { checkSearchTargets, type TargetCheck } from './search/searchTargets';

export interface SearchBenchOptions {
  /** Archive sizes in snapshots, e.g. [10000, 100000]. */
  sizes: number[];
  versionsPerVendor: number;
  seed: number;
  /** Where archives and texts are kept between runs (default /work/bench-data). */
  dataDir?: string;
  /** Make the archives again even when reusable. */
  regenerate?: boolean;
  /** Queries per class. */
  perClass: number;
  /** Timed runs per query after the warm-up run. */
  runs: number;
  /** Most time one query class (or phrase history, or trend) may take per size; later queries are skipped. */
  classBudgetMs: number;
  /** Queries per class (phrase, rare and common terms) run with ripgrep; 0 skips ripgrep. */
  ripgrepQueries: number;
  ripgrepTimeoutMs: number;
  /** Snapshot counts lunr indexes, smallest first (empty: skip lunr). */
  lunrSizes: number[];
  lunrBudgetMs: number;
  lunrMemoryMb: number;
  log?: (message: string) => void;
}

export interface SearchSizeResult {
  snapshots: number;
  archive: BenchArchive;
  classes: ClassTiming[];
  history: OperationTiming;
  trendYear: OperationTiming;
  trendHalfYear: OperationTiming;
  /** Null when ripgrep is missing or skipped. */
  ripgrep: RipgrepClassTiming[] | null;
}

export interface SearchBenchResult {
  seed: number;
  perClass: number;
  runs: number;
  pageSize: number;
  classBudgetMs: number;
  querySet: QuerySet;
  sizes: SearchSizeResult[];
  ripgrep: {
    /** `rg --version`, or null when it is not installed. */
    version: string | null;
    commands: typeof RIPGREP_COMMANDS;
    installHint: string;
    queriesPerClass: number;
  };
  lunr: LunrBenchResult | null;
  targets: TargetCheck[];
  /** One-minute load average when the section started and ended, and the CPU count: timings are only comparable on a quiet machine. */
  load: { start: number; end: number; cpus: number };
}

/** Classes ripgrep is compared on: what it can express (fixed strings, whole words). */
const RIPGREP_CLASSES = ['phrase', 'term-rare', 'term-common'] as const;
const TREND_YEAR_QUERIES = 10;
const TREND_HALF_YEAR_QUERIES = 5;

/** Run the search section; see the module comment. Archives are made when missing (minutes at 100k). */
export async function runSearchBench(options: SearchBenchOptions): Promise<SearchBenchResult> {
  const log = options.log ?? (() => {});
  const loadAtStart = loadavg()[0] ?? 0;
  const sizes = [...options.sizes].sort((a, b) => a - b);
  const archives: BenchArchive[] = [];
  for (const snapshots of sizes) {
    archives.push(
      await ensureBenchArchive({
        snapshots,
        versionsPerVendor: options.versionsPerVendor,
        seed: options.seed,
        ...(options.dataDir ? { dataDir: options.dataDir } : {}),
        regenerate: options.regenerate ?? false,
        log: (message) => log(`[${snapshots}] ${message}`),
      }),
    );
  }
  const vendorRange = Math.min(...archives.map((archive) => archive.parameters.vendors));
  const querySet = buildQuerySet(loadSeedPool(DEFAULT_SAMPLES_DIR).seeds, {
    seed: options.seed,
    perClass: options.perClass,
    vendorRange,
  });
  const rgVersion = options.ripgrepQueries > 0 ? ripgrepVersion() : null;
  if (options.ripgrepQueries > 0 && !rgVersion) log(`ripgrep not found; install it with: ${RIPGREP_INSTALL_HINT}`);

  const results: SearchSizeResult[] = [];
  for (const archive of archives) {
    results.push(measureSize(archive, querySet, rgVersion !== null, options, log));
  }

  let lunr: LunrBenchResult | null = null;
  if (options.lunrSizes.length > 0 && archives.length > 0) {
    const largestLunr = Math.max(...options.lunrSizes);
    const texts =
      archives.find((archive) => archive.parameters.snapshots >= largestLunr) ?? archives[archives.length - 1]!;
    lunr = await runLunrSizes({
      sizes: [...options.lunrSizes].sort((a, b) => a - b),
      textsDir: texts.textsDir,
      queries: [...querySet['term-rare'], ...querySet['term-common']].map((query) => query.query),
      runs: options.runs,
      budgetMs: options.lunrBudgetMs,
      memoryMb: options.lunrMemoryMb,
      log,
    });
  }

  return {
    seed: options.seed,
    perClass: options.perClass,
    runs: options.runs,
    pageSize: PAGE_SIZE,
    classBudgetMs: options.classBudgetMs,
    querySet,
    sizes: results,
    ripgrep: {
      version: rgVersion,
      commands: RIPGREP_COMMANDS,
      installHint: RIPGREP_INSTALL_HINT,
      queriesPerClass: options.ripgrepQueries,
    },
    lunr,
    targets: checkSearchTargets(results),
    load: { start: loadAtStart, end: loadavg()[0] ?? 0, cpus: cpus().length },
  };
}

function measureSize(
  archive: BenchArchive,
  querySet: QuerySet,
  ripgrepInstalled: boolean,
  options: SearchBenchOptions,
  log: (message: string) => void,
): SearchSizeResult {
  const snapshots = archive.parameters.snapshots;
  const say = (message: string): void => log(`[${snapshots}] ${message}`);
  const db = openArchive(archive.path, { readonly: true });
  let classes: ClassTiming[];
  let history: OperationTiming;
  let trendYear: OperationTiming;
  let trendHalfYear: OperationTiming;
  try {
    const vendorDigits = Math.max(4, String(archive.parameters.vendors - 1).length);
    classes = QUERY_CLASSES.map((name) => {
      say(`search: ${name}…`);
      return timeQueryClass(db, name, querySet[name], {
        runs: options.runs,
        budgetMs: options.classBudgetMs,
        vendorDigits,
      });
    });
    const phrases = querySet.phrase.map((query) => query.query);
    const terms = querySet['term-common'].map((query) => query.query);
    const budget = { budgetMs: options.classBudgetMs };
    // Read once per connection and kept: the first history or trend query pays for it.
    const listsStart = performance.now();
    const lists = textBlockIndex(db);
    say(
      `block lists in memory: ${((lists.blocks.byteLength + lists.start.byteLength * 2) / 1048576).toFixed(1)} MB, ` +
        `read in ${(performance.now() - listsStart).toFixed(0)} ms`,
    );
    say('phrase history…');
    history = timePhraseHistory(db, phrases, budget);
    // An empty query measures length and readability alone, which every trend chart shows.
    const trendQueries = ['', ...phrases.slice(0, 5), ...terms.slice(0, 4)];
    say('trend by year…');
    trendYear = timeTrend(db, trendQueries.slice(0, TREND_YEAR_QUERIES), 'year', budget);
    say('trend by half-year…');
    trendHalfYear = timeTrend(db, trendQueries.slice(0, TREND_HALF_YEAR_QUERIES), 'half-year', budget);
  } finally {
    db.close();
  }
  let ripgrep: RipgrepClassTiming[] | null = null;
  if (ripgrepInstalled && options.ripgrepQueries > 0) {
    ripgrep = RIPGREP_CLASSES.map((name) => {
      say(`ripgrep: ${name}…`);
      const queries = querySet[name].slice(0, options.ripgrepQueries).map((query) => query.query);
      return timeRipgrep(name, queries, archive.textsDir, { timeoutMs: options.ripgrepTimeoutMs });
    });
  }
  return { snapshots, archive, classes, history, trendYear, trendHalfYear, ripgrep };
}
