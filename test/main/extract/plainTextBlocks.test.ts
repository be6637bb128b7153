import { describe, expect, it } from 'vitest';
import { plainTextBlocks, separatesParagraphsWithBlankLines } from '../../../src/main/extract/plainTextBlocks';

describe('plainTextBlocks', () => {
  it('makes one block per non-empty line, CRLF or LF', () => {
    const blocks = plainTextBlocks('privacy policy.\r\nlast updated.\r\n\r\nmay 2020.\n');
    expect(blocks.map((b) => b.text)).toEqual(['privacy policy.', 'last updated.', 'may 2020.']);
    expect(blocks.every((b) => b.kind === 'paragraph')).toBe(true);
  });

  it('reads short all-capital lines as headings and bulleted lines as list items', () => {
    const blocks = plainTextBlocks('CONTACT INFORMATION\nWrite to us.\n• your name\n- your e-mail address\n');
    expect(blocks).toEqual([
      { kind: 'heading', level: 2, text: 'CONTACT INFORMATION' },
      { kind: 'paragraph', level: 0, text: 'Write to us.' },
      { kind: 'list-item', level: 1, text: 'your name' },
      { kind: 'list-item', level: 1, text: 'your e-mail address' },
    ]);
  });

  it('tells blank-line paragraphs (Markdown-like) from one-paragraph-per-line text', () => {
    expect(separatesParagraphsWithBlankLines('# Title\n\nOne paragraph.\n\nAnother.\n')).toBe(true);
    expect(separatesParagraphsWithBlankLines('line one.\nline two.\nline three.\nline four.\n')).toBe(false);
    expect(separatesParagraphsWithBlankLines('')).toBe(false);
  });
});
