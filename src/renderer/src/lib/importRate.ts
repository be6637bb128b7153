/**
 * Import speed and time left, from the progress events as they arrive. The
 * speed is smoothed (an exponential moving average weighted by the time each
 * step took) so one large or one tiny file does not make it jump, and the
 * time left is only offered once there is enough to go on.
 */

/** What the progress said at one moment (`at` in milliseconds, any monotonic clock). */
export interface RateSample {
  at: number;
  bytesDone: number;
  filesDone: number;
}

/** Smoothed speed of an import. */
export interface ImportRate {
  bytesPerSecond: number;
  filesPerSecond: number;
}

/** The running estimate: the first and the latest sample, and the smoothed rate (null until two samples). */
export interface RateTracker {
  first: RateSample;
  last: RateSample;
  rate: ImportRate | null;
}

/** A step this long ago counts half as much as the newest one. */
export const RATE_HALF_LIFE_MS = 3000;
/** No time left is shown before the import has run this long (the first seconds say little). */
export const ETA_MIN_ELAPSED_MS = 1500;

/** Start tracking at the first sample of the importing phase. */
export function startRate(sample: RateSample): RateTracker {
  return { first: sample, last: sample, rate: null };
}

/**
 * Fold a new sample into the tracker. Samples at the same moment (or out of
 * order) are ignored: the next one covers their progress. Counts never go
 * backwards in a rate.
 */
export function updateRate(tracker: RateTracker, sample: RateSample, halfLifeMs = RATE_HALF_LIFE_MS): RateTracker {
  const elapsedMs = sample.at - tracker.last.at;
  if (elapsedMs <= 0) return tracker;
  const seconds = elapsedMs / 1000;
  const instant: ImportRate = {
    bytesPerSecond: Math.max(0, sample.bytesDone - tracker.last.bytesDone) / seconds,
    filesPerSecond: Math.max(0, sample.filesDone - tracker.last.filesDone) / seconds,
  };
  const previous = tracker.rate;
  if (!previous) return { first: tracker.first, last: sample, rate: instant };
  // The longer this step took, the more it says about the current speed.
  const weight = 1 - 2 ** (-elapsedMs / halfLifeMs);
  return {
    first: tracker.first,
    last: sample,
    rate: {
      bytesPerSecond: previous.bytesPerSecond + weight * (instant.bytesPerSecond - previous.bytesPerSecond),
      filesPerSecond: previous.filesPerSecond + weight * (instant.filesPerSecond - previous.filesPerSecond),
    },
  };
}

/** How far the import is: what is left of the bytes (or, without sizes, of the files). */
export interface Remaining {
  bytesDone: number;
  bytesTotal: number;
  filesDone: number;
  filesTotal: number;
}

/**
 * Seconds left at the current speed, or null when it cannot be told honestly
 * yet (too early, no speed, nothing measured). Bytes decide when the sizes are
 * known: containers reveal more files as they are opened, so the file count
 * keeps growing while the byte total does not.
 */
export function secondsLeft(tracker: RateTracker | null, progress: Remaining): number | null {
  if (!tracker?.rate) return null;
  if (tracker.last.at - tracker.first.at < ETA_MIN_ELAPSED_MS) return null;
  if (progress.bytesTotal > 0) {
    const left = Math.max(0, progress.bytesTotal - progress.bytesDone);
    if (left === 0) return 0;
    return tracker.rate.bytesPerSecond > 0 ? left / tracker.rate.bytesPerSecond : null;
  }
  const left = Math.max(0, progress.filesTotal - progress.filesDone);
  if (left === 0) return 0;
  return tracker.rate.filesPerSecond > 0 ? left / tracker.rate.filesPerSecond : null;
}

/** Share done, 0–1: by bytes when sizes are known, else by files. */
export function fractionDone(progress: Remaining): number {
  if (progress.bytesTotal > 0) return Math.min(1, Math.max(0, progress.bytesDone / progress.bytesTotal));
  if (progress.filesTotal > 0) return Math.min(1, Math.max(0, progress.filesDone / progress.filesTotal));
  return 0;
}
