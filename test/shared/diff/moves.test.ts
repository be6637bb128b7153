import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, diffBlocks } from '../../../src/shared/diff';
import type { Block, DiffBlock } from '../../../src/shared/domain';
import { heading, newTexts, oldTexts, paragraph, textArb, wordArb } from './helpers';

const text = (block: DiffBlock): string => block.spans.map((span) => span.text).join('');

const policy = [
  heading('Privacy Policy', 1),
  heading('Data we collect'),
  paragraph('We collect your name, email address and payment details when you register.'),
  paragraph('We also record which pages you visit and for how long.'),
  heading('Sharing'),
  paragraph('We share data with payment processors and hosting providers.'),
  paragraph('We never sell your personal data to advertisers.'),
  heading('Contact'),
  paragraph('Write to privacy@example.com with any question.'),
];

describe('moves', () => {
  it('shows a paragraph moved to another section as one move, not a deletion and an insertion', () => {
    const moved = policy[6]!;
    const b = [...policy.slice(0, 3), moved, ...policy.slice(3, 6), ...policy.slice(7)];
    const { blocks, stats } = diffBlocks(policy, b);

    const moves = blocks.filter((block) => block.change === 'move');
    expect(moves.map((block) => block.moveRole)).toEqual(['to', 'from']);
    expect(moves.map((block) => block.moveId)).toEqual([1, 1]);
    expect(moves.map(text)).toEqual([moved.text, moved.text]);
    expect(moves[0]!.headingPath).toEqual(['Privacy Policy', 'Data we collect']);
    expect(moves[1]!.headingPath).toEqual(['Privacy Policy', 'Sharing']);
    // The destination sits where the paragraph now is, the source where it was.
    expect(blocks.indexOf(moves[0]!)).toBe(3);
    expect(blocks[blocks.indexOf(moves[1]!) - 1]).toMatchObject({ spans: [{ text: policy[5]!.text }] });

    expect(stats).toMatchObject({
      wordsAdded: 0,
      wordsRemoved: 0,
      wordsMoved: countWords(moved.text),
      blocksMoved: 1,
      blocksInserted: 0,
      blocksDeleted: 0,
      blocksChanged: 0,
      blocksUnchanged: policy.length - 1,
      changeRatio: 0,
      sectionsTouched: ['Privacy Policy › Data we collect', 'Privacy Policy › Sharing'],
    });
    expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
    expect(oldTexts(blocks)).toEqual(policy.map((block) => block.text));
  });

  it('shows a whole section moved as moves of its heading and paragraphs with consecutive ids', () => {
    const section = policy.slice(7); // 'Contact' and its paragraph, moved to the top
    const b = [policy[0]!, ...section, ...policy.slice(1, 7)];
    const { blocks, stats } = diffBlocks(policy, b);

    const destinations = blocks.filter((block) => block.moveRole === 'to');
    const sources = blocks.filter((block) => block.moveRole === 'from');
    expect(destinations.map(text)).toEqual(section.map((block) => block.text));
    expect(sources.map(text)).toEqual(section.map((block) => block.text));
    expect(destinations.map((block) => block.moveId)).toEqual([1, 2]);
    expect(sources.map((block) => block.moveId)).toEqual([1, 2]);
    // Both ends stay together, so a reader sees one moved section.
    const at = (block: DiffBlock): number => blocks.indexOf(block);
    expect(destinations.map(at)).toEqual([1, 2]);
    expect(sources.map(at)).toEqual([blocks.length - 2, blocks.length - 1]);
    expect(stats.blocksMoved).toBe(2);
    expect(stats.wordsMoved).toBe(section.reduce((sum, block) => sum + countWords(block.text), 0));
    expect(stats.wordsAdded + stats.wordsRemoved).toBe(0);
  });

  it('counts only the rewording inside a moved paragraph as added and removed', () => {
    const original = policy[3]!; // 'We also record which pages you visit and for how long.'
    const reworded = paragraph('We also record which pages you visit, and for how long, on our website.');
    const b = [...policy.slice(0, 3), ...policy.slice(4, 7), reworded, ...policy.slice(7)];
    const { blocks, stats } = diffBlocks(policy, b);

    const from = blocks.find((block) => block.moveRole === 'from')!;
    const to = blocks.find((block) => block.moveRole === 'to')!;
    expect(from.moveId).toBe(to.moveId);
    // The source reads as the old text, the destination as the new one.
    expect(text(from)).toBe(original.text);
    expect(text(to)).toBe(reworded.text);
    expect(to.spans.filter((span) => span.op === 'insert').map((span) => span.text.trim())).toEqual([
      ',',
      ', on our website',
    ]);
    expect(from.spans.filter((span) => span.op === 'delete')).toEqual([]);
    expect(stats.wordsAdded).toBe(3);
    expect(stats.wordsRemoved).toBe(0);
    expect(stats.wordsMoved).toBe(countWords(original.text));
    expect(stats.blocksMoved).toBe(1);
  });

  it('does not call a copy a move: a paragraph repeated elsewhere while still in place is an insertion', () => {
    const b = [...policy, paragraph(policy[6]!.text)];
    const { stats } = diffBlocks(policy, b);
    expect(stats.blocksMoved).toBe(0);
    expect(stats.blocksInserted).toBe(1);
  });

  it('prefers rewording in place over a move when the block at the same place is the closer match', () => {
    const a = [paragraph('Alpha.'), paragraph('We keep your data for two years after you leave.'), paragraph('Omega.')];
    const b = [
      paragraph('We keep your data for three months after you leave.'),
      paragraph('Alpha.'),
      paragraph('We keep your data for two years after you leave!'),
      paragraph('Omega.'),
    ];
    const { blocks, stats } = diffBlocks(a, b);
    expect(stats.blocksMoved).toBe(0);
    expect(blocks.map((block) => block.change)).toEqual(['insert', 'equal', 'replace', 'equal']);
  });

  it('keeps a moved, slightly reworded paragraph a move even when a loosely similar paragraph took its old place', () => {
    const a = [
      paragraph('Alpha.'),
      paragraph('We keep your account data for two years after you close your account.'),
      paragraph('Omega.'),
    ];
    const b = [
      paragraph('Alpha.'),
      paragraph('We keep your payment data for as long as the law requires.'),
      paragraph('Omega.'),
      paragraph('We keep your account data for two years after you close your account with us.'),
    ];
    const { blocks, stats } = diffBlocks(a, b);
    expect(blocks.map((block) => [block.change, block.moveRole ?? null])).toEqual([
      ['equal', null],
      ['move', 'from'],
      ['insert', null],
      ['equal', null],
      ['move', 'to'],
    ]);
    expect(stats.wordsAdded).toBe(countWords(b[1]!.text) + 2);
  });

  describe('properties', () => {
    /** Distinct blocks: each text ends with its own number, so no two are alike. */
    const documentArb = fc
      .array(textArb, { minLength: 4, maxLength: 14 })
      .map((texts) => texts.map((value, index) => paragraph(`${value} n${index}`)));

    it('a moved paragraph is one move pair; its words count as moved, none as added or removed', () => {
      fc.assert(
        fc.property(documentArb, fc.nat(), fc.nat(), (a, from, to) => {
          const source = from % a.length;
          const rest = a.filter((_, index) => index !== source);
          let target = to % (rest.length + 1);
          if (Math.abs(target - source) < 2) target = (source + 2) % (rest.length + 1);
          fc.pre(Math.abs(target - source) >= 2);
          const moved = a[source]!;
          const b = [...rest.slice(0, target), moved, ...rest.slice(target)];

          const { blocks, stats } = diffBlocks(a, b);
          const moves = blocks.filter((block) => block.change === 'move');
          expect(moves).toHaveLength(2);
          expect(moves.map(text)).toEqual([moved.text, moved.text]);
          expect(stats.wordsMoved).toBe(countWords(moved.text));
          expect(stats.wordsAdded).toBe(0);
          expect(stats.wordsRemoved).toBe(0);
          expect(stats.blocksUnchanged).toBe(a.length - 1);
          expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
          expect(oldTexts(blocks)).toEqual(a.map((block) => block.text));
        }),
        { numRuns: 300 },
      );
    });

    it('a moved and slightly reworded paragraph is one move; only the new words count as added', () => {
      const longTextArb = fc.array(wordArb, { minLength: 12, maxLength: 20 }).map((words) => words.join(' '));
      fc.assert(
        fc.property(documentArb, longTextArb, fc.nat(), (rest, movedText, at) => {
          const moved: Block = paragraph(`${movedText} moved`);
          const reworded: Block = paragraph(`${moved.text} quite recently`);
          const a = [moved, ...rest];
          const target = 2 + (at % (rest.length - 1));
          const b = [...rest.slice(0, target), reworded, ...rest.slice(target)];

          const { blocks, stats } = diffBlocks(a, b);
          expect(blocks.filter((block) => block.change === 'move')).toHaveLength(2);
          expect(stats.wordsAdded).toBe(2);
          expect(stats.wordsRemoved).toBe(0);
          expect(stats.wordsMoved).toBe(countWords(moved.text));
          expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
          expect(oldTexts(blocks)).toEqual(a.map((block) => block.text));
        }),
        { numRuns: 200 },
      );
    });
  });
});
