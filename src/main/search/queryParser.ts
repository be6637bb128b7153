/**
 * Turns what users type into a safe FTS5 expression, and says in words how it
 * was read.
 *
 * Understood: words (all must match), "exact phrases", OR between two terms,
 * -exclusion (also NOT term), prefix* and NEAR(a b) / NEAR(a b, 5). Anything
 * else is read as text: every term is emitted as a quoted FTS5 string, so
 * hyphens ("opt-out"), apostrophes ("don't"), colons, stray quotes,
 * parentheses and operators can never reach FTS5 as syntax. The tokenizer
 * then splits a quoted "opt-out" into the phrase opt + out, which is what the
 * user meant. Terms with no letter or digit are dropped, because FTS5 would
 * read them as an empty phrase that matches nothing. Whatever is dropped or
 * read other than literally gets a line in `explanation`.
 */
import { describeParts, type ParseNotes } from './queryExplanation';

/** One quoted FTS5 string: a word or a phrase, optionally a prefix. */
export interface Phrase {
  /** The text as typed (trimmed, spaces collapsed), without the quotes. */
  text: string;
  prefix: boolean;
  /** Typed inside "quotes". */
  quoted: boolean;
}

/** A search term: one phrase, or a NEAR group of phrases. */
export type QueryTerm =
  { kind: 'phrase'; phrase: Phrase } | { kind: 'near'; phrases: Phrase[]; distance: number | null };

/** A user query read into FTS5 syntax. */
export interface ParsedQuery {
  /** The FTS5 expression to run; empty when there is nothing to search for. */
  fts: string;
  /** The words and phrases the user is looking for (not the excluded ones), in order, without duplicates. */
  terms: string[];
  /** What must match: every group, each group being alternatives joined by OR. */
  required: QueryTerm[][];
  /** What must not occur in a matching block. */
  excluded: QueryTerm[];
  /** How the input was read, one line per part, then what was ignored (see queryExplanation.ts). */
  explanation: string[];
}

/** Phrases beyond this many are ignored: no one types more, and it bounds the work FTS5 does per query. */
export const MAX_QUERY_TERMS = 32;
/** Largest NEAR distance accepted; bigger values are clamped. */
export const MAX_NEAR_DISTANCE = 1000;

type Token = { kind: 'term'; term: QueryTerm; negated: boolean } | { kind: 'or' } | { kind: 'and' } | { kind: 'not' };

