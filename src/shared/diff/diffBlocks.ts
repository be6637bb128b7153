import type { Block, DiffBlock, DiffStats } from '../domain';
import { alignBlocks } from './alignBlocks';
import { BlockProfiles } from './blockProfiles';
import { diffStats } from './diffStats';
import { headingPaths } from './headingPaths';
import { exactMoves, similarPairs, type MoveCandidate } from './moveCandidates';
import { resolveOptions, type DiffOptions, type ResolvedDiffOptions } from './options';
import { bestScores, MAX_PAIR_CELLS, pairRun, scoreRun, type BlockPair, type Run } from './pairBlocks';
import { countWords } from './tokenize';
import { wordDiff } from './wordSpans';

/** What `diffBlocks` returns: the merged block list and its counts. */
export interface BlockDiff {
  blocks: DiffBlock[];
  stats: DiffStats;
}

/** A move being emitted: its two blocks get their shared id once the destination order is known. */
interface Move {
  candidate: MoveCandidate;
  from?: DiffBlock;
  to?: DiffBlock;
}

/**
 * Compare two versions of a policy, block by block, then word by word.
 *
 * 1. Align the block lists on block identity (kind, level, text under the
 *    ignore options), patience-anchored: unchanged blocks match first.
 * 2. Moves: a block deleted in one stretch and an identical one inserted in
 *    another is a move; so is a near-identical pair (Dice ≥ `moveThreshold`)
 *    that resembles each other more than anything at their own places.
 * 3. Within each stretch of deleted and inserted blocks, pair blocks that
 *    share enough words (Dice ≥ `pairThreshold`) into `replace` blocks with
 *    word-level spans; near-identical blocks left unpaired (they crossed each
 *    other) become moves too; the rest stay whole insertions and deletions.
 *
 * **Reconstruction.** The result lists the blocks of both versions in order.
 * The newer version is every block except deletions and move sources
 * (`moveRole: 'from'`), each read as its non-delete spans; the older version is
 * every block except insertions and move destinations (`moveRole: 'to'`), each
 * read as its non-insert spans. The newer text comes back exactly under any
 * options (unchanged spans show the newer text); the older one exactly when no
 * ignore option is set (else up to what was ignored).
 *
 * **Moves.** A moved block appears twice with change `move` and the same
 * `moveId`: at its old place with `moveRole: 'from'` (kind, level, heading
 * path of the older version; spans: the older text, `equal` where the words
 * survived the move, `delete` where they were reworded away) and at its new
 * place with `moveRole: 'to'` (the newer version's; spans: the newer text,
 * `equal` and `insert`). Ids count from 1 in the order of the destinations, so
 * blocks that moved together (a section: its heading and paragraphs) have
 * consecutive ids at both ends.
 *
 * Every step is bounded (`maxEditLength`, `timeoutMs`, comparison budgets):
 * past a bound that part of the diff degrades to whole-block changes and
 * `stats.coarse` is set, instead of hanging.
 */
