import { describe, expect, it } from 'vitest';
import { collapsedLabel, collapseUnchanged } from '../../../src/renderer/src/lib/collapseUnchanged';
import { equal, heading, inserted, replaced } from './builders';

const blocks = [
  heading('Policy'),
  equal('One', ['Policy']),
  equal('Two', ['Policy']),
  replaced(['Three ', ['+', 'and a half']], ['Policy']),
  equal('Four', ['Policy']),
  heading('Cookies', ['Policy']),
  equal('Five', ['Policy', 'Cookies']),
  equal('Six', ['Policy', 'Cookies']),
  inserted('Seven', ['Policy', 'Cookies']),
];

describe('collapseUnchanged', () => {
  it('folds every run of unchanged blocks and keeps every change, counting headings apart', () => {
    const segments = collapseUnchanged(blocks, { context: 0, expanded: new Set() });
    expect(segments).toEqual([
      { type: 'collapsed', start: 0, end: 3, paragraphs: 2, headings: 1 },
      { type: 'shown', start: 3, end: 4 },
      { type: 'collapsed', start: 4, end: 8, paragraphs: 3, headings: 1 },
      { type: 'shown', start: 8, end: 9 },
    ]);
  });

  it('keeps context blocks next to changes, and none at the edges of the document', () => {
    const segments = collapseUnchanged(blocks, { context: 1, expanded: new Set() });
    expect(segments).toEqual([
      { type: 'collapsed', start: 0, end: 2, paragraphs: 1, headings: 1 },
      { type: 'shown', start: 2, end: 5 },
      { type: 'collapsed', start: 5, end: 7, paragraphs: 1, headings: 1 },
      { type: 'shown', start: 7, end: 9 },
    ]);
  });

  it('does not fold a run that context already covers', () => {
    // Blocks 4–7 are four unchanged blocks between two changes: two of context on each side leave nothing to fold.
    const segments = collapseUnchanged(blocks, { context: 2, expanded: new Set() });
    expect(segments.filter((segment) => segment.type === 'collapsed')).toEqual([
      { type: 'collapsed', start: 0, end: 1, paragraphs: 0, headings: 1 },
    ]);
  });

  it('shows a run the user expanded, merged with the changes around it', () => {
    const segments = collapseUnchanged(blocks, { context: 0, expanded: new Set([4]) });
    expect(segments).toEqual([
      { type: 'collapsed', start: 0, end: 3, paragraphs: 2, headings: 1 },
      { type: 'shown', start: 3, end: 9 },
    ]);
  });

  it('covers every block exactly once, in order', () => {
    for (const context of [0, 1, 3]) {
      const segments = collapseUnchanged(blocks, { context, expanded: new Set() });
      const covered = segments.flatMap((segment) =>
        Array.from({ length: segment.end - segment.start }, (_, offset) => segment.start + offset),
      );
      expect(covered).toEqual(blocks.map((_, index) => index));
    }
  });
});

describe('collapsedLabel', () => {
  it('says what was folded', () => {
    expect(collapsedLabel({ paragraphs: 12, headings: 0 })).toBe('12 unchanged paragraphs');
    expect(collapsedLabel({ paragraphs: 1, headings: 2 })).toBe('1 unchanged paragraph and 2 headings');
    expect(collapsedLabel({ paragraphs: 0, headings: 1 })).toBe('1 unchanged heading');
  });
});
