const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/**
 * Number of words in a piece of text: whitespace-separated tokens holding at
 * least one letter or digit, so "—" or "•" do not count. Scripts written
 * without spaces (Chinese, Japanese) count one word per run; good enough for
 * the "about N words" users see. A hand-written scan: this runs on every block
 * of every new text at import time, where split + regex showed up in profiles.
 */
export function countWords(text: string): number {
  let count = 0;
  let inToken = false;
  let counted = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 32 || (code >= 9 && code <= 13) || code === 0xa0 || (code > 0x7f && /\s/u.test(text[index]!))) {
      inToken = false;
      continue;
    }
    if (!inToken) {
      inToken = true;
      counted = false;
    }
    if (counted) continue;
    const isAlphanumeric =
      (code >= 48 && code <= 57) ||
      (code >= 65 && code <= 90) ||
      (code >= 97 && code <= 122) ||
      (code > 0x7f && LETTER_OR_DIGIT.test(String.fromCodePoint(text.codePointAt(index)!)));
    if (isAlphanumeric) {
      count += 1;
      counted = true;
    }
  }
  return count;
}
