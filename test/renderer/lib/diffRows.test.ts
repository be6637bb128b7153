import { describe, expect, it } from 'vitest';
import { diffBlocks } from '../../../src/shared/diff/diffBlocks';
import type { Block } from '../../../src/shared/domain';
import { diffRows } from '../../../src/renderer/src/lib/diffRows';

const heading = (text: string, level = 2): Block => ({ kind: 'heading', level, text });
const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });

describe('diffRows', () => {
  const before = [
    heading('Privacy Policy', 1),
    heading('Cookies'),
    paragraph('We use cookies to remember you.'),
    heading('Sharing'),
    paragraph('We never share your data.'),
  ];
  const after = [
    heading('Privacy Policy', 1),
    heading('Cookies'),
    paragraph('We use cookies and pixels to remember you.'),
    heading('Sharing and selling'),
    paragraph('We share your data with partners.'),
  ];
  const { blocks } = diffBlocks(before, after);

  it('shows every block, unlabelled, when unchanged text is included', () => {
    const rows = diffRows(blocks, false);
    expect(rows).toHaveLength(blocks.length);
    expect(rows.every((row) => row.section === null)).toBe(true);
  });

  it('keeps only changes, each labelled once with its section', () => {
    const rows = diffRows(blocks, true);
    expect(rows.every((row) => row.block.change !== 'equal')).toBe(true);
    expect(rows[0]?.section).toBe('Privacy Policy › Cookies');
  });

  it('does not repeat a changed heading as the label of the block under it', () => {
    const rows = diffRows(blocks, true);
    const headingIndex = rows.findIndex((row) => row.block.kind === 'heading');
    expect(headingIndex).toBeGreaterThanOrEqual(0);
    expect(rows[headingIndex + 1]?.section).toBeNull();
  });
});
