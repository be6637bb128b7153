import { statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/archive/migrations';
import {
  archiveInfo,
  findVendor,
  getSnapshot,
  getSnapshotSummary,
  hasImportHistory,
  knownVendors,
  listImports,
  listVendors,
  vendorTimeline,
} from '../../../src/main/archive/queries';
import { sha256Hex } from '../../../src/main/archive/hashing';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { aCapture, heading, listItem, paragraph, vendor } from './captureBuilder';
import { tempArchive } from './tempArchive';

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
let ids: Record<string, number>;

const v1 = [
  heading('Privacy Policy', 1),
  paragraph('We collect your email address.'),
  listItem('Email'),
  listItem('Name'),
];
const v2 = [
  heading('Privacy Policy', 1),
  paragraph('We collect your email address and phone number.'),
  listItem('Email'),
];
const terms = [heading('Terms of Service', 1), paragraph('Be nice.')];

beforeEach(() => {
  archive = tempArchive();
  db = archive.db;
  const writer = new ArchiveWriter(db);
  const importId = writer.beginImport('fixture');
  const add = (name: string, capture: ReturnType<typeof aCapture>): void => {
    ids[name] = writer.addCapture(importId, capture, sha256Hex(name)).snapshotId;
  };
  ids = {};
  const acme = { vendor: vendor('Acme') };
  // Inserted out of time order on purpose: the timeline must sort by capture time.
  add('acme-2019', aCapture({ ...acme, capturedAt: '2019-03-01T00:00:00Z', blocks: v2 }));
  add('acme-2017', aCapture({ ...acme, capturedAt: '2017-06-01T12:00:00Z', blocks: v1, inferred: ['effectiveDate'] }));
  add('acme-2018', aCapture({ ...acme, capturedAt: '2018-01-01T00:00:00Z', blocks: v1 }));
  add(
    'acme-terms',
    aCapture({
      ...acme,
      document: { key: 'terms-of-service', title: 'Terms of Service' },
      blocks: terms,
      capturedAt: '2020-01-01T00:00:00Z',
    }),
  );
  add(
    'zed',
    aCapture({ vendor: { key: 'zed.example', displayName: 'zed.example' }, capturedAt: '2016-01-01T00:00:00Z' }),
  );
  writer.finishImport(importId, 'done');
});
afterEach(() => archive.dispose());

describe('vendors', () => {
  it('lists vendors by name with documents, captures, distinct versions and date range', () => {
    const vendors = listVendors(db);
    expect(vendors.map((v) => v.displayName)).toEqual(['Acme', 'zed.example']);
    expect(vendors[0]).toMatchObject({
      key: 'acme',
      documentCount: 2,
      snapshotCount: 4,
      versionCount: 3, // v1 twice, v2, terms
      firstCapturedAt: '2017-06-01T12:00:00Z',
      lastCapturedAt: '2020-01-01T00:00:00Z',
    });
    expect(vendors[1]).toMatchObject({ documentCount: 1, snapshotCount: 1, versionCount: 1 });
  });

  it('finds a vendor by id, key or display name in any case', () => {
    const acme = listVendors(db)[0]!;
    expect(findVendor(db, String(acme.id))?.key).toBe('acme');
    expect(findVendor(db, 'acme')?.id).toBe(acme.id);
    expect(findVendor(db, 'ACME')?.id).toBe(acme.id);
    expect(findVendor(db, 'Zed.Example')?.key).toBe('zed.example');
    expect(findVendor(db, 'nobody.example')).toBeNull();
    expect(findVendor(db, '  ')).toBeNull();
  });

  it('gives importers the known vendors', () => {
    expect(knownVendors(db)).toEqual([
      { key: 'acme', displayName: 'Acme' },
      { key: 'zed.example', displayName: 'zed.example' },
    ]);
  });
});

describe('vendorTimeline', () => {
  it('lists each document with its snapshots in capture order', () => {
    const acme = findVendor(db, 'acme')!;
    const timeline = vendorTimeline(db, acme.id)!;
    expect(timeline.vendor).toEqual(acme);
    expect(timeline.documents.map((d) => [d.title, d.snapshotCount])).toEqual([
      ['Privacy Policy', 3],
      ['Terms of Service', 1],
    ]);
    const privacy = timeline.documents[0]!;
    expect(privacy.snapshots.map((s) => s.id)).toEqual([ids['acme-2017'], ids['acme-2018'], ids['acme-2019']]);
    expect(privacy.snapshots.every((s) => s.documentId === privacy.id && s.vendorName === 'Acme')).toBe(true);
    // Same text, same hash; a new version, a new hash.
    expect(privacy.snapshots[0]!.contentHash).toBe(privacy.snapshots[1]!.contentHash);
    expect(privacy.snapshots[2]!.contentHash).not.toBe(privacy.snapshots[1]!.contentHash);
  });

  it('is null for an unknown vendor', () => {
    expect(vendorTimeline(db, 999_999)).toBeNull();
  });
});

describe('snapshots', () => {
  it('returns a snapshot with its metadata and its blocks in order', () => {
    const snapshot = getSnapshot(db, ids['acme-2017']!)!;
    expect(snapshot.blocks).toEqual(v1);
    expect(snapshot).toMatchObject({
      vendorName: 'Acme',
      documentTitle: 'Privacy Policy',
      capturedAt: '2017-06-01T12:00:00Z',
      sourceFormat: 'princeton-markdown',
      inferred: ['effectiveDate'],
      effectiveDate: '2018-05-25',
      wordCount: 2 + 5 + 1 + 1,
    });
    expect(snapshot.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const { blocks: _blocks, ...summary } = snapshot;
    expect(getSnapshotSummary(db, snapshot.id)).toEqual(summary);
  });

  it('is null for an unknown snapshot', () => {
    expect(getSnapshot(db, 999_999)).toBeNull();
    expect(getSnapshotSummary(db, 999_999)).toBeNull();
  });
});

describe('archiveInfo', () => {
  it('counts the archive content and reports the file size', () => {
    db.pragma('wal_checkpoint(TRUNCATE)');
    const info = archiveInfo(db, archive.file);
    expect(info).toMatchObject({
      path: archive.file,
      schemaVersion: LATEST_SCHEMA_VERSION,
      vendorCount: 2,
      documentCount: 3,
      snapshotCount: 5,
      textCount: 4,
    });
    // v1, v2, terms and the default capture share their "Privacy Policy" heading and the "Email" item.
    expect(info.blockCount).toBe(4 + 1 + 2 + 1);
    expect(info.sizeBytes).toBe(statSync(archive.file).size);
  });
});

describe('listImports', () => {
  it('lists imports newest first with what each added', () => {
    const writer = new ArchiveWriter(db, { now: () => new Date('2030-01-01T00:00:00Z') });
    const interrupted = writer.beginImport('/downloads/policies');
    writer.addCapture(interrupted, aCapture({ capturedAt: '2030-01-01T00:00:00Z' }), sha256Hex('x'));
    writer.recordSource(interrupted, {
      hash: sha256Hex('x'),
      path: '/downloads/policies/x.md',
      format: 'princeton-markdown',
      snapshotCount: 1,
    });

    const imports = listImports(db);
    expect(imports.map((i) => [i.description, i.status, i.snapshotCount, i.sourceCount])).toEqual([
      ['/downloads/policies', 'running', 1, 1],
      ['fixture', 'done', 5, 0],
    ]);
    expect(imports[0]).toMatchObject({ importId: interrupted, startedAt: '2030-01-01T00:00:00Z', finishedAt: null });
  });
});

describe('hasImportHistory', () => {
  it('is true once anything was imported, even an import that added nothing, and false after undoing all', () => {
    expect(hasImportHistory(db)).toBe(true);
    const fresh = tempArchive();
    try {
      expect(hasImportHistory(fresh.db)).toBe(false);
      const writer = new ArchiveWriter(fresh.db);
      const nothing = writer.beginImport('only duplicates');
      writer.finishImport(nothing, 'done');
      expect(hasImportHistory(fresh.db)).toBe(true);
      writer.undoImport(nothing);
      expect(hasImportHistory(fresh.db)).toBe(false);
    } finally {
      fresh.dispose();
    }
  });
});
