import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packBlockIds, unpackBlockIds } from '../../../src/main/archive/blockLists';
import { openArchive, schemaVersion } from '../../../src/main/archive/database';
import { LATEST_SCHEMA_VERSION } from '../../../src/main/archive/migrations';
import { indexHasText, textBlockIndex, type TextBlockIndex } from '../../../src/main/archive/textBlockIndex';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { runImport } from '../../../src/main/importers/pipeline';
import { samplesDir, tempDir } from '../../support/paths';
import { aCapture, heading, paragraph } from './captureBuilder';

/*
 * The in-memory block lists (textBlockIndex.ts) and the packed rows they are
 * read from (schema v7) must say exactly what text_blocks says, however the
 * archive got there: written by imports, backfilled by the migration, grown
 * by later imports, shrunk by an undo, or changed inside a rolled-back
 * transaction.
 */

let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

/** Every text's block ids in position order, from text_blocks. */
function blocksByText(db: Database.Database): Map<number, number[]> {
  const lists = new Map<number, number[]>();
  for (const id of db.prepare('SELECT id FROM texts').pluck().all() as number[]) lists.set(id, []);
  const rows = db.prepare('SELECT text_id, block_id FROM text_blocks ORDER BY text_id, position').raw().all();
  for (const [textId, blockId] of rows as Array<[number, number]>) lists.get(textId)!.push(blockId);
  return lists;
}

/** Every text the index holds, with its block ids. */
function indexLists(index: TextBlockIndex): Map<number, number[]> {
  const lists = new Map<number, number[]>();
  for (let textId = 0; textId < index.start.length; textId++) {
    if (!indexHasText(index, textId)) continue;
    const from = index.start[textId]!;
    lists.set(textId, Array.from(index.blocks.subarray(from, from + index.length[textId]!)));
  }
  return lists;
}

function expectIndexMatches(db: Database.Database): TextBlockIndex {
  const index = textBlockIndex(db);
  const expected = blocksByText(db);
  expect(expected.size).toBeGreaterThan(0);
  expect(indexLists(index)).toEqual(expected);
  return index;
}

const SOURCE = 'c'.repeat(64);

function importOne(writer: ArchiveWriter, db: Database.Database, ...texts: string[]): string {
  const importId = writer.beginImport(texts.join(' '));
  const blocks = [heading('Privacy'), ...texts.map((text) => paragraph(text))];
  db.transaction(() => writer.addCapture(importId, aCapture({ blocks }), SOURCE))();
  writer.finishImport(importId, 'done');
  return importId;
}

describe('packed block lists', () => {
  it('round-trip block ids, negative and large ones included, and refuse a torn blob', () => {
    const ids = [1, 0, 2 ** 31 - 1, -5, 70000];
    expect(Array.from(unpackBlockIds(packBlockIds(ids)))).toEqual(ids);
    expect(Array.from(unpackBlockIds(packBlockIds([])))).toEqual([]);
    expect(() => unpackBlockIds(new Uint8Array(6))).toThrow(/6 bytes/);
  });
});

describe('textBlockIndex', () => {
  it('holds what text_blocks holds after an import, and after a second import appends to the same arrays', async () => {
    const db = openArchive(join(dir, 'archive.sqlite'));
    await runImport(db, [join(samplesDir, 'princeton')]);
    const first = expectIndexMatches(db);
    await runImport(db, [join(samplesDir, 'princeton-history')]);
    const second = expectIndexMatches(db);
    // Appended: the lists read the first time kept their place.
    expect(second.used).toBeGreaterThan(first.used);
    const someText = db.prepare('SELECT min(id) FROM texts').pluck().get() as number;
    expect(second.start[someText]).toBe(first.start[someText]);
    // Unchanged archive: the same object.
    expect(textBlockIndex(db)).toBe(second);
    db.close();
  });

  it('notices a text deleted by an undo and a new one written under the same id', () => {
    const db = openArchive(join(dir, 'archive.sqlite'));
    const writer = new ArchiveWriter(db);
    importOne(writer, db, 'We keep your data.');
    const undone = importOne(writer, db, 'We sell your data.');
    const before = textBlockIndex(db);
    const reusedId = db.prepare('SELECT max(id) FROM texts').pluck().get() as number;
    writer.undoImport(undone);
    importOne(writer, db, 'We never sell anything.', 'Not at all, ever.');
    // Same number of texts, same highest id, different blocks.
    expect(db.prepare('SELECT max(id) FROM texts').pluck().get()).toBe(reusedId);
    const after = expectIndexMatches(db);
    expect(indexLists(after).get(reusedId)).not.toEqual(indexLists(before).get(reusedId));
    db.close();
  });

  it('does not keep what a rolled-back transaction wrote', () => {
    const db = openArchive(join(dir, 'archive.sqlite'));
    const writer = new ArchiveWriter(db);
    importOne(writer, db, 'We keep your data.');
    expectIndexMatches(db);
    const importId = writer.beginImport('rolled back');
    const rolledBack = db.transaction(() => {
      writer.addCapture(importId, aCapture({ blocks: [paragraph('A text that never lands.')] }), SOURCE);
      const inside = textBlockIndex(db);
      const newText = db.prepare('SELECT max(id) FROM texts').pluck().get() as number;
      expect(indexHasText(inside, newText)).toBe(true);
      throw new Error('roll back');
    });
    expect(() => rolledBack()).toThrow('roll back');
    writer.finishImport(importId, 'failed');
    expectIndexMatches(db);
    const texts = db.prepare('SELECT count(*) FROM texts').pluck().get() as number;
    expect(indexLists(textBlockIndex(db)).size).toBe(texts);
    db.close();
  });

  it('reads lists the version 7 migration backfilled for an archive written before it', async () => {
    const file = join(dir, 'archive.sqlite');
    const written = openArchive(file);
    await runImport(written, [join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')]);
    const expected = blocksByText(written);
    // What version 6 wrote: no text_block_lists.
    written.exec('DROP TABLE text_block_lists');
    written.pragma('user_version = 6');
    written.close();

    const upgraded = openArchive(file);
    expect(schemaVersion(upgraded)).toBe(LATEST_SCHEMA_VERSION);
    expect(upgraded.prepare('SELECT count(*) FROM text_block_lists').pluck().get()).toBe(expected.size);
    expect(indexLists(textBlockIndex(upgraded))).toEqual(expected);
    upgraded.close();
  });
});
