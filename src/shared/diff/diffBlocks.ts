import type { Block, DiffBlock, DiffSpan, DiffStats } from '../domain';
import { alignBlocks } from './alignBlocks';
import { headingPaths } from './headingPaths';
import { resolveOptions, type DiffOptions, type ResolvedDiffOptions } from './options';
import { pairBlocks } from './pairBlocks';
import { countWords } from './tokenize';
import { wordSpans } from './wordSpans';

/** What `diffBlocks` returns: the merged block list and its counts. */
export interface BlockDiff {
  blocks: DiffBlock[];
  stats: DiffStats;
}

/**
 * Compare two versions of a policy, block by block, then word by word.
 *
 * 1. Align the block lists on block identity (kind, level, text): blocks that
 *    did not change are matched first, as the archive already shares them.
 * 2. Within each run of deleted and inserted blocks, pair blocks that share
 *    enough words into `replace` blocks with word-level spans; the rest stay
 *    whole insertions and deletions.
 *
 * Every step is bounded (`maxEditLength`, `timeoutMs`): past the bound the
 * diff degrades to whole-block changes instead of hanging. The result lists
 * the blocks of both versions in order: concatenating the non-delete spans of
 * the non-delete blocks gives `b`, the non-insert spans of the non-insert
 * blocks gives `a` (exactly when no ignore option is set).
 */
export function diffBlocks(a: readonly Block[], b: readonly Block[], options: DiffOptions = {}): BlockDiff {
  const resolved = resolveOptions(options);
  const oldPaths = headingPaths(a);
  const newPaths = headingPaths(b);
  const steps = alignBlocks(a, b, resolved);
  const blocks: DiffBlock[] = [];

  const wholeBlock = (change: 'insert' | 'delete', block: Block, headingPath: string[]): DiffBlock => ({
    change,
    kind: block.kind,
    level: block.level,
    headingPath,
    spans: [{ op: change, text: block.text }],
  });

  const emitDeleted = (index: number): void => {
    blocks.push(wholeBlock('delete', a[index]!, oldPaths[index]!));
  };
  const emitInserted = (index: number): void => {
    blocks.push(wholeBlock('insert', b[index]!, newPaths[index]!));
  };
  /** Emit one run of deleted and inserted blocks, both in their own order, pairs where they fall. */
  const flushRun = (deleted: number[], inserted: number[]): void => {
    let di = 0;
    let ii = 0;
    for (const pair of pairBlocks(a, b, deleted, inserted, resolved)) {
      while (deleted[di] !== pair.a) emitDeleted(deleted[di++]!);
      while (inserted[ii] !== pair.b) emitInserted(inserted[ii++]!);
      blocks.push(replaceBlock(a[pair.a]!, b[pair.b]!, newPaths[pair.b]!, resolved));
      di++;
      ii++;
    }
    while (di < deleted.length) emitDeleted(deleted[di++]!);
    while (ii < inserted.length) emitInserted(inserted[ii++]!);
  };

  let deleted: number[] = [];
  let inserted: number[] = [];
  for (const step of steps) {
    if (step.op === 'delete') deleted.push(step.a);
    else if (step.op === 'insert') inserted.push(step.b);
    else {
      if (deleted.length > 0 || inserted.length > 0) flushRun(deleted, inserted);
      deleted = [];
      inserted = [];
      blocks.push(equalBlock(b[step.b]!, newPaths[step.b]!));
    }
  }
  flushRun(deleted, inserted);
  return { blocks, stats: statsOf(blocks) };
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

function replaceBlock(
  oldBlock: Block,
  newBlock: Block,
  headingPath: string[],
  options: ResolvedDiffOptions,
): DiffBlock {
  const spans: DiffSpan[] = wordSpans(oldBlock.text, newBlock.text, options) ?? [
    { op: 'delete', text: oldBlock.text },
    { op: 'insert', text: newBlock.text },
  ];
  return { change: 'replace', kind: newBlock.kind, level: newBlock.level, headingPath, spans };
}

function statsOf(blocks: readonly DiffBlock[]): DiffStats {
  const stats: DiffStats = {
    wordsAdded: 0,
    wordsRemoved: 0,
    blocksInserted: 0,
    blocksDeleted: 0,
    blocksChanged: 0,
    blocksUnchanged: 0,
  };
  for (const block of blocks) {
    if (block.change === 'equal') stats.blocksUnchanged++;
    else if (block.change === 'insert') stats.blocksInserted++;
    else if (block.change === 'delete') stats.blocksDeleted++;
    else stats.blocksChanged++;
    for (const span of block.spans) {
      if (span.op === 'insert') stats.wordsAdded += countWords(span.text);
      else if (span.op === 'delete') stats.wordsRemoved += countWords(span.text);
    }
  }
  return stats;
}
