import { describe, expect, it } from 'vitest';
import { markdownBlocks } from '../../../src/main/extract/markdownBlocks';
import { sampleBytes } from '../importers/samplePaths';

describe('markdownBlocks', () => {
  it('reads ATX and setext headings with their levels', () => {
    const blocks = markdownBlocks(
      '# Privacy Policy\n\nEurope privacy policy\n=====================\n\nData we collect\n---------------\n\n### Cookies\n',
    );
    expect(blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Privacy Policy' },
      { kind: 'heading', level: 1, text: 'Europe privacy policy' },
      { kind: 'heading', level: 2, text: 'Data we collect' },
      { kind: 'heading', level: 3, text: 'Cookies' },
    ]);
  });

  it('strips inline markup: links keep their text, images and empty links vanish, emphasis goes', () => {
    const [block] = markdownBlocks(
      'Visit [](http://www.formlabs.com/)[www.formlabs.com](http://www.formlabs.com/) ![logo](logo.png)for **our** _Dashboard_ and `code`.',
    );
    expect(block).toEqual({ kind: 'paragraph', level: 0, text: 'Visit www.formlabs.com for our Dashboard and code.' });
  });

  it('resolves backslash escapes and HTML entities', () => {
    const blocks = markdownBlocks(
      '1\\. Data controller\n\nAT&amp;T &copy; 2018 &#8220;Us&#8221; &nbsp;&rsquo;s &unknown; a&b',
    );
    expect(blocks.map((b) => b.text)).toEqual(['1. Data controller', 'AT&T © 2018 “Us” ’s &unknown; a&b']);
  });

  it('gives list items their nesting level and keeps item order', () => {
    const blocks = markdownBlocks(
      '* first\n  * nested one\n    * deeper\n  * nested two\n* second\n\n1. ordered\n2. list\n',
    );
    expect(blocks).toEqual([
      { kind: 'list-item', level: 1, text: 'first' },
      { kind: 'list-item', level: 2, text: 'nested one' },
      { kind: 'list-item', level: 3, text: 'deeper' },
      { kind: 'list-item', level: 2, text: 'nested two' },
      { kind: 'list-item', level: 1, text: 'second' },
      { kind: 'list-item', level: 1, text: 'ordered' },
      { kind: 'list-item', level: 1, text: 'list' },
    ]);
  });

  it('joins the paragraphs of a loose list item into one item', () => {
    const blocks = markdownBlocks('* **Account data.** We keep it.\n\n  More about it.\n\n* Other\n');
    expect(blocks[0]).toEqual({ kind: 'list-item', level: 1, text: 'Account data. We keep it. More about it.' });
  });

  it('turns table rows into " | "-joined cells, header row included', () => {
    const blocks = markdownBlocks(
      '| Purpose | Legal basis |\n|---|---|\n| **Support** | Contract |\n| Ads | [Consent](x) |\n',
    );
    expect(blocks.map((b) => [b.kind, b.text])).toEqual([
      ['table-row', 'Purpose | Legal basis'],
      ['table-row', 'Support | Contract'],
      ['table-row', 'Ads | Consent'],
    ]);
  });

  it('keeps blockquotes as quotes and code as preformatted text', () => {
    const blocks = markdownBlocks('> Last Update: July 4, 2025\n\n```\nkey = value\n```\n');
    expect(blocks).toEqual([
      { kind: 'quote', level: 0, text: 'Last Update: July 4, 2025' },
      { kind: 'preformatted', level: 0, text: 'key = value' },
    ]);
  });

  it('drops empty blocks, rules and the script inside raw HTML', () => {
    const blocks = markdownBlocks(
      '**  **\n\n---\n\n<div>Kept <b>text</b><script>alert(1)</script></div>\n\n[](http://empty)\n',
    );
    expect(blocks).toEqual([{ kind: 'paragraph', level: 0, text: 'Kept text' }]);
  });

  it('reads a real Open Terms Archive version into a heading structure', () => {
    const markdown = sampleBytes('open-terms-archive', 'ChatGPT', 'Privacy Policy', '2025-11-11T15-20-03Z.md').toString(
      'utf8',
    );
    const blocks = markdownBlocks(markdown);
    expect(blocks[0]).toEqual({ kind: 'paragraph', level: 0, text: 'Table of contents' });
    expect(blocks[1]).toEqual({ kind: 'list-item', level: 1, text: '1. Data controller' });
    expect(blocks).toContainEqual({ kind: 'heading', level: 1, text: 'Europe privacy policy' });
    expect(blocks.every((b) => b.text !== '' && b.text === b.text.trim())).toBe(true);
    expect(blocks.some((b) => /\]\(|\*\*|\\\./.test(b.text))).toBe(false);
  });
});
