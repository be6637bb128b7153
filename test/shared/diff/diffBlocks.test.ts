import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Block, DiffBlock } from '../../../src/shared/domain';
import { diffBlocks } from '../../../src/shared/diff';

const samples = resolve(__dirname, '../../../..', 'shared', 'samples');

const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });
const heading = (text: string, level = 2): Block => ({ kind: 'heading', level, text });

/** The newer version as a reader of the diff sees it: every block but deletions, every span but deletions. */
function newTexts(blocks: DiffBlock[]): string[] {
  return blocks
    .filter((block) => block.change !== 'delete')
    .map((block) =>
      block.spans
        .filter((span) => span.op !== 'delete')
        .map((span) => span.text)
        .join(''),
    );
}

/** The older version: every block but insertions, every span but insertions. */
function oldTexts(blocks: DiffBlock[]): string[] {
  return blocks
    .filter((block) => block.change !== 'insert')
    .map((block) =>
      block.spans
        .filter((span) => span.op !== 'insert')
        .map((span) => span.text)
        .join(''),
    );
}

/** Split a Markdown file into blocks the way a reader would: by blank lines, `#` lines as headings. */
function markdownBlocks(file: string): Block[] {
  return readFileSync(file, 'utf8')
    .split(/\n\s*\n/)
    .map((chunk) => chunk.replace(/\s+/g, ' ').trim())
    .filter((chunk) => chunk.length > 0)
    .map((chunk) => {
      const match = /^(#{1,6}) (.*)$/.exec(chunk);
      return match ? heading(match[2]!, match[1]!.length) : paragraph(chunk);
    });
}

describe('diffBlocks', () => {
  it('reports no change for identical versions', () => {
    const blocks = [
      heading('Privacy Policy', 1),
      paragraph('We collect your email address.'),
      paragraph('We never sell it.'),
    ];
    const { blocks: diff, stats } = diffBlocks(blocks, structuredClone(blocks));
    expect(diff.every((block) => block.change === 'equal')).toBe(true);
    expect(stats).toEqual({
      wordsAdded: 0,
      wordsRemoved: 0,
      blocksInserted: 0,
      blocksDeleted: 0,
      blocksChanged: 0,
      blocksUnchanged: 3,
    });
  });

  it('shows a one-word edit as one changed block with one deletion and one insertion', () => {
    const a = [
      paragraph('Intro.'),
      paragraph('We keep your data for two years after you close your account.'),
      paragraph('Outro.'),
    ];
    const b = [
      paragraph('Intro.'),
      paragraph('We keep your data for five years after you close your account.'),
      paragraph('Outro.'),
    ];
    const { blocks, stats } = diffBlocks(a, b);
    const changed = blocks.filter((block) => block.change !== 'equal');
    expect(changed).toHaveLength(1);
    expect(changed[0]!.change).toBe('replace');
    const edits = changed[0]!.spans.filter((span) => span.op !== 'equal');
    expect(edits).toEqual([
      { op: 'delete', text: 'two' },
      { op: 'insert', text: 'five' },
    ]);
    expect(stats.wordsAdded).toBe(1);
    expect(stats.wordsRemoved).toBe(1);
    expect(stats.blocksChanged).toBe(1);
    expect(stats.blocksUnchanged).toBe(2);
  });

  it('shows an inserted section as inserted blocks under their new heading', () => {
    const a = [heading('Data we collect'), paragraph('Your name.'), heading('Contact'), paragraph('Write to us.')];
    const b = [
      heading('Data we collect'),
      paragraph('Your name.'),
      heading('Cookies'),
      paragraph('We use cookies to remember your settings.'),
      paragraph('You can turn them off in your browser.'),
      heading('Contact'),
      paragraph('Write to us.'),
    ];
    const { blocks, stats } = diffBlocks(a, b);
    const inserted = blocks.filter((block) => block.change === 'insert');
    expect(inserted.map((block) => block.spans.map((span) => span.text).join(''))).toEqual([
      'Cookies',
      'We use cookies to remember your settings.',
      'You can turn them off in your browser.',
    ]);
    expect(inserted[1]!.headingPath).toEqual(['Cookies']);
    expect(blocks.filter((block) => block.change === 'equal')).toHaveLength(4);
    expect(stats.blocksInserted).toBe(3);
    expect(stats.wordsAdded).toBe(1 + 7 + 8);
    expect(stats.wordsRemoved).toBe(0);
  });

  it('shows a removed paragraph as a deleted block in its old section', () => {
    const a = [
      heading('Sharing'),
      paragraph('We share data with advertisers.'),
      paragraph('We share data with processors.'),
    ];
    const b = [heading('Sharing'), paragraph('We share data with processors.')];
    const { blocks } = diffBlocks(a, b);
    const deleted = blocks.filter((block) => block.change === 'delete');
    expect(deleted).toHaveLength(1);
    expect(deleted[0]!.spans).toEqual([{ op: 'delete', text: 'We share data with advertisers.' }]);
    expect(deleted[0]!.headingPath).toEqual(['Sharing']);
  });

  it('gives every block the heading path of its section, outermost first', () => {
    const b = [
      heading('Policy', 1),
      heading('Your rights', 2),
      heading('Access', 3),
      paragraph('Ask us for a copy.'),
      heading('Contact', 2),
      paragraph('Write to us.'),
    ];
    const { blocks } = diffBlocks([], b);
    expect(blocks.map((block) => block.headingPath)).toEqual([
      [],
      ['Policy'],
      ['Policy', 'Your rights'],
      ['Policy', 'Your rights', 'Access'],
      ['Policy'],
      ['Policy', 'Contact'],
    ]);
  });

  it('diffs words in scripts other than Latin word by word', () => {
    const { blocks } = diffBlocks(
      [paragraph('Мы храним ваши данные два года.')],
      [paragraph('Мы храним ваши данные пять лет.')],
    );
    expect(blocks[0]!.change).toBe('replace');
    expect(blocks[0]!.spans.filter((span) => span.op !== 'equal')).toEqual([
      { op: 'delete', text: 'два года' },
      { op: 'insert', text: 'пять лет' },
    ]);
  });

  it('reads a rewritten phrase as one deletion and one insertion, not word by word', () => {
    const a = [paragraph('You may contact the data protection officer by post at any time.')];
    const b = [paragraph('You may contact our privacy team by email at any time.')];
    const { blocks } = diffBlocks(a, b);
    const ops = blocks[0]!.spans.map((span) => span.op);
    expect(ops).toEqual(['equal', 'delete', 'insert', 'equal', 'delete', 'insert', 'equal']);
    expect(blocks[0]!.spans[1]).toEqual({ op: 'delete', text: 'the data protection officer' });
    expect(blocks[0]!.spans[2]).toEqual({ op: 'insert', text: 'our privacy team' });
  });

  describe('ignore options change what counts, never the text shown', () => {
    const a = [paragraph('Contact Us by E-mail.'), paragraph('We sell nothing.')];
    const b = [paragraph('contact us by e - mail.'), paragraph('We sell nothing.')];

    it('counts case and spacing changes by default', () => {
      const { stats } = diffBlocks(a, b);
      expect(stats.blocksChanged).toBe(1);
    });

    it('ignores them when asked, showing the newer text', () => {
      const { blocks, stats } = diffBlocks(a, b, { ignoreCase: true, ignoreWhitespace: true });
      expect(stats.blocksChanged + stats.blocksInserted + stats.blocksDeleted).toBe(0);
      expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
    });

    it('still reports real edits inside a block, word by word', () => {
      const { blocks, stats } = diffBlocks(
        [paragraph('We Store Your Data in Ireland.')],
        [paragraph('we store your data in the United States.')],
        { ignoreCase: true },
      );
      expect(stats.blocksChanged).toBe(1);
      expect(blocks[0]!.spans.filter((span) => span.op !== 'equal')).toEqual([
        { op: 'delete', text: 'Ireland' },
        { op: 'insert', text: 'the United States' },
      ]);
      expect(newTexts(blocks)).toEqual(['we store your data in the United States.']);
    });
  });

  describe('bounds', () => {
    it('falls back to a whole-block replace when the word diff is too long', () => {
      const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
      const a = [paragraph(words.join(' '))];
      const b = [paragraph(words.map((word, i) => (i % 2 ? word : `${word}x`)).join(' '))];
      const { blocks } = diffBlocks(a, b, { maxEditLength: 10, pairThreshold: 0.3 });
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.change).toBe('replace');
      expect(blocks[0]!.spans).toEqual([
        { op: 'delete', text: a[0]!.text },
        { op: 'insert', text: b[0]!.text },
      ]);
    });

    it('keeps the common head and tail when the block alignment is too long', () => {
      const a = [paragraph('head'), ...Array.from({ length: 30 }, (_, i) => paragraph(`old ${i}`)), paragraph('tail')];
      const b = [paragraph('head'), ...Array.from({ length: 30 }, (_, i) => paragraph(`new ${i}`)), paragraph('tail')];
      const { blocks } = diffBlocks(a, b, { maxEditLength: 5 });
      expect(blocks[0]!.change).toBe('equal');
      expect(blocks[blocks.length - 1]!.change).toBe('equal');
      expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
      expect(oldTexts(blocks)).toEqual(a.map((block) => block.text));
    });

    it('degrades to whole blocks, still complete, when the time budget is zero', () => {
      const a = [paragraph('We keep data for two years.'), paragraph('Same.')];
      const b = [paragraph('We keep data for three years.'), paragraph('Same.')];
      const { blocks } = diffBlocks(a, b, { timeoutMs: 0 });
      expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
      expect(oldTexts(blocks)).toEqual(a.map((block) => block.text));
    });
  });

  describe('reconstruction', () => {
    const vocabulary = ['we', 'your', 'data', 'collect', 'share', 'Cookies', 'privacy', 'policy', 'may', 'not'];
    const punctuation = ['', '.', ',', ';', ' -', '!'];
    const textArb = fc
      .array(fc.tuple(fc.constantFrom(...vocabulary), fc.constantFrom(...punctuation)), { minLength: 1, maxLength: 8 })
      .map((words) => words.map(([word, mark]) => word + mark).join(' '));
    const blockArb: fc.Arbitrary<Block> = fc.oneof(
      textArb.map((text) => paragraph(text)),
      fc.tuple(fc.integer({ min: 1, max: 3 }), textArb).map(([level, text]) => heading(text, level)),
      fc
        .tuple(fc.integer({ min: 1, max: 2 }), textArb)
        .map(([level, text]): Block => ({ kind: 'list-item', level, text })),
    );
    /** A newer version made by editing an older one, as policies change. */
    const editedArb = fc
      .tuple(
        fc.array(blockArb, { maxLength: 15 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('delete', 'insert', 'rewrite'), blockArb), { maxLength: 6 }),
      )
      .map(([a, edits]) => {
        const b = [...a];
        for (const [at, edit, block] of edits) {
          const index = b.length === 0 ? 0 : at % b.length;
          if (edit === 'delete') b.splice(index, 1);
          else if (edit === 'insert') b.splice(index, 0, block);
          else if (b[index]) b[index] = { ...b[index]!, text: `${b[index]!.text} ${block.text}` };
        }
        return [a, b] as const;
      });

    it('gives back both versions exactly from the spans (random blocks)', () => {
      fc.assert(
        fc.property(
          fc.oneof(editedArb, fc.tuple(fc.array(blockArb, { maxLength: 12 }), fc.array(blockArb, { maxLength: 12 }))),
          ([a, b]) => {
            const { blocks, stats } = diffBlocks(a, b);
            expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
            expect(oldTexts(blocks)).toEqual(a.map((block) => block.text));
            expect(stats.blocksUnchanged + stats.blocksChanged + stats.blocksInserted).toBe(b.length);
            expect(stats.blocksUnchanged + stats.blocksChanged + stats.blocksDeleted).toBe(a.length);
          },
        ),
        { numRuns: 300 },
      );
    });

    it('gives back the newer version exactly and the older one up to case when ignoring case', () => {
      fc.assert(
        fc.property(editedArb, fc.boolean(), ([a, b0], upper) => {
          const b = b0.map((block) => ({ ...block, text: upper ? block.text.toUpperCase() : block.text }));
          const { blocks } = diffBlocks(a, b, { ignoreCase: true });
          expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
          expect(oldTexts(blocks).map((text) => text.toLowerCase())).toEqual(
            a.map((block) => block.text.toLowerCase()),
          );
        }),
        { numRuns: 200 },
      );
    });

    it('gives back two real recorded versions of the ChatGPT privacy policy', () => {
      const folder = resolve(samples, 'open-terms-archive', 'ChatGPT', 'Privacy Policy');
      const files = readdirSync(folder)
        .filter((name) => name.endsWith('.md'))
        .sort();
      const a = markdownBlocks(resolve(folder, files[0]!));
      const b = markdownBlocks(resolve(folder, files[files.length - 1]!));
      const { blocks, stats } = diffBlocks(a, b);
      expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
      expect(oldTexts(blocks)).toEqual(a.map((block) => block.text));
      // The policy was revised between the two recordings but most of it stayed.
      expect(stats.blocksChanged + stats.blocksInserted + stats.blocksDeleted).toBeGreaterThan(0);
      expect(stats.blocksUnchanged).toBeGreaterThan(0);
      expect(blocks.some((block) => block.change === 'replace')).toBe(true);
    });
  });
});
