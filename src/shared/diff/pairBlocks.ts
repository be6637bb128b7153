import type { Block } from '../domain';
import { dice, sizesAllow, type BlockProfiles } from './blockProfiles';
import type { ResolvedDiffOptions } from './options';

/**
 * Largest deleted × inserted run compared pairwise in one piece. A larger run
 * (a wholesale rewrite) is cut into proportional chunks compared separately.
 */
export const MAX_RUN_CELLS = 100_000;
/** Block comparisons spent on pairing across the whole diff; past it, blocks stay whole insertions and deletions. */
export const MAX_PAIR_CELLS = 400_000;

/** A stretch of deleted and inserted blocks between two unchanged ones (indexes into a and b, in order). */
export interface Run {
  deleted: number[];
  inserted: number[];
}

/** A deleted block (index into a) matched with an inserted block (index into b). */
export interface BlockPair {
  a: number;
  b: number;
}

/** Shared, decreasing budget of block comparisons. */
export interface PairBudget {
  cells: number;
}

/** A piece of a run, `deleted[d0..d1) × inserted[i0..i1)`, with the pairing score of every cell. */
interface Chunk {
  d0: number;
  d1: number;
  i0: number;
  i1: number;
  scores: Float64Array;
}

/** The pairing scores of one run, computed once and used both to weigh moves and to pair. */
export interface RunScores {
  run: Run;
  chunks: Chunk[];
}

/**
 * How well an old block pairs with a new one at the same place: their Dice
 * similarity when it reaches `pairThreshold` (blocks of the same kind, or any
 * kind under ignoreFormatting) or `moveThreshold` (a heading that became a
 * paragraph and the like), else 0.
 */
export function pairScore(
  profiles: BlockProfiles,
  a: readonly Block[],
  b: readonly Block[],
  oldIndex: number,
  newIndex: number,
  options: ResolvedDiffOptions,
): number {
  const sameKind = options.ignoreFormatting || a[oldIndex]!.kind === b[newIndex]!.kind;
  const threshold = sameKind ? options.pairThreshold : Math.max(options.pairThreshold, options.moveThreshold);
  const x = profiles.old(oldIndex);
  const y = profiles.new(newIndex);
  if (!sizesAllow(x.ids.length, y.ids.length, threshold)) return 0;
  const similarity = dice(x, y);
  return similarity >= threshold && similarity > 0 ? similarity : 0;
}

/**
 * Score every deleted × inserted pair of a run, cutting a run too large for
 * the budget into proportional chunks (the i-th slice of the deletions
 * against the i-th slice of the insertions). Sets `coarse` when the run had to
 * be cut or left unscored.
 */
export function scoreRun(
  run: Run,
  profiles: BlockProfiles,
  a: readonly Block[],
  b: readonly Block[],
  options: ResolvedDiffOptions,
  budget: PairBudget,
): { scores: RunScores; coarse: boolean } {
  const p = run.deleted.length;
  const q = run.inserted.length;
  const scores: RunScores = { run, chunks: [] };
  if (p === 0 || q === 0) return { scores, coarse: false };
  const allowed = Math.min(MAX_RUN_CELLS, budget.cells);
  const pieces = p * q <= allowed ? 1 : Math.min(p, q, Math.ceil((p * q) / Math.max(1, allowed)));
  const cells = Math.ceil(p / pieces) * Math.ceil(q / pieces) * pieces;
  if (cells > budget.cells) return { scores, coarse: true };
  budget.cells -= cells;

  let coarse = pieces > 1;
  for (let piece = 0; piece < pieces; piece++) {
    const d0 = Math.floor((p * piece) / pieces);
    const d1 = Math.floor((p * (piece + 1)) / pieces);
    const i0 = Math.floor((q * piece) / pieces);
    const i1 = Math.floor((q * (piece + 1)) / pieces);
    const width = i1 - i0;
    const chunkScores = new Float64Array((d1 - d0) * width);
    for (let d = d0; d < d1; d++) {
      if (Date.now() >= options.deadline) return { scores, coarse: true };
      for (let i = i0; i < i1; i++) {
        chunkScores[(d - d0) * width + (i - i0)] = pairScore(
          profiles,
          a,
          b,
          run.deleted[d]!,
          run.inserted[i]!,
          options,
        );
      }
    }
    scores.chunks.push({ d0, d1, i0, i1, scores: chunkScores });
  }
  if (scores.chunks.length < pieces) coarse = true;
  return { scores, coarse };
}

/** The best pairing score of every block of the run (old blocks in `oldBest`, new ones in `newBest`). */
export function bestScores(scores: RunScores, oldBest: Float64Array, newBest: Float64Array): void {
  const { run } = scores;
  for (const chunk of scores.chunks) {
    const width = chunk.i1 - chunk.i0;
    for (let d = chunk.d0; d < chunk.d1; d++) {
      for (let i = chunk.i0; i < chunk.i1; i++) {
        const score = chunk.scores[(d - chunk.d0) * width + (i - chunk.i0)]!;
        const oldIndex = run.deleted[d]!;
        const newIndex = run.inserted[i]!;
        if (score > oldBest[oldIndex]!) oldBest[oldIndex] = score;
        if (score > newBest[newIndex]!) newBest[newIndex] = score;
      }
    }
  }
}

/**
 * Match the deleted blocks of a run with the inserted blocks that replaced
 * them, so edited paragraphs show as one changed block with word-level spans.
 * The matching keeps both orders (no crossings), uses only pairs with a
 * positive score, skips blocks already taken (by a move), and maximises the
 * total score (a dynamic programme per chunk).
 */
export function pairRun(scores: RunScores, takenOld: Uint8Array, takenNew: Uint8Array): BlockPair[] {
  const { run } = scores;
  const pairs: BlockPair[] = [];
  for (const chunk of scores.chunks) {
    const rows: number[] = [];
    const cols: number[] = [];
    for (let d = chunk.d0; d < chunk.d1; d++) if (!takenOld[run.deleted[d]!]) rows.push(d);
    for (let i = chunk.i0; i < chunk.i1; i++) if (!takenNew[run.inserted[i]!]) cols.push(i);
    const p = rows.length;
    const q = cols.length;
    if (p === 0 || q === 0) continue;
    const chunkWidth = chunk.i1 - chunk.i0;
    const cell = (r: number, c: number): number =>
      chunk.scores[(rows[r]! - chunk.d0) * chunkWidth + (cols[c]! - chunk.i0)]!;

    const width = q + 1;
    const total = new Float64Array((p + 1) * width);
    const matched = new Uint8Array((p + 1) * width);
    for (let i = 1; i <= p; i++) {
      for (let j = 1; j <= q; j++) {
        let best = total[(i - 1) * width + j]!;
        const left = total[i * width + j - 1]!;
        if (left > best) best = left;
        let take = false;
        const score = cell(i - 1, j - 1);
        if (score > 0) {
          const diagonal = total[(i - 1) * width + j - 1]! + score;
          if (diagonal >= best) {
            best = diagonal;
            take = true;
          }
        }
        total[i * width + j] = best;
        matched[i * width + j] = take ? 1 : 0;
      }
    }
    const chunkPairs: BlockPair[] = [];
    let i = p;
    let j = q;
    while (i > 0 && j > 0) {
      if (matched[i * width + j]) {
        chunkPairs.push({ a: run.deleted[rows[i - 1]!]!, b: run.inserted[cols[j - 1]!]! });
        i--;
        j--;
      } else if (total[(i - 1) * width + j] === total[i * width + j]) {
        i--;
      } else {
        j--;
      }
    }
    pairs.push(...chunkPairs.reverse());
  }
  return pairs;
}
