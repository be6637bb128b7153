import type Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { searchCatalogue } from '../../../src/main/archive/searchCatalogue';
import { DEFAULT_BUDGET } from '../../../src/main/search/documentRanking';
import { parseQuery } from '../../../src/main/search/queryParser';
import { searchArchive } from '../../../src/main/search/search';
import { resolveFilters } from '../../../src/main/search/snapshotFilter';
import { snapshotPredicate } from '../../../src/main/search/snapshotPredicate';
import type { SearchFilters } from '../../../src/shared/searchDomain';
import { aCapture, openTermsCaptures, paragraph, vendor } from '../archive/captureBuilder';
import { tempArchive } from '../archive/tempArchive';
import { acmeVersions, globex, storeCaptures } from './searchFixture';

// Whatever users type, search answers instead of surfacing an SQLite error.

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
beforeAll(() => {
  archive = tempArchive();
  db = archive.db;
  storeCaptures(db, [
    ...acmeVersions,
    globex,
    ...openTermsCaptures('ChatGPT'),
    ...openTermsCaptures('DeepSeek'),
    aCapture({
      vendor: vendor('Acme'),
      document: { key: 'cookie-policy', title: 'Cookie Policy' },
      capturedAt: '2019-03-01T10:00:00Z',
      blocks: [paragraph('We use cookies and similar data technologies; see our privacy policy.')],
    }),
    // Two captures at the same second with different texts: "newest" is then the higher id.
    aCapture({ vendor: vendor('Twin'), capturedAt: '2021-01-01T00:00:00Z', blocks: [paragraph('Twin data one.')] }),
    aCapture({ vendor: vendor('Twin'), capturedAt: '2021-01-01T00:00:00Z', blocks: [paragraph('Twin data two.')] }),
  ]);
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

  it('also with any combination of filters', () => {
    fc.assert(
      fc.property(
        fc.oneof(syntaxSoup, fc.constantFrom('data', 'privacy', 'cookies', '"personal data"')),
        filters,
        (query, chosen) => {
          const result = searchArchive(db, { query, limit: 5, filters: chosen });
          expect(result.hits.length).toBeLessThanOrEqual(5);
          expect(result.totalDocuments).toBeGreaterThanOrEqual(result.hits.length);
          const passing = referencePassing(chosen);
          for (const hit of result.hits) expect(passing.has(hit.snapshot.id)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

/** Random filters over this archive's vendors, types and years (valid dates only). */
const partialDate = fc.oneof(
  fc.integer({ min: 2015, max: 2027 }).map(String),
  fc
    .tuple(fc.integer({ min: 2015, max: 2027 }), fc.integer({ min: 1, max: 12 }))
    .map(([year, month]) => `${year}-${String(month).padStart(2, '0')}`),
  fc
    .tuple(fc.integer({ min: 2015, max: 2027 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 28 }))
    .map(([year, month, day]) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`),
);
const filters: fc.Arbitrary<SearchFilters> = fc.record(
  {
    vendorIds: fc.array(fc.integer({ min: 1, max: 8 }), { maxLength: 3 }),
    documentKeys: fc.subarray(['privacy-policy', 'cookie-policy', 'terms']),
    capturedFrom: partialDate,
    capturedTo: partialDate,
    latestOnly: fc.boolean(),
    inForceOn: partialDate,
  },
  { requiredKeys: [] },
);

/**
 * The snapshots a filter lets through, computed straight from the definitions
 * in SearchFilters (searchDomain.ts) over every snapshot row.
 */
function referencePassing(chosen: SearchFilters): Set<number> {
  const rows = db
    .prepare(
      `SELECT s.id, s.document_id AS documentId, s.captured_at AS capturedAt, d.vendor_id AS vendorId, d.key
       FROM snapshots s JOIN documents d ON d.id = s.document_id`,
    )
    .all() as Array<{ id: number; documentId: number; capturedAt: string; vendorId: number; key: string }>;
  const resolved = resolveFilters(chosen);
  const newest = (candidates: typeof rows): number | undefined =>
    [...candidates].sort((a, b) => b.capturedAt.localeCompare(a.capturedAt) || b.id - a.id)[0]?.id;
  const sameDocument = (documentId: number) => rows.filter((row) => row.documentId === documentId);
  return new Set(
    rows
      .filter((row) => !chosen.vendorIds?.length || chosen.vendorIds.includes(row.vendorId))
      .filter((row) => !chosen.documentKeys?.length || chosen.documentKeys.includes(row.key))
      .filter((row) => !resolved.capturedFrom || row.capturedAt >= resolved.capturedFrom)
      .filter((row) => !resolved.capturedTo || row.capturedAt <= resolved.capturedTo)
      .filter((row) => !chosen.latestOnly || newest(sameDocument(row.documentId)) === row.id)
      .filter(
        (row) =>
          !resolved.inForceAt ||
          newest(sameDocument(row.documentId).filter((other) => other.capturedAt <= resolved.inForceAt!)) === row.id,
      )
      .map((row) => row.id),
  );
}

describe('filters', () => {
  it('let through exactly the snapshots their definitions name', () => {
    const catalogue = searchCatalogue(db);
    const ids = db.prepare('SELECT id FROM snapshots').pluck().all() as number[];
    fc.assert(
      fc.property(filters, (chosen) => {
        const passes = snapshotPredicate(catalogue, resolveFilters(chosen));
        const selected = new Set(ids.filter((id) => !passes || passes(id)));
        expect(selected).toEqual(referencePassing(chosen));
      }),
      { numRuns: 400 },
    );
  });

  it('give the same hits from the filter side and through the whole-archive walk', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('data', 'privacy', 'cookies OR twin', '"personal data"', 'policy'),
        filters,
        (query, chosen) => {
          const scoped = searchArchive(db, { query, limit: 1000, filters: chosen });
          const global = searchArchive(
            db,
            { query, limit: 1000, filters: chosen },
            { ...DEFAULT_BUDGET, scopeMaxSnapshots: 0 },
          );
          const view = (hits: typeof scoped.hits) =>
            hits.map((hit) => [hit.documentId, hit.snapshot.id, hit.matchingSnapshotCount]);
          expect(view(global.hits)).toEqual(view(scoped.hits));
        },
      ),
      { numRuns: 150 },
    );
  });
});
