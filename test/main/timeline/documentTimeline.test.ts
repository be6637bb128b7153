import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diffBlocks } from '../../../src/shared/diff/diffBlocks';
import type { ReferenceEvent, SnapshotSummary } from '../../../src/shared/domain';
import { referenceEvent } from '../../../src/shared/referenceEvents';
import { openArchive } from '../../../src/main/archive/database';
import { findVendor, getSnapshot, vendorTimeline } from '../../../src/main/archive/queries';
import { runImport } from '../../../src/main/importers/pipeline';
import { acrossEvent, documentTimeline } from '../../../src/main/timeline/documentTimeline';
import { DIFF_ENGINE_VERSION } from '../../../src/main/timeline/versionChangeCache';
import { samplesDir, tempDir } from '../../support/paths';

/*
 * Timelines of real histories: the Princeton formlabs.com versions (2015–2018,
 * either side of the GDPR) and Claude.ai's 102 recorded captures (2025–2026).
 */

let db: Database.Database;
let file: string;
let cleanup: () => void;

beforeAll(async () => {
  const temp = tempDir('pae-timeline-');
  cleanup = temp.cleanup;
  file = join(temp.dir, 'archive.sqlite');
  db = openArchive(file);
  await runImport(db, [
    join(samplesDir, 'princeton-history'),
    join(samplesDir, 'princeton'),
    join(samplesDir, 'open-terms-archive', 'Claude.ai'),
  ]);
});
afterAll(() => {
  if (db.open) db.close();
  cleanup();
});

/** The vendor's one document and its captures in capture order. */
function documentOf(vendorRef: string): { documentId: number; captures: SnapshotSummary[] } {
  const vendor = findVendor(db, vendorRef);
  if (!vendor) throw new Error(`${vendorRef} was not imported`);
  const [document] = vendorTimeline(db, vendor.id)!.documents;
  return { documentId: document!.id, captures: document!.snapshots };
}

const cacheRows = (): number => db.prepare('SELECT count(*) FROM version_changes').pluck().get() as number;
const clearCache = (): void => {
  db.prepare('DELETE FROM version_changes').run();
};

