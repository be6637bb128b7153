import type { DiffBlock } from '../../../shared/domain';
import type { ChangeIndex } from './changeNavigation';
import { sectionKeyOf } from './sectionKey';

/** A section with changes, as the diff's outline lists it. */
export interface OutlineEntry {
  /** Heading path joined with ' › ' ('' for text before the first heading). */
  section: string;
  /** Its innermost heading (what the outline shows, indented by `depth`). */
  label: string;
  depth: number;
  /** First changed block in the section: where a click on the entry scrolls. */
  firstBlock: number;
  /** The hunk holding that block: the change navigation moves there. */
  hunk: number;
  /** Changed blocks in the section. */
  changes: number;
}

/** The sections holding changes, in the order their first change appears. */
export function sectionOutline(blocks: readonly DiffBlock[], index: ChangeIndex): OutlineEntry[] {
  const entries = new Map<string, OutlineEntry>();
  blocks.forEach((block, blockIndex) => {
    if (block.change === 'equal') return;
    const section = sectionKeyOf(block);
    const entry = entries.get(section);
    if (entry) {
      entry.changes += 1;
      return;
    }
    entries.set(section, {
      section,
      label: block.headingPath.at(-1) ?? 'Before the first heading',
      depth: Math.max(block.headingPath.length - 1, 0),
      firstBlock: blockIndex,
      hunk: index.hunkOfBlock[blockIndex] ?? -1,
      changes: 1,
    });
  });
  return [...entries.values()];
}
