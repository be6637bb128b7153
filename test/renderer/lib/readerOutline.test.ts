import { describe, expect, it } from 'vitest';
import type { Block } from '../../../src/shared/domain';
import {
  byteSize,
  currentOutlineEntry,
  mayHaveOriginal,
  readerOutline,
  removedSummary,
} from '../../../src/renderer/src/lib/readerOutline';

const heading = (text: string, level: number): Block => ({ kind: 'heading', level, text });
const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });

describe('readerOutline', () => {
  it('lists the headings with their positions, indented from the shallowest level', () => {
    const blocks = [
      paragraph('Intro before any heading'),
      heading('Information we collect', 2),
      paragraph('…'),
      heading('Cookies', 3),
      heading('Your rights', 2),
    ];
    expect(readerOutline(blocks)).toEqual([
      { position: 1, text: 'Information we collect', depth: 0 },
      { position: 3, text: 'Cookies', depth: 1 },
      { position: 4, text: 'Your rights', depth: 0 },
    ]);
  });

  it('is empty for a text without headings', () => {
    expect(readerOutline([paragraph('Only words.')])).toEqual([]);
  });
});

describe('currentOutlineEntry', () => {
  const entries = readerOutline([heading('A', 1), paragraph('x'), heading('B', 1), heading('C', 1)]);

  it('is the last heading that has reached the reading line', () => {
    expect(currentOutlineEntry(entries, [-500, 40, 900], 100)?.text).toBe('B');
    expect(currentOutlineEntry(entries, [-500, -200, -10], 100)?.text).toBe('C');
  });

  it('is null above the first heading', () => {
    expect(currentOutlineEntry(entries, [300, 900, 1500], 100)).toBeNull();
  });
});

describe('mayHaveOriginal', () => {
  it('offers the original page for HTML sources only', () => {
    expect(mayHaveOriginal({ sourceFormat: 'princeton-html', sourcePath: '/x/2015.html', origin: 'file' })).toBe(true);
    expect(mayHaveOriginal({ sourceFormat: 'wayback-html', sourcePath: 'crawl.warc › x', origin: 'warc' })).toBe(true);
    expect(mayHaveOriginal({ sourceFormat: 'princeton-markdown', sourcePath: '/x/2015.md', origin: 'file' })).toBe(
      false,
    );
    expect(mayHaveOriginal({ sourceFormat: 'headerless-text', sourcePath: '/x/policy.htm', origin: 'file' })).toBe(
      true,
    );
    expect(mayHaveOriginal({ sourceFormat: 'headerless-text', sourcePath: '/x/policy.txt', origin: 'file' })).toBe(
      false,
    );
  });
});

describe('removedSummary', () => {
  it('names what was removed, in words', () => {
    expect(removedSummary({ scripts: 3, styles: 1, eventHandlers: 0, embeds: 2, links: 9 })).toBe(
      'removed 3 scripts, 1 style sheet or style and 2 images, frames, forms and media items',
    );
    expect(removedSummary({ scripts: 1, styles: 0, eventHandlers: 0, embeds: 0, links: 0 })).toBe('removed 1 script');
    expect(removedSummary({ scripts: 0, styles: 0, eventHandlers: 0, embeds: 0, links: 4 })).toBe(
      'nothing active was found',
    );
  });

  it('writes sizes the way people read them', () => {
    expect(byteSize(900)).toBe('900 bytes');
    expect(byteSize(37_500)).toBe('37 KB');
    expect(byteSize(3_500_000)).toBe('3.3 MB');
  });
});
