import { describe, expect, it } from 'vitest';
import { allShown, collapseUnchanged } from '../../../src/renderer/src/lib/collapseUnchanged';
import { inlineRows, sectionLabels, sideBySideRows, type SideBySideRow } from '../../../src/renderer/src/lib/diffRows';
import { deleted, equal, heading, inserted, moved, replaced } from './builders';

const text = (cell: SideBySideRow['left']): string | null =>
  cell ? cell.spans.map((span) => (span.op === 'equal' ? span.text : `[${span.op}:${span.text}]`)).join('') : null;

describe('inlineRows', () => {
  // Policy › Cookies: a changed paragraph; the "Sharing" heading renamed; a changed paragraph under it.
  const blocks = [
    heading('Privacy Policy'),
    heading('Cookies', ['Privacy Policy']),
    replaced(['We use cookies ', ['+', 'and pixels '], 'to remember you.'], ['Privacy Policy', 'Cookies']),
    {
      ...heading('Sharing', ['Privacy Policy'], 'replace'),
      spans: [
        { op: 'equal' as const, text: 'Sharing' },
        { op: 'insert' as const, text: ' and selling' },
      ],
    },
    replaced([['-', 'We never share'], ['+', 'We share'], ' your data.'], ['Privacy Policy', 'Sharing and selling']),
  ];

  it('shows every block, unlabelled, when unchanged text is included', () => {
    const rows = inlineRows(blocks, allShown(blocks), false);
    expect(rows.map((row) => (row.type === 'block' ? row.index : -1))).toEqual([0, 1, 2, 3, 4]);
    expect(rows.every((row) => row.type === 'block' && row.section === null)).toBe(true);
  });

  it('labels a change with its section when the headings above it are folded', () => {
    const rows = inlineRows(blocks, collapseUnchanged(blocks, { context: 0, expanded: new Set() }), true);
    expect(rows[0]).toMatchObject({ type: 'collapsed' });
    expect(rows[1]).toMatchObject({ type: 'block', index: 2, section: 'Privacy Policy › Cookies' });
  });

  it('does not repeat a changed heading as the label of the block under it', () => {
    const rows = inlineRows(blocks, collapseUnchanged(blocks, { context: 0, expanded: new Set() }), true);
    const headingRow = rows.findIndex((row) => row.type === 'block' && row.block.kind === 'heading');
    expect(rows[headingRow + 1]).toMatchObject({ type: 'block', index: 4, section: null });
  });
});

describe('sectionLabels', () => {
  it('labels a heading only when the reader is not already inside its parent section', () => {
    const blocks = [
      heading('Policy'),
      replaced(['Intro ', ['+', 'text']], ['Policy']),
      equal('Unchanged.', ['Policy']),
      heading('Cookies', ['Policy'], 'replace'),
      replaced(['Some ', ['+', 'cookies']], ['Policy', 'Cookies']),
      equal('Unchanged.', ['Policy', 'Cookies']),
      heading('Selling', ['Policy'], 'insert'),
    ];
    const segments = collapseUnchanged(blocks, { context: 0, expanded: new Set() });
    const labels = sectionLabels(blocks, segments);
    expect([...labels]).toEqual([[1, 'Policy']]);
  });
});

describe('sideBySideRows', () => {
  it('puts old text left and new text right on one row for unchanged and changed blocks', () => {
    const blocks = [equal('Same.'), replaced(['We ', ['-', 'never'], ['+', 'sometimes'], ' share.'])];
    const rows = sideBySideRows(blocks, allShown(blocks), false) as SideBySideRow[];
    expect(rows.map((row) => [text(row.left), text(row.right)])).toEqual([
      ['Same.', 'Same.'],
      ['We [delete:never] share.', 'We [insert:sometimes] share.'],
    ]);
  });

  it('faces the n-th deleted block with the n-th inserted one in a run, leaving the rest half empty', () => {
    const blocks = [
      equal('Before.'),
      deleted('Old one.'),
      deleted('Old two.'),
      inserted('New one.'),
      equal('After.'),
      inserted('Added at the end.'),
    ];
    const rows = sideBySideRows(blocks, allShown(blocks), false) as SideBySideRow[];
    expect(rows.map((row) => [text(row.left), text(row.right)])).toEqual([
      ['Before.', 'Before.'],
      ['[delete:Old one.]', '[insert:New one.]'],
      ['[delete:Old two.]', null],
      ['After.', 'After.'],
      [null, '[insert:Added at the end.]'],
    ]);
  });

  it('keeps moved blocks on their own rows: the source left, the destination right', () => {
    const blocks = [
      moved(1, 'from', 'Wandering paragraph.'),
      inserted('Something new.'),
      equal('Anchor.'),
      moved(1, 'to', 'Wandering paragraph.'),
    ];
    const rows = sideBySideRows(blocks, allShown(blocks), false) as SideBySideRow[];
    expect(rows.map((row) => [row.left?.index ?? null, row.right?.index ?? null])).toEqual([
      [0, null],
      [null, 1],
      [2, 2],
      [null, 3],
    ]);
  });

  it('folds unchanged runs in both columns at once', () => {
    const blocks = [equal('A'), equal('B'), inserted('C'), equal('D')];
    const rows = sideBySideRows(blocks, collapseUnchanged(blocks, { context: 0, expanded: new Set() }), true);
    expect(rows.map((row) => row.type)).toEqual(['collapsed', 'pair', 'collapsed']);
  });
});
