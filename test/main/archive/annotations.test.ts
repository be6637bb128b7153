import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  listTags,
  setSnapshotNote,
  setSnapshotTags,
  setVendorTags,
  snapshotAnnotations,
  vendorTagNames,
} from '../../../src/main/archive/annotations';
import { openArchive } from '../../../src/main/archive/database';
import { findVendor, vendorTimeline } from '../../../src/main/archive/queries';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { runImport } from '../../../src/main/importers/pipeline';
import { samplesDir, tempDir } from '../../support/paths';

const history = join(samplesDir, 'princeton-history');

let dir: string;
let cleanup: () => void;
let db: Database.Database;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('pae-annotations-'));
  db = openArchive(join(dir, 'archive.sqlite'));
});
afterEach(() => {
  if (db.open) db.close();
  cleanup();
});

function vendorId(ref: string): number {
  return findVendor(db, ref)!.id;
}

function snapshotIds(ref: string): number[] {
  return vendorTimeline(db, vendorId(ref))!.documents.flatMap((document) => document.snapshots.map((s) => s.id));
}

const rows = (table: string): number => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;

describe('vendor tags', () => {
  beforeEach(async () => {
    await runImport(db, [join(history, 'formlabs.com'), join(history, 'protolabs.com')]);
  });

  it('trims, drops empty names, keeps one spelling per tag ignoring case, and sorts ignoring case', () => {
    const stored = setVendorTags(db, vendorId('formlabs.com'), [
      ' gdpr ',
      'GDPR',
      'Zeta',
      'alpha',
      '',
      '  ',
      '3D   printing',
    ]);
    expect(stored).toEqual(['3D printing', 'alpha', 'gdpr', 'Zeta']);
    expect(vendorTagNames(db, vendorId('formlabs.com'))).toEqual(stored);
  });

  it('replaces the whole set, and an empty list removes every tag', () => {
    const id = vendorId('formlabs.com');
    setVendorTags(db, id, ['a', 'b']);
    expect(setVendorTags(db, id, ['b', 'c'])).toEqual(['b', 'c']);
    expect(setVendorTags(db, id, [])).toEqual([]);
    expect(listTags(db)).toEqual([]);
  });

  it('shares a tag between vendors in its first spelling, and forgets that spelling once nothing uses it', () => {
    setVendorTags(db, vendorId('formlabs.com'), ['GDPR']);
    expect(setVendorTags(db, vendorId('protolabs.com'), ['gdpr'])).toEqual(['GDPR']);
    setVendorTags(db, vendorId('formlabs.com'), []);
    setVendorTags(db, vendorId('protolabs.com'), []);
    expect(setVendorTags(db, vendorId('protolabs.com'), ['gdpr'])).toEqual(['gdpr']);
  });

  it('returns null for an unknown vendor and stores nothing', () => {
    expect(setVendorTags(db, 9999, ['x'])).toBeNull();
    expect(rows('tags')).toBe(0);
  });
});

describe('snapshot tags and notes', () => {
  let first: number;
  let second: number;
  beforeEach(async () => {
    await runImport(db, [join(history, 'formlabs.com')]);
    [first, second] = snapshotIds('formlabs.com') as [number, number];
  });

  it('starts empty, and returns null for a snapshot that does not exist', () => {
    expect(snapshotAnnotations(db, first)).toEqual({ snapshotId: first, tags: [], note: null, noteUpdatedAt: null });
    expect(snapshotAnnotations(db, 9999)).toBeNull();
    expect(setSnapshotTags(db, 9999, ['x'])).toBeNull();
    expect(setSnapshotNote(db, 9999, 'text')).toBeNull();
    expect(rows('snapshot_notes') + rows('tags')).toBe(0);
  });

  it('cleans snapshot tags like vendor tags', () => {
    expect(setSnapshotTags(db, first, ['Pre-GDPR', ' pre-gdpr', 'baseline '])!.tags).toEqual(['baseline', 'Pre-GDPR']);
  });

  it('writes, replaces and removes a note; blank text removes it', () => {
    const written = setSnapshotNote(db, first, '  Adds a section on cookies.\n', new Date('2024-03-01T10:00:00.500Z'))!;
    expect(written).toMatchObject({ note: 'Adds a section on cookies.', noteUpdatedAt: '2024-03-01T10:00:00Z' });
    const replaced = setSnapshotNote(db, first, 'Second thoughts.', new Date('2024-03-02T09:00:00Z'))!;
    expect(replaced).toMatchObject({ note: 'Second thoughts.', noteUpdatedAt: '2024-03-02T09:00:00Z' });
    expect(snapshotAnnotations(db, second)!.note).toBeNull();
    expect(setSnapshotNote(db, first, ' \n\t ')).toMatchObject({ note: null, noteUpdatedAt: null });
    expect(rows('snapshot_notes')).toBe(0);
  });

  it('counts each tag’s vendors and snapshots, listing only tags in use, by name', () => {
    setVendorTags(db, vendorId('formlabs.com'), ['reviewed', 'GDPR']);
    setSnapshotTags(db, first, ['gdpr', 'baseline']);
    setSnapshotTags(db, second, ['GDPR']);
    setSnapshotTags(db, second, []);
    setSnapshotTags(db, first, ['gdpr']);
    expect(listTags(db)).toEqual([
      { name: 'GDPR', vendorCount: 1, snapshotCount: 1 },
      { name: 'reviewed', vendorCount: 1, snapshotCount: 0 },
    ]);
  });

  it('goes away with the import that added the snapshot, and a vendor’s tags with the vendor', async () => {
    const report = await runImport(db, [join(history, 'protolabs.com')]);
    const [proto] = snapshotIds('protolabs.com');
    setSnapshotTags(db, proto!, ['unique-to-protolabs', 'shared']);
    setSnapshotNote(db, proto!, 'A protolabs note.');
    setVendorTags(db, vendorId('protolabs.com'), ['vendor-tag']);
    setSnapshotTags(db, first, ['shared']);

    new ArchiveWriter(db).undoImport(report.importId);

    expect(snapshotAnnotations(db, proto!)).toBeNull();
    expect(listTags(db)).toEqual([{ name: 'shared', vendorCount: 0, snapshotCount: 1 }]);
    expect(rows('snapshot_notes')).toBe(0);
    expect(rows('vendor_tags')).toBe(0);
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  });
});
