import type { DiffBlock } from '../../../shared/domain';

/** Where one moved block left (`from`) and arrived (`to`), as indexes into the diff's blocks. */
export interface MoveEnds {
  from: number | null;
  to: number | null;
}

/** Both ends of every move in a diff, by `moveId`. */
export function moveEnds(blocks: readonly DiffBlock[]): Map<number, MoveEnds> {
  const ends = new Map<number, MoveEnds>();
  blocks.forEach((block, index) => {
    if (block.change !== 'move' || block.moveId === undefined) return;
    const entry = ends.get(block.moveId) ?? { from: null, to: null };
    if (block.moveRole === 'from') entry.from = index;
    else entry.to = index;
    ends.set(block.moveId, entry);
  });
  return ends;
}

/** The other end of a moved block: the destination of a 'from' block, the source of a 'to' block. */
export function otherEndOf(
  blocks: readonly DiffBlock[],
  ends: ReadonlyMap<number, MoveEnds>,
  index: number,
): number | null {
  const block = blocks[index];
  if (!block || block.change !== 'move' || block.moveId === undefined) return null;
  const entry = ends.get(block.moveId);
  if (!entry) return null;
  return block.moveRole === 'from' ? entry.to : entry.from;
}

/** "§ Sharing" for a link to a block's section; "the beginning" when it precedes every heading. */
export function sectionReference(headingPath: readonly string[]): string {
  const innermost = headingPath.at(-1);
  return innermost ? `§ ${innermost}` : 'the beginning';
}
