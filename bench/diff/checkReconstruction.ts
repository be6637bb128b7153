import type { Block, DiffBlock } from '../../src/shared/domain';

/** Whether a diff rebuilds both versions, and the first place it does not. */
export interface ReconstructionCheck {
  newer: boolean;
  older: boolean;
  problem: string | null;
}

/**
 * Rebuild both versions from a diff's spans, per the rule in
 * src/shared/diff/README.md and `DiffBlock`: the non-delete spans of every
 * block that is not a deletion (nor the 'from' end of a move) give the newer
 * version's blocks, in order; the non-insert spans of every block that is not
 * an insertion (nor the 'to' end of a move) give the older version's.
 */
export function checkReconstruction(
  diff: { blocks: readonly DiffBlock[] },
  older: readonly Block[],
  newer: readonly Block[],
): ReconstructionCheck {
  const rebuiltNewer = diff.blocks
    .filter((block) => block.change !== 'delete' && block.moveRole !== 'from')
    .map((block) => joinSpans(block, 'delete'));
  const rebuiltOlder = diff.blocks
    .filter((block) => block.change !== 'insert' && block.moveRole !== 'to')
    .map((block) => joinSpans(block, 'insert'));
  const newerProblem = firstMismatch(
    'newer',
    rebuiltNewer,
    newer.map((block) => block.text),
  );
  const olderProblem = firstMismatch(
    'older',
    rebuiltOlder,
    older.map((block) => block.text),
  );
  return { newer: newerProblem === null, older: olderProblem === null, problem: newerProblem ?? olderProblem };
}

function joinSpans(block: DiffBlock, skip: 'insert' | 'delete'): string {
  let text = '';
  for (const span of block.spans) if (span.op !== skip) text += span.text;
  return text;
}

function firstMismatch(side: string, rebuilt: readonly string[], expected: readonly string[]): string | null {
  const length = Math.max(rebuilt.length, expected.length);
  for (let index = 0; index < length; index++) {
    if (rebuilt[index] !== expected[index]) {
      return (
        `${side} block ${index + 1} of ${expected.length} (rebuilt ${rebuilt.length}): ` +
        `expected ${preview(expected[index])}, got ${preview(rebuilt[index])}`
      );
    }
  }
  return null;
}

function preview(text: string | undefined): string {
  if (text === undefined) return 'nothing';
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 57)}...` : text);
}
