import { describe, expect, it } from 'vitest';
import { diffBlocks } from '../../../src/shared/diff';
import type { Block } from '../../../src/shared/domain';
import { newTexts, oldTexts, paragraph } from './helpers';

/** A deterministic pseudo-random source, so the pathological inputs are the same on every run. */
function randomSource(seed: number): () => number {
  let state = seed;
  return () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 2 ** 32;
  };
}

function words(count: number, vocabulary: number, random: () => number): string[] {
  return Array.from({ length: count }, () => `w${Math.floor(random() * vocabulary).toString(36)}`);
}

/** Replace, drop or add a word at `rate` of the positions. */
function edit(text: readonly string[], rate: number, vocabulary: number, random: () => number): string[] {
  return text.flatMap((word) => {
    const roll = random();
    const other = `w${Math.floor(random() * vocabulary).toString(36)}`;
    if (roll < rate / 3) return [];
    if (roll < (2 * rate) / 3) return [other];
    if (roll < rate) return [word, other];
    return [word];
  });
}

function expectComplete(a: readonly Block[], b: readonly Block[], options = {}): ReturnType<typeof diffBlocks> {
  const result = diffBlocks(a, b, options);
  expect(newTexts(result.blocks)).toEqual(b.map((block) => block.text));
  expect(oldTexts(result.blocks)).toEqual(a.map((block) => block.text));
  return result;
}

