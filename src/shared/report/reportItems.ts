import type { DiffBlock } from '../domain';
import type { ReportComparison } from './reportTypes';

/** Where the other end of a moved block is, for "⇄ moved from/to § …". */
export interface MoveNote {
  /** 'from': this is the old place (the block moved away); 'to': the new place. */
  role: 'from' | 'to';
  moveId: number;
  /** Heading path of the section holding the other end (empty: before the first heading). */
  otherPath: string[];
  /** HTML ids of this end and the other end. */
  anchor: string;
  otherAnchor: string;
  /** False when the block continues a moved group (consecutive move ids, adjacent ends): the note is shown once per group. */
  groupStart: boolean;
}

/** What the report body shows, in order: blocks of the diff and collapsed runs of unchanged blocks. */
export type ReportItem =
  | {
      type: 'block';
      /** Index in the comparison's blocks. */
      index: number;
      block: DiffBlock;
      /** Id of the changed section whose first change this block is. */
      sectionId: string | null;
      move: MoveNote | null;
    }
  | { type: 'collapsed'; count: number };

/**
 * The body of one comparison. With `includeUnchanged` every block is shown;
 * otherwise unchanged blocks collapse into runs, except the unchanged
 * headings of the sections (and their parent sections) that hold a change, so
 * every change is read under its headings.
 */
export function reportItems(comparison: ReportComparison, includeUnchanged: boolean): ReportItem[] {
  const { blocks } = comparison;
  const keep = includeUnchanged ? null : headingsOfChanges(blocks);
  const sectionAt = new Map(comparison.sections.map((section) => [section.blockIndex, section.id]));
  const moves = moveNotes(comparison);
  const items: ReportItem[] = [];
  let collapsed = 0;
  blocks.forEach((block, index) => {
    if (keep && block.change === 'equal' && !keep.has(index)) {
      collapsed++;
      return;
    }
    if (collapsed > 0) items.push({ type: 'collapsed', count: collapsed });
    collapsed = 0;
    items.push({
      type: 'block',
      index,
      block,
      sectionId: sectionAt.get(index) ?? null,
      move: moves.get(index) ?? null,
    });
  });
  if (collapsed > 0) items.push({ type: 'collapsed', count: collapsed });
  return items;
}

/** Indices of the unchanged headings above each changed block (the open heading at each level). */
function headingsOfChanges(blocks: readonly DiffBlock[]): Set<number> {
  const keep = new Set<number>();
  const open: Array<{ level: number; index: number }> = [];
  blocks.forEach((block, index) => {
    if (block.kind === 'heading') {
      while (open.length > 0 && open.at(-1)!.level >= block.level) open.pop();
      open.push({ level: block.level, index });
    }
    if (block.change !== 'equal') for (const heading of open) keep.add(heading.index);
  });
  return keep;
}

/** The move note of every moved block, by block index. */
function moveNotes(comparison: ReportComparison): Map<number, MoveNote> {
  const ends = new Map<string, { index: number; block: DiffBlock }>();
  comparison.blocks.forEach((block, index) => {
    if (block.change === 'move' && block.moveId !== undefined && block.moveRole) {
      ends.set(`${block.moveRole}:${block.moveId}`, { index, block });
    }
  });
  const anchor = (role: 'from' | 'to', moveId: number): string => `${comparison.id}-m${moveId}-${role}`;
  const notes = new Map<number, MoveNote>();
  for (const { index, block } of ends.values()) {
    const role = block.moveRole!;
    const moveId = block.moveId!;
    const otherRole = role === 'from' ? 'to' : 'from';
    const other = ends.get(`${otherRole}:${moveId}`);
    // A group: the previous move (id − 1) ends right before both this block and its other end.
    const previous = ends.get(`${role}:${moveId - 1}`);
    const previousOther = ends.get(`${otherRole}:${moveId - 1}`);
    const groupStart = !(
      previous &&
      previousOther &&
      other &&
      previous.index === index - 1 &&
      previousOther.index === other.index - 1
    );
    notes.set(index, {
      role,
      moveId,
      otherPath: other?.block.headingPath ?? [],
      anchor: anchor(role, moveId),
      otherAnchor: anchor(otherRole, moveId),
      groupStart,
    });
  }
  return notes;
}