// unicode61 treats letters, numbers and private-use characters as token characters.
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;
// Control characters (including NUL, which would end the expression early, and
// the highlight markers) are never meaningful in a query.
const CONTROL_CHARS = /\p{Cc}/gu;
// Tab, newline and carriage return are plain spaces, not worth a note.
const SILENT_CONTROL = /[\t\n\r]/gu;
const WORD_BREAK = /[\s"()]/u;

/** Read user input as an FTS5 expression. Never throws; any string yields a valid (possibly empty) expression. */
export function parseQuery(input: string): ParsedQuery {
  const notes: ParseNotes = { ignored: [], noText: [] };
  const spaced = input.replace(SILENT_CONTROL, ' ');
  if (CONTROL_CHARS.test(spaced)) notes.ignored.push('control characters');
  const tokens = tokenize(spaced.replace(CONTROL_CHARS, ' '), notes);

  const required: QueryTerm[][] = [];
  const excluded: QueryTerm[] = [];
  // What came before, to tell a joining OR from a dangling one.
  let previous: 'start' | 'included' | 'excluded' | 'or' = 'start';
  let count = 0;

  for (let index = 0; index < tokens.length; index++) {
    const token = tokens[index]!;
    if (token.kind === 'and') {
      const next = tokens[index + 1];
      if (previous === 'start' || !next || next.kind !== 'term') notes.ignored.push('AND with nothing to join');
      continue;
    }
    if (token.kind === 'not') {
      // A NOT before a term was folded into it by tokenize; this one has nothing after it.
      notes.ignored.push('NOT with nothing after it');
      continue;
    }
    if (token.kind === 'or') {
      const next = tokens[index + 1];
      if (next?.kind === 'or') notes.ignored.push('OR repeated');
      else if (previous === 'start') notes.ignored.push('OR at the start');
      else if (previous === 'excluded') notes.ignored.push('OR after an excluded word');
      else if (next?.kind !== 'term') notes.ignored.push('OR with nothing after it');
      else if (next.negated) notes.ignored.push('OR before an excluded word');
      else previous = 'or';
      continue;
    }
    // Every phrase counts, including those inside NEAR groups.
    count += token.term.kind === 'near' ? token.term.phrases.length : 1;
    if (count > MAX_QUERY_TERMS) {
      notes.ignored.push(`everything after the first ${MAX_QUERY_TERMS} words and phrases`);
      break;
    }
    if (token.negated) {
      excluded.push(token.term);
      previous = 'excluded';
    } else if (previous === 'or' && required.length > 0) {
      required.at(-1)!.push(token.term);
      previous = 'included';
    } else {
      required.push([token.term]);
      previous = 'included';
    }
  }

  const explanation = describeParts(required, excluded, notes);
  // Exclusions alone cannot be searched for (FTS5's NOT needs something to subtract from).
  if (required.length === 0) return { fts: '', terms: [], required: [], excluded, explanation };
  const terms = [
    ...new Set(
      required
        .flat()
        .flatMap((term) => (term.kind === 'phrase' ? [term.phrase] : term.phrases))
        .map((phrase) => phrase.text),
    ),
  ];
  return { fts: toFts(required, excluded), terms, required, excluded, explanation };
}

/** The FTS5 expression for required groups (all must match) minus excluded terms. */
export function toFts(required: readonly QueryTerm[][], excluded: readonly QueryTerm[]): string {
  if (required.length === 0) return '';
  const included = required.map(groupFts);
  let fts = included.length > 1 && excluded.length > 0 ? `(${included.join(' AND ')})` : included.join(' AND ');
  for (const term of excluded) fts += ` NOT ${termFts(term)}`;
  return fts;
}

/** One group of alternatives as an FTS5 expression on its own. */
export function groupFts(group: readonly QueryTerm[]): string {
  return group.length === 1 ? termFts(group[0]!) : `(${group.map(termFts).join(' OR ')})`;
}

/** One term as FTS5 syntax: a quoted string (with `*` for a prefix) or a NEAR group. */
export function termFts(term: QueryTerm): string {
  if (term.kind === 'phrase') return quote(term.phrase);
  const phrases = term.phrases.map(quote).join(' ');
  return term.distance === null ? `NEAR(${phrases})` : `NEAR(${phrases}, ${term.distance})`;
}

/**
 * True when the input is nothing but plain words (letters and digits) between
 * spaces: then it was read exactly as typed and needs no explanation.
 */
export function isPlainQuery(input: string): boolean {
  const words = input.trim().split(/\s+/u);
  return words.every((word) => /^[\p{L}\p{N}]+$/u.test(word) && !['OR', 'AND', 'NOT'].includes(word));
}

function quote(phrase: Phrase): string {
  return `"${phrase.text.replaceAll('"', '""')}"${phrase.prefix ? '*' : ''}`;
}

/** Split input into terms and operators; drops anything that holds no searchable text (noting it). */
function tokenize(input: string, notes: ParseNotes, insideNear = false): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let negateNext = false;
  let sawParenthesis = false;

  const push = (term: QueryTerm | null, negated: boolean): void => {
    if (term) tokens.push({ kind: 'term', term, negated: negated || negateNext });
    negateNext = false;
  };

  while (index < input.length) {
    const char = input[index]!;
    if (/\s/u.test(char)) {
      index += 1;
      continue;
    }
    if (char === '(' || char === ')') {
      sawParenthesis = true;
      index += 1;
      continue;
    }

    let negated = false;
    if (char === '-') {
      const next = input[index + 1];
      if (next === undefined || /\s/u.test(next)) {
        notes.ignored.push('a lone "-" with no word after it');
        index += 1;
        continue;
      }
      negated = true;
      index += 1;
    }

    if (input[index] === '"') {
      const close = input.indexOf('"', index + 1);
      if (close === -1) {
        // A stray quote: ignore it and read the rest as words.
        notes.ignored.push('a quote (") with no closing quote: the words after it are read one by one');
        index += 1;
        continue;
      }
      const prefix = input[close + 1] === '*';
      const raw = input.slice(index + 1, close);
      const phrase = makePhrase(raw, prefix, true);
      if (!phrase) notes.noText.push(`"${raw}"`);
      index = close + 1 + (prefix ? 1 : 0);
      push(phrase ? { kind: 'phrase', phrase } : null, negated);
      continue;
    }

    if (input.startsWith('NEAR(', index)) {
      const close = input.indexOf(')', index);
      if (close !== -1 && !insideNear) {
        push(makeNear(input.slice(index + 5, close), notes), negated);
        index = close + 1;
        continue;
      }
      notes.ignored.push(
        insideNear ? 'NEAR( inside NEAR(…)' : 'NEAR( without a closing ")": the words after it are read one by one',
      );
      index += 5;
      negateNext = false;
      continue;
    }

    let end = index;
    while (end < input.length && !WORD_BREAK.test(input[end]!)) end += 1;
    const word = input.slice(index, end);
    index = Math.max(end, index + 1);
    if (!negated && (word === 'OR' || word === 'AND' || word === 'NOT')) {
      if (insideNear) {
        notes.ignored.push(`${word} inside NEAR(…)`);
      } else if (word === 'NOT') {
        if (negateNext) notes.ignored.push('NOT repeated');
        negateNext = true;
      } else {
        if (negateNext) notes.ignored.push(`NOT before ${word}`);
        negateNext = false;
        tokens.push({ kind: word === 'OR' ? 'or' : 'and' });
      }
      continue;
    }
    const prefix = word.endsWith('*');
    const text = trimPunctuation(word.replace(/\*+$/u, ''), notes);
    const phrase = makePhrase(text, prefix, false);
    if (!phrase) notes.noText.push(negated ? `-${word}` : word);
    push(phrase ? { kind: 'phrase', phrase } : null, negated);
  }
  if (negateNext) tokens.push({ kind: 'not' });
  if (sawParenthesis) notes.ignored.push('parentheses: grouping is not supported, each word counts on its own');
  return tokens;
}

