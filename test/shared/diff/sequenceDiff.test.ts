import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffSequences, type EditRun } from '../../../src/shared/diff/sequenceDiff';

const bounds = { maxEditLength: 2000, deadline: Number.POSITIVE_INFINITY };

/** Replay an edit script: the kept and deleted elements give `a`, the kept and inserted ones `b`. */
function replay(a: Int32Array, b: Int32Array, runs: EditRun[]): { oldSide: number[]; newSide: number[]; kept: number } {
  const oldSide: number[] = [];
  const newSide: number[] = [];
  let i = 0;
  let j = 0;
  let kept = 0;
  for (const run of runs) {
    expect(run.count).toBeGreaterThan(0);
    for (let k = 0; k < run.count; k++) {
      if (run.op === 'equal') {
        expect(a[i]).toBe(b[j]);
        oldSide.push(a[i++]!);
        newSide.push(b[j++]!);
        kept++;
      } else if (run.op === 'delete') {
        oldSide.push(a[i++]!);
      } else {
        newSide.push(b[j++]!);
      }
    }
  }
  return { oldSide, newSide, kept };
}

/** Length of a longest common subsequence, by the textbook dynamic programme. */
function lcsLength(a: readonly number[], b: readonly number[]): number {
  const row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = 0;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = a[i - 1] === b[j - 1] ? diagonal + 1 : Math.max(row[j]!, row[j - 1]!);
      diagonal = above;
    }
  }
  return row[b.length]!;
}

const sequenceArb = fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 40 });

describe('diffSequences', () => {
  it('is an edit script from a to b: replaying it gives both sequences back', () => {
    fc.assert(
      fc.property(sequenceArb, sequenceArb, (x, y) => {
        const a = Int32Array.from(x);
        const b = Int32Array.from(y);
        const { runs } = diffSequences(a, b, bounds);
        const { oldSide, newSide } = replay(a, b, runs);
        expect(oldSide).toEqual(x);
        expect(newSide).toEqual(y);
      }),
      { numRuns: 500 },
    );
  });

  it('keeps a longest common subsequence when every element occurs at most once', () => {
    const distinctArb = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 30 });
    fc.assert(
      fc.property(distinctArb, distinctArb, (x, y) => {
        const { runs } = diffSequences(Int32Array.from(x), Int32Array.from(y), bounds);
        expect(replay(Int32Array.from(x), Int32Array.from(y), runs).kept).toBe(lcsLength(x, y));
      }),
      { numRuns: 300 },
    );
  });

  it('keeps something whenever the sequences share an element (anchors, or Myers where there are none)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }),
        fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 12 }),
        (x, y) => {
          const { runs, coarse } = diffSequences(Int32Array.from(x), Int32Array.from(y), bounds);
          expect(coarse).toBe(false);
          const kept = replay(Int32Array.from(x), Int32Array.from(y), runs).kept;
          expect(kept).toBeLessThanOrEqual(lcsLength(x, y));
          expect(kept).toBeGreaterThanOrEqual(Math.min(1, lcsLength(x, y)));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reports one unchanged run for equal sequences', () => {
    const a = Int32Array.from([1, 2, 3, 2, 1]);
    expect(diffSequences(a, a.slice(), bounds)).toEqual({ runs: [{ op: 'equal', count: 5 }], coarse: false });
  });

  it('deletes and inserts whole, without searching, when the sequences share nothing', () => {
    const result = diffSequences(Int32Array.from([1, 2, 3]), Int32Array.from([4, 5]), {
      maxEditLength: 1,
      deadline: 0,
    });
    expect(result).toEqual({
      runs: [
        { op: 'delete', count: 3 },
        { op: 'insert', count: 2 },
      ],
      coarse: false,
    });
  });

  it('falls back to deleting and inserting the middle, marked coarse, past maxEditLength', () => {
    const a = Int32Array.from([9, 1, 2, 1, 2, 1, 2, 8]);
    const b = Int32Array.from([9, 2, 1, 2, 2, 1, 1, 8]);
    const result = diffSequences(a, b, { maxEditLength: 1, deadline: Number.POSITIVE_INFINITY });
    expect(result.coarse).toBe(true);
    expect(result.runs).toEqual([
      { op: 'equal', count: 1 },
      { op: 'delete', count: 6 },
      { op: 'insert', count: 6 },
      { op: 'equal', count: 1 },
    ]);
  });
});
