import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, diffBlocks, type DiffOptions } from '../../../src/shared/diff';
import type { Block, DiffBlock, DiffStats } from '../../../src/shared/domain';
import { consecutiveDistinctPairs, newTexts, oldTexts, recordedVersions, versionPairArb } from './helpers';

const optionsArb: fc.Arbitrary<DiffOptions> = fc.record(
  {
    ignoreCase: fc.boolean(),
    ignoreWhitespace: fc.boolean(),
    ignorePunctuation: fc.boolean(),
    ignoreFormatting: fc.boolean(),
  },
  { requiredKeys: [] },
);

/** Everything a reader relies on, whatever the inputs: both texts back, counts that add up, moves that pair up. */
function expectConsistent(
  a: readonly Block[],
  b: readonly Block[],
  blocks: DiffBlock[],
  stats: DiffStats,
  exactOld: boolean,
): void {
  expect(newTexts(blocks)).toEqual(b.map((block) => block.text));
  if (exactOld) expect(oldTexts(blocks)).toEqual(a.map((block) => block.text));
  else expect(oldTexts(blocks)).toHaveLength(a.length);

  expect(stats.blocksUnchanged + stats.blocksChanged + stats.blocksInserted + stats.blocksMoved).toBe(b.length);
  expect(stats.blocksUnchanged + stats.blocksChanged + stats.blocksDeleted + stats.blocksMoved).toBe(a.length);

  // Each move id names exactly one source and one destination; ids count from 1 in destination order.
  const moves = blocks.filter((block) => block.change === 'move');
  const destinations = moves.filter((block) => block.moveRole === 'to').map((block) => block.moveId);
  const sources = moves.filter((block) => block.moveRole === 'from').map((block) => block.moveId);
  expect(destinations).toEqual(destinations.map((_, index) => index + 1));
  expect([...sources].sort((x, y) => x! - y!)).toEqual(destinations);
  expect(stats.blocksMoved).toBe(destinations.length);
  for (const block of blocks) {
    if (block.moveRole === 'from') expect(block.spans.every((span) => span.op !== 'insert')).toBe(true);
    if (block.moveRole === 'to') expect(block.spans.every((span) => span.op !== 'delete')).toBe(true);
    if (block.change === 'equal') expect(block.spans.every((span) => span.op === 'equal')).toBe(true);
    if (block.change !== 'move') expect(block.moveId).toBeUndefined();
  }

  // Words of each version = kept + moved + added (newer) or removed (older).
  const words = (texts: readonly string[]): number => texts.reduce((sum, text) => sum + countWords(text), 0);
  const kept = words(
    blocks
      .filter((block) => block.change !== 'move')
      .flatMap((block) => block.spans.filter((span) => span.op === 'equal').map((span) => span.text)),
  );
  if (exactOld) {
    expect(words(b.map((block) => block.text))).toBe(kept + stats.wordsMoved + stats.wordsAdded);
    expect(words(a.map((block) => block.text))).toBe(kept + stats.wordsMoved + stats.wordsRemoved);
  }
  expect(stats.changeRatio).toBeGreaterThanOrEqual(0);
  expect(stats.changeRatio).toBeLessThanOrEqual(1);
}

describe('reconstruction: applying the diff gives back both versions', () => {
  it('for random versions and random edits (insert, delete, reword, move), in any script', () => {
    fc.assert(
      fc.property(versionPairArb, ([a, b]) => {
        const { blocks, stats } = diffBlocks(a, b);
        expectConsistent(a, b, blocks, stats, true);
      }),
      { numRuns: 400 },
    );
  });

  it('gives back the newer version exactly under any ignore options', () => {
    fc.assert(
      fc.property(versionPairArb, optionsArb, ([a, b], options) => {
        const { blocks, stats } = diffBlocks(a, b, options);
        expectConsistent(
          a,
          b,
          blocks,
          stats,
          Object.values(options).every((value) => !value),
        );
      }),
      { numRuns: 400 },
    );
  });

  it('gives back both versions exactly however tight the bounds (coarse output is still complete)', () => {
    const boundsArb = fc.record({
      maxEditLength: fc.integer({ min: 1, max: 12 }),
      timeoutMs: fc.constantFrom(0, 2000),
      pairThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
      moveThreshold: fc.double({ min: 0, max: 1, noNaN: true }),
    });
    fc.assert(
      fc.property(versionPairArb, boundsArb, ([a, b], bounds) => {
        const { blocks, stats } = diffBlocks(a, b, bounds);
        expectConsistent(a, b, blocks, stats, true);
      }),
      { numRuns: 400 },
    );
  });

  it('reports no change at all for equal inputs, under any options', () => {
    fc.assert(
      fc.property(versionPairArb, optionsArb, ([a], options) => {
        const { blocks, stats } = diffBlocks(a, structuredClone(a), options);
        expect(blocks.every((block) => block.change === 'equal')).toBe(true);
        expect(stats).toMatchObject({
          wordsAdded: 0,
          wordsRemoved: 0,
          wordsMoved: 0,
          blocksInserted: 0,
          blocksDeleted: 0,
          blocksChanged: 0,
          blocksMoved: 0,
          blocksUnchanged: a.length,
          sectionsTouched: [],
          changeRatio: 0,
          coarse: false,
        });
        expect(newTexts(blocks)).toEqual(a.map((block) => block.text));
      }),
      { numRuns: 200 },
    );
  });

  describe('for the real recorded versions of AI services’ privacy policies', () => {
    for (const service of ['ChatGPT', 'Claude.ai', 'Grok']) {
      it(`${service}: every pair of consecutive distinct versions`, () => {
        const pairs = consecutiveDistinctPairs(service);
        expect(pairs.length).toBeGreaterThan(0);
        for (const { label, a, b } of pairs) {
          const { blocks, stats } = diffBlocks(a, b);
          expect(stats.coarse, label).toBe(false);
          expectConsistent(a, b, blocks, stats, true);
          expect(
            blocks.some((block) => block.change !== 'equal'),
            label,
          ).toBe(true);
          const all = diffBlocks(a, b, {
            ignoreCase: true,
            ignoreWhitespace: true,
            ignorePunctuation: true,
            ignoreFormatting: true,
          });
          expect(newTexts(all.blocks), label).toEqual(b.map((block) => block.text));
        }
      });
    }

    it('every service: its first version against its last (the widest gap), both ways', () => {
      for (const service of ['ChatGPT', 'Claude.ai', 'DeepSeek', 'Grok', 'Le Chat', 'Perplexity', 'Qwen Chat']) {
        const versions = recordedVersions(service);
        const first = versions[0]!.blocks;
        const last = versions[versions.length - 1]!.blocks;
        for (const [a, b] of [
          [first, last],
          [last, first],
        ] as const) {
          const { blocks, stats } = diffBlocks(a, b);
          expect(stats.coarse, service).toBe(false);
          expectConsistent(a, b, blocks, stats, true);
        }
      }
    });
  });
});
