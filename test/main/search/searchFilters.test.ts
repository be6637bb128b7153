import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findVendor } from '../../../src/main/archive/queries';
import { DEFAULT_BUDGET } from '../../../src/main/search/documentRanking';
import { FilterDateError } from '../../../src/main/search/filterDates';
import { searchArchive } from '../../../src/main/search/search';
import type { SearchResult } from '../../../src/shared/domain';
import type { SearchFilters } from '../../../src/shared/searchDomain';
import { aCapture, heading, paragraph, vendor } from '../archive/captureBuilder';
import { tempArchive } from '../archive/tempArchive';
import { storeCaptures } from './searchFixture';

/*
 * A crafted archive whose answers can be checked by hand:
 *
 *   Acme · Privacy Policy   2017-03-10 "ten years"   2018-05-20 "five years"   2018-11-02 "five years" (same text)
 *                           2019-07-01 "one year"
 *   Acme · Cookie Policy    2018-06-15 "cookie consent"
 *   Globex · Privacy Policy 2016-01-01 "forever"     2020-02-02 "a month"
 *
 * Every text mentions "records".
 */
const acme = vendor('Acme');
const globex = vendor('Globex');
const cookiePolicy = { key: 'cookie-policy', title: 'Cookie Policy' };
const version = (text: string) => [heading('Privacy Policy', 1), heading('Retention'), paragraph(text)];
const captures = [
  aCapture({
    vendor: acme,
    capturedAt: '2017-03-10T09:00:00Z',
    blocks: version('We keep your records for ten years.'),
  }),
  aCapture({
    vendor: acme,
    capturedAt: '2018-05-20T12:00:00Z',
    blocks: version('We keep your records for five years.'),
  }),
  aCapture({
    vendor: acme,
    capturedAt: '2018-11-02T08:30:00Z',
    blocks: version('We keep your records for five years.'),
  }),
  aCapture({ vendor: acme, capturedAt: '2019-07-01T00:00:00Z', blocks: version('We delete records after one year.') }),
  aCapture({
    vendor: acme,
    document: cookiePolicy,
    capturedAt: '2018-06-15T16:00:00Z',
    blocks: [heading('Cookie Policy', 1), paragraph('Records of cookie consent are kept for a year.')],
  }),
  aCapture({ vendor: globex, capturedAt: '2016-01-01T00:00:00Z', blocks: version('Globex keeps records forever.') }),
  aCapture({
    vendor: globex,
    capturedAt: '2020-02-02T00:00:00Z',
    blocks: version('Globex keeps records for a month.'),
  }),
];

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
let acmeId: number;
let globexId: number;

beforeAll(() => {
  archive = tempArchive();
  db = archive.db;
  storeCaptures(db, captures);
  acmeId = findVendor(db, 'Acme')!.id;
  globexId = findVendor(db, 'Globex')!.id;
});
afterAll(() => archive.dispose());

/** Per hit: vendor, document title, capture date of the snapshot shown, matching snapshots. */
const summary = (result: SearchResult): string[] =>
  result.hits
    .map(
      (hit) =>
        `${hit.vendorName} · ${hit.documentTitle} @ ${hit.snapshot.capturedAt.slice(0, 10)} ×${hit.matchingSnapshotCount}`,
    )
    .sort();

/** The same search from the filter's side (narrow-filter path) and through the global walk. */
function bothPaths(query: string, filters: SearchFilters): string[] {
  const scoped = searchArchive(db, { query, filters });
  const global = searchArchive(db, { query, filters }, { ...DEFAULT_BUDGET, scopeMaxSnapshots: 0 });
  expect(summary(global)).toEqual(summary(scoped));
  expect(global.totalDocuments).toBe(scoped.totalDocuments);
  return summary(scoped);
}

const run = (query: string, filters: SearchFilters): string[] => summary(searchArchive(db, { query, filters }));

