import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countWords, tokenize } from '../../../src/shared/diff/tokenize';

const kinds = (text: string, formatting = false): string[] =>
  tokenize(text, formatting).map((token) => `${token.kind}:${token.text}`);

describe('tokenize', () => {
  it('gives the text back when its tokens are joined, for any text, with or without formatting tokens', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.boolean(), (text, formatting) => {
        expect(
          tokenize(text, formatting)
            .map((token) => token.text)
            .join(''),
        ).toBe(text);
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('**', '_', '<b>', '</p>', '&amp;', '&#8212;', '# ', '> ', '- ', ' | ', 'word', ' ', '“', '—'),
          {
            maxLength: 20,
          },
        ),
        (parts) => {
          const text = parts.join('');
          expect(
            tokenize(text, true)
              .map((token) => token.text)
              .join(''),
          ).toBe(text);
        },
      ),
    );
  });

  it('keeps words whole in any alphabet and splits scripts without spaces per character', () => {
    expect(kinds('Мы храним данные.')).toEqual([
      'word:Мы',
      'space: ',
      'word:храним',
      'space: ',
      'word:данные',
      'punct:.',
    ]);
    expect(kinds('個人情報')).toEqual(['word:個', 'word:人', 'word:情', 'word:報']);
    expect(kinds('$5 + “e-mail”')).toEqual([
      'symbol:$',
      'word:5',
      'space: ',
      'symbol:+',
      'space: ',
      'punct:“',
      'word:e',
      'punct:-',
      'word:mail',
      'punct:”',
    ]);
  });

  it('marks Markdown and HTML artefacts as markup only when asked', () => {
    expect(kinds('## Title ##', true)).toEqual([
      'markup:##',
      'space: ',
      'word:Title',
      'space: ',
      'markup:#',
      'markup:#',
    ]);
    expect(kinds('> - **bold** <em>x</em>', true)).toEqual([
      'markup:>',
      'space: ',
      'markup:-',
      'space: ',
      'markup:**',
      'word:bold',
      'markup:**',
      'space: ',
      'markup:<em>',
      'word:x',
      'markup:</em>',
    ]);
    expect(tokenize('a &amp; b&nbsp;c', true).filter((token) => token.key)).toEqual([
      { text: '&amp;', kind: 'punct', key: '&' },
      { text: '&nbsp;', kind: 'space', key: ' ' },
    ]);
    // Without the option the same characters are ordinary punctuation and symbols.
    expect(kinds('**bold**')).toEqual(['punct:*', 'punct:*', 'word:bold', 'punct:*', 'punct:*']);
    // A hyphen inside the text, or a number sign inside a word, is not markup.
    expect(kinds('C# - yes', true)).toEqual(['word:C', 'punct:#', 'space: ', 'punct:-', 'space: ', 'word:yes']);
  });
});

describe('countWords', () => {
  it('counts words with letters or digits, in any script', () => {
    expect(countWords('We keep data for 2 years.')).toBe(6);
    expect(countWords('Мы храним ваши данные')).toBe(4);
    expect(countWords('個人情報')).toBe(4);
    expect(countWords('e-mail, snake_case — “quoted”')).toBe(5);
    expect(countWords(' … — ')).toBe(0);
  });

  it('adds up over any split of a text at token boundaries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(), (text, cut) => {
        const tokens = tokenize(text).map((token) => token.text);
        const at = tokens.length === 0 ? 0 : cut % (tokens.length + 1);
        expect(countWords(tokens.slice(0, at).join('')) + countWords(tokens.slice(at).join(''))).toBe(countWords(text));
      }),
      { numRuns: 500 },
    );
  });
});
