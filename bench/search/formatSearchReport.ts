import { formatColumns } from '../diff/formatDiffReport';
import type { SearchBenchResult, SearchSizeResult } from '../searchBench';
import type { OperationTiming } from './historyTrendTimes';
import { percentile, summarizeLatency, type LatencySummary } from './latencySummary';
import type { LunrBenchResult } from './lunrRunner';
import { QUERY_CLASS_DESCRIPTIONS, QUERY_CLASSES, type QueryClass } from './querySet';
import type { RipgrepClassTiming } from './ripgrepTimes';
import type { ClassTiming } from './searchLatency';
import type { TargetCheck } from './searchTargets';

/** `10k`, `100k`, `2.5k`, `500`. */
export function sizeLabel(snapshots: number): string {
  if (snapshots < 1000) return String(snapshots);
  return `${Number((snapshots / 1000).toFixed(1))}k`;
}

/** Milliseconds with precision that suits their size; seconds from 10 s. */
export function formatMilliseconds(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || Number.isNaN(ms)) return '–';
  if (ms >= 10_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 100) return ms.toFixed(0);
  if (ms >= 1) return ms.toFixed(1);
  return ms.toFixed(2);
}

function megabytes(bytes: number | null): string {
  return bytes === null ? '–' : (bytes / 1048576).toFixed(1);
}

function range(median: number | null, min: number | null, max: number | null): string {
  if (median === null) return '–';
  return min === max ? String(median) : `${median} (${min}–${max})`;
}

/** A class's cells for one size: p50, p95, hits (median, min–max), `*` when the budget cut it short. */
function classCells(timing: ClassTiming | undefined): string[] {
  if (!timing) return ['–', '–', '–'];
  if (timing.error) return ['error', '–', '–'];
  const cut = timing.queriesRun < timing.queries ? '*' : '';
  const lowerBound = timing.perQuery.some((query) => query.totalExact === false) ? '≥' : '';
  return [
    formatMilliseconds(timing.latency?.p50) + cut,
    formatMilliseconds(timing.latency?.p95) + cut,
    lowerBound + range(timing.hits.median, timing.hits.min, timing.hits.max),
  ];
}

function operationCells(timing: OperationTiming): string[] {
  if (!timing.available) return ['not available', '', ''];
  const cut = timing.queriesRun < timing.queries ? '*' : '';
  const sizes = timing.perQuery.map((call) => call.size);
  const median = sizes.length > 0 ? percentile(sizes, 50) : null;
  const unit = timing.operation === 'phrase-history' ? ' docs' : ' periods';
  return [
    formatMilliseconds(timing.latency?.p50) + cut,
    formatMilliseconds(timing.latency?.p95) + cut,
    median === null ? '–' : `${range(median, Math.min(...sizes), Math.max(...sizes))}${unit}`,
  ];
}

const OPERATION_LABELS: Record<OperationTiming['operation'], string> = {
  'phrase-history': 'phrase history',
  'trend-year': 'trend by year',
  'trend-half-year': 'trend by half-year',
};

/** The latency table: one row per query class and per history/trend operation, three columns per size. */
export function formatLatencyTable(sizes: readonly SearchSizeResult[]): string {
  const headers = ['CLASS', 'QUERIES'];
  for (const size of sizes) {
    const label = sizeLabel(size.snapshots);
    headers.push(`${label} p50 ms`, `${label} p95 ms`, `${label} HITS`);
  }
  const rows: string[][] = QUERY_CLASSES.map((name: QueryClass) => {
    const first = sizes[0]?.classes.find((timing) => timing.name === name);
    return [
      name,
      String(first?.queries ?? '–'),
      ...sizes.flatMap((size) => classCells(size.classes.find((timing) => timing.name === name))),
    ];
  });
  for (const key of ['history', 'trendYear', 'trendHalfYear'] as const) {
    const first = sizes[0]?.[key];
    if (!first) continue;
    rows.push([
      OPERATION_LABELS[first.operation],
      String(first.queries),
      ...sizes.flatMap((size) => operationCells(size[key])),
    ]);
  }
  return formatColumns(headers, rows, 1);
}

export function formatSearchTargets(targets: readonly TargetCheck[]): string {
  return targets
    .map((check) => {
      const figure = check.measuredMs === null ? (check.note ?? '') : `${formatMilliseconds(check.measuredMs)} ms`;
      return `  ${check.status.padEnd(12)}  ${check.target}: ${figure}`;
    })
    .join('\n');
}

