import { describe, expect, it } from 'vitest';
import type { SearchHit } from '../../../src/shared/domain';
import { hasMorePages, mergePage, nearEnd } from '../../../src/renderer/src/lib/searchPaging';
import { snapshot } from './builders';

function hit(documentId: number): SearchHit {
  return {
    documentId,
    vendorId: documentId,
    vendorName: `vendor-${documentId}`,
    documentTitle: 'Privacy Policy',
    snapshot: snapshot(documentId * 10, '2020-01-01T00:00:00Z', { documentId }),
    snippet: 'we \u0002sell\u0003 data',
    headingPath: [],
    score: -documentId,
    matchingSnapshotCount: 1,
  };
}
const hits = (from: number, to: number): SearchHit[] => Array.from({ length: to - from + 1 }, (_, i) => hit(from + i));
const ids = (list: SearchHit[]): number[] => list.map((entry) => entry.documentId);

describe('mergePage', () => {
  it('appends the next page after the hits already loaded', () => {
    const merged = mergePage(hits(1, 100), hits(101, 200), 100);
    expect(ids(merged)).toEqual(ids(hits(1, 200)));
  });

  it('never lists a document twice when the ranking shifted between pages', () => {
    // An import between two pages pushed document 100 one place down: it comes again on page 2.
    const merged = mergePage(hits(1, 100), [hit(100), ...hits(101, 150)], 100);
    expect(ids(merged)).toEqual(ids(hits(1, 150)));
  });

  it('replaces what was loaded from the page offset on (a page asked for again)', () => {
    const merged = mergePage(hits(1, 200), [hit(500), hit(501)], 100);
    expect(ids(merged)).toEqual([...ids(hits(1, 100)), 500, 501]);
  });

  it('starts over for a first page', () => {
    expect(ids(mergePage(hits(1, 50), hits(7, 9), 0))).toEqual([7, 8, 9]);
  });
});

describe('hasMorePages', () => {
  const page = { pageSize: 100, lastPageSize: 100, totalExact: true };
  it('asks for more while fewer hits are loaded than match', () => {
    expect(hasMorePages({ ...page, loaded: 100, totalDocuments: 250 })).toBe(true);
    expect(hasMorePages({ ...page, loaded: 250, totalDocuments: 250 })).toBe(false);
  });

  it('keeps going past a count that is only a lower bound, until a short page ends the list', () => {
    expect(hasMorePages({ ...page, loaded: 2000, totalDocuments: 2000, totalExact: false })).toBe(true);
    expect(hasMorePages({ ...page, loaded: 2040, totalDocuments: 2000, totalExact: false, lastPageSize: 40 })).toBe(
      false,
    );
  });
});

describe('nearEnd', () => {
  it('fetches the next page before the user reaches the last loaded hit', () => {
    expect(nearEnd(10, 100)).toBe(false);
    expect(nearEnd(74, 100)).toBe(true);
    expect(nearEnd(99, 100)).toBe(true);
    expect(nearEnd(0, 0)).toBe(false);
  });
});
