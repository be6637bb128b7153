import { existsSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { isProse, loadSeedPool } from '../../bench/corpus/seedTexts';
import { openArchive } from '../../src/main/archive/database';
import { archiveInfo } from '../../src/main/archive/queries';
import { benchArchiveParameters, ensureBenchArchive, sameParameters } from '../../bench/search/benchArchive';
import { formatLatencyTable, formatMilliseconds, sizeLabel } from '../../bench/search/formatSearchReport';
import type { OperationTiming } from '../../bench/search/historyTrendTimes';
import { percentile, summarizeLatency } from '../../bench/search/latencySummary';
import { listTextFiles } from '../../bench/search/lunrRunner';
import { buildQuerySet, QUERY_CLASSES, wordStats } from '../../bench/search/querySet';
import { ripgrepArgs } from '../../bench/search/ripgrepTimes';
import type { ClassTiming } from '../../bench/search/searchLatency';
import { checkSearchTargets } from '../../bench/search/searchTargets';
import type { SearchSizeResult } from '../../bench/searchBench';
import { samplesDir, tempDir } from '../support/paths';

const pool = loadSeedPool(samplesDir);
const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

describe('percentile', () => {
  it('is the nearest-rank percentile, whatever the order of the samples', () => {
    const samples = Array.from({ length: 20 }, (_, i) => 20 - i); // 20, 19, …, 1
    expect(percentile(samples, 50)).toBe(10);
    expect(percentile(samples, 95)).toBe(19);
    expect(percentile(samples, 100)).toBe(20);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
  });

  it('summarises samples, and nothing for no samples', () => {
    expect(summarizeLatency([4, 1, 3, 2])).toEqual({ samples: 4, p50: 2, p95: 4, max: 4, mean: 2.5 });
    expect(summarizeLatency([])).toBeNull();
  });
});

describe('query set', () => {
  const options = { seed: 1, perClass: 30, vendorRange: 500 };

  it('is the same for the same seed and differs for another', () => {
    expect(buildQuerySet(pool.seeds, options)).toEqual(buildQuerySet(pool.seeds, options));
    expect(buildQuerySet(pool.seeds, { ...options, seed: 2 })['term-rare']).not.toEqual(
      buildQuerySet(pool.seeds, options)['term-rare'],
    );
  });

  it('has the asked number of distinct queries in every class', () => {
    const set = buildQuerySet(pool.seeds, options);
    for (const name of QUERY_CLASSES) expect(set[name], name).toHaveLength(30);
    for (const name of ['term-rare', 'term-common', 'phrase', 'prefix'] as const) {
      expect(new Set(set[name].map((query) => query.query)).size, name).toBe(30);
    }
  });

  it('takes rare words from one seed text and common words from most of them', () => {
    const set = buildQuerySet(pool.seeds, options);
    const seedsOf = new Map(wordStats(pool.seeds).map((entry) => [entry.word, entry.seeds]));
    for (const query of set['term-rare']) expect(seedsOf.get(query.query)).toBe(1);
    for (const query of set['term-common']) expect(seedsOf.get(query.query)!).toBeGreaterThan(pool.seeds.length / 2);
  });

  it('samples phrases that occur verbatim in the corpus prose, so ripgrep and FTS5 look for the same text', () => {
    const prose = pool.seeds.flatMap((seed) => seed.chunks.filter(isProse)).join('\n');
    const sampled = buildQuerySet(pool.seeds, options).phrase.slice(10);
    expect(sampled.length).toBeGreaterThan(0);
    for (const query of sampled) expect(prose).toContain(query.query.slice(1, -1));
  });

  it('filters only with vendors present in the smallest archive and sensible dates', () => {
    const set = buildQuerySet(pool.seeds, { ...options, vendorRange: 50 });
    for (const query of set['filter-vendor']) {
      for (const vendor of query.filters!.vendorNumbers!) expect(vendor).toBeLessThan(50);
    }
    for (const query of set['filter-dates']) {
      expect(query.filters!.capturedFrom! <= query.filters!.capturedTo!).toBe(true);
    }
    for (const query of set['filter-in-force']) expect(query.filters!.inForceOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});

describe('ripgrep arguments', () => {
  it('search a quoted phrase as a fixed string and a word as a whole word, both ignoring case', () => {
    expect(ripgrepArgs('"opt out"', '/texts')).toEqual(['-l', '-F', '-i', '--', 'opt out', '/texts']);
    expect(ripgrepArgs('cookies', '/texts')).toEqual(['-l', '-F', '-i', '-w', '--', 'cookies', '/texts']);
    // A query starting with a dash is never read as an option.
    expect(ripgrepArgs('"-v"', '/texts')).toContain('--');
  });
});

function classTiming(name: ClassTiming['name'], ms: number[]): ClassTiming {
  return {
    name,
    queries: ms.length,
    queriesRun: ms.length,
    latency: summarizeLatency(ms),
    hits: { median: 5, min: 1, max: 9, medianShown: 5 },
    perQuery: ms.map((value, i) => ({ query: `q${i}`, ms: [value], totalDocuments: 5, hitsShown: 5 })),
  };
}

function operation(available: boolean, ms: number[] = []): OperationTiming {
  return {
    operation: 'phrase-history',
    available,
    ...(available ? {} : { reason: 'search:history is not built yet' }),
    queries: 3,
    queriesRun: ms.length,
    latency: summarizeLatency(ms),
    perQuery: ms.map((value, i) => ({ query: `q${i}`, ms: value, size: 2 })),
  };
}

describe('targets', () => {
  it('are met or missed on the 100k archive only', () => {
    const checks = checkSearchTargets([
      {
        snapshots: 100_000,
        classes: [classTiming('term-rare', [5, 6]), classTiming('term-common', [10, 25]), classTiming('phrase', [1])],
        history: operation(true, [150]),
      },
    ]);
    expect(checks.map((check) => check.status)).toEqual(['met', 'missed', 'met', 'met']);
    expect(checks[1]!.measuredMs).toBe(25);
  });

  it('are "not measured" without a 100k archive, or when phrase history is not built', () => {
    const small = checkSearchTargets([{ snapshots: 10_000, classes: [classTiming('phrase', [1])], history: null }]);
    expect(small.every((check) => check.status === 'not measured')).toBe(true);
    const noHistory = checkSearchTargets([
      { snapshots: 100_000, classes: [classTiming('phrase', [1])], history: operation(false) },
    ]);
    expect(noHistory[3]).toMatchObject({ status: 'not measured' });
    expect(noHistory[3]!.note).toContain('not built yet');
  });
});

describe('report', () => {
  it('labels sizes and times readably', () => {
    expect([sizeLabel(500), sizeLabel(10_000), sizeLabel(100_000), sizeLabel(2500)]).toEqual([
      '500',
      '10k',
      '100k',
      '2.5k',
    ]);
    expect([
      formatMilliseconds(0.123),
      formatMilliseconds(12.34),
      formatMilliseconds(250),
      formatMilliseconds(null),
    ]).toEqual(['0.12', '12.3', '250', '–']);
  });

  it('says "not available" for a phrase history that is not built, and shows each size', () => {
    const size = (snapshots: number): SearchSizeResult =>
      ({
        snapshots,
        classes: [classTiming('term-rare', [1, 2, 3])],
        history: operation(false),
        trendYear: { ...operation(true, [40]), operation: 'trend-year' },
        trendHalfYear: { ...operation(true, [60]), operation: 'trend-half-year' },
      }) as unknown as SearchSizeResult;
    const table = formatLatencyTable([size(10_000), size(100_000)]);
    expect(table).toContain('10k p95 ms');
    expect(table).toContain('100k p95 ms');
    expect(table.split('\n').find((line) => line.startsWith('phrase history'))).toContain('not available');
    expect(table.split('\n').find((line) => line.startsWith('term-rare'))).toMatch(/2\.0\s+3\.0/);
  });
});

describe('benchmark archive', () => {
  it('rounds the size to whole vendors and tells parameter sets apart', () => {
    const a = benchArchiveParameters({ snapshots: 105, versionsPerVendor: 20, seed: 1 });
    expect(a).toMatchObject({ snapshots: 100, vendors: 5 });
    expect(sameParameters(a, { ...a })).toBe(true);
    expect(sameParameters(a, { ...a, seed: 2 })).toBe(false);
  });

  it('is imported once with the real pipeline, then reused while its parameters match', async () => {
    const { dir, cleanup } = tempDir('pae-search-bench-');
    cleanups.push(cleanup);
    const options = { snapshots: 6, versionsPerVendor: 3, seed: 4, dataDir: dir };
    const made = await ensureBenchArchive(options);
    expect(made.reused).toBe(false);
    expect(made.snapshotsStored).toBe(6);
    expect(listTextFiles(made.textsDir, 100)).toHaveLength(6);
    expect(existsSync(`${made.path}-wal`)).toBe(false);
    const db = openArchive(made.path, { readonly: true });
    try {
      expect(archiveInfo(db, made.path)).toMatchObject({ snapshotCount: 6, vendorCount: 2 });
    } finally {
      db.close();
    }

    const again = await ensureBenchArchive(options);
    expect(again).toMatchObject({ reused: true, path: made.path, snapshotsStored: 6 });
    const other = await ensureBenchArchive({ ...options, seed: 5 });
    expect(other.reused).toBe(false);
    expect(JSON.parse(readFileSync(`${dir}/search-6.json`, 'utf8')).parameters.seed).toBe(5);
  });

  it('lists the first texts vendor by vendor, oldest version first', async () => {
    const { dir, cleanup } = tempDir('pae-search-texts-');
    cleanups.push(cleanup);
    const archive = await ensureBenchArchive({ snapshots: 6, versionsPerVendor: 3, seed: 4, dataDir: dir });
    const files = listTextFiles(archive.textsDir, 4);
    expect(files).toHaveLength(4);
    expect(files.slice(0, 3).every((file) => file.includes('vendor0000.example'))).toBe(true);
    expect(files[3]).toContain('vendor0001.example');
    const dates = files.slice(0, 3).map((file) => file.slice(-13));
    expect([...dates].sort()).toEqual(dates);
  });
});
