/**
 * How a query was read, in words: one line per part of the search, then one
 * per thing that was ignored. Users see these lines under the search box (and
 * the CLI prints them), so awkward input never fails silently: a stray quote,
 * an OR with nothing after it or a lone "-" is named, and the reading that
 * replaced it is shown.
 *
 * Line forms:
 * - `all of these in the same paragraph, list item or heading:` (when there are several parts)
 * - `word: cookie`, `word: opt-out (the words "opt out" in a row)`
 * - `phrase: "sale of personal information"`
 * - `prefix: advertis* (words starting with "advertis")`
 * - `near: sell, "personal data" (within 10 words of each other)`
 * - `either: cookies OR trackers`
 * - `not: children`
 * - `ignored: …` (what was dropped and why)
 * - `nothing to search for: …` (only exclusions, or nothing searchable)
 */
import type { Phrase, QueryTerm } from './queryParser';

/** What the parser dropped while reading the input. */
export interface ParseNotes {
  /** Sentences naming an ignored operator or mark, in input order (duplicates are merged). */
  ignored: string[];
  /** Pieces with no letter or digit (`—`, `&`, `*`), listed together. */
  noText: string[];
}

/** FTS5's NEAR distance when none is given. */
const DEFAULT_NEAR_DISTANCE = 10;
const TOKEN_SPLIT = /[^\p{L}\p{N}\p{Co}\p{M}]+/u;

/** The explanation lines for a parsed query. */
export function describeParts(
  required: readonly QueryTerm[][],
  excluded: readonly QueryTerm[],
  notes: ParseNotes,
): string[] {
  const lines: string[] = [];
  if (required.length > 1) lines.push('all of these in the same paragraph, list item or heading:');
  for (const group of required) {
    lines.push(group.length === 1 ? describeTerm(group[0]!) : `either: ${group.map(compact).join(' OR ')}`);
  }
  for (const term of excluded) lines.push(`not: ${compact(term)}`);
  for (const note of new Set(notes.ignored)) lines.push(`ignored: ${note}`);
  if (notes.noText.length > 0) lines.push(`ignored: ${[...new Set(notes.noText)].join(' ')} (no letters or digits)`);
  if (required.length === 0 && excluded.length > 0) {
    lines.push('nothing to search for: an excluded word needs at least one word to look for');
  } else if (required.length === 0 && lines.length > 0) {
    lines.push('nothing to search for');
  }
  return lines;
}

function describeTerm(term: QueryTerm): string {
  if (term.kind === 'near') {
    const distance = term.distance ?? DEFAULT_NEAR_DISTANCE;
    return `near: ${term.phrases.map(compactPhrase).join(', ')} (within ${distance} word${distance === 1 ? '' : 's'} of each other)`;
  }
  const { phrase } = term;
  const words = phrase.text.split(TOKEN_SPLIT).filter(Boolean);
  if (phrase.prefix) {
    return words.length > 1
      ? `prefix: "${phrase.text}"* (the phrase, its last word as a prefix)`
      : `prefix: ${phrase.text}* (words starting with "${phrase.text}")`;
  }
  if (phrase.quoted && (words.length > 1 || /\s/u.test(phrase.text))) return `phrase: "${phrase.text}"`;
  if (words.length > 1) return `word: ${phrase.text} (the words "${words.join(' ')}" in a row)`;
  return `word: ${phrase.text}`;
}

function compact(term: QueryTerm): string {
  if (term.kind === 'phrase') return compactPhrase(term.phrase);
  const inner = term.phrases.map(compactPhrase).join(' ');
  return term.distance === null ? `NEAR(${inner})` : `NEAR(${inner}, ${term.distance})`;
}

function compactPhrase(phrase: Phrase): string {
  const text = phrase.quoted && /\s/u.test(phrase.text) ? `"${phrase.text}"` : phrase.text;
  return phrase.prefix ? `${text}*` : text;
}
