import type { Block } from '../domain';
import type { ResolvedDiffOptions } from './options';
import { tokenize } from './tokenize';

/**
 * Largest deleted × inserted run whose blocks are compared pairwise. Beyond
 * it (a wholesale rewrite) blocks stay whole insertions and deletions.
 */
export const MAX_PAIR_CELLS = 100_000;

/** A deleted block (index into a) matched with an inserted block (index into b). */
export interface BlockPair {
  a: number;
  b: number;
}

/**
 * Match the blocks of a deleted run with those of the inserted run that
 * replaced it, so edited paragraphs show as one changed block with word-level
 * spans. The matching keeps both orders (no crossings), pairs only blocks of
 * the same kind whose token overlap reaches `pairThreshold`, and maximises the
 * total overlap (a dynamic programme over the run, bounded by MAX_PAIR_CELLS).
 */
export function pairBlocks(
  a: readonly Block[],
  b: readonly Block[],
  deleted: readonly number[],
  inserted: readonly number[],
  options: ResolvedDiffOptions,
): BlockPair[] {
  const p = deleted.length;
  const q = inserted.length;
  if (p === 0 || q === 0 || p * q > MAX_PAIR_CELLS) return [];

  const bagOf = (block: Block): TokenBag => tokenBag(block.text, options.ignoreCase);
  const oldBags = deleted.map((index) => bagOf(a[index]!));
  const newBags = inserted.map((index) => bagOf(b[index]!));

  const width = q + 1;
  const score = new Float64Array((p + 1) * width);
  const matched = new Uint8Array((p + 1) * width);
  for (let i = 1; i <= p; i++) {
    const oldBlock = a[deleted[i - 1]!]!;
    for (let j = 1; j <= q; j++) {
      let best = score[(i - 1) * width + j]!;
      const left = score[i * width + j - 1]!;
      if (left > best) best = left;
      let take = false;
      if (oldBlock.kind === b[inserted[j - 1]!]!.kind) {
        const similarity = dice(oldBags[i - 1]!, newBags[j - 1]!);
        if (similarity >= options.pairThreshold && similarity > 0) {
          const diagonal = score[(i - 1) * width + j - 1]! + similarity;
          if (diagonal >= best) {
            best = diagonal;
            take = true;
          }
        }
      }
      score[i * width + j] = best;
      matched[i * width + j] = take ? 1 : 0;
    }
  }

  const pairs: BlockPair[] = [];
  let i = p;
  let j = q;
  while (i > 0 && j > 0) {
    if (matched[i * width + j]) {
      pairs.push({ a: deleted[i - 1]!, b: inserted[j - 1]! });
      i--;
      j--;
    } else if (score[(i - 1) * width + j] === score[i * width + j]) {
      i--;
    } else {
      j--;
    }
  }
  return pairs.reverse();
}

interface TokenBag {
  counts: Map<string, number>;
  size: number;
}

function tokenBag(text: string, ignoreCase: boolean): TokenBag {
  const counts = new Map<string, number>();
  let size = 0;
  for (const token of tokenize(ignoreCase ? text.toLowerCase() : text)) {
    if (token.space) continue;
    counts.set(token.text, (counts.get(token.text) ?? 0) + 1);
    size++;
  }
  return { counts, size };
}

/** Dice coefficient of two token multisets: 1 for the same tokens, 0 for none shared. */
function dice(x: TokenBag, y: TokenBag): number {
  if (x.size === 0 || y.size === 0) return 0;
  const [small, large] = x.counts.size <= y.counts.size ? [x, y] : [y, x];
  let shared = 0;
  for (const [token, count] of small.counts) shared += Math.min(count, large.counts.get(token) ?? 0);
  return (2 * shared) / (x.size + y.size);
}
