import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, diffBlocks, type DiffOptions } from '../../src/shared/diff';
import type { Block, BlockKind, DiffBlock } from '../../src/shared/domain';
import { runs } from './propertyRuns';

// test/shared/diff/reconstruction.test.ts checks reconstruction and stats for
// policy-like text built from a word list. These properties feed the diff
// what archived pages really hold — any Unicode, odd spacing, markup
// leftovers, empty-looking and huge-looking blocks, duplicates — and add the
// symmetry a reader expects: comparing B with A shows A-vs-B's insertions as
// deletions and the other way round.

const KINDS: BlockKind[] = ['heading', 'paragraph', 'list-item', 'quote', 'preformatted', 'table-row'];

/** Block text as pages deliver it: any characters, plus words, markup and punctuation likely to confuse a tokenizer. */
const textArb = fc.oneof(
  fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc
    .array(
      fc.constantFrom(
        'we',
        'data',
        'Data',
        'DATA',
        'privacy',
        'données',
        '個人情報',
        'e\u0301',
        '**',
        '_',
        '&amp;',
        '<b>',
        '—',
        '-',
        '“',
        '"',
        '.',
        ' ',
        '  ',
        '\t',
        '\u00a0',
        '\u200b',
        '😀',
        '123',
        '$5',
      ),
      { minLength: 1, maxLength: 15 },
    )
    .map((parts) => parts.join('')),
);
const blockArb: fc.Arbitrary<Block> = fc.record({
  kind: fc.constantFrom(...KINDS),
  level: fc.integer({ min: 0, max: 6 }),
  text: textArb,
});
/** Two versions: unrelated, or the second made from the first by copying, dropping and shuffling blocks. */
const pairArb: fc.Arbitrary<readonly [Block[], Block[]]> = fc.oneof(
  fc.tuple(fc.array(blockArb, { maxLength: 10 }), fc.array(blockArb, { maxLength: 10 })),
  fc
    .tuple(
      fc.array(blockArb, { maxLength: 10 }),
      fc.array(fc.tuple(fc.nat(), fc.option(blockArb, { nil: undefined })), { maxLength: 10 }),
    )
    .map(([a, picks]) => {
      // Each pick keeps (a copy of) one of a's blocks, or brings a new one: duplicates and moves included.
      const b = picks
        .map(([index, fresh]) => fresh ?? (a.length === 0 ? undefined : { ...a[index % a.length]! }))
        .filter((block): block is Block => block !== undefined);
      return [a, b] as const;
    }),
);

/** The newer version as the diff shows it: every block but deletions and move sources, read as its non-delete spans. */
const newSide = (blocks: readonly DiffBlock[]) =>
  blocks
    .filter((block) => block.change !== 'delete' && block.moveRole !== 'from')
    .map((block) => ({
      kind: block.kind,
      level: block.level,
      text: block.spans
        .filter((span) => span.op !== 'delete')
        .map((span) => span.text)
        .join(''),
    }));
/** The older version: every block but insertions and move destinations, read as its non-insert spans. */
const oldSide = (blocks: readonly DiffBlock[]) =>
  blocks
    .filter((block) => block.change !== 'insert' && block.moveRole !== 'to')
    .map((block) =>
      block.spans
        .filter((span) => span.op !== 'insert')
        .map((span) => span.text)
        .join(''),
    );

const wordsIn = (blocks: readonly DiffBlock[], op: 'insert' | 'delete'): number =>
  blocks.reduce(
    (sum, block) =>
      sum + block.spans.filter((span) => span.op === op).reduce((words, span) => words + countWords(span.text), 0),
    0,
  );

