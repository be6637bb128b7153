import type { Block } from '../domain';
import { blockKey } from './comparisonKeys';
import { ignoresAnything, type ResolvedDiffOptions } from './options';
import { diffSequences } from './sequenceDiff';

/** One step of the block alignment, by index into the old (a) and new (b) block lists. */
export type AlignStep =
  { op: 'equal'; a: number; b: number } | { op: 'delete'; a: number } | { op: 'insert'; b: number };

export interface BlockAlignment {
  steps: AlignStep[];
  /** Block keys of a and b (equal exactly when their `blockKey`s are), for exact move detection. */
  oldKeys: string[];
  newKeys: string[];
  /** True when a bound was hit and part of the alignment fell back to whole deletions + insertions. */
  coarse: boolean;
}

/**
 * Align two block lists on block identity (kind, level, text under the ignore
 * options): blocks that did not change are matched first, as the archive
 * already shares them. Uses the patience-anchored, bounded `diffSequences`
 * over interned keys, so a policy where many blocks changed still aligns on
 * the blocks that occur once in both versions.
 */
export function alignBlocks(a: readonly Block[], b: readonly Block[], options: ResolvedDiffOptions): BlockAlignment {
  const ids = new Map<string, number>();
  const intern = (key: string): number => {
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const keyOf = comparisonKey(options);
  const oldKeys = a.map(keyOf);
  const newKeys = b.map(keyOf);
  const { runs, coarse } = diffSequences(Int32Array.from(oldKeys, intern), Int32Array.from(newKeys, intern), options);

  const steps: AlignStep[] = [];
  let ai = 0;
  let bi = 0;
  for (const run of runs) {
    for (let k = 0; k < run.count; k++) {
      if (run.op === 'delete') steps.push({ op: 'delete', a: ai++ });
      else if (run.op === 'insert') steps.push({ op: 'insert', b: bi++ });
      else steps.push({ op: 'equal', a: ai++, b: bi++ });
    }
  }
  return { steps, oldKeys, newKeys, coarse };
}

/**
 * A key per block that is equal for two blocks exactly when their `blockKey`s
 * are. Without ignore options that key is kind, level and the whole text:
 * the text is numbered on its own (hashing the block's own string, whose hash
 * is cached) rather than concatenated with the kind and level into a new long
 * string that must be copied and hashed again.
 */
function comparisonKey(options: ResolvedDiffOptions): (block: Block) => string {
  if (ignoresAnything(options)) return (block) => blockKey(block, options);
  const textIds = new Map<string, number>();
  return (block) => {
    let id = textIds.get(block.text);
    if (id === undefined) {
      id = textIds.size;
      textIds.set(block.text, id);
    }
    return `${block.kind}\u0000${block.level}\u0000${id}`;
  };
}
