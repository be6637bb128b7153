import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  setSnapshotNote,
  setSnapshotTags,
  setVendorTags,
  snapshotAnnotations,
  vendorTagNames,
} from '../../../src/main/archive/annotations';
import { openArchive } from '../../../src/main/archive/database';
import { libraryVendors } from '../../../src/main/archive/library';
import { findVendor, listVendors, vendorTimeline } from '../../../src/main/archive/queries';
import { mergeVendors, renameVendor, VendorEditError } from '../../../src/main/archive/vendorEdits';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { runImport } from '../../../src/main/importers/pipeline';
import { searchArchive } from '../../../src/main/search/search';
import type { Capture } from '../../../src/main/importers/capture';
import type { VendorSummary } from '../../../src/shared/domain';
import { assertArchiveIntegrity, tableCounts } from '../../support/archiveState';
import { samplesDir, tempDir } from '../../support/paths';
import { aCapture, blocksFromMarkdown, openTermsCaptures, paragraph } from './captureBuilder';

const formlabsHistory = join(samplesDir, 'princeton-history', 'formlabs.com');
const formlabs2018 = join(samplesDir, 'princeton', '001_670e77c443145c28.txt');

let dir: string;
let cleanup: () => void;
let db: Database.Database;

beforeEach(() => {
  ({ dir, cleanup } = tempDir('pae-vendor-edits-'));
  db = openArchive(join(dir, 'archive.sqlite'));
});
afterEach(() => {
  if (db.open) db.close();
  cleanup();
});

function vendorOf(ref: string): VendorSummary {
  const found = findVendor(db, ref);
  if (!found) throw new Error(`no vendor ${ref}`);
  return found;
}

/** Every capture of a vendor as (document key, capture time, content hash), sorted. */
function captures(vendorId: number): string[] {
  return vendorTimeline(db, vendorId)!
    .documents.flatMap((document) =>
      document.snapshots.map((snapshot) => `${document.key} ${snapshot.capturedAt} ${snapshot.contentHash}`),
    )
    .sort();
}

/** No foreign key points nowhere (foreign keys are on, but this checks the data itself). */
function foreignKeyProblems(): unknown[] {
  return db.prepare('PRAGMA foreign_key_check').all();
}

/** Rows of the text store and its index, which a merge must not touch. */
function textStore(): Record<string, number> {
  const counts = tableCounts(db);
  return { texts: counts.texts!, blocks: counts.blocks!, text_blocks: counts.text_blocks! };
}

describe('renameVendor', () => {
  it('changes the display name only: later imports of the same source still find the vendor', async () => {
    await runImport(db, [join(formlabsHistory, '2015-05-04.html')]);
    const before = vendorOf('formlabs.com');
    const renamed = renameVendor(db, before.id, '  Formlabs  ')!;
    expect(renamed).toEqual({ ...before, displayName: 'Formlabs' });
    expect(vendorOf('Formlabs').id).toBe(before.id);

    await runImport(db, [join(formlabsHistory, '2016-05-09.md')]);
    expect(listVendors(db)).toHaveLength(1);
    expect(vendorOf('Formlabs')).toMatchObject({ key: 'formlabs.com', displayName: 'Formlabs', snapshotCount: 2 });
  });

  it('returns null for an unknown vendor and refuses an empty name or another vendor’s name or key', async () => {
    await runImport(db, [formlabsHistory, join(samplesDir, 'princeton-history', 'protolabs.com')]);
    const formlabs = vendorOf('formlabs.com');
    expect(renameVendor(db, 9999, 'Anything')).toBeNull();
    expect(() => renameVendor(db, formlabs.id, '   ')).toThrow(/new name is empty/);
    expect(() => renameVendor(db, formlabs.id, 'PROTOLABS.COM')).toThrow(VendorEditError);
    expect(() => renameVendor(db, formlabs.id, 'protolabs.com')).toThrow(/Merge the two vendors instead/);
    expect(vendorOf('formlabs.com').displayName).toBe('formlabs.com');
    // Its own name in another case is fine.
    expect(renameVendor(db, formlabs.id, 'FORMLABS.COM')!.displayName).toBe('FORMLABS.COM');
  });
});

/** Store captures as one import, as the pipeline would; returns the import id. */
function importCaptures(label: string, list: readonly Capture[]): string {
  const writer = new ArchiveWriter(db);
  const importId = writer.beginImport(label);
  db.transaction(() => {
    list.forEach((capture, index) => {
      writer.addCapture(importId, capture, createHash('sha256').update(`${label} ${index}`).digest('hex'));
    });
  })();
  writer.finishImport(importId, 'done');
  return importId;
}

