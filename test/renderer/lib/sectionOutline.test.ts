import { describe, expect, it } from 'vitest';
import { changeHunks } from '../../../src/renderer/src/lib/changeNavigation';
import { moveEnds, otherEndOf, sectionReference } from '../../../src/renderer/src/lib/moveLinks';
import { sectionOutline } from '../../../src/renderer/src/lib/sectionOutline';
import { equal, inserted, moved, replaced } from './builders';

const blocks = [
  inserted('A new opening line.'),
  equal('Unchanged.', ['Policy', 'Cookies']),
  replaced(['We use ', ['+', 'many '], 'cookies.'], ['Policy', 'Cookies']),
  moved(4, 'from', 'A paragraph on the move.', ['Policy', 'Cookies']),
  equal('Unchanged.', ['Policy', 'Sharing']),
  moved(4, 'to', 'A paragraph on the move.', ['Policy', 'Sharing']),
];

describe('sectionOutline', () => {
  it('lists each section with changes once, in document order, pointing at its first change', () => {
    const outline = sectionOutline(blocks, changeHunks(blocks));
    expect(outline.map(({ label, depth, firstBlock, changes }) => [label, depth, firstBlock, changes])).toEqual([
      ['Before the first heading', 0, 0, 1],
      ['Cookies', 1, 2, 2],
      ['Sharing', 1, 5, 1],
    ]);
    const index = changeHunks(blocks);
    for (const entry of outline) expect(entry.hunk).toBe(index.hunkOfBlock[entry.firstBlock]);
  });
});

describe('moveLinks', () => {
  it('links each end of a move to the other', () => {
    const ends = moveEnds(blocks);
    expect(ends.get(4)).toEqual({ from: 3, to: 5 });
    expect(otherEndOf(blocks, ends, 3)).toBe(5);
    expect(otherEndOf(blocks, ends, 5)).toBe(3);
    expect(otherEndOf(blocks, ends, 2)).toBeNull();
  });

  it('names the section a link leads to', () => {
    expect(sectionReference(['Policy', 'Sharing'])).toBe('§ Sharing');
    expect(sectionReference([])).toBe('the beginning');
  });
});
