import type { DiffBlock } from '../../../shared/domain';
import { newTextOf, oldTextOf, onlyInOld, SECTION_SEPARATOR, sectionKeyOf } from './sectionKey';

/** One stop of next/previous change navigation: a run of changed blocks in one section. */
export interface ChangeHunk {
  /** 0-based position among the hunks. */
  index: number;
  /** First block of the hunk (index into the diff's blocks). */
  start: number;
  /** One past its last block. */
  end: number;
  /**
   * Where it is: the section of its first block (heading path joined with
   * ' › '; '' before the first heading), or the section a heading opens when
   * the hunk starts with one.
   */
  section: string;
}

export interface ChangeIndex {
  hunks: ChangeHunk[];
  /** For every block, the hunk holding it, or -1 for unchanged blocks. */
  hunkOfBlock: number[];
}

/** Sections a heading opens: its path plus its title, old and new (a renamed heading names both). */
function sectionsOpenedBy(block: DiffBlock): string[] {
  const titles = new Set([oldTextOf(block), newTextOf(block)]);
  return [...titles].map((title) => [...block.headingPath, title].join(SECTION_SEPARATOR));
}

/**
 * Group the changed blocks of a diff into hunks, the stops of next/previous
 * navigation. A hunk is a run of consecutive changed blocks within one
 * section: a changed heading starts a new hunk (its section begins there),
 * and the changed blocks right under it belong to it (a new section's
 * heading and its paragraphs are one change); a change in any other section
 * starts a new hunk. So each section with changes has a stop of its own, even
 * when everything changed at once (a renamed title, headings re-levelled).
 */
export function changeHunks(blocks: readonly DiffBlock[]): ChangeIndex {
  const hunks: ChangeHunk[] = [];
  const hunkOfBlock: number[] = [];
  let open: ChangeHunk | null = null;
  /** The sections the open hunk's blocks may be in. */
  let inside: string[] = [];
  blocks.forEach((block, index) => {
    if (block.change === 'equal') {
      open = null;
      hunkOfBlock.push(-1);
      return;
    }
    const section = sectionKeyOf(block);
    if (open && block.kind !== 'heading' && inside.includes(section)) {
      open.end = index + 1;
    } else {
      inside = block.kind === 'heading' ? sectionsOpenedBy(block) : [section];
      const opens =
        block.kind === 'heading'
          ? [...block.headingPath, onlyInOld(block) ? oldTextOf(block) : newTextOf(block)]
          : null;
      open = {
        index: hunks.length,
        start: index,
        end: index + 1,
        section: opens ? opens.join(SECTION_SEPARATOR) : section,
      };
      hunks.push(open);
    }
    hunkOfBlock.push(open.index);
  });
  return { hunks, hunkOfBlock };
}

/**
 * The hunk to go to from `current` (-1 = none yet) one step forwards or
 * backwards, staying within 0…count-1: the first step forwards goes to the
 * first change, the first step backwards to the last. -1 when there are no changes.
 */
export function stepChange(current: number, count: number, step: 1 | -1): number {
  if (count <= 0) return -1;
  if (current < 0 || current >= count) return step > 0 ? 0 : count - 1;
  return Math.min(Math.max(current + step, 0), count - 1);
}
