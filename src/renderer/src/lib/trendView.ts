import type { Trend, TrendBucket, TrendPeriod } from '../../../shared/searchDomain';

const MAX_SLUG_LENGTH = 40;

/**
 * A query as part of a file name: lower case, letters and digits joined by
 * hyphens (`opt-out "sell"` → `opt-out-sell`), at most 40 characters, `all`
 * when nothing is left. Letters of every script are kept; everything a file
 * system could object to is not.
 */
export function querySlug(query: string): string {
  const slug = query
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length === 0) return 'all';
  const cut = slug.slice(0, MAX_SLUG_LENGTH).replace(/-+$/, '');
  return cut.length > 0 ? cut : 'all';
}

/** The suggested name of a trend export: `trend-<query-slug>-by-<bucket>.csv`. */
export function trendFileName(query: string, by: TrendBucket): string {
  return `trend-${querySlug(query)}-by-${by}.csv`;
}

/** A share (0–1) as a percentage with one decimal: `42.9%`; `—` when unknown. */
export function shareText(share: number | null): string {
  if (share === null || !Number.isFinite(share)) return '—';
  return `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** A median word count, whole: `1,234`; `—` when unknown. */
export function wordsText(words: number | null): string {
  if (words === null || !Number.isFinite(words)) return '—';
  return Math.round(words).toLocaleString('en-US');
}

/** A reading-ease score with one decimal: `41.3`; `—` when unknown. */
export function readabilityText(score: number | null): string {
  if (score === null || !Number.isFinite(score)) return '—';
  return (Math.round(score * 10) / 10).toFixed(1);
}

/** One row of the trend's data table, as shown. */
export interface TrendRow {
  label: string;
  range: string;
  vendorsWithPolicy: string;
  vendorsMatching: string;
  share: string;
  medianWords: string;
  medianReadability: string;
}

export function trendRow(period: TrendPeriod): TrendRow {
  return {
    label: period.label,
    range: `${period.start} – ${period.end}`,
    vendorsWithPolicy: String(period.vendorsWithPolicy),
    vendorsMatching: period.vendorsMatching === null ? '—' : String(period.vendorsMatching),
    share: shareText(period.share),
    medianWords: wordsText(period.medianWords),
    medianReadability: readabilityText(period.medianReadability),
  };
}

/** The three series the charts draw, period by period (null where a period has no value). */
export interface TrendSeries {
  labels: string[];
  /** Share as a percentage 0–100, or null for every period when no query was given. */
  sharePercent: Array<number | null> | null;
  medianWords: Array<number | null>;
  medianReadability: Array<number | null>;
}

export function trendSeries(trend: Trend): TrendSeries {
  const hasQuery = trend.query.trim().length > 0;
  return {
    labels: trend.periods.map((period) => period.label),
    sharePercent: hasQuery
      ? trend.periods.map((period) => (period.share === null ? null : Math.round(period.share * 1000) / 10))
      : null,
    medianWords: trend.periods.map((period) => period.medianWords),
    medianReadability: trend.periods.map((period) => period.medianReadability),
  };
}

/** A sentence summing a series up for screen readers: first and last known values. */
export function seriesSummary(
  labels: readonly string[],
  values: ReadonlyArray<number | null>,
  format: (value: number) => string,
): string {
  const known = values
    .map((value, index) => ({ value, label: labels[index] ?? '' }))
    .filter((entry): entry is { value: number; label: string } => entry.value !== null && Number.isFinite(entry.value));
  if (known.length === 0) return 'no data';
  const first = known[0]!;
  const last = known.at(-1)!;
  if (known.length === 1) return `${format(first.value)} in ${first.label}`;
  return `from ${format(first.value)} in ${first.label} to ${format(last.value)} in ${last.label}`;
}