/** Claude.ai's recorded captures (real sample text) filed under another vendor. */
function claudeAs(key: string, displayName: string, from: number, to: number): Capture[] {
  return openTermsCaptures('Claude.ai')
    .slice(from, to)
    .map((capture) => ({ ...capture, vendor: { key, displayName } }));
}

/** A capture of a Princeton Markdown file (real text), filed under the given vendor. */
function princetonCapture(path: string, capturedAt: string, vendorFields: Capture['vendor']): Capture {
  return aCapture({
    vendor: vendorFields,
    capturedAt,
    sourcePath: path,
    blocks: blocksFromMarkdown(readFileSync(path, 'utf8')),
  });
}

/**
 * The same service under two keys, as two sources name it: "claude.ai" with Claude.ai's
 * captures 0–29 (import 1) and "Anthropic" with captures 20–49 (import 2): 10 in common.
 */
function twoClaudes(): { source: VendorSummary; target: VendorSummary; importIds: string[] } {
  const importIds = [
    importCaptures('claude.ai', claudeAs('claude.ai', 'claude.ai', 0, 30)),
    importCaptures('anthropic', claudeAs('anthropic', 'Anthropic', 20, 50)),
  ];
  return { source: vendorOf('claude.ai'), target: vendorOf('Anthropic'), importIds };
}

describe('mergeVendors', () => {
  it('folds overlapping documents into the target, dropping captures it already has, and counts both', () => {
    const { source, target } = twoClaudes();
    const sourceCaptures = captures(source.id);
    const targetCaptures = captures(target.id);
    const union = [...new Set([...sourceCaptures, ...targetCaptures])].sort();
    const duplicates = sourceCaptures.length + targetCaptures.length - union.length;
    expect(duplicates).toBe(10);
    const storeBefore = textStore();

    const result = mergeVendors(db, { targetId: target.id, sourceIds: [source.id] });

    expect(result.duplicatesDropped).toBe(duplicates);
    expect(result.snapshotsMoved).toBe(sourceCaptures.length - duplicates);
    expect(result.documentsMoved).toBe(0);
    expect(result.vendor).toEqual(vendorOf('Anthropic'));
    expect(result.vendor.snapshotCount).toBe(union.length);
    expect(captures(target.id)).toEqual(union);
    // One document, not two: the same key folded together.
    expect(vendorTimeline(db, target.id)!.documents).toHaveLength(1);
    expect(listVendors(db).map((vendor) => vendor.displayName)).toEqual(['Anthropic']);

    expect(textStore()).toEqual(storeBefore);
    assertArchiveIntegrity(db);
    expect(foreignKeyProblems()).toEqual([]);
  });

  it('moves a document the target does not have whole, with its id and title', async () => {
    await runImport(db, [formlabsHistory]);
    importCaptures('cookies', [
      aCapture({
        vendor: { key: 'formlabs-cookies', displayName: 'Formlabs cookies' },
        document: { key: 'cookie-policy', title: 'Cookie Policy' },
        blocks: [paragraph('We use cookies to remember your cart.')],
      }),
    ]);
    const source = vendorOf('formlabs-cookies');
    const target = vendorOf('formlabs.com');
    const documentId = vendorTimeline(db, source.id)!.documents[0]!.id;

    const result = mergeVendors(db, { targetId: target.id, sourceIds: [source.id] });
    expect(result).toMatchObject({ documentsMoved: 1, snapshotsMoved: 1, duplicatesDropped: 0 });
    const documents = vendorTimeline(db, target.id)!.documents;
    expect(documents.map((document) => [document.id, document.title])).toContainEqual([documentId, 'Cookie Policy']);
    expect(result.vendor.documentCount).toBe(2);
    expect(foreignKeyProblems()).toEqual([]);
  });

  it('carries vendor tags, and the tags and notes of dropped duplicates, to what remains', () => {
    const { source, target } = twoClaudes();
    setVendorTags(db, source.id, ['GDPR', 'AI']);
    setVendorTags(db, target.id, ['gdpr', 'reviewed']);
    // Capture 25 is in both vendors: annotate both copies.
    const time = openTermsCaptures('Claude.ai')[25]!.capturedAt;
    const copy = (vendorId: number) =>
      vendorTimeline(db, vendorId)!.documents[0]!.snapshots.find((s) => s.capturedAt === time)!.id;
    const sourceCopy = copy(source.id);
    const targetCopy = copy(target.id);
    setSnapshotTags(db, sourceCopy, ['checked']);
    setSnapshotNote(db, sourceCopy, 'Seen by the first crawler.');
    setSnapshotTags(db, targetCopy, ['baseline']);
    setSnapshotNote(db, targetCopy, 'Seen by the second crawler.');
    // A capture only the source has keeps its own annotations as it moves.
    const only = vendorTimeline(db, source.id)!.documents[0]!.snapshots[0]!;
    setSnapshotNote(db, only.id, 'The first capture.');

    mergeVendors(db, { targetId: target.id, sourceIds: [source.id] });

    // One tag whatever the case, spelled as it was first written (GDPR, by the source).
    expect(vendorTagNames(db, target.id)).toEqual(['AI', 'GDPR', 'reviewed']);
    const annotations = snapshotAnnotations(db, copy(target.id))!;
    expect(annotations.tags).toEqual(['baseline', 'checked']);
    expect(annotations.note).toContain('Seen by the first crawler.');
    expect(annotations.note).toContain('Seen by the second crawler.');
    expect(snapshotAnnotations(db, only.id)!.note).toBe('The first capture.');
    expect(vendorTimeline(db, target.id)!.documents[0]!.snapshots.map((s) => s.id)).toContain(only.id);
    expect(foreignKeyProblems()).toEqual([]);
  });

  it('changes nothing and says why for a target among the sources, unknown vendors or no sources', () => {
    const { source, target } = twoClaudes();
    const before = tableCounts(db);
    expect(() => mergeVendors(db, { targetId: target.id, sourceIds: [source.id, target.id] })).toThrow(/into itself/);
    expect(() => mergeVendors(db, { targetId: 9999, sourceIds: [source.id] })).toThrow(/no vendor with id 9999/);
    expect(() => mergeVendors(db, { targetId: target.id, sourceIds: [source.id, 777] })).toThrow(
      /no vendor with id 777/,
    );
    expect(() => mergeVendors(db, { targetId: target.id, sourceIds: [] })).toThrow(VendorEditError);
    expect(tableCounts(db)).toEqual(before);
  });

  it('merges several vendors at once, folding documents two sources share', () => {
    importCaptures('a', claudeAs('claude.ai', 'claude.ai', 0, 5));
    importCaptures('b', claudeAs('anthropic', 'Anthropic', 5, 10));
    importCaptures('c', claudeAs('anthropic.com', 'Anthropic PBC', 8, 12));
    const result = mergeVendors(db, {
      targetId: vendorOf('claude.ai').id,
      sourceIds: [vendorOf('Anthropic').id, vendorOf('Anthropic PBC').id],
    });
    // Captures 8 and 9 came with both sources: the second brings them as duplicates.
    expect(result).toMatchObject({ documentsMoved: 0, snapshotsMoved: 7, duplicatesDropped: 2 });
    expect(result.vendor.snapshotCount).toBe(12);
    expect(listVendors(db)).toHaveLength(1);
    assertArchiveIntegrity(db);
  });
});

