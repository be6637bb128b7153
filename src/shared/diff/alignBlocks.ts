import { diffArrays } from 'diff';
import type { Block } from '../domain';
import { remainingMs, type ResolvedDiffOptions } from './options';
import { tokenize } from './tokenize';

/** One step of the block alignment, by index into the old (a) and new (b) block lists. */
export type AlignStep =
  { op: 'equal'; a: number; b: number } | { op: 'delete'; a: number } | { op: 'insert'; b: number };

/**
 * A block's identity for alignment: kind, level and text, compared under the
 * ignore options (so a block that only changed case can count as unchanged).
 */
export function blockKey(block: Block, options: Pick<ResolvedDiffOptions, 'ignoreCase' | 'ignoreWhitespace'>): string {
  let text = options.ignoreCase ? block.text.toLowerCase() : block.text;
  if (options.ignoreWhitespace) {
    text = tokenize(text)
      .filter((token) => !token.space)
      .map((token) => token.text)
      .join('\u0001');
  }
  return `${block.kind}\u0000${block.level}\u0000${text}`;
}

/**
 * Align two block lists on block identity with a Myers diff (jsdiff's
 * `diffArrays` over interned keys). When the edit script is longer than
 * `maxEditLength` or time runs out, keeps the common head and tail and treats
 * everything between them as deleted and inserted.
 */
export function alignBlocks(a: readonly Block[], b: readonly Block[], options: ResolvedDiffOptions): AlignStep[] {
  const ids = new Map<string, number>();
  const intern = (block: Block): number => {
    const key = blockKey(block, options);
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    return id;
  };
  const oldIds = a.map(intern);
  const newIds = b.map(intern);

  const budget = remainingMs(options);
  const changes =
    budget > 0 ? diffArrays(oldIds, newIds, { maxEditLength: options.maxEditLength, timeout: budget }) : undefined;
  if (!changes) return fallbackAlignment(oldIds, newIds);

  const steps: AlignStep[] = [];
  let ai = 0;
  let bi = 0;
  for (const change of changes) {
    for (let k = 0; k < change.count; k++) {
      if (change.removed) steps.push({ op: 'delete', a: ai++ });
      else if (change.added) steps.push({ op: 'insert', b: bi++ });
      else steps.push({ op: 'equal', a: ai++, b: bi++ });
    }
  }
  return steps;
}

function fallbackAlignment(oldIds: number[], newIds: number[]): AlignStep[] {
  let head = 0;
  while (head < oldIds.length && head < newIds.length && oldIds[head] === newIds[head]) head++;
  let tail = 0;
  while (
    tail < oldIds.length - head &&
    tail < newIds.length - head &&
    oldIds[oldIds.length - 1 - tail] === newIds[newIds.length - 1 - tail]
  ) {
    tail++;
  }
  const steps: AlignStep[] = [];
  for (let i = 0; i < head; i++) steps.push({ op: 'equal', a: i, b: i });
  for (let i = head; i < oldIds.length - tail; i++) steps.push({ op: 'delete', a: i });
  for (let j = head; j < newIds.length - tail; j++) steps.push({ op: 'insert', b: j });
  for (let k = tail; k > 0; k--) steps.push({ op: 'equal', a: oldIds.length - k, b: newIds.length - k });
  return steps;
}