/** `policy.` → `policy`, `(cookies` → `cookies`; inner marks stay (`opt-out`, `don't`). A trailing colon is noted. */
function trimPunctuation(word: string, notes: ParseNotes): string {
  const trimmed = word.replace(/^[^\p{L}\p{N}\p{Co}\p{M}]+|[^\p{L}\p{N}\p{Co}\p{M}]+$/gu, '');
  if (trimmed && word.endsWith(':')) {
    notes.ignored.push(`the ":" after ${trimmed} (searching one part of a policy by name is not supported)`);
  }
  return trimmed;
}

function makePhrase(text: string, prefix: boolean, quoted: boolean): Phrase | null {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  return TOKEN_CHAR.test(trimmed) ? { text: trimmed, prefix, quoted } : null;
}

/** `NEAR(a "b c" d*, 5)`: one NEAR group; a single phrase is just that phrase. */
function makeNear(inner: string, notes: ParseNotes): QueryTerm | null {
  let body = inner;
  let distance: number | null = null;
  const distanceMatch = /,\s*(\d+)\s*$/u.exec(body);
  if (distanceMatch) {
    distance = Number(distanceMatch[1]);
    if (distance > MAX_NEAR_DISTANCE) {
      notes.ignored.push(`NEAR distance ${distanceMatch[1]}: lowered to ${MAX_NEAR_DISTANCE}`);
      distance = MAX_NEAR_DISTANCE;
    }
    body = body.slice(0, distanceMatch.index);
  }
  const phrases: Phrase[] = [];
  for (const token of tokenize(body.replaceAll(',', ' '), notes, true)) {
    if (token.kind !== 'term' || token.term.kind !== 'phrase') continue;
    // Excluded words inside NEAR count as plain ones.
    if (token.negated) notes.ignored.push(`the "-" before ${token.term.phrase.text} inside NEAR(…)`);
    if (phrases.length < MAX_QUERY_TERMS) phrases.push(token.term.phrase);
  }
  if (phrases.length === 0) {
    notes.ignored.push('NEAR() with no words in it');
    return null;
  }
  if (phrases.length === 1) {
    notes.ignored.push(`NEAR(…) around one word only: ${phrases[0]!.text} is searched on its own`);
    return { kind: 'phrase', phrase: phrases[0]! };
  }
  return { kind: 'near', phrases, distance };
}