export function diffBlocks(a: readonly Block[], b: readonly Block[], options: DiffOptions = {}): BlockDiff {
  const resolved = resolveOptions(options);
  const alignment = alignBlocks(a, b, resolved);
  let coarse = alignment.coarse;

  // Stretches of deleted/inserted blocks between unchanged ones, and the document order around them.
  const runs: Run[] = [];
  const order: Array<{ equal: number } | { run: Run }> = [];
  const runOfOld = new Int32Array(a.length).fill(-1);
  const runOfNew = new Int32Array(b.length).fill(-1);
  let current: Run | null = null;
  const equalOld = new Int32Array(b.length).fill(-1);
  for (const step of alignment.steps) {
    if (step.op === 'equal') {
      equalOld[step.b] = step.a;
      current = null;
      order.push({ equal: step.b });
      continue;
    }
    if (!current) {
      current = { deleted: [], inserted: [] };
      runs.push(current);
      order.push({ run: current });
    }
    if (step.op === 'delete') {
      current.deleted.push(step.a);
      runOfOld[step.a] = runs.length - 1;
    } else {
      current.inserted.push(step.b);
      runOfNew[step.b] = runs.length - 1;
    }
  }

  const profiles = new BlockProfiles(a, b, resolved);
  const takenOld = new Uint8Array(a.length);
  const takenNew = new Uint8Array(b.length);
  const movesByOld = new Map<number, Move>();
  const movesByNew = new Map<number, Move>();
  const acceptMove = (candidate: MoveCandidate): void => {
    if (takenOld[candidate.a] || takenNew[candidate.b]) return;
    takenOld[candidate.a] = 1;
    takenNew[candidate.b] = 1;
    const move: Move = { candidate };
    movesByOld.set(candidate.a, move);
    movesByNew.set(candidate.b, move);
  };
  const untaken = (indexes: number[], taken: Uint8Array): number[] => indexes.filter((index) => !taken[index]);
  const allDeleted = runs.flatMap((run) => run.deleted);
  const allInserted = runs.flatMap((run) => run.inserted);

  // Identical blocks that changed place.
  for (const move of exactMoves(
    allDeleted,
    allInserted,
    alignment.oldKeys,
    alignment.newKeys,
    runOfOld,
    runOfNew,
    profiles,
  )) {
    acceptMove(move);
  }

  // How well each remaining block pairs within its own stretch.
  const budget = { cells: MAX_PAIR_CELLS };
  const oldBest = new Float64Array(a.length);
  const newBest = new Float64Array(b.length);
  const runScores = runs.map((run) => {
    const scored = scoreRun(
      { deleted: untaken(run.deleted, takenOld), inserted: untaken(run.inserted, takenNew) },
      profiles,
      a,
      b,
      resolved,
      budget,
    );
    coarse ||= scored.coarse;
    bestScores(scored.scores, oldBest, newBest);
    return scored.scores;
  });

  // Near-identical blocks in different stretches that resemble each other more than anything at their own places.
  const { moveThreshold } = resolved;
  const beyondInPlace = (best: Float64Array) => (index: number) =>
    best[index]! >= 1 ? 2 : Math.max(moveThreshold, best[index]!);
  const far = similarPairs(
    untaken(allDeleted, takenOld),
    untaken(allInserted, takenNew),
    profiles,
    beyondInPlace(oldBest),
    beyondInPlace(newBest),
    resolved.deadline,
  );
  coarse ||= far.coarse;
  for (const candidate of far.candidates) {
    if (
      runOfOld[candidate.a] !== runOfNew[candidate.b] &&
      candidate.score > oldBest[candidate.a]! &&
      candidate.score > newBest[candidate.b]!
    ) {
      acceptMove(candidate);
    }
  }

  // Pair in place, then let near-identical blocks still unpaired (crossed or far apart) move.
  const pairsOf = new Map<Run, BlockPair[]>();
  runScores.forEach((scores, index) => {
    const pairs = pairRun(scores, takenOld, takenNew);
    for (const pair of pairs) {
      takenOld[pair.a] = 1;
      takenNew[pair.b] = 1;
    }
    pairsOf.set(runs[index]!, pairs);
  });
  const leftover = similarPairs(
    untaken(allDeleted, takenOld),
    untaken(allInserted, takenNew),
    profiles,
    () => moveThreshold,
    () => moveThreshold,
    resolved.deadline,
  );
  coarse ||= leftover.coarse;
  for (const candidate of leftover.candidates) acceptMove(candidate);

  // Emit in document order.
  const oldPaths = headingPaths(a);
  const newPaths = headingPaths(b);
  const blocks: DiffBlock[] = [];
  const destinations = new Map<DiffBlock, Move>();
  const emitOld = (index: number): void => {
    const move = movesByOld.get(index);
    if (move) {
      move.from = moveBlock('from', a[index]!, oldPaths[index]!);
      blocks.push(move.from);
    } else {
      blocks.push(wholeBlock('delete', a[index]!, oldPaths[index]!));
    }
  };
  const emitNew = (index: number): void => {
    const move = movesByNew.get(index);
    if (move) {
      move.to = moveBlock('to', b[index]!, newPaths[index]!);
      destinations.set(move.to, move);
      blocks.push(move.to);
    } else {
      blocks.push(wholeBlock('insert', b[index]!, newPaths[index]!));
    }
  };
  for (const item of order) {
    if ('equal' in item) {
      blocks.push(equalBlock(b[item.equal]!, newPaths[item.equal]!));
      continue;
    }
    const { deleted, inserted } = item.run;
    let di = 0;
    let ii = 0;
    for (const pair of pairsOf.get(item.run) ?? []) {
      while (deleted[di] !== pair.a) emitOld(deleted[di++]!);
      while (inserted[ii] !== pair.b) emitNew(inserted[ii++]!);
      const changed = changedBlock(a[pair.a]!, b[pair.b]!, newPaths[pair.b]!, profiles, pair, resolved);
      coarse ||= changed.coarse;
      blocks.push(changed.block);
      di++;
      ii++;
    }
    while (di < deleted.length) emitOld(deleted[di++]!);
    while (ii < inserted.length) emitNew(inserted[ii++]!);
  }

  // Number the moves in destination order and give both ends their spans.
  let moveId = 0;
  for (const block of blocks) {
    const move = destinations.get(block);
    if (!move?.from) continue;
    moveId++;
    move.from.moveId = moveId;
    block.moveId = moveId;
    const wordsCoarse = fillMoveSpans(move.from, block, profiles, move.candidate, resolved);
    coarse ||= wordsCoarse;
  }

  return { blocks, stats: diffStats(blocks, totalWords(a, b, equalOld, profiles), coarse) };
}

