import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeHtmlEntities } from '../../src/main/extract/htmlEntities';
import { extractHtml } from '../../src/main/extract/htmlBlocks';
import { markdownBlocks } from '../../src/main/extract/markdownBlocks';
import { normalizeText } from '../../src/main/extract/normalizeText';
import { plainTextBlocks } from '../../src/main/extract/plainTextBlocks';
import type { Block } from '../../src/shared/domain';
import { runs } from './propertyRuns';

// Block text decides what counts as "the same sentence" across captures (and
// the content hash in the archive). test/main/extract/normalizeText.test.ts
// already checks idempotence and whitespace runs; these properties add what a
// reader and the dedup rely on beyond that: no control or invisible character
// survives, the output is NFC, words are never lost or merged, entities
// decode in one pass, and every extractor hands out only normalised, non-empty
// blocks whatever the page holds.

// eslint-disable-next-line no-control-regex -- control characters are what is looked for.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/;
/** A UTF-16 surrogate without its partner: no character at all. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Characters that separate words: every kind of Unicode space, line break and control character. */
const separatorChar = fc.constantFrom(
  ' ',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\f',
  '\u0000',
  '\u0001',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u009f',
  '\u00a0',
  '\u1680',
  '\u2000',
  '\u200a',
  '\u2028',
  '\u2029',
  '\u202f',
  '\u205f',
  '\u3000',
);
/** Characters that carry nothing and vanish: zero-width ones, BOM, soft hyphen, word joiner. */
const invisibleChar = fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u00ad');
/** A gap between words: at least one separator, maybe invisible characters around it. */
const gapArb = fc
  .tuple(
    fc.array(invisibleChar, { maxLength: 2 }),
    fc.array(separatorChar, { minLength: 1, maxLength: 3 }),
    fc.array(invisibleChar, { maxLength: 2 }),
  )
  .map(([a, b, c]) => [...a, ...b, ...c].join(''));
/** A visible word in any script, in NFC, possibly typed decomposed (NFD). */
const wordArb = fc
  .tuple(
    fc.oneof(
      fc.constantFrom(
        'privacy',
        'Données',
        'naïve',
        'Straße',
        'データ',
        'خصوصية',
        'προσωπικά',
        'e-mail',
        '😀',
        '§3.1',
        '“we”',
      ),
      fc.string({
        unit: fc.constantFrom('a', 'é', 'Å', 'ñ', 'ǖ', 'ệ', '가', '1', '.', '-', '&'),
        minLength: 1,
        maxLength: 6,
      }),
    ),
    fc.boolean(),
  )
  .map(([word, decomposed]) => ({ nfc: word.normalize('NFC'), typed: decomposed ? word.normalize('NFD') : word }));

describe('normalizeText', () => {
  it('keeps every word, in order, joined by single spaces, whatever the spaces, controls and invisibles between them', () => {
    fc.assert(
      fc.property(
        fc.array(wordArb, { maxLength: 8 }),
        fc.array(gapArb, { minLength: 9, maxLength: 9 }),
        (words, gaps) => {
          const typed = gaps[0] + words.map((word, index) => word.typed + gaps[index + 1]).join('');
          expect(normalizeText(typed)).toBe(words.map((word) => word.nfc).join(' '));
        },
      ),
      runs(800),
    );
  });

  it('never lets a control character (NUL included) or an invisible character through, and returns NFC', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 100 }),
          fc
            .array(
              fc.oneof(
                separatorChar,
                invisibleChar,
                wordArb.map((w) => w.typed),
              ),
              { maxLength: 30 },
            )
            .map((parts) => parts.join('')),
        ),
        (text) => {
          const out = normalizeText(text);
          expect(out).not.toMatch(CONTROL);
          expect(out).not.toMatch(INVISIBLE);
          expect(out).toBe(out.normalize('NFC'));
          expect(out).not.toMatch(/^\s|\s$|\s\s/u);
        },
      ),
      runs(800),
    );
  });
});

