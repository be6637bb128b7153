import type Database from 'better-sqlite3';
import type { SearchCatalogue } from './searchCatalogue';
import { cachedStatement } from './statementCache';

/*
 * Whether document titles match a query, read with the same tokenizer as the
 * block index (porter stemming, case and accents folded), so "cookies"
 * matches a "Cookie Policy" title exactly as it would match a paragraph.
 * Titles have no index in the archive; searchCatalogue.ts keeps the distinct
 * titles (there are few: most documents are a "Privacy Policy") in a TEMP
 * FTS5 table of the connection.
 */

/** Which documents' titles match the query. */
export interface TitleMatches {
  matches(documentId: number): boolean;
  /** No title matches. */
  none: boolean;
  /** Every title matches (then, as with none, titles tell no document apart). */
  all: boolean;
}

const NO_MATCHES: TitleMatches = { matches: () => false, none: true, all: false };

/**
 * Which documents' titles match every required part of a query
 * (`expressions`, each a valid FTS5 expression, see groupFts): "cookie
 * policy" matches a "Cookie Policy" title, not "Privacy Policy". Excluded
 * words do not count. Partial matches earn nothing: nearly every title has
 * "policy" in it, so a share of the words would reward noise.
 */
export function titleMatches(
  db: Database.Database,
  catalogue: SearchCatalogue,
  expressions: readonly string[],
): TitleMatches {
  if (expressions.length === 0 || !catalogue.titlesIndexed) return NO_MATCHES;
  const hits = new Uint16Array(catalogue.titles.length);
  const matching = cachedStatement(db, 'SELECT rowid FROM temp.search_titles WHERE search_titles MATCH ?').pluck();
  for (const expression of expressions) {
    for (const rowid of matching.all(expression) as number[]) hits[rowid - 1] = (hits[rowid - 1] ?? 0) + 1;
  }
  const full = hits.map((count) => (count === expressions.length ? 1 : 0));
  if (!full.includes(1)) return NO_MATCHES;
  return {
    matches: (documentId) => full[catalogue.documentTitle[documentId] ?? -1] === 1,
    none: false,
    all: !full.includes(0),
  };
}
