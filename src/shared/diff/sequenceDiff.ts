import { diffArrays } from 'diff';

export type EditOp = 'equal' | 'delete' | 'insert';

/** `count` consecutive elements kept, deleted from `a` or inserted from `b`. */
export interface EditRun {
  op: EditOp;
  count: number;
}

export interface SequenceDiff {
  /** The edit script, in order; consecutive runs have different ops except delete/insert pairs. */
  runs: EditRun[];
  /** True when a bound was hit and some stretch fell back to deleting and inserting it whole. */
  coarse: boolean;
}

export interface SequenceBounds {
  /** Largest edit script one Myers step may compute. */
  maxEditLength: number;
  /** Wall-clock deadline (ms since the epoch). */
  deadline: number;
  /**
   * Anchor only on unique matches with a matching neighbour when a stretch has
   * any (see `diffSequences`). For words, where a word occurring once on each
   * side can be a coincidence; blocks occurring once are telling on their own.
   */
  strongAnchors?: boolean;
}

/** Stretches this short (both sides together) go straight to Myers: at most this many edits, so cheap and minimal. */
const SMALL_STRETCH = 32;
/** Total elements the anchoring may visit, per element of input, before it stops recursing. */
const WORK_PER_ELEMENT = 32;

interface Range {
  aLo: number;
  aHi: number;
  bLo: number;
  bHi: number;
}
type Task = { range: Range } | { emit: EditOp; count: number };

/**
 * Diff two sequences of small non-negative integer ids (interned blocks or
 * words), patience-style, so it stays fast and readable on long documents:
 *
 * 1. keep the common head and tail;
 * 2. if the two stretches share nothing, they are deleted and inserted whole
 *    (exact, no search needed);
 * 3. otherwise anchor on the elements that occur exactly once on each side
 *    (their longest common order) and recurse between the anchors. With
 *    `strongAnchors`, where some of those matches have a matching neighbour,
 *    only those anchor: in a long, heavily edited text a word that happens to
 *    occur once on each side in unrelated places would otherwise pin the
 *    alignment wrongly; inside the smaller stretches between strong anchors
 *    the rest get their turn;
 *    Where no single element is telling, anchor on pairs of neighbours
 *    occurring once on each side instead;
 * 4. a stretch with shared elements but no anchors is handed to jsdiff's Myers
 *    diff, bounded by `maxEditLength` and the deadline; past the bound it is
 *    deleted and inserted whole and the result is marked coarse.
 *
 * Every step is linear in its stretch, the total work of the anchoring is
 * capped (past it, or past the deadline, stretches go straight to the bounded
 * Myers step), so no input can make it hang.
 */
export function diffSequences(a: Int32Array, b: Int32Array, bounds: SequenceBounds): SequenceDiff {
  let alphabet = 0;
  for (const id of a) if (id >= alphabet) alphabet = id + 1;
  for (const id of b) if (id >= alphabet) alphabet = id + 1;
  const countA = new Int32Array(alphabet);
  const countB = new Int32Array(alphabet);
  const posB = new Int32Array(alphabet);

  const out = new RunBuilder();
  let coarse = false;
  let work = 0;
  const workLimit = WORK_PER_ELEMENT * (a.length + b.length) + 1024;
  const stack: Task[] = [{ range: { aLo: 0, aHi: a.length, bLo: 0, bHi: b.length } }];

  const whole = (range: Range): void => {
    out.push('delete', range.aHi - range.aLo);
    out.push('insert', range.bHi - range.bLo);
  };

  const myers = (range: Range): void => {
    const budget = bounds.deadline - Date.now();
    const changes =
      budget > 0
        ? diffArrays(Array.from(a.subarray(range.aLo, range.aHi)), Array.from(b.subarray(range.bLo, range.bHi)), {
            maxEditLength: bounds.maxEditLength,
            timeout: budget,
          })
        : undefined;
    if (!changes) {
      coarse = true;
      whole(range);
      return;
    }
    for (const change of changes) out.push(change.added ? 'insert' : change.removed ? 'delete' : 'equal', change.count);
  };

  while (stack.length > 0) {
    const task = stack.pop()!;
    if ('emit' in task) {
      out.push(task.emit, task.count);
      continue;
    }
    let { aLo, aHi, bLo, bHi } = task.range;
    while (aLo < aHi && bLo < bHi && a[aLo] === b[bLo]) {
      aLo++;
      bLo++;
    }
    out.push('equal', aLo - task.range.aLo);
    let tail = 0;
    while (aHi > aLo && bHi > bLo && a[aHi - 1] === b[bHi - 1]) {
      aHi--;
      bHi--;
      tail++;
    }
    if (tail > 0) stack.push({ emit: 'equal', count: tail });
    const range = { aLo, aHi, bLo, bHi };
    if (aLo === aHi || bLo === bHi) {
      whole(range);
      continue;
    }
    for (let i = aLo; i < aHi; i++) countA[a[i]!]!++;
    for (let j = bLo; j < bHi; j++) {
      countB[b[j]!]!++;
      posB[b[j]!] = j;
    }
    let shared = false;
    let anchorsA: number[] = [];
    let anchorsB: number[] = [];
    const strongA: number[] = [];
    const strongB: number[] = [];
    for (let i = aLo; i < aHi; i++) {
      const id = a[i]!;
      if (countB[id]! > 0) shared = true;
      if (countA[id] === 1 && countB[id] === 1) {
        const j = posB[id]!;
        anchorsA.push(i);
        anchorsB.push(j);
        // A unique match whose neighbour matches too is unlikely to be a coincidence.
        if ((i > aLo && j > bLo && a[i - 1] === b[j - 1]) || (i + 1 < aHi && j + 1 < bHi && a[i + 1] === b[j + 1])) {
          strongA.push(i);
          strongB.push(j);
        }
      }
    }
    for (let i = aLo; i < aHi; i++) countA[a[i]!] = 0;
    for (let j = bLo; j < bHi; j++) countB[b[j]!] = 0;

    work += aHi - aLo + (bHi - bLo);
    // Past the budget, or in a stretch small enough for Myers to settle cheaply and exactly, stop anchoring.
    const spent = work > workLimit || Date.now() >= bounds.deadline || aHi - aLo + (bHi - bLo) <= SMALL_STRETCH;
    if (shared && !spent) {
      if (bounds.strongAnchors && strongA.length > 0) {
        anchorsA = strongA;
        anchorsB = strongB;
      } else if (bounds.strongAnchors || anchorsA.length === 0) {
        // No telling single matches: pairs of neighbours occurring once on each side.
        const pairs = uniquePairs(a, b, range, alphabet);
        work += aHi - aLo + (bHi - bLo);
        if (pairs.anchorsA.length > 0) ({ anchorsA, anchorsB } = pairs);
      }
    }
    if (!shared) {
      whole(range);
    } else if (anchorsA.length === 0 || spent) {
      myers(range);
    } else {
      // Stretches between consecutive anchors, pushed last-first so they pop in order.
      const chain = longestIncreasing(anchorsB);
      let nextA = aHi;
      let nextB = bHi;
      for (let k = chain.length - 1; k >= 0; k--) {
        const anchorA = anchorsA[chain[k]!]!;
        const anchorB = anchorsB[chain[k]!]!;
        stack.push({ range: { aLo: anchorA + 1, aHi: nextA, bLo: anchorB + 1, bHi: nextB } });
        stack.push({ emit: 'equal', count: 1 });
        nextA = anchorA;
        nextB = anchorB;
      }
      stack.push({ range: { aLo, aHi: nextA, bLo, bHi: nextB } });
    }
  }
  return { runs: out.finish(), coarse };
}