/** Our latency on exactly the queries ripgrep ran (the first N of the class). */
function oursOnSameQueries(size: SearchSizeResult, rg: RipgrepClassTiming): LatencySummary | null {
  const timing = size.classes.find((candidate) => candidate.name === rg.name);
  const queries = new Set(rg.perQuery.map((query) => query.query));
  return summarizeLatency(
    (timing?.perQuery ?? []).filter((query) => queries.has(query.query)).flatMap((query) => query.ms),
  );
}

function oursHitsOnSameQueries(size: SearchSizeResult, rg: RipgrepClassTiming): string {
  const timing = size.classes.find((candidate) => candidate.name === rg.name);
  const queries = new Set(rg.perQuery.map((query) => query.query));
  const same = (timing?.perQuery ?? []).filter((query) => queries.has(query.query));
  if (same.length === 0) return '–';
  const lowerBound = same.some((query) => query.totalExact === false) ? '≥' : '';
  return (
    lowerBound +
    String(
      percentile(
        same.map((query) => query.totalDocuments),
        50,
      ),
    )
  );
}

export function formatRipgrepTable(sizes: readonly SearchSizeResult[]): string {
  const headers = [
    'CLASS',
    'SNAPSHOTS',
    'TEXT MB',
    'rg p50 ms',
    'rg p95 ms',
    'rg FILES',
    'ours p50',
    'ours p95',
    'ours DOCS',
    'rg ÷ ours p50',
  ];
  const rows: string[][] = [];
  for (const size of sizes) {
    for (const rg of size.ripgrep ?? []) {
      const ours = oursOnSameQueries(size, rg);
      const ratio = rg.latency && ours && ours.p50 > 0 ? `${(rg.latency.p50 / ours.p50).toFixed(0)}×` : '–';
      const failed = rg.perQuery.filter((query) => query.files === null).length;
      rows.push([
        rg.name,
        String(size.snapshots),
        megabytes(size.archive.textsBytes),
        formatMilliseconds(rg.latency?.p50) + (failed > 0 ? ` (${failed} failed)` : ''),
        formatMilliseconds(rg.latency?.p95),
        range(rg.filesMatched.median, rg.filesMatched.min, rg.filesMatched.max),
        formatMilliseconds(ours?.p50),
        formatMilliseconds(ours?.p95),
        oursHitsOnSameQueries(size, rg),
        ratio,
      ]);
    }
  }
  return formatColumns(headers, rows, 1);
}

export function formatLunrTable(lunr: LunrBenchResult): string {
  const headers = [
    'SNAPSHOTS',
    'TEXT MB',
    'BUILD s',
    'INDEX HEAP MB',
    'RSS MB',
    'QUERY p50 ms',
    'QUERY p95 ms',
    'HITS',
    'STATUS',
  ];
  const rows = lunr.sizes.map((size) => [
    String(size.snapshots),
    megabytes(size.textBytes),
    size.buildMs === null ? '–' : (size.buildMs / 1000).toFixed(1),
    megabytes(size.indexHeapBytes),
    megabytes(size.rssBytes),
    formatMilliseconds(size.latency?.p50),
    formatMilliseconds(size.latency?.p95),
    size.medianHits === null ? '–' : String(size.medianHits),
    size.status,
  ]);
  return formatColumns(headers, rows);
}

function archiveLine(size: SearchSizeResult): string {
  const archive = size.archive;
  const made = `made ${archive.createdAt.slice(0, 16).replace('T', ' ')} in ${((archive.generateMs + archive.importMs) / 1000).toFixed(0)} s`;
  return (
    `  ${sizeLabel(size.snapshots).padStart(5)}: ${archive.path} — ${archive.snapshotsStored} snapshots, ` +
    `${archive.parameters.vendors} vendors, ${megabytes(archive.archiveBytes)} MB (texts ${megabytes(archive.textsBytes)} MB in ${archive.textsDir}); ` +
    `${archive.reused ? `reused (same parameters; ${made})` : made}` +
    (archive.upgradedFrom === null ? '' : `; upgraded from schema ${archive.upgradedFrom} by the app's migrations`)
  );
}

