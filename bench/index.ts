/**
 * Benchmarks: `npm run bench [-- --sizes 1000,10000 --versions 20 --seed 1 --json --keep --no-diff --no-search]`.
 * Prints import throughput and archive size against raw text size for each
 * corpus size, web-archive import memory, the diff engine against other
 * word diffs, and search latency on 10k/100k archives against ripgrep and
 * lunr. Measures only; nothing here asserts a timing.
 */
import { arch, cpus, platform } from 'node:os';
import { parseArgs } from 'node:util';
import { runDiffBench, type DiffBenchResult } from './diffBench';
import { formatDiffReport } from './diff/formatDiffReport';
import { runImportBench, type ImportBenchResult } from './importBench';
import { DEFAULT_BENCH_DATA_DIR } from './search/benchArchive';
import { formatSearchReport } from './search/formatSearchReport';
import { runSearchBench, type SearchBenchResult } from './searchBench';
import { formatReportBench, runReportBench, type ReportBenchResult } from './reportBench';
import { runWarcBench, type WarcBenchResult } from './warcBench';

interface BenchConfig {
  sizes: number[];
  versionsPerVendor: number;
  seed: number;
  json: boolean;
  keep: boolean;
  /** Policy pages in each web-archive run (empty: skip that section). */
  warcPages: number[];
  /** Run the diff section (`--no-diff` skips it). */
  diff: boolean;
  /** Only the diff section (`--diff-only`: no import or web-archive runs). */
  diffOnly: boolean;
  /** Budget of one run of a slow diff tool, in seconds (`--diff-timeout`). */
  diffTimeoutSeconds: number;
  /** Timed runs per tool and pair (`--diff-runs`). */
  diffRuns: number;
  /** Run the search section (`--no-search` skips it). */
  search: boolean;
  /** Only the search section (`--search-only`). */
  searchOnly: boolean;
  /** Archive sizes of the search section, in snapshots (`--search-sizes`). */
  searchSizes: number[];
  /** Where search archives and texts are kept between runs (`--bench-data`). */
  benchData: string;
  /** Make the search archives again even when reusable (`--search-regenerate`). */
  searchRegenerate: boolean;
  /** Queries per search class (`--search-queries`) and timed runs of each (`--search-runs`). */
  searchQueries: number;
  searchRuns: number;
  /** Time budget of one query class at one size, in seconds (`--search-budget`). */
  searchBudgetSeconds: number;
  /** Run the report-export section (`--no-report` skips it). */
  report: boolean;
  /** Only the report-export section (`--report-only`). */
  reportOnly: boolean;
  /** Queries per class run with ripgrep (`--rg-queries`, 0 skips) and the budget of one rg run (`--rg-timeout`, s). */
  rgQueries: number;
  rgTimeoutSeconds: number;
  /** Snapshot counts lunr indexes (`--lunr-sizes`, 0 skips), its budget per size (s) and heap cap (MB). */
  lunrSizes: number[];
  lunrTimeoutSeconds: number;
  lunrMemoryMb: number;
}

