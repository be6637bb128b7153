import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { SwitcherEntry } from '../../../src/shared/searchDomain';
import { searchSwitcher } from '../../../src/shared/quickSwitcher/searchSwitcher';
import { buildSwitcherIndex, type SwitcherIndex } from '../../../src/shared/quickSwitcher/switcherIndex';
import { sampleEntries } from './sampleEntries';

// Whatever is typed or pasted into the palette, it answers (possibly with nothing) instead of throwing.

let entries: SwitcherEntry[];
let index: SwitcherIndex;
beforeAll(async () => {
  entries = await sampleEntries();
  index = buildSwitcherIndex(entries);
});

/** Characters lunr's query syntax gives meaning to, and words that occur in the entries. */
const piece = fc.oneof(
  fc.constantFrom('*', '~', '^', ':', '+', '-', '~1', '^10', 'title:', 'label:', '\\', '"', ' ', '  ', '\t', '\n'),
  fc.constantFrom('formlab', 'privcy', 'cookies', 'Le', 'chat', 'données', '3d', 'ÉTÉ', 'ǅ', 'ﬁ', '𝔣𝔬𝔯𝔪'),
  fc.string({ maxLength: 6, unit: 'binary' }),
);
const query = fc.oneof(
  fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.string({ maxLength: 300, unit: 'binary' }),
  fc.string({ maxLength: 60, unit: 'grapheme' }),
);

describe('searchSwitcher on any input', () => {
  it('never throws, and returns distinct entries of the index, at most `limit`, best first', () => {
    const known = new Set(entries);
    fc.assert(
      fc.property(query, fc.integer({ min: -3, max: 60 }), (typed, limit) => {
        const matches = searchSwitcher(index, typed, limit);
        expect(matches.length).toBeLessThanOrEqual(Math.max(limit, 0));
        expect(new Set(matches.map((match) => match.entry.id)).size).toBe(matches.length);
        for (const match of matches) {
          expect(known.has(match.entry)).toBe(true);
          expect(Number.isFinite(match.score)).toBe(true);
        }
        const scores = matches.map((match) => Math.round(match.score * 1e4));
        expect(scores).toEqual([...scores].sort((a, b) => b - a));
      }),
      { numRuns: 400 },
    );
  });

  it('a very long pasted text answers too', () => {
    const pasted = 'privacy policy formlabs cookies '.repeat(2_000) + '*'.repeat(10_000);
    expect(() => searchSwitcher(index, pasted)).not.toThrow();
  });
});
