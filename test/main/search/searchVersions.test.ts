import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { vendorTimeline, findVendor } from '../../../src/main/archive/queries';
import { searchArchive } from '../../../src/main/search/search';
import { searchVersions } from '../../../src/main/search/searchVersions';
import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../src/shared/domain';
import type { SearchFilters, SearchVersionsResult } from '../../../src/shared/searchDomain';
import { aCapture, heading, openTermsCaptures, paragraph, vendor } from '../archive/captureBuilder';
import { tempArchive } from '../archive/tempArchive';
import { storeCaptures } from './searchFixture';

/*
 * Initech's policy, by capture date:
 *   2017-01-01 X "we keep records for ten years"
 *   2018-01-01 Y "we keep records for five years"
 *   2018-06-01 Y (same text)
 *   2019-01-01 X again (the old wording came back)
 *   2020-01-01 Z "we delete records after a year"
 */
const initech = vendor('Initech');
const text = (sentence: string) => [heading('Privacy Policy', 1), heading('Retention'), paragraph(sentence)];
const X = text('We keep records for ten years.');
const Y = text('We keep records for five years.');
const Z = text('We delete records after a year.');

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
let documentId: number;

beforeAll(() => {
  archive = tempArchive();
  db = archive.db;
  storeCaptures(db, [
    aCapture({ vendor: initech, capturedAt: '2017-01-01T00:00:00Z', blocks: X }),
    aCapture({ vendor: initech, capturedAt: '2018-01-01T00:00:00Z', blocks: Y }),
    aCapture({ vendor: initech, capturedAt: '2018-06-01T00:00:00Z', blocks: Y }),
    aCapture({ vendor: initech, capturedAt: '2019-01-01T00:00:00Z', blocks: X }),
    aCapture({ vendor: initech, capturedAt: '2020-01-01T00:00:00Z', blocks: Z }),
  ]);
  documentId = vendorTimeline(db, findVendor(db, 'Initech')!.id)!.documents[0]!.id;
});
afterAll(() => archive.dispose());

const versions = (query: string, filters?: SearchFilters): SearchVersionsResult =>
  searchVersions(db, { query, documentId, ...(filters ? { filters } : {}) });
/** first capture day → last capture day ×captures */
const runs = (result: SearchVersionsResult): string[] =>
  result.versions.map(
    (version) =>
      `${version.snapshot.capturedAt.slice(0, 10)}→${version.lastCapturedAt.slice(0, 10)} ×${version.captureCount}`,
  );

describe('searchVersions', () => {
  it('lists every matching version, newest first, identical consecutive captures folded', () => {
    const result = versions('records');
    expect(result.documentId).toBe(documentId);
    expect(runs(result)).toEqual([
      '2020-01-01→2020-01-01 ×1',
      '2019-01-01→2019-01-01 ×1',
      '2018-01-01→2018-06-01 ×2',
      '2017-01-01→2017-01-01 ×1',
    ]);
  });

  it('keeps a wording that came back as two versions', () => {
    expect(runs(versions('"ten years"'))).toEqual(['2019-01-01→2019-01-01 ×1', '2017-01-01→2017-01-01 ×1']);
    expect(runs(versions('"five years"'))).toEqual(['2018-01-01→2018-06-01 ×2']);
    expect(versions('zeppelin').versions).toEqual([]);
  });

  it('shows the matching block highlighted, with its heading path', () => {
    const [version] = versions('"five years"').versions;
    expect(version?.snippet).toBe(`We keep records for ${HIGHLIGHT_START}five years${HIGHLIGHT_END}.`);
    expect(version?.headingPath).toEqual(['Privacy Policy', 'Retention']);
    expect(version?.snapshot.documentId).toBe(documentId);
  });

  it('counts only the captures within the filters', () => {
    expect(runs(versions('records', { capturedTo: '2018-03' }))).toEqual([
      '2018-01-01→2018-01-01 ×1',
      '2017-01-01→2017-01-01 ×1',
    ]);
    expect(runs(versions('records', { latestOnly: true }))).toEqual(['2020-01-01→2020-01-01 ×1']);
    expect(runs(versions('records', { inForceOn: '2018-12' }))).toEqual(['2018-06-01→2018-06-01 ×1']);
    expect(versions('records', { vendorIds: [999] }).versions).toEqual([]);
  });

  it('agrees with the search hit it expands', () => {
    const [hit] = searchArchive(db, { query: '"ten years"' }).hits;
    const result = versions('"ten years"');
    expect(hit?.snapshot.id).toBe(result.versions[0]?.snapshot.id);
    expect(hit?.matchingSnapshotCount).toBe(result.versions.reduce((sum, version) => sum + version.captureCount, 0));
  });

  it('has no versions for a document that does not exist or an empty query', () => {
    expect(searchVersions(db, { query: 'records', documentId: 424242 }).versions).toEqual([]);
    expect(versions('   ').versions).toEqual([]);
  });

  it('expands a real policy history into its matching versions', () => {
    storeCaptures(db, openTermsCaptures('Perplexity'));
    const [hit] = searchArchive(db, {
      query: 'cookies',
      filters: { vendorIds: [findVendor(db, 'Perplexity')!.id] },
    }).hits;
    const result = searchVersions(db, { query: 'cookies', documentId: hit!.documentId });
    expect(result.versions.length).toBeGreaterThan(0);
    const times = result.versions.map((version) => version.snapshot.capturedAt);
    expect(times).toEqual([...times].sort().reverse());
    for (const version of result.versions) expect(version.snippet.toLowerCase()).toContain(`${HIGHLIGHT_START}cookie`);
  });
});