/**
 * Words in both versions together, reusing the counts of built profiles and,
 * for an unchanged block spelled the same in both, its older count.
 */
function totalWords(a: readonly Block[], b: readonly Block[], equalOld: Int32Array, profiles: BlockProfiles): number {
  const oldCounts = new Int32Array(a.length);
  let words = 0;
  for (let index = 0; index < a.length; index++) {
    const count = profiles.oldWords(index) ?? countWords(a[index]!.text);
    oldCounts[index] = count;
    words += count;
  }
  for (let index = 0; index < b.length; index++) {
    const text = b[index]!.text;
    const partner = equalOld[index]!;
    if (partner >= 0 && a[partner]!.text === text) words += oldCounts[partner]!;
    else words += profiles.newWords(index) ?? countWords(text);
  }
  return words;
}

function wholeBlock(change: 'insert' | 'delete', block: Block, headingPath: string[]): DiffBlock {
  return { change, kind: block.kind, level: block.level, headingPath, spans: [{ op: change, text: block.text }] };
}

function equalBlock(block: Block, headingPath: string[]): DiffBlock {
  // Equal under the options; the newer text is the one shown.
  return {
    change: 'equal',
    kind: block.kind,
    level: block.level,
    headingPath,
    spans: [{ op: 'equal', text: block.text }],
  };
}

function moveBlock(role: 'from' | 'to', block: Block, headingPath: string[]): DiffBlock {
  return { change: 'move', kind: block.kind, level: block.level, headingPath, spans: [], moveRole: role };
}

/** The spans of a move's two ends (see `diffBlocks`); returns whether the word diff was coarse. */
function fillMoveSpans(
  from: DiffBlock,
  to: DiffBlock,
  profiles: BlockProfiles,
  move: MoveCandidate,
  options: ResolvedDiffOptions,
): boolean {
  const oldText = profiles.oldBlock(move.a).text;
  const newText = profiles.newBlock(move.b).text;
  if (oldText === newText) {
    from.spans = [{ op: 'equal', text: oldText }];
    to.spans = [{ op: 'equal', text: newText }];
    return false;
  }
  const x = profiles.old(move.a);
  const y = profiles.new(move.b);
  const words = wordDiff(x.units, y.units, options, profiles.localIds(x, y));
  from.spans = words.oldSpans;
  to.spans = words.newSpans;
  return words.coarse;
}

/**
 * A deleted and an inserted block paired in place: `replace` with word spans,
 * or `equal` when the words are the same under the options and the structure
 * (kind, level) did not change or is ignored.
 */
function changedBlock(
  oldBlock: Block,
  newBlock: Block,
  headingPath: string[],
  profiles: BlockProfiles,
  pair: BlockPair,
  options: ResolvedDiffOptions,
): { block: DiffBlock; coarse: boolean } {
  const x = profiles.old(pair.a);
  const y = profiles.new(pair.b);
  const words = wordDiff(x.units, y.units, options, profiles.localIds(x, y));
  const sameStructure =
    options.ignoreFormatting || (oldBlock.kind === newBlock.kind && oldBlock.level === newBlock.level);
  const unchanged = sameStructure && words.spans.every((span) => span.op === 'equal');
  const block: DiffBlock = unchanged
    ? equalBlock(newBlock, headingPath)
    : { change: 'replace', kind: newBlock.kind, level: newBlock.level, headingPath, spans: words.spans };
  return { block, coarse: words.coarse };
}