describe('after a merge', () => {
  it('search shows the merged vendor, also when the search had already run before the merge', async () => {
    // No duplicates: only snapshot → document links change, not the number of snapshots.
    await runImport(db, [join(formlabsHistory, '2015-05-04.html'), join(formlabsHistory, '2016-05-09.md')]);
    importCaptures('formlabs', [
      princetonCapture(join(formlabsHistory, '2017-02-11.md'), '2017-02-11T20:13:43Z', {
        key: 'formlabs',
        displayName: 'Formlabs',
      }),
    ]);
    const source = vendorOf('formlabs.com');
    const target = vendorOf('Formlabs');
    const query = { query: 'Formlabs', limit: 50 };
    const before = searchArchive(db, query);
    expect(before.hits.map((hit) => hit.vendorName).sort()).toEqual(['Formlabs', 'formlabs.com']);

    renameVendor(db, target.id, 'Formlabs Inc.');
    mergeVendors(db, { targetId: target.id, sourceIds: [source.id] });

    const after = searchArchive(db, query);
    expect(after.hits).toHaveLength(1);
    const [hit] = after.hits;
    expect(hit).toMatchObject({ vendorId: target.id, vendorName: 'Formlabs Inc.' });
    expect(hit!.matchingSnapshotCount).toBe(3);
    expect(hit!.snapshot.capturedAt).toBe('2017-02-11T20:13:43Z');
    // Filtering by the merged vendor finds the moved snapshots' documents too.
    const filtered = searchArchive(db, { query: 'Formlabs', filters: { vendorIds: [target.id] } });
    expect(filtered.hits.map((h) => h.documentId)).toEqual([hit!.documentId]);
    expect(searchArchive(db, { query: 'Formlabs', filters: { vendorIds: [source.id] } }).hits).toEqual([]);
  });

  it('undoing the import of the merged vendor removes exactly its captures, like undoing the first of two imports', () => {
    const { source, target, importIds } = twoClaudes();
    const targetCaptures = captures(target.id);
    const sourceCaptures = captures(source.id);
    mergeVendors(db, { targetId: target.id, sourceIds: [source.id] });

    new ArchiveWriter(db).undoImport(importIds[0]!);

    // Captures both imports had were kept as import 1's rows (stored first), so they go with it,
    // as when the same file is imported twice and the first import is undone.
    expect(captures(target.id)).toEqual(targetCaptures.filter((capture) => !sourceCaptures.includes(capture)));
    expect(listVendors(db).map((vendor) => vendor.id)).toEqual([target.id]);
    assertArchiveIntegrity(db);
    expect(foreignKeyProblems()).toEqual([]);
    expect(
      db
        .prepare(
          'SELECT count(*) FROM documents WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.document_id = documents.id)',
        )
        .pluck()
        .get(),
    ).toBe(0);
  });

  it('undoing the target’s import keeps every capture the merged vendor brought', () => {
    const { source, target, importIds } = twoClaudes();
    const sourceCaptures = captures(source.id);
    mergeVendors(db, { targetId: target.id, sourceIds: [source.id] });

    new ArchiveWriter(db).undoImport(importIds[1]!);

    expect(captures(target.id)).toEqual(sourceCaptures);
    assertArchiveIntegrity(db);
    expect(foreignKeyProblems()).toEqual([]);
  });

  it('undoing an import whose captures were merged away restores the archive as it was without it', async () => {
    const first = await runImport(db, [
      join(formlabsHistory, '2015-05-04.html'),
      join(formlabsHistory, '2016-05-09.md'),
    ]);
    const laterCapture = princetonCapture(formlabs2018, '2018-08-13T14:21:16Z', {
      key: 'formlabs',
      displayName: 'Formlabs',
    });
    importCaptures('formlabs', [laterCapture]);
    const target = vendorOf('Formlabs');
    const expected = captures(target.id);
    const expectedStore = textStore();
    const withoutMerge = textStoreOf(() => importCaptures('formlabs', [laterCapture]));
    mergeVendors(db, { targetId: target.id, sourceIds: [vendorOf('formlabs.com').id] });
    expect(captures(target.id)).toHaveLength(3);

    new ArchiveWriter(db).undoImport(first.importId);

    expect(listVendors(db).map((vendor) => vendor.id)).toEqual([target.id]);
    expect(captures(target.id)).toEqual(expected);
    expect(textStore()).toEqual(withoutMerge);
    expect(textStore()).not.toEqual(expectedStore);
    assertArchiveIntegrity(db);
    expect(foreignKeyProblems()).toEqual([]);
  });

  it('files later imports of a merged vendor’s key under the vendor it was merged into', async () => {
    await runImport(db, [join(formlabsHistory, '2015-05-04.html')]);
    importCaptures('formlabs', [
      princetonCapture(formlabs2018, '2018-08-13T14:21:16Z', { key: 'formlabs', displayName: 'Formlabs' }),
    ]);
    const target = vendorOf('Formlabs');
    mergeVendors(db, { targetId: target.id, sourceIds: [vendorOf('formlabs.com').id] });

    // New files of formlabs.com (the key their headers give) after the merge.
    const report = await runImport(db, [
      join(formlabsHistory, '2016-05-09.md'),
      join(formlabsHistory, '2017-02-11.md'),
    ]);
    expect(report.snapshotsAdded).toBe(2);
    expect(listVendors(db).map((vendor) => vendor.displayName)).toEqual(['Formlabs']);
    expect(vendorOf('Formlabs').snapshotCount).toBe(4);
    // The old key still names the vendor for commands and filters.
    expect(vendorOf('formlabs.com').id).toBe(target.id);
    expect(libraryVendors(db)[0]!.documents).toHaveLength(1);
  });
});

/** Text store counts of a fresh archive filled by `fill` (run against the module's `db`, swapped in). */
function textStoreOf(fill: () => void): Record<string, number> {
  const { dir: freshDir, cleanup: done } = tempDir('pae-fresh-');
  const saved = db;
  db = openArchive(join(freshDir, 'archive.sqlite'));
  try {
    fill();
    return textStore();
  } finally {
    db.close();
    db = saved;
    done();
  }
}
