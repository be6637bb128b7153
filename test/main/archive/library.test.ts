import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { setVendorTags } from '../../../src/main/archive/annotations';
import { openArchive } from '../../../src/main/archive/database';
import { libraryVendors } from '../../../src/main/archive/library';
import { findVendor, listVendors } from '../../../src/main/archive/queries';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { runImport } from '../../../src/main/importers/pipeline';
import { documentTimeline } from '../../../src/main/timeline/documentTimeline';
import { samplesDir, tempDir } from '../../support/paths';
import { aCapture, heading, paragraph, vendor } from './captureBuilder';
import { tempArchive } from './tempArchive';

/** One document's numbers computed straight from the snapshots, independently of library.ts. */
function documentNumbersBySql(db: Database.Database, documentId: number) {
  return db
    .prepare(
      `SELECT count(*) AS snapshotCount, count(DISTINCT text_id) AS versionCount,
              min(captured_at) AS firstCapturedAt, max(captured_at) AS lastCapturedAt,
              CASE WHEN count(DISTINCT text_id) > 1 THEN
                (SELECT max(first) FROM (SELECT min(captured_at) AS first FROM snapshots
                                         WHERE document_id = @id GROUP BY text_id))
              END AS lastChangedAt
       FROM snapshots WHERE document_id = @id`,
    )
    .get({ id: documentId });
}

describe('libraryVendors on the sample archive', () => {
  let db: Database.Database;
  let cleanup: () => void;

  beforeAll(async () => {
    const temp = tempDir('pae-library-');
    cleanup = temp.cleanup;
    db = openArchive(join(temp.dir, 'archive.sqlite'));
    await runImport(db, [
      join(samplesDir, 'princeton'),
      join(samplesDir, 'princeton-history'),
      join(samplesDir, 'open-terms-archive', 'Claude.ai'),
      join(samplesDir, 'open-terms-archive', 'ChatGPT'),
    ]);
  });
  afterAll(() => {
    db.close();
    cleanup();
  });

  it('gives every vendor the same summary as the vendor list, in the same order', () => {
    const library = libraryVendors(db);
    expect(library.length).toBeGreaterThanOrEqual(7);
    expect(library.map(({ lastChangedAt: _l, tags: _t, documents: _d, ...summary }) => summary)).toEqual(
      listVendors(db),
    );
  });

  it('counts each document’s captures, distinct texts, span and last change as the snapshots say', () => {
    for (const vendorEntry of libraryVendors(db)) {
      expect(vendorEntry.documents.length).toBe(vendorEntry.documentCount);
      for (const document of vendorEntry.documents) {
        const { id, key: _key, title: _title, ...numbers } = document;
        expect(numbers).toEqual(documentNumbersBySql(db, id));
      }
      const changes = vendorEntry.documents.map((d) => d.lastChangedAt).filter((at): at is string => at !== null);
      expect(vendorEntry.lastChangedAt).toBe(changes.length > 0 ? changes.sort().at(-1) : null);
    }
  });

  it('agrees with the timeline for Claude.ai: 102 captures, 9 versions, changed when the newest version was first seen', () => {
    const claude = libraryVendors(db).find((entry) => entry.displayName === 'Claude.ai')!;
    const [document] = claude.documents;
    const timeline = documentTimeline(db, document!.id)!;
    expect(document!.snapshotCount).toBe(102);
    expect(document!.versionCount).toBe(timeline.versions.length);
    const newest = timeline.versions
      .map((version) => version.firstSeen)
      .sort()
      .at(-1);
    expect(document!.lastChangedAt).toBe(newest);
    expect(claude.lastChangedAt).toBe(newest);
    expect(document!.firstCapturedAt).toBe(timeline.versions[0]!.firstSeen);
  });

  it('lists each vendor’s tags, sorted', () => {
    const formlabs = findVendor(db, 'formlabs.com')!;
    setVendorTags(db, formlabs.id, ['printing', 'GDPR']);
    const entry = libraryVendors(db).find((candidate) => candidate.id === formlabs.id)!;
    expect(entry.tags).toEqual(['GDPR', 'printing']);
    expect(
      libraryVendors(db)
        .filter((candidate) => candidate.id !== formlabs.id)
        .every((v) => v.tags.length === 0),
    ).toBe(true);
  });
});

