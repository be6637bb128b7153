import type Database from 'better-sqlite3';
import { hasMatch } from '../archive/searchQueries';
import { parseQuery, termFts, toFts, type Phrase, type QueryTerm } from './queryParser';

/**
 * The index stores word stems (porter): "information" is stored as "inform",
 * "advertising" as "advertis". A prefix the user cut inside the stem's
 * suffix, like `informat*` or `advertisi*`, then matches no stored stem at
 * all, although the words the user meant are there. When a one-word prefix
 * matches nothing, it is shortened a letter at a time (at most
 * MAX_SHORTENING letters, never below MIN_PREFIX) until it matches, and the
 * explanation says so.
 */
const MAX_SHORTENING = 3;
const MIN_PREFIX = 3;

export interface WidenedPrefixes {
  required: QueryTerm[][];
  /** One explanation line per prefix that was shortened. */
  notes: string[];
}

/** The required groups with unmatched one-word prefixes shortened to the stem they stand for. */
export function widenStemmedPrefixes(db: Database.Database, required: readonly QueryTerm[][]): WidenedPrefixes {
  const notes: string[] = [];
  const widen = (phrase: Phrase): Phrase => {
    if (!phrase.prefix || /[^\p{L}\p{N}]/u.test(phrase.text)) return phrase;
    if (hasMatch(db, termFts({ kind: 'phrase', phrase }))) return phrase;
    const letters = [...phrase.text];
    for (let cut = 1; cut <= MAX_SHORTENING && letters.length - cut >= MIN_PREFIX; cut++) {
      const shorter: Phrase = { ...phrase, text: letters.slice(0, letters.length - cut).join('') };
      if (hasMatch(db, termFts({ kind: 'phrase', phrase: shorter }))) {
        notes.push(
          `${phrase.text}* matched no stored word stem (words are indexed by their stem): read as ${shorter.text}*`,
        );
        return shorter;
      }
    }
    return phrase;
  };
  const widened = required.map((group) =>
    group.map((term): QueryTerm =>
      term.kind === 'phrase'
        ? { kind: 'phrase', phrase: widen(term.phrase) }
        : { ...term, phrases: term.phrases.map(widen) },
    ),
  );
  return { required: widened, notes };
}

/** A query as run against this archive: parsed, prefixes widened to stored stems, as one FTS5 expression. */
export interface ArchiveQuery {
  /** Empty when there is nothing to search for. */
  fts: string;
  required: QueryTerm[][];
  /** How the input was read, including any widened prefix. */
  explanation: string[];
}

/**
 * Read user input for this archive: the same reading for search, matching
 * versions, phrase history and trends, so `informat*` finds the same texts in each.
 */
export function archiveQuery(db: Database.Database, input: string): ArchiveQuery {
  const parsed = parseQuery(input);
  if (!parsed.fts) return { fts: '', required: [], explanation: parsed.explanation };
  const widened = widenStemmedPrefixes(db, parsed.required);
  return {
    fts: toFts(widened.required, parsed.excluded),
    required: widened.required,
    explanation: [...parsed.explanation, ...widened.notes],
  };
}
