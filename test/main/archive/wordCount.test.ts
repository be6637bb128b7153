import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords } from '../../../src/main/archive/wordCount';

/** The definition, written plainly: whitespace-separated tokens with a letter or digit. */
const byDefinition = (text: string): number => text.split(/\s+/u).filter((word) => /[\p{L}\p{N}]/u.test(word)).length;

describe('countWords', () => {
  it('counts words, not punctuation or bullets', () => {
    expect(countWords('We collect — and keep • your data, 24/7.')).toBe(7);
    expect(countWords('  ')).toBe(0);
    expect(countWords('Données personnelles\u00a0: vos droits')).toBe(4);
  });

  it('agrees with the plain definition on any text', () => {
    const unit = fc.constantFrom(
      'a',
      'Z',
      '9',
      ' ',
      '\n',
      '\u00a0',
      '\u2003',
      '—',
      '.',
      'é',
      'e\u0301',
      '数',
      '😀',
      '\u0301',
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (text) => countWords(text) === byDefinition(text)),
      {
        numRuns: 2000,
      },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 60 }), (text) => countWords(text) === byDefinition(text)),
      {
        numRuns: 2000,
      },
    );
  });
});
