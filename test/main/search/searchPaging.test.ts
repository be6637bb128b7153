import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, type SearchBudget } from '../../../src/main/search/documentRanking';
import { searchArchive } from '../../../src/main/search/search';
import type { SearchFilters } from '../../../src/shared/searchDomain';
import { aCapture, heading, paragraph, vendor } from '../archive/captureBuilder';
import { tempArchive } from '../archive/tempArchive';
import { storeCaptures } from './searchFixture';

/*
 * 90 vendors, three versions each. Every version has its own sentence about
 * the platypus (so the query matches hundreds of distinct blocks), and all
 * share one boilerplate sentence. Every tenth vendor's document is titled
 * "Platypus Policy", which the title weight lifts.
 */
const VENDORS = 90;

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;

beforeAll(() => {
  archive = tempArchive();
  db = archive.db;
  const captures = Array.from({ length: VENDORS }, (_, index) =>
    [2016, 2017, 2018].map((year, version) =>
      aCapture({
        vendor: vendor(`Vendor ${index}`),
        ...(index % 10 === 0 ? { document: { key: 'platypus-policy', title: 'Platypus Policy' } } : {}),
        capturedAt: `${year}-0${1 + (index % 9)}-01T00:00:00Z`,
        blocks: [
          heading('Animals'),
          paragraph(`${'Our platypus keeper '.repeat(1 + (index % 4))}wrote version ${version} for vendor ${index}.`),
          paragraph('Every platypus question goes to the same desk.'),
        ],
      }),
    ),
  ).flat();
  storeCaptures(db, captures);
});
afterAll(() => archive.dispose());

/** Small bounds, so this archive needs ranking windows, cut walks and lower-bound totals. */
const tight: SearchBudget = {
  rankAll: 40,
  firstWindow: 8,
  countRows: 30,
  maxRows: 2000,
  rowsPerDocument: 6,
  scopeMaxSnapshots: 10,
};

function pageThrough(query: string, pageSize: number, budget: SearchBudget, filters?: SearchFilters): number[][] {
  const pages: number[][] = [];
  for (let offset = 0; pages.length < 100; offset += pageSize) {
    const result = searchArchive(db, { query, limit: pageSize, offset, ...(filters ? { filters } : {}) }, budget);
    expect(result.offset).toBe(offset);
    if (result.hits.length === 0) break;
    expect(result.totalDocuments).toBeGreaterThanOrEqual(offset + result.hits.length);
    pages.push(result.hits.map((hit) => hit.documentId));
  }
  return pages;
}

describe('paging through a long result', () => {
  it('gives every matching document exactly once across pages, in one order', () => {
    const everything = searchArchive(db, { query: 'platypus', limit: 1000 });
    expect(everything).toMatchObject({ totalDocuments: VENDORS, totalExact: true });

    for (const budget of [DEFAULT_BUDGET, tight]) {
      const pages = pageThrough('platypus', 7, budget);
      const seen = pages.flat();
      // No document on two pages, and together the pages are the whole result.
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(everything.hits.map((hit) => hit.documentId)));
      // Pages are slices of one order: the same as asking for everything at once with that budget.
      const atOnce = searchArchive(db, { query: 'platypus', limit: 1000 }, budget);
      expect(seen).toEqual(atOnce.hits.map((hit) => hit.documentId));
    }
  });

  it('says when the total is a lower bound, and the first page is still the best documents', () => {
    const first = searchArchive(db, { query: 'platypus', limit: 5 }, tight);
    expect(first.totalExact).toBe(false);
    expect(first.totalDocuments).toBeGreaterThanOrEqual(5);
    expect(first.totalDocuments).toBeLessThan(VENDORS);
    expect(first.hits).toHaveLength(5);
    // Titled documents come first under any budget.
    expect(first.hits.every((hit) => hit.documentTitle === 'Platypus Policy')).toBe(true);
    const exact = searchArchive(db, { query: 'platypus', limit: 5 });
    expect(exact.hits.map((hit) => hit.documentTitle)).toEqual(Array(5).fill('Platypus Policy'));
  });

  it('pages consistently with filters too', () => {
    for (const filters of [{ latestOnly: true }, { capturedFrom: '2017', capturedTo: '2017-06' }] as SearchFilters[]) {
      const everything = searchArchive(db, { query: 'platypus', limit: 1000, filters });
      const pages = pageThrough('platypus', 6, tight, filters);
      const seen = pages.flat();
      expect(new Set(seen).size).toBe(seen.length);
      expect(new Set(seen)).toEqual(new Set(everything.hits.map((hit) => hit.documentId)));
    }
  });

  it('stops at its row bound with fewer hits, saying the result is incomplete', () => {
    const starved = searchArchive(db, { query: 'platypus', limit: 20 }, { ...tight, maxRows: 60 });
    expect(starved.totalExact).toBe(false);
    expect(starved.hits.length).toBeGreaterThan(0);
    expect(starved.hits.length).toBeLessThan(20);
    for (const hit of starved.hits) expect(hit.snippet.toLowerCase()).toContain('platypus');
  });

  it('returns an empty page past the end', () => {
    const past = searchArchive(db, { query: 'platypus', limit: 10, offset: 500 });
    expect(past.hits).toEqual([]);
    expect(past.totalDocuments).toBe(VENDORS);
  });
});