describe('documentTimeline', () => {
  it('folds Claude.ai’s 102 captures into its 9 distinct texts, seen from the first capture to the last', () => {
    const { documentId, captures } = documentOf('Claude.ai');
    expect(captures).toHaveLength(102);
    const timeline = documentTimeline(db, documentId)!;
    expect(timeline.document.id).toBe(documentId);
    expect(timeline.versions).toHaveLength(new Set(captures.map((capture) => capture.formattingHash)).size);
    expect(timeline.versions).toHaveLength(9);

    // Every capture belongs to exactly one version, and a version's captures share their words.
    const ids = timeline.versions.flatMap((version) => version.snapshotIds);
    expect([...ids].sort((x, y) => x - y)).toEqual(captures.map((capture) => capture.id).sort((x, y) => x - y));
    const byId = new Map(captures.map((capture) => [capture.id, capture]));
    for (const version of timeline.versions) {
      const hashes = new Set(version.snapshotIds.map((id) => byId.get(id)!.formattingHash));
      expect(hashes).toEqual(new Set([version.snapshot.formattingHash]));
      expect(version.snapshotIds[0]).toBe(version.snapshot.id);
      expect(version.firstSeen).toBe(version.snapshot.capturedAt);
      expect(version.lastSeen).toBe(byId.get(version.snapshotIds.at(-1)!)!.capturedAt);
      expect(version.firstSeen <= version.lastSeen).toBe(true);
    }

    // Numbered 1…9 in the order they were first seen, spanning the whole history.
    expect(timeline.versions.map((version) => version.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const firstSeen = timeline.versions.map((version) => version.firstSeen);
    expect(firstSeen).toEqual([...firstSeen].sort());
    expect(firstSeen[0]).toBe(captures[0]!.capturedAt);
    const lastSeen = timeline.versions.map((version) => version.lastSeen).sort();
    expect(lastSeen.at(-1)).toBe(captures.at(-1)!.capturedAt);
  });

  it('gives every later version a positive change magnitude, the same the diff of the two versions shows', () => {
    const { documentId } = documentOf('Claude.ai');
    const { versions } = documentTimeline(db, documentId)!;
    expect(versions[0]!.change).toBeNull();
    for (const [index, version] of versions.entries()) {
      if (index === 0) continue;
      const change = version.change!;
      expect(change.wordsAdded + change.wordsRemoved).toBeGreaterThan(0);
      expect(change.changeRatio).toBeGreaterThan(0);
      expect(change.changeRatio).toBeLessThan(1);
      expect(change.sectionsTouched.length).toBeGreaterThan(0);

      const older = getSnapshot(db, versions[index - 1]!.snapshot.id)!;
      const newer = getSnapshot(db, version.snapshot.id)!;
      const { stats } = diffBlocks(older.blocks, newer.blocks);
      expect(change).toEqual({
        wordsAdded: stats.wordsAdded,
        wordsRemoved: stats.wordsRemoved,
        wordsMoved: stats.wordsMoved,
        changeRatio: stats.changeRatio,
        sectionsTouched: stats.sectionsTouched,
      });
    }
    // The July 2026 rewrite (about 8,400 → 9,000 words) is a bigger change than a date's spelling.
    const ratios = versions.slice(1).map((version) => version.change!.changeRatio);
    expect(Math.max(...ratios)).toBeGreaterThan(Math.min(...ratios) * 10);
  });

  it('states each version’s effective date', () => {
    const { documentId } = documentOf('formlabs.com');
    const { versions } = documentTimeline(db, documentId)!;
    expect(versions.map((version) => version.effectiveDate)).toEqual(['2014-06-10', '2015-10-15', '2018-05-25']);
  });

  it('computes changes on the first request and reads them from the cache afterwards', () => {
    clearCache();
    const { documentId } = documentOf('Claude.ai');
    const first = documentTimeline(db, documentId)!;
    // One row per pair of neighbouring versions.
    expect(cacheRows()).toBe(first.versions.length - 1);

    const again = documentTimeline(db, documentId)!;
    expect(again).toEqual(first);
    expect(cacheRows()).toBe(first.versions.length - 1);

    // Evidence the second answer came from the table: a planted value shows through.
    const newest = first.versions.at(-1)!;
    db.prepare('UPDATE version_changes SET words_added = 424242 WHERE words_added = ?').run(newest.change!.wordsAdded);
    expect(documentTimeline(db, documentId)!.versions.at(-1)!.change!.wordsAdded).toBe(424242);
    clearCache();
  });

  it('recomputes rows written by another diff engine version and stores the fresh ones', () => {
    clearCache();
    const { documentId } = documentOf('Claude.ai');
    const fresh = documentTimeline(db, documentId)!;
    db.prepare('UPDATE version_changes SET words_added = 424242, engine_version = ?').run(DIFF_ENGINE_VERSION - 1);

    expect(documentTimeline(db, documentId)).toEqual(fresh);
    const engines = db.prepare('SELECT DISTINCT engine_version FROM version_changes').pluck().all();
    expect(engines).toEqual([DIFF_ENGINE_VERSION]);
    expect(db.prepare('SELECT count(*) FROM version_changes WHERE words_added = 424242').pluck().get()).toBe(0);
  });

  it('answers from an archive opened read-only, without writing to it', () => {
    const { documentId } = documentOf('formlabs.com');
    const expected = documentTimeline(db, documentId)!;
    clearCache();
    const readonly = openArchive(file, { readonly: true });
    try {
      expect(documentTimeline(readonly, documentId)).toEqual(expected);
    } finally {
      readonly.close();
    }
    expect(cacheRows()).toBe(0);
  });

  it('is null for a document that does not exist', () => {
    expect(documentTimeline(db, 987654)).toBeNull();
  });
});

describe('acrossEvent', () => {
  const gdpr = referenceEvent('gdpr')!;

  it('finds formlabs.com’s last version before the GDPR and the first after it', () => {
    const { documentId, captures } = documentOf('formlabs.com');
    const across = acrossEvent(db, documentId, gdpr)!;
    expect(across.event).toEqual(gdpr);
    expect(across.documentId).toBe(documentId);

    // The 2016 text was captured again on 2017-02-11: that version was the one live before the GDPR.
    const feb2017 = captures.find((capture) => capture.capturedAt.startsWith('2017-02-11'))!;
    expect(across.before!.snapshotIds).toContain(feb2017.id);
    expect(across.before!.lastSeen.slice(0, 10)).toBe('2017-02-11');
    expect(across.after!.firstSeen.slice(0, 10)).toBe('2018-08-13');
    expect(across.after!.effectiveDate).toBe('2018-05-25');
    expect(across.after!.number).toBe(across.before!.number + 1);
    expect(across.after!.change!.wordsAdded).toBeGreaterThan(0);
  });

  it('leaves a side empty when no version falls there', () => {
    const { documentId } = documentOf('formlabs.com');
    const ccpa = acrossEvent(db, documentId, referenceEvent('ccpa')!)!;
    expect(ccpa.before!.firstSeen.slice(0, 10)).toBe('2018-08-13');
    expect(ccpa.after).toBeNull();

    const claude = documentOf('Claude.ai');
    const beforeAll = acrossEvent(db, claude.documentId, gdpr)!;
    expect(beforeAll.before).toBeNull();
    expect(beforeAll.after!.number).toBe(1);
  });

  it('counts a version first captured on the event’s day as after it', () => {
    const { documentId } = documentOf('formlabs.com');
    const onTheDay: ReferenceEvent = { id: 'test', label: 'Test', date: '2018-08-13', description: 'test' };
    const across = acrossEvent(db, documentId, onTheDay)!;
    expect(across.after!.firstSeen.slice(0, 10)).toBe('2018-08-13');
    expect(across.before!.lastSeen.slice(0, 10)).toBe('2017-02-11');
  });

  it('is null for a document that does not exist', () => {
    expect(acrossEvent(db, 987654, gdpr)).toBeNull();
  });
});
