import { describe, expect, it } from 'vitest';
import {
  ETA_MIN_ELAPSED_MS,
  fractionDone,
  secondsLeft,
  startRate,
  updateRate,
  type RateSample,
  type RateTracker,
} from '../../../src/renderer/src/lib/importRate';

const MB = 1_000_000;

/** Feed samples in order, as progress events arrive. */
function track(samples: RateSample[]): RateTracker {
  const [first, ...rest] = samples;
  if (!first) throw new Error('no samples');
  return rest.reduce((tracker, sample) => updateRate(tracker, sample), startRate(first));
}

/** An import moving `bytesPerStep` and `filesPerStep` every `stepMs`, for `steps` steps from `from`. */
function steady(from: RateSample, steps: number, stepMs: number, bytesPerStep: number, filesPerStep: number) {
  return Array.from({ length: steps }, (_, index) => ({
    at: from.at + (index + 1) * stepMs,
    bytesDone: from.bytesDone + (index + 1) * bytesPerStep,
    filesDone: from.filesDone + (index + 1) * filesPerStep,
  }));
}

describe('import speed', () => {
  it('reads a steady import as its real speed in bytes and files per second', () => {
    const start = { at: 0, bytesDone: 0, filesDone: 0 };
    const tracker = track([start, ...steady(start, 10, 500, MB, 2)]);
    expect(tracker.rate?.bytesPerSecond).toBeCloseTo(2 * MB, 6);
    expect(tracker.rate?.filesPerSecond).toBeCloseTo(4, 6);
  });

  it('does not jump with one big file: the speed moves towards it, then settles at the new pace', () => {
    const start = { at: 0, bytesDone: 0, filesDone: 0 };
    const calm = steady(start, 10, 500, 0.5 * MB, 1); // 1 MB/s
    const before = track([start, ...calm]).rate!.bytesPerSecond;
    const last = calm.at(-1)!;
    // One 20 MB file done in half a second: 40 MB/s for that moment.
    const burst = { at: last.at + 500, bytesDone: last.bytesDone + 20 * MB, filesDone: last.filesDone + 1 };
    const after = track([start, ...calm, burst]).rate!.bytesPerSecond;
    expect(after).toBeGreaterThan(before);
    expect(after).toBeLessThan(0.25 * 40 * MB);
    // A sustained new pace (4 MB/s) wins in the end.
    const faster = steady(burst, 40, 500, 2 * MB, 1);
    const settled = track([start, ...calm, burst, ...faster]).rate!.bytesPerSecond;
    expect(Math.abs(settled - 4 * MB) / (4 * MB)).toBeLessThan(0.01);
  });

  it('loses no progress to events that arrive at the same moment', () => {
    const tracker = track([
      { at: 0, bytesDone: 0, filesDone: 0 },
      { at: 1000, bytesDone: MB, filesDone: 1 },
      { at: 1000, bytesDone: 2 * MB, filesDone: 2 }, // same moment: folded into the next step
      { at: 2000, bytesDone: 3 * MB, filesDone: 3 },
    ]);
    // First step 1 MB/s, second 2 MB/s (it includes the event that arrived at the same moment).
    expect(tracker.rate!.bytesPerSecond).toBeGreaterThan(MB);
    expect(tracker.last).toEqual({ at: 2000, bytesDone: 3 * MB, filesDone: 3 });
  });
});

describe('time left', () => {
  const start = { at: 0, bytesDone: 0, filesDone: 0 };

  it('is the bytes still to read at the current speed', () => {
    const tracker = track([start, ...steady(start, 4, 500, MB, 1)]); // 2 MB/s, 4 MB done after 2 s
    expect(secondsLeft(tracker, { bytesDone: 4 * MB, bytesTotal: 14 * MB, filesDone: 4, filesTotal: 5 })).toBeCloseTo(
      5,
      6,
    );
  });

  it('is not guessed in the first moments, nor while nothing moves', () => {
    const early = track([start, { at: ETA_MIN_ELAPSED_MS - 1, bytesDone: MB, filesDone: 1 }]);
    expect(secondsLeft(early, { bytesDone: MB, bytesTotal: 10 * MB, filesDone: 1, filesTotal: 10 })).toBeNull();
    expect(secondsLeft(null, { bytesDone: 0, bytesTotal: 10 * MB, filesDone: 0, filesTotal: 10 })).toBeNull();
    const stalled = track([start, { at: 1000, bytesDone: 0, filesDone: 0 }, { at: 3000, bytesDone: 0, filesDone: 0 }]);
    expect(secondsLeft(stalled, { bytesDone: 0, bytesTotal: 10 * MB, filesDone: 0, filesTotal: 10 })).toBeNull();
  });

  it('counts files when the sizes are unknown, and is zero when all is done', () => {
    const tracker = track([start, ...steady(start, 4, 500, 0, 1)]); // 2 files/s, no bytes
    expect(secondsLeft(tracker, { bytesDone: 0, bytesTotal: 0, filesDone: 4, filesTotal: 10 })).toBeCloseTo(3, 6);
    expect(secondsLeft(tracker, { bytesDone: 0, bytesTotal: 0, filesDone: 10, filesTotal: 10 })).toBe(0);
  });
});

describe('share done', () => {
  it('goes by bytes (a folder of one huge and many tiny files), else by files, never beyond 0–100%', () => {
    expect(fractionDone({ bytesDone: 90 * MB, bytesTotal: 100 * MB, filesDone: 1, filesTotal: 50 })).toBeCloseTo(0.9);
    expect(fractionDone({ bytesDone: 0, bytesTotal: 0, filesDone: 5, filesTotal: 20 })).toBe(0.25);
    expect(fractionDone({ bytesDone: 0, bytesTotal: 0, filesDone: 0, filesTotal: 0 })).toBe(0);
    expect(fractionDone({ bytesDone: 120, bytesTotal: 100, filesDone: 0, filesTotal: 1 })).toBe(1);
  });
});