function readConfig(argv: string[]): BenchConfig | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      versions: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      warc: { type: 'string', default: '2000,8000' },
      // node:util parseArgs on Node 20 has no negated flags: --no-diff is its own option.
      diff: { type: 'boolean', default: true },
      'no-diff': { type: 'boolean', default: false },
      'diff-only': { type: 'boolean', default: false },
      'diff-timeout': { type: 'string', default: '20' },
      'diff-runs': { type: 'string', default: '3' },
      'no-report': { type: 'boolean', default: false },
      'report-only': { type: 'boolean', default: false },
      search: { type: 'boolean', default: true },
      'no-search': { type: 'boolean', default: false },
      'search-only': { type: 'boolean', default: false },
      'search-sizes': { type: 'string', default: '10000,100000' },
      'bench-data': { type: 'string', default: DEFAULT_BENCH_DATA_DIR },
      'search-regenerate': { type: 'boolean', default: false },
      'search-queries': { type: 'string', default: '30' },
      'search-runs': { type: 'string', default: '3' },
      'search-budget': { type: 'string', default: '120' },
      'rg-queries': { type: 'string', default: '10' },
      'rg-timeout': { type: 'string', default: '60' },
      'lunr-sizes': { type: 'string', default: '1000,2000,5000,10000,20000' },
      'lunr-timeout': { type: 'string', default: '120' },
      'lunr-memory': { type: 'string', default: '2048' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const positive = (name: string, text: string): number => {
    const value = Number(text.trim());
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name}: expected positive whole numbers, got "${text}"`);
    return value;
  };
  return {
    sizes: values.sizes.split(',').map((size) => positive('sizes', size)),
    versionsPerVendor: positive('versions', values.versions),
    seed: positive('seed', values.seed),
    json: values.json,
    keep: values.keep,
    warcPages: values.warc === '0' || values.warc === '' ? [] : values.warc.split(',').map((n) => positive('warc', n)),
    diff: values.diff && !values['no-diff'],
    diffOnly: values['diff-only'],
    diffTimeoutSeconds: positive('diff-timeout', values['diff-timeout']),
    diffRuns: positive('diff-runs', values['diff-runs']),
    report: !values['no-report'],
    reportOnly: values['report-only'],
    search: values.search && !values['no-search'],
    searchOnly: values['search-only'],
    searchSizes: values['search-sizes'].split(',').map((n) => positive('search-sizes', n)),
    benchData: values['bench-data'],
    searchRegenerate: values['search-regenerate'],
    searchQueries: positive('search-queries', values['search-queries']),
    searchRuns: positive('search-runs', values['search-runs']),
    searchBudgetSeconds: positive('search-budget', values['search-budget']),
    rgQueries: values['rg-queries'].trim() === '0' ? 0 : positive('rg-queries', values['rg-queries']),
    rgTimeoutSeconds: positive('rg-timeout', values['rg-timeout']),
    lunrSizes:
      values['lunr-sizes'] === '0' || values['lunr-sizes'] === ''
        ? []
        : values['lunr-sizes'].split(',').map((n) => positive('lunr-sizes', n)),
    lunrTimeoutSeconds: positive('lunr-timeout', values['lunr-timeout']),
    lunrMemoryMb: positive('lunr-memory', values['lunr-memory']),
  };
}

function formatTable(results: ImportBenchResult[]): string {
  const headers = [
    'SNAPSHOTS',
    'VENDORS',
    'RAW MB',
    'IMPORT s',
    'SNAPSHOTS/s',
    'MB/s',
    'ARCHIVE MB',
    'ARCHIVE/RAW',
    'TEXTS',
    'BLOCKS',
    'FAILED',
  ];
  const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
  const rows = results.map((result) => [
    String(result.snapshots),
    String(result.vendors),
    mb(result.rawBytes),
    (result.importMs / 1000).toFixed(1),
    result.snapshotsPerSecond.toFixed(0),
    result.megabytesPerSecond.toFixed(2),
    mb(result.archiveBytes),
    `${(result.archiveToRaw * 100).toFixed(0)}%`,
    String(result.texts),
    String(result.blocks),
    String(result.failed),
  ]);
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  return [headers, ...rows]
    .map((row) => row.map((cell, column) => cell.padStart(widths[column]!)).join('  '))
    .join('\n');
}

function formatWarcTable(results: WarcBenchResult[]): string {
  const headers = [
    'PAGES',
    'RECORDS',
    'WARC MB',
    'IMPORT s',
    'RECORDS/s',
    'MB/s',
    'SNAPSHOTS',
    'SKIPPED',
    'PEAK RSS MB',
    'PEAK HEAP MB',
  ];
  const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
  const rows = results.map((r) => [
    String(r.pages),
    String(r.records),
    mb(r.warcBytes),
    (r.importMs / 1000).toFixed(1),
    r.recordsPerSecond.toFixed(0),
    r.megabytesPerSecond.toFixed(2),
    String(r.snapshotsAdded),
    String(r.skipped),
    mb(r.peakRss),
    mb(r.peakHeap),
  ]);
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  return [headers, ...rows]
    .map((row) => row.map((cell, column) => cell.padStart(widths[column]!)).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2));
  if (!config) {
    process.stdout.write(
      'Usage: npm run bench -- [--sizes 1000,10000] [--warc 2000,8000 | --warc 0] [--versions 20] [--seed 1] [--json] [--keep]\n' +
        '                        [--no-diff | --diff-only] [--diff-timeout 20] [--diff-runs 3]\n' +
        '                        [--no-search | --search-only] [--no-report | --report-only] [--search-sizes 10000,100000] [--bench-data DIR] [--search-regenerate]\n' +
        '                        [--search-queries 30] [--search-runs 3] [--search-budget 120] [--rg-queries 10] [--rg-timeout 60]\n' +
        '                        [--lunr-sizes 1000,2000,5000,10000,20000 | --lunr-sizes 0] [--lunr-timeout 120] [--lunr-memory 2048]\n',
    );
    return;
  }
  const environment = {
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
  };
  if (config.diffOnly && !config.diff) throw new Error('--diff-only and --no-diff together leave nothing to run');
  if (config.searchOnly && !config.search)
    throw new Error('--search-only and --no-search together leave nothing to run');
  if (config.searchOnly && config.diffOnly) throw new Error('--search-only and --diff-only: choose one');
  if (config.reportOnly && (config.diffOnly || config.searchOnly || !config.report))
    throw new Error('--report-only cannot be combined with --diff-only, --search-only or --no-report');
  const only = config.diffOnly || config.searchOnly || config.reportOnly;
  // The diff section runs first, on a fresh heap, and prints after import and web archive.
  const diff: DiffBenchResult | null =
    config.diff && !config.searchOnly && !config.reportOnly
      ? await runDiffBench({
          seed: config.seed,
          budgetMs: config.diffTimeoutSeconds * 1000,
          runs: config.diffRuns,
          log: (message) => process.stderr.write(`[diff] ${message}\n`),
        })
      : null;
  const results: ImportBenchResult[] = [];
  for (const size of only ? [] : config.sizes) {
    const result = await runImportBench({
      snapshots: size,
      versionsPerVendor: config.versionsPerVendor,
      seed: config.seed,
      keep: config.keep,
      log: (message) => process.stderr.write(`[${size}] ${message}\n`),
    });
    if (result.workDir) process.stderr.write(`[${size}] kept ${result.workDir}\n`);
    results.push(result);
  }
  const warc: WarcBenchResult[] = [];
  for (const pages of only ? [] : config.warcPages) {
    warc.push(
      await runWarcBench({
        pages,
        versionsPerVendor: config.versionsPerVendor,
        seed: config.seed,
        log: (message) => process.stderr.write(`[warc ${pages}] ${message}\n`),
      }),
    );
  }
  // Search last: it may first have to make its archives (minutes at 100k; reused afterwards).
  const search: SearchBenchResult | null =
    config.search && !config.diffOnly && !config.reportOnly
      ? await runSearchBench({
          sizes: config.searchSizes,
          versionsPerVendor: config.versionsPerVendor,
          seed: config.seed,
          dataDir: config.benchData,
          regenerate: config.searchRegenerate,
          perClass: config.searchQueries,
          runs: config.searchRuns,
          classBudgetMs: config.searchBudgetSeconds * 1000,
          ripgrepQueries: config.rgQueries,
          ripgrepTimeoutMs: config.rgTimeoutSeconds * 1000,
          lunrSizes: config.lunrSizes,
          lunrBudgetMs: config.lunrTimeoutSeconds * 1000,
          lunrMemoryMb: config.lunrMemoryMb,
          log: (message) => process.stderr.write(`[search] ${message}\n`),
        })
      : null;
  const report: ReportBenchResult | null =
    config.report && !config.diffOnly && !config.searchOnly
      ? await runReportBench({ seed: config.seed, log: (message) => process.stderr.write(`[report] ${message}\n`) })
      : null;
  const failed = hasFailures(results, warc, diff) || hasSearchErrors(search);
  if (config.json) {
    process.stdout.write(`${JSON.stringify({ environment, config, results, warc, diff, search, report }, null, 2)}\n`);
    if (failed) process.exitCode = 1;
    return;
  }
  if (results.length > 0) printImport(config, environment, results);
  if (warc.length > 0) printWarc(warc);
  if (diff) {
    const environmentLine = `Node ${environment.node}, ${environment.platform}, ${environment.cpu}`;
    process.stdout.write(`${results.length + warc.length > 0 ? '\n' : ''}${formatDiffReport(diff, environmentLine)}\n`);
  }
  if (search) {
    const environmentLine = `Node ${environment.node}, ${environment.platform}, ${environment.cpu}`;
    const before = results.length + warc.length > 0 || diff ? '\n' : '';
    process.stdout.write(`${before}${formatSearchReport(search, environmentLine)}\n`);
  }
  if (report) {
    const before = results.length + warc.length > 0 || diff || search ? '\n' : '';
    process.stdout.write(`${before}${formatReportBench(report)}\n`);
  }
  if (failed) process.exitCode = 1;
}

/** searchArchive threw on a benchmark query (it must never throw on user input): the run exits 1. */
function hasSearchErrors(search: SearchBenchResult | null): boolean {
  return search?.sizes.some((size) => size.classes.some((timing) => timing.error !== undefined)) ?? false;
}

/** Import files the importer rejected, or pairs our diff did not rebuild: the run exits 1. */
function hasFailures(results: ImportBenchResult[], warc: WarcBenchResult[], diff: DiffBenchResult | null): boolean {
  return (
    results.some((result) => result.failed > 0) ||
    warc.some((result) => result.failed > 0) ||
    (diff?.pairs.some((pair) => !pair.correct) ?? false)
  );
}

function printImport(
  config: BenchConfig,
  environment: { node: string; platform: string; cpu: string },
  results: ImportBenchResult[],
): void {
  process.stdout.write(
    `Import benchmark — seed ${config.seed}, ${config.versionsPerVendor} versions per vendor; ` +
      `Node ${environment.node}, ${environment.platform}, ${environment.cpu}\n\n`,
  );
  process.stdout.write(`${formatTable(results)}\n\n`);
  process.stdout.write(
    'IMPORT s excludes generating the corpus. RAW MB = generated file bytes. ARCHIVE MB = .sqlite + -wal after close\n' +
      '(closing checkpoints the WAL). TEXTS = distinct versions stored, BLOCKS = distinct blocks (shared across versions).\n',
  );
}

function printWarc(warc: WarcBenchResult[]): void {
  process.stdout.write(
    `\nWeb archive import (one gzip WARC: per policy page a request, the page, an image and an unrelated page)\n\n`,
  );
  process.stdout.write(`${formatWarcTable(warc)}\n\n`);
  process.stdout.write(
    'PEAK RSS/HEAP sampled every 50 ms and at each progress report while importing. A WARC that streams keeps them\n' +
      'flat as the file grows; SKIPPED = images and non-policy pages, listed in the report.\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