describe('bounds: every input finishes, degrading to coarser blocks instead of hanging', () => {
  it('falls back to a whole-block replace when a word diff needs more edits than maxEditLength', () => {
    // Alternating words leave no word that occurs once on each side to anchor on.
    const a = [paragraph(Array.from({ length: 200 }, (_, i) => (i % 2 ? 'data' : 'your')).join(' '))];
    const b = [paragraph(Array.from({ length: 200 }, (_, i) => (i % 3 ? 'your' : 'data')).join(' '))];
    const { blocks, stats } = expectComplete(a, b, { maxEditLength: 10, pairThreshold: 0.3 });
    expect(blocks).toHaveLength(1);
    expect(blocks[0]!.change).toBe('replace');
    expect(blocks[0]!.spans.filter((span) => span.op !== 'equal').map((span) => span.op)).toEqual(['delete', 'insert']);
    expect(stats.coarse).toBe(true);
  });

  it('anchors a long word diff on words that occur once, so a bound on edits is rarely reached', () => {
    const a = [paragraph(Array.from({ length: 400 }, (_, i) => `w${i}`).join(' '))];
    const b = [paragraph(Array.from({ length: 400 }, (_, i) => (i % 2 ? `w${i}` : `v${i}`)).join(' '))];
    const { blocks, stats } = expectComplete(a, b, { maxEditLength: 10, pairThreshold: 0.3 });
    expect(stats.coarse).toBe(false);
    expect(stats.wordsAdded).toBe(200);
    expect(stats.wordsRemoved).toBe(200);
    expect(blocks[0]!.spans.length).toBeGreaterThan(400);
  });

  it('keeps the common head and tail when the block alignment is too long', () => {
    const a = [paragraph('head'), ...Array.from({ length: 30 }, () => paragraph('same old')), paragraph('tail')];
    const b = [
      paragraph('head'),
      ...Array.from({ length: 30 }, (_, i) => paragraph(i % 2 ? 'same old' : 'new')),
      paragraph('tail'),
    ];
    const { blocks, stats } = expectComplete(a, b, { maxEditLength: 5 });
    expect(stats.coarse).toBe(true);
    expect(blocks[0]!.change).toBe('equal');
    expect(blocks[blocks.length - 1]!.change).toBe('equal');
  });

  it('degrades to whole blocks, still complete, when the time budget is zero', () => {
    const a = [paragraph('We keep data for two years.'), paragraph('Same.'), paragraph('Gone.')];
    const b = [paragraph('We keep data for three years.'), paragraph('Same.')];
    const { stats } = expectComplete(a, b, { timeoutMs: 0 });
    expect(stats.coarse).toBe(true);
  });

  describe('pathological inputs', () => {
    it('200 KB of one paragraph with 10 % of its words edited: a word diff of the one block', () => {
      const random = randomSource(1);
      const text = words(45_000, 5000, random);
      const a = [paragraph(text.join(' '))];
      const b = [paragraph(edit(text, 0.1, 5000, random).join(' '))];
      expect(a[0]!.text.length).toBeGreaterThan(200_000);
      const { blocks, stats } = expectComplete(a, b);
      expect(blocks).toHaveLength(1);
      expect(blocks[0]!.change).toBe('replace');
      expect(stats.changeRatio).toBeGreaterThan(0.05);
      expect(stats.changeRatio).toBeLessThan(0.2);
    });

    it('200 KB of one paragraph with half its words edited: coincidental unique words do not derail it', () => {
      const random = randomSource(5);
      const text = words(45_000, 5000, random);
      const a = [paragraph(text.join(' '))];
      const b = [paragraph(edit(text, 0.5, 5000, random).join(' '))];
      const { stats } = expectComplete(a, b);
      expect(stats.coarse).toBe(false);
      // A third of the words were dropped or replaced; about that many show as removed.
      expect(stats.wordsRemoved / text.length).toBeGreaterThan(0.28);
      expect(stats.wordsRemoved / text.length).toBeLessThan(0.4);
    });

    it('200 KB of one paragraph over 20 words, rewritten: no anchors, so a coarse replace', () => {
      const random = randomSource(2);
      const a = [paragraph(words(45_000, 20, random).join(' '))];
      const b = [paragraph(words(45_000, 20, random).join(' '))];
      const { blocks, stats } = expectComplete(a, b);
      expect(blocks).toHaveLength(1);
      expect(stats.coarse).toBe(true);
    });

    it('10,000 tiny blocks, all different: whole deletions and insertions, pairing cut short', () => {
      const a = Array.from({ length: 10_000 }, (_, i) => paragraph(`old ${i}`));
      const b = Array.from({ length: 10_000 }, (_, i) => paragraph(`new ${i}`));
      const { stats } = expectComplete(a, b);
      expect(stats.blocksUnchanged).toBe(0);
      expect(stats.blocksDeleted + stats.blocksChanged + stats.blocksMoved).toBe(10_000);
      expect(stats.coarse).toBe(true);
    });

    it('10,000 tiny blocks over a few words, shuffled: no block occurs once, yet identical blocks are found', () => {
      const random = randomSource(3);
      const block = (): Block => paragraph(words(2, 20, random).join(' '));
      const a = Array.from({ length: 10_000 }, block);
      const b = Array.from({ length: 10_000 }, block);
      const { stats } = expectComplete(a, b);
      // The same 400 texts make up both versions: most blocks find an identical one, in place or moved.
      expect(stats.blocksUnchanged).toBeGreaterThan(0);
      expect(stats.blocksUnchanged + stats.blocksMoved).toBeGreaterThan(5000);
    });

    it('thousands of identical blocks, some replaced: the common head and tail still match', () => {
      const a = Array.from({ length: 5000 }, () => paragraph('Same paragraph.'));
      const b = Array.from({ length: 4000 }, (_, i) => paragraph(i % 7 !== 3 ? 'Same paragraph.' : `Other ${i}`));
      const { blocks, stats } = expectComplete(a, b);
      expect(blocks[0]!.change).toBe('equal');
      expect(stats.blocksUnchanged).toBeGreaterThan(0);
      expect(stats.coarse).toBe(true);
    });

    it('a shuffled 200 KB document: every block is a move, nothing added or removed', () => {
      const random = randomSource(4);
      const a = Array.from({ length: 1500 }, (_, i) => paragraph(`${words(20, 5000, random).join(' ')} p${i}`));
      const b = [...a].sort(() => random() - 0.5);
      const { stats } = expectComplete(a, b);
      expect(stats.wordsAdded + stats.wordsRemoved).toBe(0);
      expect(stats.blocksUnchanged + stats.blocksMoved).toBe(1500);
      expect(stats.blocksMoved).toBeGreaterThan(1000);
      expect(stats.coarse).toBe(false);
    });
  });
});
