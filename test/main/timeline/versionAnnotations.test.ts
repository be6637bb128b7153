import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setSnapshotNote, setSnapshotTags } from '../../../src/main/archive/annotations';
import { openArchive } from '../../../src/main/archive/database';
import { findVendor, vendorTimeline } from '../../../src/main/archive/queries';
import { documentTimeline } from '../../../src/main/timeline/documentTimeline';
import { samplesDir, tempDir } from '../../support/paths';
import { runImport } from '../../../src/main/importers/pipeline';

/* The user's tags and notes on versions, as the timeline shows them: Claude.ai's 102 captures, 9 versions. */

let db: Database.Database;
let cleanup: () => void;
let documentId: number;

beforeAll(async () => {
  const temp = tempDir('pae-timeline-annotations-');
  cleanup = temp.cleanup;
  db = openArchive(join(temp.dir, 'archive.sqlite'));
  await runImport(db, [join(samplesDir, 'open-terms-archive', 'Claude.ai')]);
  documentId = vendorTimeline(db, findVendor(db, 'Claude.ai')!.id)!.documents[0]!.id;
});
afterAll(() => {
  db.close();
  cleanup();
});

describe('documentTimeline with annotations', () => {
  it('shows no tags and no note before the user adds any', () => {
    const { versions } = documentTimeline(db, documentId)!;
    expect(versions).toHaveLength(9);
    expect(versions.every((version) => version.tags.length === 0 && !version.hasNote)).toBe(true);
  });

  it('gives a version the tags and note mark of its first capture, not of its later ones', () => {
    const { versions } = documentTimeline(db, documentId)!;
    const several = versions.find((version) => version.snapshotIds.length > 2)!;
    const [firstCapture, laterCapture] = several.snapshotIds as [number, number];
    expect(firstCapture).toBe(several.snapshot.id);
    setSnapshotTags(db, firstCapture, ['reviewed', 'Dates']);
    setSnapshotNote(db, firstCapture, 'The date is now written out.');
    setSnapshotTags(db, laterCapture, ['only-a-later-capture']);
    const other = versions.find((version) => version !== several)!;
    setSnapshotNote(db, other.snapshotIds.at(-1)!, 'On a later capture only.');

    const after = documentTimeline(db, documentId)!.versions;
    const tagged = after.find((version) => version.number === several.number)!;
    expect(tagged.tags).toEqual(['Dates', 'reviewed']);
    expect(tagged.hasNote).toBe(true);
    const untouched = after.filter((version) => version.number !== several.number);
    expect(untouched.every((version) => version.tags.length === 0)).toBe(true);
    expect(after.find((version) => version.number === other.number)!.hasNote).toBe(other.snapshotIds.length === 1);
  });

  it('drops the mark when the note is removed', () => {
    const { versions } = documentTimeline(db, documentId)!;
    const noted = versions.filter((version) => version.hasNote);
    for (const version of noted) setSnapshotNote(db, version.snapshot.id, '');
    expect(documentTimeline(db, documentId)!.versions.some((version) => version.hasNote)).toBe(false);
  });
});