/** The whole search section as printed by `npm run bench`. */
export function formatSearchReport(result: SearchBenchResult, environment?: string): string {
  const lines: string[] = [
    `Search benchmark — seed ${result.seed}, ${result.perClass} queries per class, ${result.runs} timed runs per query ` +
      `after one warm-up run; searchArchive with snippets, first page of ${result.pageSize} hits` +
      (environment ? `; ${environment}` : '') +
      `; load average ${result.load.start.toFixed(1)} → ${result.load.end.toFixed(1)} on ${result.load.cpus} CPUs`,
    'Archives (generated corpus imported with runImport; reused while their parameters match):',
    ...result.sizes.map(archiveLine),
    '',
    formatLatencyTable(result.sizes),
    '',
    'p50/p95 over every timed run of every query in the class. HITS = matching documents (one hit per document):',
    'median (min–max) over the queries; ≥ where the search reports a lower bound. Phrase history runs once per phrase',
    'query and trends once per query (the first trend query is empty: length and readability only), after one',
    `warm-up call. * = stopped at the ${result.classBudgetMs / 1000} s budget before every query ran.`,
    ...QUERY_CLASSES.map((name) => `  ${name.padEnd(16)} ${QUERY_CLASS_DESCRIPTIONS[name]}`),
  ];
  const errors = result.sizes.flatMap((size) => [
    ...size.classes.flatMap((timing) =>
      timing.error ? [`  ${sizeLabel(size.snapshots)} ${timing.name}: ${timing.error}`] : [],
    ),
    ...[size.history, size.trendYear, size.trendHalfYear].flatMap((timing) =>
      timing.reason ? [`  ${sizeLabel(size.snapshots)} ${OPERATION_LABELS[timing.operation]}: ${timing.reason}`] : [],
    ),
  ]);
  if (errors.length > 0) lines.push('', 'Not measured:', ...[...new Set(errors)]);
  lines.push('', 'Targets (issue 5; printed only, never asserted):', formatSearchTargets(result.targets));
  if (Math.max(result.load.start, result.load.end) > result.load.cpus) {
    lines.push(
      `  The machine was busy (load average above ${result.load.cpus}, its CPU count): p95 above all is noisy;`,
      '  rerun on a quiet machine before reading much into a miss.',
    );
  }

  lines.push('');
  if (result.ripgrep.queriesPerClass === 0) {
    lines.push('ripgrep: skipped.');
  } else if (!result.ripgrep.version) {
    lines.push(`ripgrep: not installed, not compared. Install it with: ${result.ripgrep.installHint}`);
  } else {
    lines.push(
      `${result.ripgrep.version} over the same texts on disk (one Markdown file per snapshot), the first ` +
        `${result.ripgrep.queriesPerClass} queries of each class, one run each after a warm-up run, process start included:`,
      `  phrases: ${result.ripgrep.commands.phrase}    words: ${result.ripgrep.commands.term}`,
      '',
      formatRipgrepTable(result.sizes),
      '',
      'rg FILES = snapshot files that contain it (no ranking, no snippets, no grouping); ours = the same queries above,',
      'ranked with snippets; ours DOCS = matching documents.',
    );
  }

  lines.push('');
  if (!result.lunr) {
    lines.push('lunr: skipped.');
  } else {
    const lunr = result.lunr;
    lines.push(
      `lunr ${lunr.version}: one document per snapshot (the whole Markdown file), the first N snapshots of ${lunr.textsDir};`,
      `each size in a fresh child process with a ${lunr.memoryMb} MB heap cap, killed after ${lunr.budgetMs / 1000} s of building and querying;`,
      'queries: the rare and common term classes. INDEX HEAP = V8 heap held after the build (texts released, full GC).',
      '',
      formatLunrTable(lunr),
      '',
    );
    const failed = lunr.sizes.find((size) => size.status !== 'ok');
    lines.push(
      failed
        ? `lunr ${failed.reason ?? `failed at ${failed.snapshots} snapshots`} (${failed.status}); larger sizes not tried.`
        : `lunr indexed every size tried (up to ${lunr.sizes[lunr.sizes.length - 1]?.snapshots ?? 0} snapshots).`,
      'lunr has no phrase queries: "a b" finds documents containing a or b, so phrases are not compared.',
    );
  }
  return lines.join('\n');
}
