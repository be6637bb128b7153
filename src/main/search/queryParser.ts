/**
 * Turns what users type into a safe FTS5 expression.
 *
 * Understood: words (all must match), "exact phrases", OR between two terms,
 * -exclusion (also NOT term), prefix* and NEAR(a b) / NEAR(a b, 5). Anything
 * else is read as text: every term is emitted as a quoted FTS5 string, so
 * hyphens ("opt-out"), apostrophes ("don't"), colons, stray quotes,
 * parentheses and operators can never reach FTS5 as syntax. The tokenizer
 * then splits a quoted "opt-out" into the phrase opt + out, which is what the
 * user meant. Terms with no letter or digit are dropped, because FTS5 would
 * read them as an empty phrase that matches nothing.
 */

/** A user query read into FTS5 syntax. */
export interface ParsedQuery {
  /** The FTS5 expression to run; empty when there is nothing to search for. */
  fts: string;
  /** The words and phrases the user is looking for (not the excluded ones), in order, without duplicates. */
  terms: string[];
}

/** Phrases beyond this many are ignored: no one types more, and it bounds the work FTS5 does per query. */
export const MAX_QUERY_TERMS = 32;
/** Largest NEAR distance accepted; bigger values are clamped. */
export const MAX_NEAR_DISTANCE = 1000;

interface Phrase {
  text: string;
  prefix: boolean;
}

type Term =
  | { kind: 'phrase'; phrase: Phrase; negated: boolean }
  | { kind: 'near'; phrases: Phrase[]; distance: number | null; negated: boolean };

type Token = Term | { kind: 'or' };

// unicode61 treats letters, numbers and private-use characters as token characters.
const TOKEN_CHAR = /[\p{L}\p{N}\p{Co}]/u;
// Control characters (including NUL, which would end the expression early, and
// the highlight markers) are never meaningful in a query.
const CONTROL_CHARS = /[\p{Cc}]/gu;
const WORD_BREAK = /[\s"()]/u;

/** Read user input as an FTS5 expression. Never throws; any string yields a valid (possibly empty) expression. */
export function parseQuery(input: string): ParsedQuery {
  const tokens = tokenize(input.replace(CONTROL_CHARS, ' '));
  const groups: Term[][] = [];
  const excluded: Term[] = [];
  let orPending = false;
  let lastWasIncluded = false;
  let count = 0;

  for (const token of tokens) {
    if (token.kind === 'or') {
      orPending = lastWasIncluded;
      continue;
    }
    // Every phrase counts, including those inside NEAR groups.
    count += token.kind === 'near' ? token.phrases.length : 1;
    if (count > MAX_QUERY_TERMS) break;
    if (token.negated) {
      excluded.push(token);
      orPending = false;
      lastWasIncluded = false;
    } else if (orPending && groups.length > 0) {
      groups.at(-1)!.push(token);
      orPending = false;
      lastWasIncluded = true;
    } else {
      groups.push([token]);
      lastWasIncluded = true;
    }
  }

  // Exclusions alone cannot be searched for (FTS5's NOT needs something to subtract from).
  if (groups.length === 0) return { fts: '', terms: [] };
  const included = groups.map((group) =>
    group.length === 1 ? render(group[0]!) : `(${group.map(render).join(' OR ')})`,
  );
  let fts = included.length > 1 && excluded.length > 0 ? `(${included.join(' AND ')})` : included.join(' AND ');
  for (const term of excluded) fts += ` NOT ${render(term)}`;

  const terms = [
    ...new Set(
      groups
        .flat()
        .flatMap((term) => (term.kind === 'phrase' ? [term.phrase] : term.phrases))
        .map((p) => p.text),
    ),
  ];
  return { fts, terms };
}

function render(term: Term): string {
  if (term.kind === 'phrase') return quote(term.phrase);
  const phrases = term.phrases.map(quote).join(' ');
  return term.distance === null ? `NEAR(${phrases})` : `NEAR(${phrases}, ${term.distance})`;
}

function quote(phrase: Phrase): string {
  return `"${phrase.text.replaceAll('"', '""')}"${phrase.prefix ? '*' : ''}`;
}

/** Split input into terms and OR operators; drops anything that holds no searchable text. */
function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  let negateNext = false;

  const push = (term: Term | null): void => {
    if (term) tokens.push(negateNext ? { ...term, negated: true } : term);
    negateNext = false;
  };

  while (index < input.length) {
    const char = input[index]!;
    if (/\s/u.test(char) || char === '(' || char === ')') {
      index += 1;
      continue;
    }

    let negated = false;
    if (char === '-' && index + 1 < input.length && !/\s/u.test(input[index + 1]!)) {
      negated = true;
      index += 1;
    }

    if (input[index] === '"') {
      const close = input.indexOf('"', index + 1);
      if (close === -1) {
        // A stray quote: ignore it and read the rest as words.
        index += 1;
        continue;
      }
      const prefix = input[close + 1] === '*';
      const phrase = makePhrase(input.slice(index + 1, close), prefix);
      index = close + 1 + (prefix ? 1 : 0);
      push(phrase ? { kind: 'phrase', phrase, negated } : null);
      continue;
    }

    if (input.startsWith('NEAR(', index)) {
      const close = input.indexOf(')', index);
      if (close !== -1) {
        push(makeNear(input.slice(index + 5, close), negated));
        index = close + 1;
        continue;
      }
    }

    let end = index;
    while (end < input.length && !WORD_BREAK.test(input[end]!)) end += 1;
    const word = input.slice(index, end);
    index = Math.max(end, index + 1);
    if (!negated && word === 'OR') {
      tokens.push({ kind: 'or' });
      negateNext = false;
    } else if (!negated && word === 'AND') {
      // Implicit anyway.
    } else if (!negated && word === 'NOT') {
      negateNext = true;
    } else {
      const phrase = makePhrase(trimPunctuation(word.replace(/\*+$/u, '')), word.endsWith('*'));
      push(phrase ? { kind: 'phrase', phrase, negated } : null);
    }
  }
  return tokens;
}

/** `policy.` → `policy`, `(cookies` → `cookies`; inner marks stay (`opt-out`, `don't`). */
function trimPunctuation(word: string): string {
  return word.replace(/^[^\p{L}\p{N}\p{Co}]+|[^\p{L}\p{N}\p{Co}]+$/gu, '');
}

function makePhrase(text: string, prefix: boolean): Phrase | null {
  const trimmed = text.trim().replace(/\s+/gu, ' ');
  return TOKEN_CHAR.test(trimmed) ? { text: trimmed, prefix } : null;
}

/** `NEAR(a "b c" d*, 5)`: one NEAR group; a single phrase is just that phrase. */
function makeNear(inner: string, negated: boolean): Term | null {
  let body = inner;
  let distance: number | null = null;
  const distanceMatch = /,\s*(\d+)\s*$/u.exec(body);
  if (distanceMatch) {
    distance = Math.min(Number(distanceMatch[1]), MAX_NEAR_DISTANCE);
    body = body.slice(0, distanceMatch.index);
  }
  const phrases: Phrase[] = [];
  for (const token of tokenize(body.replaceAll(',', ' '))) {
    // Operators inside NEAR have no meaning; excluded words count as plain ones.
    if (token.kind === 'phrase' && phrases.length < MAX_QUERY_TERMS) phrases.push(token.phrase);
  }
  if (phrases.length === 0) return null;
  if (phrases.length === 1) return { kind: 'phrase', phrase: phrases[0]!, negated };
  return { kind: 'near', phrases, distance, negated };
}
