import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, schemaVersion } from '../../../src/main/archive/database';
import { migrate } from '../../../src/main/archive/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/archive/migrations';
import { getSnapshotSummary } from '../../../src/main/archive/queries';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { tempDir } from '../../support/paths';
import { aCapture, heading, listItem, paragraph } from './captureBuilder';

describe('schema version 2: origin, capture-time source, formatting-only changes', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('upgrades a version 1 archive in place, keeping its snapshots and filling the new fields', () => {
    const file = join(dir, 'v1.sqlite');
    const v1 = new Database(file);
    migrate(v1, file, MIGRATIONS.slice(0, 1));
    v1.prepare("INSERT INTO vendors (key, display_name) VALUES ('example.com', 'example.com')").run();
    v1.prepare("INSERT INTO documents (vendor_id, key, title) VALUES (1, 'privacy-policy', 'Privacy Policy')").run();
    v1.prepare(
      "INSERT INTO imports (uid, description, status, started_at) VALUES ('u1', 'old', 'done', '2020-01-01T00:00:00Z')",
    ).run();
    v1.prepare("INSERT INTO blocks (hash, kind, level, text) VALUES (x'00', 2, 0, 'We collect data.')").run();
    v1.prepare("INSERT INTO texts (hash, word_count, block_count) VALUES (x'01', 3, 1)").run();
    v1.prepare('INSERT INTO text_blocks (text_id, position, block_id) VALUES (1, 0, 1)').run();
    v1.prepare(
      `INSERT INTO snapshots (document_id, text_id, captured_at, source_path, source_format, import_id, imported_at)
       VALUES (1, 1, '2018-01-01T00:00:00Z', '/old.md', 'princeton-markdown', 1, '2020-01-01T00:00:00Z')`,
    ).run();
    v1.close();

    const db = openArchive(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    const snapshot = getSnapshotSummary(db, 1)!;
    expect(snapshot.origin).toBe('file');
    expect(snapshot.capturedAtSource).toBeNull();
    expect(snapshot.formattingHash).toMatch(/^[0-9a-f]{32}$/);
    db.close();
  });

  it('records where a capture came from and where its time was read', () => {
    const db = openArchive(join(dir, 'a.sqlite'));
    const writer = new ArchiveWriter(db);
    const importId = writer.beginImport('test');
    const { snapshotId } = writer.addCapture(
      importId,
      aCapture({ origin: 'warc', capturedAtSource: 'warc-date' }),
      'a'.repeat(64),
    );
    const snapshot = getSnapshotSummary(db, snapshotId)!;
    expect(snapshot.origin).toBe('warc');
    expect(snapshot.capturedAtSource).toBe('warc-date');
    db.close();
  });

  it('gives captures that differ only in whitespace or structure the same formatting hash, not the same text', () => {
    const db = openArchive(join(dir, 'b.sqlite'));
    const writer = new ArchiveWriter(db);
    const importId = writer.beginImport('test');
    const add = (capturedAt: string, blocks: ReturnType<typeof paragraph>[]) =>
      getSnapshotSummary(db, writer.addCapture(importId, aCapture({ capturedAt, blocks }), 'b'.repeat(64)).snapshotId)!;
    const original = add('2018-01-01T00:00:00Z', [heading('Cookies'), paragraph('We use cookies.')]);
    const reformatted = add('2018-02-01T00:00:00Z', [paragraph('Cookies'), listItem('We use  cookies.')]);
    const reworded = add('2018-03-01T00:00:00Z', [heading('Cookies'), paragraph('We use many cookies.')]);
    expect(reformatted.contentHash).not.toBe(original.contentHash);
    expect(reformatted.formattingHash).toBe(original.formattingHash);
    expect(reworded.formattingHash).not.toBe(original.formattingHash);
    db.close();
  });
});
