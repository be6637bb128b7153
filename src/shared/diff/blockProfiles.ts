import type { Block } from '../domain';
import { textUnits, type TextUnits } from './comparisonKeys';
import { resolveOptions, type ResolvedDiffOptions } from './options';
import { countWords } from './tokenize';

/** A block's units (under the ignore options) as a sorted multiset of ids, for similarity. */
export interface Profile {
  /** Unit ids, sorted ascending, repeated as often as the unit occurs. */
  ids: Int32Array;
  /** Unit ids in text order. */
  sequence: Int32Array;
  /** Words in the block (moves need at least one). */
  words: number;
  /** The block's tokens and units, kept for its word diff. */
  units: TextUnits;
}

/**
 * Lazily computed profiles of the blocks of both versions, over one shared
 * id space, so any old block can be compared with any new one.
 */
export class BlockProfiles {
  private readonly ids = new Map<string, number>();
  private readonly oldProfiles: Array<Profile | undefined>;
  private readonly newProfiles: Array<Profile | undefined>;
  /** Scratch for `localIds`: the local id of each unit id, valid where its stamp is the current one. */
  private localId = new Int32Array(0);
  private localStamp = new Int32Array(0);
  private stamp = 0;

  constructor(
    private readonly a: readonly Block[],
    private readonly b: readonly Block[],
    private readonly options: ResolvedDiffOptions,
  ) {
    this.oldProfiles = new Array<Profile | undefined>(a.length);
    this.newProfiles = new Array<Profile | undefined>(b.length);
  }

  /** Number of distinct unit ids handed out so far. */
  get alphabetSize(): number {
    return this.ids.size;
  }

  oldBlock(index: number): Block {
    return this.a[index]!;
  }

  newBlock(index: number): Block {
    return this.b[index]!;
  }

  old(index: number): Profile {
    return (this.oldProfiles[index] ??= this.build(this.a[index]!));
  }

  new(index: number): Profile {
    return (this.newProfiles[index] ??= this.build(this.b[index]!));
  }

  /** Word count of old block `index` when its profile is built, else undefined. */
  oldWords(index: number): number | undefined {
    return this.oldProfiles[index]?.words;
  }

  /** Word count of new block `index` when its profile is built, else undefined. */
  newWords(index: number): number | undefined {
    return this.newProfiles[index]?.words;
  }

  /**
   * The unit sequences of two profiles renumbered 0, 1, 2… in order of first
   * appearance (older first), so the sequence diff gets a small alphabet
   * without a map per block pair.
   */
  localIds(x: Profile, y: Profile): [Int32Array, Int32Array] {
    const size = this.ids.size;
    if (this.localId.length < size) {
      this.localId = new Int32Array(Math.max(size, 2 * this.localId.length));
      this.localStamp = new Int32Array(this.localId.length);
      this.stamp = 0;
    }
    const stamp = ++this.stamp;
    const localId = this.localId;
    const localStamp = this.localStamp;
    let next = 0;
    const renumber = (sequence: Int32Array): Int32Array => {
      const out = new Int32Array(sequence.length);
      for (let index = 0; index < sequence.length; index++) {
        const id = sequence[index]!;
        if (localStamp[id] !== stamp) {
          localStamp[id] = stamp;
          localId[id] = next++;
        }
        out[index] = localId[id]!;
      }
      return out;
    };
    const older = renumber(x.sequence);
    return [older, renumber(y.sequence)];
  }

  private build(block: Block): Profile {
    const units = textUnits(block.text, this.options);
    const { keys, ends, text } = units;
    const unitIndexes = units.units;
    const sequence = new Int32Array(unitIndexes.length);
    for (let index = 0; index < unitIndexes.length; index++) {
      // Without a keys array a unit's key is its text.
      const token = unitIndexes[index]!;
      const key = keys ? keys[index]! : text.slice(token === 0 ? 0 : ends[token - 1], ends[token]);
      let id = this.ids.get(key);
      if (id === undefined) {
        id = this.ids.size;
        this.ids.set(key, id);
      }
      sequence[index] = id;
    }
    const words = units.words ?? countWords(block.text);
    return { ids: sortedCopy(sequence), sequence, words, units };
  }
}

/**
 * A sorted copy of `sequence`. Most blocks are short, and for a few dozen
 * numbers an insertion sort beats the typed-array sort's call overhead.
 */
function sortedCopy(sequence: Int32Array): Int32Array {
  const sorted = sequence.slice();
  const count = sorted.length;
  if (count > 48) return sorted.sort();
  for (let i = 1; i < count; i++) {
    const id = sorted[i]!;
    let j = i - 1;
    while (j >= 0 && sorted[j]! > id) {
      sorted[j + 1] = sorted[j]!;
      j--;
    }
    sorted[j + 1] = id;
  }
  return sorted;
}

/** Dice coefficient of two unit multisets: 1 for the same units, 0 for none shared. */
export function dice(x: Profile, y: Profile): number {
  const xs = x.ids;
  const ys = y.ids;
  if (xs.length === 0 || ys.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < xs.length && j < ys.length) {
    const xi = xs[i]!;
    const yj = ys[j]!;
    if (xi === yj) {
      shared++;
      i++;
      j++;
    } else if (xi < yj) {
      i++;
    } else {
      j++;
    }
  }
  return (2 * shared) / (xs.length + ys.length);
}

/** Whether two multisets of these sizes could reach Dice `threshold` at all. */
export function sizesAllow(x: number, y: number, threshold: number): boolean {
  if (x === 0 || y === 0) return false;
  // Dice ≤ 2·min / (min + max), which reaches t only when min/max ≥ t / (2 − t).
  return Math.min(x, y) * (2 - threshold) >= threshold * Math.max(x, y);
}

/**
 * A long-lived instance: it keeps the class's object shape alive between diffs, so a full
 * garbage collection does not throw away the optimized code that relies on it (see README).
 */
export const keptBlockProfiles: unknown = new BlockProfiles([], [], resolveOptions());
