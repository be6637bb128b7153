/** Percentiles of timing samples, for the search benchmark's tables. */

/** p50/p95/max of a set of samples (milliseconds). */
export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/**
 * The nearest-rank percentile: the smallest sample such that at least `p` %
 * of the samples are at most it (p95 of 20 samples is the 19th smallest).
 * NaN for no samples.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN;
  if (!(p > 0 && p <= 100)) throw new Error(`percentile: p must be in (0, 100], got ${p}`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Summarise timing samples; null for none (a class that did not run). */
export function summarizeLatency(samples: readonly number[]): LatencySummary | null {
  if (samples.length === 0) return null;
  return {
    samples: samples.length,
    p50: percentile(samples, 50),
    p95: percentile(samples, 95),
    max: Math.max(...samples),
    mean: samples.reduce((sum, value) => sum + value, 0) / samples.length,
  };
}

/** The median of counts (hits per query), rounded down to a whole sample for even lengths. */
export function medianCount(counts: readonly number[]): number | null {
  return counts.length === 0 ? null : percentile(counts, 50);
}
