import { dice, sizesAllow, type BlockProfiles, type Profile } from './blockProfiles';

/** A deleted block (index into a) that may have moved to an inserted block (index into b). */
export interface MoveCandidate {
  a: number;
  b: number;
  /** Dice similarity of the two blocks (1 for the same units). */
  score: number;
}

/** Posting-list entries the similarity search may visit before it gives up. */
export const MAX_MOVE_POSTINGS = 4_000_000;
/** Block pairs the similarity search may compare in full. */
export const MAX_MOVE_CHECKS = 200_000;
/** How far past used or same-place duplicates the exact matching looks for an identical block. */
const EXACT_LOOKAHEAD = 8;

/**
 * Identical blocks (equal keys under the ignore options) deleted in one run
 * and inserted in another: each inserted block takes the first unused
 * identical deleted block from another run, in document order. Blocks without
 * words do not move.
 */
export function exactMoves(
  deleted: readonly number[],
  inserted: readonly number[],
  oldKeys: readonly string[],
  newKeys: readonly string[],
  runOfOld: Int32Array,
  runOfNew: Int32Array,
  profiles: BlockProfiles,
): MoveCandidate[] {
  const groups = new Map<string, { indexes: number[]; start: number }>();
  for (const index of deleted) {
    if (profiles.old(index).words === 0) continue;
    const key = oldKeys[index]!;
    const group = groups.get(key);
    if (group) group.indexes.push(index);
    else groups.set(key, { indexes: [index], start: 0 });
  }
  const used = new Set<number>();
  const moves: MoveCandidate[] = [];
  for (const newIndex of inserted) {
    const group = groups.get(newKeys[newIndex]!);
    if (!group || profiles.new(newIndex).words === 0) continue;
    while (group.start < group.indexes.length && used.has(group.indexes[group.start]!)) group.start++;
    const end = Math.min(group.indexes.length, group.start + EXACT_LOOKAHEAD);
    for (let k = group.start; k < end; k++) {
      const oldIndex = group.indexes[k]!;
      if (used.has(oldIndex) || runOfOld[oldIndex] === runOfNew[newIndex]) continue;
      used.add(oldIndex);
      moves.push({ a: oldIndex, b: newIndex, score: 1 });
      break;
    }
  }
  return moves;
}

/**
 * Every deleted × inserted pair similar enough to be a move, best first:
 * Dice ≥ the larger of the two blocks' minimum scores (`minOld`, `minNew`; a
 * block whose minimum exceeds 1 is left out). Found without comparing all
 * pairs: a set-similarity join with prefix filtering (two blocks that similar
 * must share one of the rarest units of each; a block with a higher minimum
 * needs a shorter prefix) and a size filter. Bounded by MAX_MOVE_POSTINGS and
 * MAX_MOVE_CHECKS; `coarse` when a bound cut the search short.
 */
export function similarPairs(
  deleted: readonly number[],
  inserted: readonly number[],
  profiles: BlockProfiles,
  minOld: (index: number) => number,
  minNew: (index: number) => number,
  deadline: number,
): { candidates: MoveCandidate[]; coarse: boolean } {
  const candidates: MoveCandidate[] = [];
  const olds = deleted.filter((index) => profiles.old(index).words > 0 && minOld(index) <= 1);
  const news = inserted.filter((index) => profiles.new(index).words > 0 && minNew(index) <= 1);
  if (olds.length === 0 || news.length === 0) return { candidates, coarse: false };

  const alphabet = profiles.alphabetSize;
  const frequency = new Int32Array(alphabet);
  // No unit occurs in more blocks than these.
  const blocks = olds.length + news.length;
  const countDistinct = (profile: Profile): void => {
    const ids = profile.ids;
    for (let k = 0; k < ids.length; k++) {
      if (k === 0 || ids[k - 1] !== ids[k]) frequency[ids[k]!]!++;
    }
  };
  olds.forEach((index) => countDistinct(profiles.old(index)));
  news.forEach((index) => countDistinct(profiles.new(index)));

  const postings = new Map<number, number[]>();
  news.forEach((newIndex, position) => {
    for (const element of prefixElements(profiles.new(newIndex), frequency, alphabet, blocks, minNew(newIndex))) {
      const list = postings.get(element);
      if (list) list.push(position);
      else postings.set(element, [position]);
    }
  });

  const seen = new Int32Array(news.length).fill(-1);
  let visited = 0;
  let checks = 0;
  for (let o = 0; o < olds.length; o++) {
    if (Date.now() >= deadline) return { candidates: sortCandidates(candidates), coarse: true };
    const oldIndex = olds[o]!;
    const x = profiles.old(oldIndex);
    const oldMinimum = minOld(oldIndex);
    for (const element of prefixElements(x, frequency, alphabet, blocks, oldMinimum)) {
      const list = postings.get(element);
      if (!list) continue;
      visited += list.length;
      if (visited > MAX_MOVE_POSTINGS) return { candidates: sortCandidates(candidates), coarse: true };
      for (const position of list) {
        if (seen[position] === o) continue;
        seen[position] = o;
        const newIndex = news[position]!;
        const y = profiles.new(newIndex);
        const minimum = Math.max(oldMinimum, minNew(newIndex));
        if (!sizesAllow(x.ids.length, y.ids.length, minimum)) continue;
        if (++checks > MAX_MOVE_CHECKS) return { candidates: sortCandidates(candidates), coarse: true };
        const score = dice(x, y);
        if (score >= minimum && score > 0) candidates.push({ a: oldIndex, b: newIndex, score });
      }
    }
  }
  return { candidates: sortCandidates(candidates), coarse: false };
}