describe('decodeHtmlEntities', () => {
  /** Every character as a numeric reference, decimal or hex, with or without the semicolon when safe. */
  function asNumericReferences(text: string, hex: readonly boolean[]): string {
    return [...text]
      .map((char, index) => {
        const code = char.codePointAt(0)!;
        return hex[index % hex.length] ? `&#x${code.toString(16)};` : `&#${code};`;
      })
      .join('');
  }

  it('decodes numeric references to exactly the characters they stand for (any code point but NUL)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', maxLength: 20 }),
        fc.array(fc.boolean(), { minLength: 1, maxLength: 4 }),
        (text, hex) => {
          const clean = text.replaceAll('\u0000', '');
          expect(decodeHtmlEntities(asNumericReferences(clean, hex))).toBe(clean);
        },
      ),
      runs(500),
    );
  });

  it('decodes in one pass: escaped text (& → &amp;) comes back exactly, never decoded twice', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.string({ maxLength: 6 }),
            fc.constantFrom('&', '&lt;', '&#60;', '&amp;', '&copy', '&#x1F600;', ';'),
          ),
          { maxLength: 12 },
        ),
        (parts) => {
          const text = parts.join('');
          expect(decodeHtmlEntities(text.replaceAll('&', '&amp;'))).toBe(text);
        },
      ),
      runs(500),
    );
  });

  it('never throws, leaves text without "&" untouched, and never produces NUL or lone surrogates from a reference', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary', maxLength: 60 }),
          fc
            .array(
              fc.oneof(
                fc.constantFrom('&#', '&#x', '&', ';', '0', 'D800', '55296', '1114112', 'FFFFFF', 'amp', 'nbsp', 'x'),
                fc.string({ maxLength: 3 }),
              ),
              { maxLength: 20 },
            )
            .map((parts) => parts.join('')),
        ),
        (text) => {
          const out = decodeHtmlEntities(text);
          if (!text.includes('&')) expect(out).toBe(text);
          if (!text.includes('\u0000')) expect(out).not.toContain('\u0000');
          if (!LONE_SURROGATE.test(text)) expect(out).not.toMatch(LONE_SURROGATE);
        },
      ),
      runs(800),
    );
  });
});

/** The extractors' contract (addBlock.ts): every block's text is normalised and never empty. */
function expectNormalisedBlocks(blocks: readonly Block[]): void {
  for (const block of blocks) {
    expect(block.text).not.toBe('');
    expect(normalizeText(block.text)).toBe(block.text);
  }
}

describe('extractors hand out only normalised, non-empty blocks', () => {
  const pieces = fc.constantFrom(
    '# ',
    '## ',
    '- ',
    '* ',
    '1. ',
    '> ',
    '| a | b |\n|---|---|\n| c | d |\n',
    '```\n',
    '**',
    '_',
    '\n',
    '\n\n',
    '&amp;',
    '&#0;',
    '&nbsp;',
    '\u0000',
    '\u200b',
    '\u00a0',
    'e\u0301',
    'Privacy Policy',
    'We collect data.',
    '<p>',
    '</p>',
    '<h2>',
    '</h2>',
    '<li>',
    '<br>',
    '<script>x()</script>',
    '<!--',
    '-->',
    ' ',
  );
  const documentArb = fc.oneof(
    fc.array(pieces, { maxLength: 40 }).map((parts) => parts.join('')),
    fc.string({ unit: 'binary', maxLength: 200 }),
  );

  it('markdownBlocks and plainTextBlocks, for any text', () => {
    fc.assert(
      fc.property(documentArb, (text) => {
        expectNormalisedBlocks(markdownBlocks(text));
        expectNormalisedBlocks(plainTextBlocks(text));
      }),
      runs(300),
    );
  });

  it('extractHtml, for any page, title included', () => {
    fc.assert(
      fc.property(documentArb, (body) => {
        const result = extractHtml(`<html><head><title>${body.slice(0, 40)}</title></head><body>${body}</body></html>`);
        expectNormalisedBlocks(result.blocks);
      }),
      runs(60),
    );
  });
});