/**
 * Anchors on pairs of neighbours (`x` followed by `y`) that occur exactly once
 * in each side's stretch: far more telling than single elements in a long
 * text over a small vocabulary, where no single word occurs only once.
 */
function uniquePairs(
  a: Int32Array,
  b: Int32Array,
  range: Range,
  alphabet: number,
): { anchorsA: number[]; anchorsB: number[] } {
  // Per pair: its position in a (or -1 once repeated) and in b (or -1 once repeated, -2 before seen).
  const seen = new Map<number, { a: number; b: number }>();
  for (let i = range.aLo; i + 1 < range.aHi; i++) {
    const code = a[i]! * alphabet + a[i + 1]!;
    const entry = seen.get(code);
    if (entry) entry.a = -1;
    else seen.set(code, { a: i, b: -2 });
  }
  for (let j = range.bLo; j + 1 < range.bHi; j++) {
    const entry = seen.get(b[j]! * alphabet + b[j + 1]!);
    if (entry) entry.b = entry.b === -2 ? j : -1;
  }
  const anchorsA: number[] = [];
  const anchorsB: number[] = [];
  for (const entry of seen.values()) {
    if (entry.a >= 0 && entry.b >= 0) {
      anchorsA.push(entry.a);
      anchorsB.push(entry.b);
    }
  }
  // In the order of a, as the chain expects (the map keeps insertion order, which is a's).
  return { anchorsA, anchorsB };
}

/** Indexes of a longest strictly increasing subsequence of `values` (patience sorting, O(n log n)). */
function longestIncreasing(values: readonly number[]): number[] {
  const tails: number[] = []; // tails[k]: index of the smallest end of an increasing run of length k + 1
  const previous = new Int32Array(values.length).fill(-1);
  values.forEach((value, index) => {
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (values[tails[middle]!]! < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1]!;
    tails[low] = index;
  });
  const chain: number[] = [];
  for (let index = tails[tails.length - 1] ?? -1; index >= 0; index = previous[index]!) chain.push(index);
  return chain.reverse();
}

/** Collects runs, merging neighbours with the same op and dropping empty ones. */
class RunBuilder {
  private readonly runs: EditRun[] = [];

  push(op: EditOp, count: number): void {
    if (count <= 0) return;
    const last = this.runs[this.runs.length - 1];
    if (last && last.op === op) last.count += count;
    else this.runs.push({ op, count });
  }

  finish(): EditRun[] {
    return this.runs;
  }
}

/**
 * A long-lived instance: it keeps the class's object shape alive between diffs, so a full
 * garbage collection does not throw away the optimized code that relies on it (see README).
 */
export const keptRunBuilder: unknown = new RunBuilder();
