/**
 * Text normalisation shared by every extractor, so that the same sentence
 * read from Markdown, HTML or plain text yields the same block text (and the
 * same content hash in the archive).
 */

// Zero-width and invisible formatting characters that survive copy/paste and
// HTML export but carry no meaning: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen.
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
// Every Unicode whitespace (including NBSP and the ideographic space) and the
// C0/C1 control characters collapse to a single space.
// eslint-disable-next-line no-control-regex -- control characters are exactly what must go.
const WHITESPACE_RUN = /[\s\u0000-\u001F\u007F-\u009F]+/g;

/**
 * Drop zero-width characters, NFC-normalise, collapse every whitespace run to
 * one space and trim. Idempotent: `normalizeText(normalizeText(x)) === normalizeText(x)`.
 */
export function normalizeText(text: string): string {
  // Invisible characters go before NFC: removing one can bring a base letter
  // and a combining mark together, which NFC must then see to compose them.
  return text.replace(INVISIBLE, '').normalize('NFC').replace(WHITESPACE_RUN, ' ').trim();
}

/** Number of whitespace-separated words in already-normalised text. */
export function countWords(text: string): number {
  if (text === '') return 0;
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 32) count++;
  return count;
}