describe('diffBlocks on arbitrary page text', () => {
  it('applies: the old side reads back A and the new side reads back B (texts, kinds and levels)', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const { blocks } = diffBlocks(a, b);
        expect(oldSide(blocks)).toEqual(a.map((block) => block.text));
        expect(newSide(blocks)).toEqual(b.map(({ kind, level, text }) => ({ kind, level, text })));
      }),
      runs(400),
    );
  });

  it('counts what its spans show: words added and removed, block counts per version, a ratio in [0, 1]', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const { blocks, stats } = diffBlocks(a, b);
        expect(stats.wordsAdded).toBe(wordsIn(blocks, 'insert'));
        expect(stats.wordsRemoved).toBe(wordsIn(blocks, 'delete'));
        expect(stats.blocksUnchanged + stats.blocksChanged + stats.blocksInserted + stats.blocksMoved).toBe(b.length);
        expect(stats.blocksUnchanged + stats.blocksChanged + stats.blocksDeleted + stats.blocksMoved).toBe(a.length);
        expect(stats.changeRatio).toBeGreaterThanOrEqual(0);
        expect(stats.changeRatio).toBeLessThanOrEqual(1);
        // Spans never carry empty text: a reader would see an empty highlight.
        for (const block of blocks) for (const span of block.spans) expect(span.text).not.toBe('');
      }),
      runs(400),
    );
  });

  it('shows no change for A against itself, and some change whenever the texts differ', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const same = diffBlocks(a, structuredClone(a));
        expect(same.blocks.every((block) => block.change === 'equal')).toBe(true);
        expect(same.stats.changeRatio).toBe(0);
        const { blocks } = diffBlocks(a, b);
        const differs = JSON.stringify(a.map((x) => x.text)) !== JSON.stringify(b.map((x) => x.text));
        if (differs) expect(blocks.some((block) => block.change !== 'equal')).toBe(true);
      }),
      runs(300),
    );
  });

  it('is symmetric: B against A removes what A against B adds, for a short reworded block of words', () => {
    // Short stretches are aligned minimally (Myers), so both directions keep the same number of
    // words. Not asserted beyond that, because it does not hold there:
    // - longer stretches anchor on words occurring once on each side (patience diff), which is not
    //   minimal and depends on the direction: "we données we 個人情報 個人情報 2018 個人情報" against
    //   "privacy we we 個人情報 we we we 個人情報 2018 données we" is +6 −5 one way, +13 −14 the other;
    // - with punctuation, keeping a word or a mark can tie ("privacy_" → "_privacy**" re-adds
    //   "privacy", the reverse keeps it);
    // - across blocks, pairing and moves are chosen by similarity, per direction.
    const wordsArb = fc
      .array(fc.constantFrom('we', 'data', 'privacy', 'données', 'share', '2018'), { minLength: 1, maxLength: 12 })
      .map((words) => words.join(' '));
    fc.assert(
      fc.property(wordsArb, wordsArb, fc.constantFrom(...KINDS), (x, y, kind) => {
        const a: Block[] = [{ kind, level: 1, text: x }];
        const b: Block[] = [{ kind, level: 1, text: y }];
        const forward = diffBlocks(a, b, { pairThreshold: 0 }).stats;
        const backward = diffBlocks(b, a, { pairThreshold: 0 }).stats;
        expect(backward.wordsAdded).toBe(forward.wordsRemoved);
        expect(backward.wordsRemoved).toBe(forward.wordsAdded);
        expect(backward.changeRatio).toBeCloseTo(forward.changeRatio, 12);
      }),
      runs(300),
    );
  });

  it('is symmetric in whether anything changed, for any pair', () => {
    fc.assert(
      fc.property(pairArb, ([a, b]) => {
        const changed = (x: Block[], y: Block[]) => diffBlocks(x, y).blocks.some((block) => block.change !== 'equal');
        expect(changed(b, a)).toBe(changed(a, b));
      }),
      runs(300),
    );
  });

  it('never throws and keeps B exactly under any ignore options and bounds', () => {
    const optionsArb: fc.Arbitrary<DiffOptions> = fc.record(
      {
        ignoreCase: fc.boolean(),
        ignoreWhitespace: fc.boolean(),
        ignorePunctuation: fc.boolean(),
        ignoreFormatting: fc.boolean(),
        maxEditLength: fc.integer({ min: -5, max: 50 }),
        pairThreshold: fc.double({ noNaN: false }),
        moveThreshold: fc.double({ noNaN: false }),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(pairArb, optionsArb, ([a, b], options) => {
        const { blocks, stats } = diffBlocks(a, b, options);
        expect(newSide(blocks).map((block) => block.text)).toEqual(b.map((block) => block.text));
        expect(oldSide(blocks)).toHaveLength(a.length);
        expect(stats.changeRatio).toBeGreaterThanOrEqual(0);
        expect(stats.changeRatio).toBeLessThanOrEqual(1);
      }),
      runs(300),
    );
  });
});
