import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseQuery } from '../../../src/main/search/queryParser';
import { searchArchive } from '../../../src/main/search/search';
import { openTermsCaptures } from '../archive/captureBuilder';
import { tempArchive } from '../archive/tempArchive';
import { acmeVersions, globex, storeCaptures } from './searchFixture';

// Whatever users type, search answers instead of surfacing an SQLite error.

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
beforeAll(() => {
  archive = tempArchive();
  db = archive.db;
  storeCaptures(db, [...acmeVersions, globex, ...openTermsCaptures('ChatGPT'), ...openTermsCaptures('DeepSeek')]);
});
afterAll(() => archive.dispose());

/** Fragments that stress the query syntax, mixed with words that occur in the archive. */
const syntaxPiece = fc.constantFrom(
  '"',
  '-',
  '*',
  '(',
  ')',
  ')(',
  'OR',
  'AND',
  'NOT',
  'NEAR(',
  'NEAR',
  ',',
  ', 5)',
  ':',
  "'",
  '^',
  '+',
  '{',
  '}',
  '[',
  ']',
  '\\',
  '/',
  '.',
  '""',
  'data',
  'privacy',
  'opt-out',
  "don't",
  'col:umn',
  'blocks_fts',
  'heading:',
  'rank',
  ' ',
  '  ',
  '\u0000',
  '\u0002',
  '\u0003',
  '\t',
  '\n',
  '5',
  '—',
  'é',
  '数据',
  '\uD800',
  '😀',
  'e\u0301',
);
const syntaxSoup = fc.array(syntaxPiece, { maxLength: 40 }).map((pieces) => pieces.join(''));
const anyText = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.string({ unit: 'grapheme', maxLength: 100 }),
  syntaxSoup,
  fc.string({ maxLength: 1000, unit: fc.constantFrom('a', ' ', '-', '"', 'OR ', 'x*', 'NEAR(', ')') }),
);

describe('search never throws', () => {
  it('returns a well-formed result for any input', () => {
    fc.assert(
      fc.property(anyText, (query) => {
        const result = searchArchive(db, { query, limit: 5 });
        expect(result.query).toBe(query);
        expect(result.hits.length).toBeLessThanOrEqual(5);
        expect(result.totalDocuments).toBeGreaterThanOrEqual(result.hits.length);
      }),
      { numRuns: 600 },
    );
  });

  it('produces expressions that FTS5 always accepts', () => {
    const match = db.prepare('SELECT count(*) FROM blocks_fts WHERE blocks_fts MATCH ?').pluck();
    fc.assert(
      fc.property(anyText, (query) => {
        const { fts } = parseQuery(query);
        if (fts) match.get(fts);
      }),
      { numRuns: 1500 },
    );
  });

  it('also with a vendor filter', () => {
    fc.assert(
      fc.property(syntaxSoup, fc.integer({ min: 1, max: 10 }), (query, vendorId) => {
        expect(() => searchArchive(db, { query, vendorId })).not.toThrow();
      }),
      { numRuns: 300 },
    );
  });
});