describe('search filters', () => {
  it('without filters finds every document, each at its newest matching capture', () => {
    expect(run('records', {})).toEqual([
      'Acme · Cookie Policy @ 2018-06-15 ×1',
      'Acme · Privacy Policy @ 2019-07-01 ×4',
      'Globex · Privacy Policy @ 2020-02-02 ×2',
    ]);
  });

  it('keeps only the chosen vendors', () => {
    expect(bothPaths('records', { vendorIds: [globexId] })).toEqual(['Globex · Privacy Policy @ 2020-02-02 ×2']);
    expect(bothPaths('records', { vendorIds: [acmeId, globexId] })).toHaveLength(3);
    expect(bothPaths('forever', { vendorIds: [acmeId] })).toEqual([]);
  });

  it('keeps only the chosen document types', () => {
    expect(bothPaths('records', { documentKeys: ['cookie-policy'] })).toEqual(['Acme · Cookie Policy @ 2018-06-15 ×1']);
    expect(bothPaths('records', { documentKeys: ['terms-of-service'] })).toEqual([]);
  });

  it('treats an empty vendor or type list as no filter', () => {
    expect(run('records', { vendorIds: [], documentKeys: [] })).toHaveLength(3);
  });

  it('keeps captures in a date range, a year or month meaning the whole period', () => {
    expect(run('records', { capturedFrom: '2018', capturedTo: '2018' })).toEqual([
      'Acme · Cookie Policy @ 2018-06-15 ×1',
      'Acme · Privacy Policy @ 2018-11-02 ×2',
    ]);
    expect(run('records', { capturedFrom: '2018-06' })).toEqual([
      'Acme · Cookie Policy @ 2018-06-15 ×1',
      'Acme · Privacy Policy @ 2019-07-01 ×2',
      'Globex · Privacy Policy @ 2020-02-02 ×1',
    ]);
    // A day includes captures made later that day.
    expect(run('records', { capturedTo: '2018-05-20' })).toEqual([
      'Acme · Privacy Policy @ 2018-05-20 ×2',
      'Globex · Privacy Policy @ 2016-01-01 ×1',
    ]);
    expect(run('records', { capturedFrom: '2019', capturedTo: '2018' })).toEqual([]);
  });

  it('shows a wording only in the range where it was captured', () => {
    expect(run('"five years"', { capturedFrom: '2018-06' })).toEqual(['Acme · Privacy Policy @ 2018-11-02 ×1']);
    expect(run('"ten years"', { capturedFrom: '2018' })).toEqual([]);
  });

  it('with latest only, looks at each document’s newest capture', () => {
    expect(run('records', { latestOnly: true })).toEqual([
      'Acme · Cookie Policy @ 2018-06-15 ×1',
      'Acme · Privacy Policy @ 2019-07-01 ×1',
      'Globex · Privacy Policy @ 2020-02-02 ×1',
    ]);
    expect(run('"five years"', { latestOnly: true })).toEqual([]);
    // Latest, then also in the date range: Acme's newest capture is not from 2018.
    expect(run('records', { latestOnly: true, capturedFrom: '2018', capturedTo: '2018' })).toEqual([
      'Acme · Cookie Policy @ 2018-06-15 ×1',
    ]);
  });

  it('with in force on a date, looks at the capture each document had then', () => {
    expect(run('records', { inForceOn: '2018-12-31' })).toEqual([
      'Acme · Cookie Policy @ 2018-06-15 ×1',
      'Acme · Privacy Policy @ 2018-11-02 ×1',
      'Globex · Privacy Policy @ 2016-01-01 ×1',
    ]);
    expect(run('"five years"', { inForceOn: '2018-12-31' })).toEqual(['Acme · Privacy Policy @ 2018-11-02 ×1']);
    expect(run('month', { inForceOn: '2018-12-31' })).toEqual([]);
    // The whole day counts: the 2018-05-20 capture (12:00) is in force on 2018-05-20.
    expect(run('"five years"', { inForceOn: '2018-05-20' })).toEqual(['Acme · Privacy Policy @ 2018-05-20 ×1']);
    expect(run('records', { inForceOn: '2015' })).toEqual([]);
    expect(bothPaths('records', { inForceOn: '2019', vendorIds: [acmeId] })).toEqual([
      'Acme · Cookie Policy @ 2018-06-15 ×1',
      'Acme · Privacy Policy @ 2019-07-01 ×1',
    ]);
  });

  it('combines vendor, type and date filters', () => {
    expect(bothPaths('records', { vendorIds: [acmeId], documentKeys: ['privacy-policy'], capturedTo: '2018' })).toEqual(
      ['Acme · Privacy Policy @ 2018-11-02 ×3'],
    );
  });

  it('refuses a filter date that does not exist, naming it', () => {
    expect(() => searchArchive(db, { query: 'records', filters: { capturedFrom: '2018-02-30' } })).toThrow(
      FilterDateError,
    );
    expect(() => searchArchive(db, { query: 'records', filters: { inForceOn: '2018-13' } })).toThrow(/inForceOn/);
  });
});
