import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { searchCatalogue } from '../../../src/main/archive/searchCatalogue';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { aCapture, heading, paragraph } from './captureBuilder';
import { tempArchive } from './tempArchive';

/*
 * The catalogue is cached per connection and refreshed by looking at what
 * changed; these are the changes that reuse ids and could fool a check on
 * counts alone.
 */

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
let writer: ArchiveWriter;
beforeEach(() => {
  archive = tempArchive();
  db = archive.db;
  // A fixed clock: rows imported at the same instant must still be told apart by what they hold.
  writer = new ArchiveWriter(db, { now: () => new Date('2026-01-02T03:04:05.678Z') });
});
afterEach(() => archive.dispose());

function importAt(capturedAt: string, text: string): string {
  const importId = writer.beginImport(capturedAt);
  const capture = aCapture({ capturedAt, blocks: [heading('Privacy'), paragraph(text)] });
  db.transaction(() => writer.addCapture(importId, capture, 'd'.repeat(64)))();
  writer.finishImport(importId, 'done');
  return importId;
}

function expectCatalogueMatchesArchive(): void {
  const catalogue = searchCatalogue(db);
  const rows = db
    .prepare('SELECT id, document_id, text_id, unixepoch(captured_at) FROM snapshots')
    .raw()
    .all() as Array<[number, number, number, number]>;
  expect(rows.length).toBeGreaterThan(0);
  for (const [id, documentId, textId, time] of rows) {
    expect([catalogue.snapshotDocument[id], catalogue.snapshotText[id], catalogue.snapshotTime[id]]).toEqual([
      documentId,
      textId,
      time,
    ]);
  }
}

describe('searchCatalogue', () => {
  it('sees a snapshot written under the id an undone import freed, with the same count and highest id', () => {
    importAt('2017-01-01T00:00:00Z', 'We keep your data.');
    const undone = importAt('2018-01-01T00:00:00Z', 'We sell your data.');
    expectCatalogueMatchesArchive();
    const reused = db.prepare('SELECT max(id) FROM snapshots').pluck().get();
    writer.undoImport(undone);
    importAt('2019-06-01T00:00:00Z', 'We never sell your data.');
    expect(db.prepare('SELECT max(id) FROM snapshots').pluck().get()).toBe(reused);
    expectCatalogueMatchesArchive();
  });

  it('sees more snapshots written over freed ids than were undone (looks like an append)', () => {
    importAt('2017-01-01T00:00:00Z', 'We keep your data.');
    const undone = importAt('2018-01-01T00:00:00Z', 'We sell your data.');
    expectCatalogueMatchesArchive();
    writer.undoImport(undone);
    importAt('2019-06-01T00:00:00Z', 'We never sell your data.');
    importAt('2020-06-01T00:00:00Z', 'We never sold your data.');
    expectCatalogueMatchesArchive();
  });
});
