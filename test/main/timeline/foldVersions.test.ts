import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Block } from '../../../src/shared/domain';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import type { Capture } from '../../../src/main/importers/capture';
import { documentTimeline } from '../../../src/main/timeline/documentTimeline';
import { aCapture, heading, listItem, paragraph } from '../archive/captureBuilder';
import { tempArchive } from '../archive/tempArchive';

/*
 * How captures fold into versions, on small histories written to a real
 * archive: identical and formatting-only captures join a version, a text
 * that comes back stays one version.
 */

let archive: ReturnType<typeof tempArchive>;
beforeEach(() => {
  archive = tempArchive();
});
afterEach(() => archive.dispose());

const original: Block[] = [heading('Privacy Policy', 1), paragraph('We collect the data you give us.')];
const reworded: Block[] = [heading('Privacy Policy', 1), paragraph('We collect the data you give us and cookies.')];

/** Store captures (one import) and return the document id and the snapshot ids in order. */
function store(captures: Array<Partial<Capture>>): { documentId: number; ids: number[] } {
  const writer = new ArchiveWriter(archive.db);
  const importId = writer.beginImport('test');
  const ids = captures.map(
    (capture, index) => writer.addCapture(importId, aCapture(capture), String(index).padStart(64, '0')).snapshotId,
  );
  writer.finishImport(importId, 'done');
  const documentId = archive.db.prepare('SELECT document_id FROM snapshots WHERE id = ?').pluck().get(ids[0]) as number;
  return { documentId, ids };
}

describe('folding captures into versions', () => {
  it('folds identical and formatting-only captures into the version they repeat', () => {
    const { documentId, ids } = store([
      { capturedAt: '2019-01-01T00:00:00Z', blocks: original },
      { capturedAt: '2019-02-01T00:00:00Z', blocks: original },
      // The paragraph became a list item: same words, different structure.
      {
        capturedAt: '2019-03-01T00:00:00Z',
        blocks: [heading('Privacy Policy', 1), listItem('We collect the data you give us.')],
      },
      { capturedAt: '2019-04-01T00:00:00Z', blocks: reworded },
    ]);
    const { versions } = documentTimeline(archive.db, documentId)!;
    expect(versions.map((version) => version.snapshotIds)).toEqual([[ids[0], ids[1], ids[2]], [ids[3]]]);
    expect(versions[0]!.firstSeen).toBe('2019-01-01T00:00:00Z');
    expect(versions[0]!.lastSeen).toBe('2019-03-01T00:00:00Z');
    expect(versions[1]!.change!.wordsAdded).toBeGreaterThan(0);
  });

  it('keeps a text that comes back as one version whose seen range spans its returns', () => {
    const { documentId, ids } = store([
      { capturedAt: '2020-01-01T00:00:00Z', blocks: original },
      { capturedAt: '2020-02-01T00:00:00Z', blocks: reworded },
      { capturedAt: '2020-03-01T00:00:00Z', blocks: original },
    ]);
    const { versions } = documentTimeline(archive.db, documentId)!;
    expect(versions).toHaveLength(2);
    expect(versions[0]!.snapshotIds).toEqual([ids[0], ids[2]]);
    expect(versions[0]!.lastSeen).toBe('2020-03-01T00:00:00Z');
    expect(versions[1]!.firstSeen).toBe('2020-02-01T00:00:00Z');
  });

  it('takes the effective date of the first capture that states one', () => {
    const { documentId } = store([
      { capturedAt: '2021-01-01T00:00:00Z', blocks: original, effectiveDate: null },
      { capturedAt: '2021-02-01T00:00:00Z', blocks: original, effectiveDate: '2020-12' },
      { capturedAt: '2021-03-01T00:00:00Z', blocks: reworded, effectiveDate: null },
    ]);
    const { versions } = documentTimeline(archive.db, documentId)!;
    expect(versions.map((version) => version.effectiveDate)).toEqual(['2020-12', null]);
  });

  it('orders captures by time, not by the order they were imported', () => {
    const { documentId, ids } = store([
      { capturedAt: '2022-05-01T00:00:00Z', blocks: reworded },
      { capturedAt: '2022-01-01T00:00:00Z', blocks: original },
    ]);
    const { versions } = documentTimeline(archive.db, documentId)!;
    expect(versions.map((version) => version.snapshot.id)).toEqual([ids[1], ids[0]]);
    expect(versions[1]!.change!.wordsAdded).toBeGreaterThan(0);
    expect(versions[1]!.change!.wordsRemoved).toBe(0);
  });

  it('gives a document with one capture one version and no change', () => {
    const { documentId } = store([{ capturedAt: '2023-01-01T00:00:00Z' }]);
    const { versions } = documentTimeline(archive.db, documentId)!;
    expect(versions).toHaveLength(1);
    expect(versions[0]!.change).toBeNull();
    expect(versions[0]!.firstSeen).toBe(versions[0]!.lastSeen);
  });
});