describe('libraryVendors on constructed histories', () => {
  let archive: ReturnType<typeof tempArchive>;
  beforeEach(() => {
    archive = tempArchive();
  });
  afterEach(() => archive.dispose());

  it('is empty for an empty archive', () => {
    expect(libraryVendors(archive.db)).toEqual([]);
  });

  it('has no last change for a document seen with one text only, however often', () => {
    const writer = new ArchiveWriter(archive.db);
    const importId = writer.beginImport('test');
    for (const capturedAt of ['2019-01-01T00:00:00Z', '2020-01-01T00:00:00Z']) {
      writer.addCapture(importId, aCapture({ capturedAt }), 'a'.repeat(64));
    }
    const [entry] = libraryVendors(archive.db);
    expect(entry!.documents[0]).toMatchObject({ snapshotCount: 2, versionCount: 1, lastChangedAt: null });
    expect(entry!.lastChangedAt).toBeNull();
    expect(entry!.firstCapturedAt).toBe('2019-01-01T00:00:00Z');
    expect(entry!.lastCapturedAt).toBe('2020-01-01T00:00:00Z');
  });

  it('dates a change by the first capture of the text first seen last, even when an older text comes back', () => {
    const writer = new ArchiveWriter(archive.db);
    const importId = writer.beginImport('test');
    const textA = [heading('Privacy', 1), paragraph('We collect your email address.')];
    const textB = [heading('Privacy', 1), paragraph('We collect your email address and your phone number.')];
    const history: Array<[string, typeof textA]> = [
      ['2019-01-01T00:00:00Z', textA],
      ['2019-06-01T00:00:00Z', textB],
      ['2020-01-01T00:00:00Z', textA],
    ];
    for (const [capturedAt, blocks] of history) {
      writer.addCapture(importId, aCapture({ capturedAt, blocks }), 'a'.repeat(64));
    }
    const [entry] = libraryVendors(archive.db);
    expect(entry!.documents[0]).toMatchObject({
      snapshotCount: 3,
      versionCount: 2,
      lastChangedAt: '2019-06-01T00:00:00Z',
    });
  });

  it('sums a vendor’s documents, counts a text two documents share once, and takes the newest change', () => {
    const writer = new ArchiveWriter(archive.db);
    const importId = writer.beginImport('test');
    const acme = vendor('Acme');
    const shared = [heading('Terms', 1), paragraph('These words appear in both documents.')];
    const add = (key: string, title: string, capturedAt: string, blocks = shared) =>
      writer.addCapture(
        importId,
        aCapture({ vendor: acme, document: { key, title }, capturedAt, blocks }),
        'a'.repeat(64),
      );
    add('privacy-policy', 'Privacy Policy', '2018-01-01T00:00:00Z');
    add('privacy-policy', 'Privacy Policy', '2018-07-01T00:00:00Z', [paragraph('A new privacy policy.')]);
    add('cookie-policy', 'Cookie Policy', '2017-01-01T00:00:00Z');
    add('cookie-policy', 'Cookie Policy', '2021-03-01T00:00:00Z', [paragraph('A new cookie policy.')]);
    writer.addCapture(importId, aCapture({ vendor: vendor('beta') }), 'a'.repeat(64));

    const library = libraryVendors(archive.db);
    // By display name, ignoring case: Acme before beta.
    expect(library.map((entry) => entry.displayName)).toEqual(['Acme', 'beta']);
    const [entry] = library;
    expect(entry!.documents.map((document) => document.title)).toEqual(['Cookie Policy', 'Privacy Policy']);
    expect(entry).toMatchObject({
      documentCount: 2,
      snapshotCount: 4,
      versionCount: 3,
      firstCapturedAt: '2017-01-01T00:00:00Z',
      lastCapturedAt: '2021-03-01T00:00:00Z',
      lastChangedAt: '2021-03-01T00:00:00Z',
    });
  });
});
