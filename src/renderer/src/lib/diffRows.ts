import type { DiffBlock, DiffSpan } from '../../../shared/domain';
import type { DiffSegment } from './collapseUnchanged';
import { newTextOf, oldTextOf, onlyInNew, onlyInOld, sectionKeyOf, SECTION_SEPARATOR } from './sectionKey';

/** A folded run of unchanged blocks, as a row of either layout. */
export interface CollapsedRow {
  type: 'collapsed';
  key: string;
  segment: Extract<DiffSegment, { type: 'collapsed' }>;
}

/** One block of the inline layout. */
export interface InlineRow {
  type: 'block';
  key: string;
  /** Index of the block in the diff. */
  index: number;
  block: DiffBlock;
  /** Section heading path shown above the block when unchanged text is folded and the section changed. */
  section: string | null;
}

/**
 * Section labels for folded diffs: the shown block where a new section starts
 * (seen from the blocks shown before it) gets its heading path, so a change
 * keeps its context when the headings around it are folded away. A heading
 * that is itself shown names the section for the blocks under it, and needs a
 * label only when it is not within the section the reader was in.
 */
export function sectionLabels(blocks: readonly DiffBlock[], segments: readonly DiffSegment[]): Map<number, string> {
  const labels = new Map<number, string>();
  let current: string | null = null;
  for (const segment of segments) {
    if (segment.type !== 'shown') continue;
    for (let index = segment.start; index < segment.end; index += 1) {
      const block = blocks[index]!;
      const section = sectionKeyOf(block);
      // A heading names its own section: it needs a label only when the reader was not already inside its parent.
      const known =
        block.kind === 'heading'
          ? current !== null && (current === section || current.startsWith(section + SECTION_SEPARATOR))
          : section === current;
      if (!known && section.length > 0) labels.set(index, section);
      current = section;
      if (block.kind === 'heading') {
        const title = onlyInOld(block) ? oldTextOf(block) : newTextOf(block);
        current = [...block.headingPath, title].join(SECTION_SEPARATOR);
      }
    }
  }
  return labels;
}

/**
 * Rows of the inline layout: every shown block in order, folded runs as one
 * row each. With `labelSections` (unchanged text folded), blocks that start a
 * new section carry its heading path.
 */
export function inlineRows(
  blocks: readonly DiffBlock[],
  segments: readonly DiffSegment[],
  labelSections: boolean,
): Array<InlineRow | CollapsedRow> {
  const labels = labelSections ? sectionLabels(blocks, segments) : new Map<number, string>();
  const rows: Array<InlineRow | CollapsedRow> = [];
  for (const segment of segments) {
    if (segment.type === 'collapsed') {
      rows.push({ type: 'collapsed', key: `c${segment.start}`, segment });
      continue;
    }
    for (let index = segment.start; index < segment.end; index += 1) {
      rows.push({ type: 'block', key: `b${index}`, index, block: blocks[index]!, section: labels.get(index) ?? null });
    }
  }
  return rows;
}

/** One side of a side-by-side row: a block's text in one version. */
export interface SideCell {
  index: number;
  block: DiffBlock;
  /** The spans of this side: the old text (unchanged + deleted) on the left, the new (unchanged + inserted) on the right. */
  spans: DiffSpan[];
}

/** A row of the side-by-side layout: the older version's block on the left, the newer one's on the right. */
export interface SideBySideRow {
  type: 'pair';
  key: string;
  left: SideCell | null;
  right: SideCell | null;
  section: string | null;
}

const oldSide = (index: number, block: DiffBlock): SideCell => ({
  index,
  block,
  spans: block.spans.filter((span) => span.op !== 'insert'),
});
const newSide = (index: number, block: DiffBlock): SideCell => ({
  index,
  block,
  spans: block.spans.filter((span) => span.op !== 'delete'),
});

/**
 * Rows of the side-by-side layout. Unchanged and changed (replaced) blocks
 * sit on one row, old text left and new text right; within a run of plain
 * deletions and insertions, the n-th deleted block faces the n-th inserted one,
 * so the two columns stay aligned. Moved blocks keep their own rows: their
 * source on the left, their destination on the right.
 */
export function sideBySideRows(
  blocks: readonly DiffBlock[],
  segments: readonly DiffSegment[],
  labelSections: boolean,
): Array<SideBySideRow | CollapsedRow> {
  const labels = labelSections ? sectionLabels(blocks, segments) : new Map<number, string>();
  const rows: Array<SideBySideRow | CollapsedRow> = [];
  const pair = (left: SideCell | null, right: SideCell | null): void => {
    rows.push({
      type: 'pair',
      key: `p${left?.index ?? '-'}:${right?.index ?? '-'}`,
      left,
      right,
      section: labels.get(left?.index ?? -1) ?? labels.get(right?.index ?? -1) ?? null,
    });
  };

  for (const segment of segments) {
    if (segment.type === 'collapsed') {
      rows.push({ type: 'collapsed', key: `c${segment.start}`, segment });
      continue;
    }
    let index = segment.start;
    while (index < segment.end) {
      const block = blocks[index]!;
      if (block.change === 'delete' || block.change === 'insert') {
        const deleted: SideCell[] = [];
        const inserted: SideCell[] = [];
        while (index < segment.end && (blocks[index]!.change === 'delete' || blocks[index]!.change === 'insert')) {
          const runBlock = blocks[index]!;
          if (runBlock.change === 'delete') deleted.push(oldSide(index, runBlock));
          else inserted.push(newSide(index, runBlock));
          index += 1;
        }
        for (let row = 0; row < Math.max(deleted.length, inserted.length); row += 1) {
          pair(deleted[row] ?? null, inserted[row] ?? null);
        }
        continue;
      }
      if (onlyInOld(block)) pair(oldSide(index, block), null);
      else if (onlyInNew(block)) pair(null, newSide(index, block));
      else pair(oldSide(index, block), newSide(index, block));
      index += 1;
    }
  }
  return rows;
}
