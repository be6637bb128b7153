import { describe, expect, it } from 'vitest';
import { changeHunks, stepChange } from '../../../src/renderer/src/lib/changeNavigation';
import { deleted, equal, heading, inserted, moved, replaced } from './builders';

describe('changeHunks', () => {
  it('makes one stop of each run of changes, and none of unchanged text', () => {
    const { hunks, hunkOfBlock } = changeHunks([
      equal('Intro', ['Policy']),
      replaced(['We ', ['-', 'never'], ['+', 'sometimes'], ' share.'], ['Policy']),
      inserted('New sentence.', ['Policy']),
      equal('Middle', ['Policy']),
      deleted('Old sentence.', ['Policy']),
    ]);
    expect(hunks.map(({ start, end }) => [start, end])).toEqual([
      [1, 3],
      [4, 5],
    ]);
    expect(hunkOfBlock).toEqual([-1, 0, 0, -1, 1]);
  });

  it('keeps a new section and the paragraphs under it as one change', () => {
    const { hunks } = changeHunks([
      equal('Intro', ['Policy']),
      heading('Selling', ['Policy'], 'insert'),
      inserted('We sell nothing.', ['Policy', 'Selling']),
      inserted('Really nothing.', ['Policy', 'Selling']),
    ]);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]).toMatchObject({ start: 1, end: 4, section: 'Policy › Selling' });
  });

  it('starts a new stop where adjacent changes fall in a sibling section', () => {
    const { hunks } = changeHunks([
      inserted('About cookies.', ['Policy', 'Cookies']),
      inserted('About sharing.', ['Policy', 'Sharing']),
    ]);
    expect(hunks.map((hunk) => hunk.section)).toEqual(['Policy › Cookies', 'Policy › Sharing']);
  });

  it('does not let a renamed document title swallow the changes of every section after it', () => {
    const title = {
      ...heading('Privacy Policy – Formlabs', [], 'replace'),
      spans: [
        { op: 'equal' as const, text: 'Privacy Policy ' },
        { op: 'delete' as const, text: '–' },
        { op: 'insert' as const, text: '|' },
        { op: 'equal' as const, text: ' Formlabs' },
      ],
    };
    const { hunks } = changeHunks([
      title,
      replaced(['Effective ', ['+', 'May 25, 2018']], ['Privacy Policy | Formlabs']),
      inserted('New words.', ['Privacy Policy | Formlabs', 'Cookies']),
    ]);
    expect(hunks.map(({ start, end }) => [start, end])).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('gives every changed section its own stop when all of them changed at once', () => {
    // Re-levelled headings: each heading is a (formatting) change, as is each paragraph under it.
    const { hunks } = changeHunks([
      heading('Cookies', ['Policy'], 'replace'),
      replaced(['We use ', ['+', 'many '], 'cookies.'], ['Policy', 'Cookies']),
      heading('Sharing', ['Policy'], 'replace'),
      replaced(['We ', ['+', 'rarely '], 'share.'], ['Policy', 'Sharing']),
    ]);
    expect(hunks.map(({ start, end }) => [start, end])).toEqual([
      [0, 2],
      [2, 4],
    ]);
  });

  it('makes both ends of a move stops the user can reach', () => {
    const { hunks, hunkOfBlock } = changeHunks([
      moved(1, 'from', 'Moved paragraph.', ['A']),
      equal('Stays.', ['A']),
      moved(1, 'to', 'Moved paragraph.', ['B']),
    ]);
    expect(hunks).toHaveLength(2);
    expect(hunkOfBlock[0]).not.toBe(hunkOfBlock[2]);
  });
});

describe('stepChange', () => {
  it('goes to the first change forwards and the last backwards before any step', () => {
    expect(stepChange(-1, 5, 1)).toBe(0);
    expect(stepChange(-1, 5, -1)).toBe(4);
  });

  it('moves one change at a time and stops at both ends', () => {
    expect(stepChange(2, 5, 1)).toBe(3);
    expect(stepChange(2, 5, -1)).toBe(1);
    expect(stepChange(4, 5, 1)).toBe(4);
    expect(stepChange(0, 5, -1)).toBe(0);
  });

  it('has nowhere to go without changes, and recovers from a position past the end', () => {
    expect(stepChange(-1, 0, 1)).toBe(-1);
    expect(stepChange(7, 3, 1)).toBe(0);
  });
});
