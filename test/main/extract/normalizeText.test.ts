import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, normalizeText } from '../../../src/main/extract/normalizeText';

describe('normalizeText', () => {
  it('collapses every kind of whitespace run to one space and trims', () => {
    expect(normalizeText('  Effective\u00a0Date\t–\n\n May 25,\u2003 2018 \r\n')).toBe('Effective Date – May 25, 2018');
  });

  it('removes zero-width characters, BOM and soft hyphens', () => {
    expect(normalizeText('\ufeffpri\u200bvacy po\u00adlicy\u2060')).toBe('privacy policy');
  });

  it('composes decomposed accents (NFC), even across a removed zero-width joiner', () => {
    expect(normalizeText('cafe\u0301')).toBe('café');
    expect(normalizeText('cafe\u200d\u0301')).toBe('café');
  });

  it('returns an empty string for text that is only whitespace or invisible characters', () => {
    expect(normalizeText(' \u200b\n\t\u00a0')).toBe('');
  });

  it('counts words of normalised text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords('last updated may 2020')).toBe(4);
  });

  const tricky = fc.string({
    unit: fc.constantFrom(
      ' ',
      '\u00a0',
      '\u200b',
      '\u200d',
      '\ufeff',
      '\u2000',
      '\t',
      '\n',
      '\r',
      'e',
      'E',
      '\u0301',
      '\u0308',
      'a',
      '\u00ad',
      '\u0085',
      '\u3000',
    ),
  });
  const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), tricky);

  it('is idempotent on arbitrary text (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const once = normalizeText(text);
        expect(normalizeText(once)).toBe(once);
      }),
      { numRuns: 2000 },
    );
  });

  it('never returns leading or trailing whitespace, nor runs of it (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const out = normalizeText(text);
        expect(out).not.toMatch(/^\s|\s$/);
        expect(out).not.toMatch(/\s\s/);
        expect(out).not.toMatch(/[\u200b-\u200d\ufeff]/);
      }),
      { numRuns: 2000 },
    );
  });
});
