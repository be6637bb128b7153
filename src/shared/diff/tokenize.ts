/**
 * Word tokens for the word-level diff.
 *
 * jsdiff's own word tokenizer only knows Latin letters (a Cyrillic or Greek word
 * becomes one token per letter), so we tokenize with Unicode classes and hand
 * the tokens to jsdiff's array diff. Han, Hiragana and Katakana have no spaces
 * between words, so each of their characters is a token of its own.
 */

/** One token: a word, a single punctuation/symbol character, or a run of whitespace. */
export interface Token {
  text: string;
  /** True for a run of whitespace. */
  space: boolean;
}

const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}_]+|\s+|[^\p{L}\p{M}\p{N}_\s]/gu;
const WORD = /[\p{L}\p{N}]/u;
const SPACE = /^\s/u;

/** Split text into tokens; joining every token's text gives the input back. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const match of text.matchAll(TOKEN)) {
    tokens.push({ text: match[0], space: SPACE.test(match[0]) });
  }
  return tokens;
}

/** Number of words (tokens with a letter or digit) in a piece of text, as the diff stats count them. */
export function countWords(text: string): number {
  let count = 0;
  for (const match of text.matchAll(TOKEN)) if (WORD.test(match[0])) count += 1;
  return count;
}
