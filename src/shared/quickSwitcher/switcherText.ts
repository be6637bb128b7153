/**
 * How the quick switcher reads text, for indexing and for queries alike:
 * lower case, accents folded (`données` = `donnees`), and anything that is not
 * a letter or a digit is a word break (`formlabs.com` → `formlabs com`). lunr
 * never sees punctuation, so nothing a user types can reach its query syntax
 * (`*`, `~`, `^`, `:`, `+`, `-`).
 */

/** Longest query read (characters); the rest of a pasted page is ignored. */
export const MAX_QUERY_LENGTH = 200;
/** Most words of a query that count. */
export const MAX_QUERY_TOKENS = 8;
/** Longest word kept (characters); longer ones are cut, as no label word is that long. */
export const MAX_TOKEN_LENGTH = 40;

/** `text` as space-separated searchable words (possibly empty). */
export function searchableText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** The words of a query, in order, without repeats; empty when there is nothing to look for. */
export function queryTokens(query: string): string[] {
  const words = searchableText(query.slice(0, MAX_QUERY_LENGTH)).split(' ');
  const tokens: string[] = [];
  for (const word of words) {
    const token = [...word].slice(0, MAX_TOKEN_LENGTH).join('');
    if (token.length > 0 && !tokens.includes(token)) tokens.push(token);
    if (tokens.length === MAX_QUERY_TOKENS) break;
  }
  return tokens;
}

/**
 * A multi-word name written as one word (`Le Chat` → `lechat`, `formlabs.com`
 * → `formlabscom`), so the way people type names without spaces still finds
 * them. Empty for one-word names (the word itself is already indexed).
 */
export function joinedWords(text: string): string {
  const words = searchableText(text).split(' ');
  return words.length > 1 ? words.join('') : '';
}