/** Best first; ties in document order of the destination, then the source. */
function sortCandidates(candidates: MoveCandidate[]): MoveCandidate[] {
  return candidates.sort((x, y) => y.score - x.score || x.b - y.b || x.a - y.a);
}

/** Scratch for `prefixElements`' sort keys, grown as needed (the diff is synchronous). */
let scratch = new Float64Array(256);

/**
 * Sort `keys[0..count)` ascending. Blocks have few distinct units, and for a
 * few dozen numbers an insertion sort beats the typed-array sort's call overhead.
 */
function sortPrefix(keys: Float64Array, count: number): void {
  if (count > 48) {
    keys.subarray(0, count).sort();
    return;
  }
  for (let i = 1; i < count; i++) {
    const key = keys[i]!;
    let j = i - 1;
    while (j >= 0 && keys[j]! > key) {
      keys[j + 1] = keys[j]!;
      j--;
    }
    keys[j + 1] = key;
  }
}

/**
 * The rarest elements of a block's unit multiset (each occurrence of a unit is
 * its own element, coded `k·alphabet + id`), as many as a block needs so that
 * any block sharing Dice ≥ threshold with it shares one of them:
 * |x| − ⌈t|x|/(2−t)⌉ + 1. `blocks` bounds every unit's frequency.
 */
function prefixElements(
  profile: Profile,
  frequency: Int32Array,
  alphabet: number,
  blocks: number,
  threshold: number,
): number[] {
  const ids = profile.ids;
  const size = ids.length;
  const needed = Math.ceil((threshold * size) / (2 - threshold) - 1e-9);
  const length = Math.min(size, Math.max(1, size - needed + 1));
  if ((blocks + 1) * alphabet * size > Number.MAX_SAFE_INTEGER) {
    // Too large to pack exactly (never on real documents): compare the parts one by one.
    const elements = new Array<number>(size);
    let k = 0;
    for (let index = 0; index < size; index++) {
      k = index > 0 && ids[index - 1] === ids[index] ? k + 1 : 0;
      elements[index] = k * alphabet + ids[index]!;
    }
    const rarity = (element: number): number => frequency[element % alphabet]!;
    elements.sort((x, y) => rarity(x) - rarity(y) || (x % alphabet) - (y % alphabet) || x - y);
    elements.length = length;
    return elements;
  }
  // Ordered by (rarity, unit id, occurrence). The occurrences of a unit are adjacent in that
  // order, so sort the distinct units, each packed with its count into one number so a plain
  // numeric sort does the work (rarity ≤ blocks, ids < alphabet, counts ≤ size), then list each
  // unit's occurrences.
  if (scratch.length < size) scratch = new Float64Array(Math.max(size, 2 * scratch.length));
  const keys = scratch;
  let distinct = 0;
  for (let index = 0; index < size;) {
    const id = ids[index]!;
    let end = index + 1;
    while (end < size && ids[end] === id) end++;
    keys[distinct++] = (frequency[id]! * alphabet + id) * size + (end - index - 1);
    index = end;
  }
  sortPrefix(keys, distinct);
  const elements = new Array<number>(length);
  let filled = 0;
  for (let index = 0; filled < length; index++) {
    const key = keys[index]!;
    const extra = key % size;
    const id = ((key - extra) / size) % alphabet;
    for (let occurrence = 0; occurrence <= extra && filled < length; occurrence++) {
      elements[filled++] = occurrence * alphabet + id;
    }
  }
  return elements;
}
