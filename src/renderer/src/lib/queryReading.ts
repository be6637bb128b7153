/** Words FTS-style queries treat as operators when written in capitals. */
const OPERATORS = new Set(['OR', 'AND', 'NOT', 'NEAR']);

/**
 * Whether a query is nothing but plain words (letters and digits separated by
 * spaces): then how it was read is obvious and not worth a line. Anything
 * else — quotes, hyphens, apostrophes, `-exclusion`, `prefix*`, operators —
 * deserves showing how the search read it.
 */
export function isPlainWords(query: string): boolean {
  const words = query
    .trim()
    .split(/\s+/u)
    .filter((word) => word.length > 0);
  if (words.length === 0) return true;
  return words.every((word) => /^[\p{L}\p{N}]+$/u.test(word) && !OPERATORS.has(word));
}

/** The "read as" line for a result: its explanation, when the query was more than plain words. */
export function readingOf(query: string, explanation: readonly string[]): string | null {
  if (isPlainWords(query) || explanation.length === 0) return null;
  // A line ending in a colon introduces the next ones ("all of these …: word: a · word: b").
  return explanation.reduce((text, line, index) => {
    if (index === 0) return line;
    return `${text}${explanation[index - 1]!.trimEnd().endsWith(':') ? ' ' : ' · '}${line}`;
  }, '');
}

/**
 * A query for a title, in typographic quotes: `History of “biometric
 * templates”`. A query that is one quoted phrase loses its straight quotes
 * (they would double up); anything else is shown as typed.
 */
export function quotedQuery(query: string): string {
  const trimmed = query.trim();
  const phrase = /^"([^"]+)"$/.exec(trimmed);
  return `“${phrase ? phrase[1] : trimmed}”`;
}
