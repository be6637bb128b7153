import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type Database from 'better-sqlite3';
import { getSnapshot, getSnapshotSummary } from '../../../src/main/archive/queries';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { aCapture, heading, openTermsCaptures, paragraph, vendor } from './captureBuilder';
import { checkFtsIntegrity, dumpRows, ftsMatches, rowCounts, tempArchive } from './tempArchive';

const SOURCE_A = 'a'.repeat(64);
const SOURCE_B = 'b'.repeat(64);

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
let writer: ArchiveWriter;
beforeEach(() => {
  archive = tempArchive();
  db = archive.db;
  writer = new ArchiveWriter(db, { now: () => new Date('2026-01-02T03:04:05.678Z') });
});
afterEach(() => archive.dispose());

/** Store captures under one new import, in one transaction, as the import pipeline does. */
function importAll(captures: ReturnType<typeof aCapture>[], description = 'test import'): string {
  const importId = writer.beginImport(description);
  db.transaction(() => captures.forEach((capture) => writer.addCapture(importId, capture, SOURCE_A)))();
  writer.finishImport(importId, 'done');
  return importId;
}

describe('content addressing', () => {
  it('stores the same capture twice as one snapshot and reports the second as existing', () => {
    const importId = writer.beginImport('twice');
    const first = writer.addCapture(importId, aCapture(), SOURCE_A);
    const countsAfterFirst = rowCounts(db);
    const second = writer.addCapture(importId, aCapture(), SOURCE_A);

    expect(first.created).toBe(true);
    expect(second).toEqual({ snapshotId: first.snapshotId, created: false });
    expect(rowCounts(db)).toEqual(countsAfterFirst);
  });

  it('stores identical text captured on two dates as two snapshots sharing one text', () => {
    const importId = writer.beginImport('two dates');
    const a = writer.addCapture(importId, aCapture({ capturedAt: '2018-08-13T14:21:16Z' }), SOURCE_A);
    const blocksAfterFirst = rowCounts(db).blocks;
    const b = writer.addCapture(importId, aCapture({ capturedAt: '2019-01-01T00:00:00Z' }), SOURCE_A);

    expect(b.created).toBe(true);
    expect(b.snapshotId).not.toBe(a.snapshotId);
    const counts = rowCounts(db);
    expect(counts.snapshots).toBe(2);
    expect(counts.texts).toBe(1);
    expect(counts.blocks).toBe(blocksAfterFirst);
    expect(getSnapshotSummary(db, a.snapshotId)?.contentHash).toBe(getSnapshotSummary(db, b.snapshotId)?.contentHash);
  });

  it('adds only the changed paragraphs for a new version that shares the rest', () => {
    const [first] = openTermsCaptures('ChatGPT');
    const original = first!.blocks;
    expect(original.length).toBeGreaterThan(20);
    const edited = [...original];
    edited[5] = paragraph('We now also process voice recordings you choose to share with us.');
    edited.push(paragraph('This section was added in the new version.'));

    const importId = writer.beginImport('versions');
    writer.addCapture(importId, { ...first!, blocks: original }, SOURCE_A);
    const before = rowCounts(db);
    writer.addCapture(importId, { ...first!, capturedAt: '2026-02-01T00:00:00Z', blocks: edited }, SOURCE_A);
    const after = rowCounts(db);

    expect(after.texts - before.texts).toBe(1);
    expect(after.blocks - before.blocks).toBe(2);
    expect(after.text_blocks - before.text_blocks).toBe(edited.length);
  });

  it('stores a real policy history as one text per distinct version and one row per distinct block', () => {
    const captures = openTermsCaptures('Claude.ai');
    importAll(captures);
    const distinctTexts = new Set(captures.map((capture) => JSON.stringify(capture.blocks)));
    const distinctBlocks = new Set(captures.flatMap((capture) => capture.blocks.map((block) => JSON.stringify(block))));
    const totalBlocks = captures.reduce((sum, capture) => sum + capture.blocks.length, 0);

    const counts = rowCounts(db);
    expect(counts.snapshots).toBe(captures.length);
    expect(counts.texts).toBe(distinctTexts.size);
    expect(counts.blocks).toBe(distinctBlocks.size);
    // The point of the model: far fewer stored blocks than captured ones.
    expect(counts.blocks).toBeLessThan(totalBlocks / 5);
    checkFtsIntegrity(db);
  });

  it('gives back every snapshot text exactly as captured, with word and block counts', () => {
    const captures = openTermsCaptures('Grok');
    const importId = writer.beginImport('grok');
    const ids = captures.map((capture) => writer.addCapture(importId, capture, SOURCE_A).snapshotId);
    ids.forEach((id, index) => {
      const stored = getSnapshot(db, id);
      expect(stored?.blocks).toEqual(captures[index]!.blocks);
      const words = captures[index]!.blocks.flatMap((block) =>
        block.text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)),
      );
      expect(stored?.wordCount).toBe(words.length);
    });
  });
});

describe('transactions', () => {
  it('leaves nothing behind when the surrounding transaction throws', () => {
    const importId = writer.beginImport('doomed');
    const before = rowCounts(db);
    expect(() =>
      db.transaction(() => {
        writer.addCapture(importId, aCapture({ vendor: vendor('Rollback Inc') }), SOURCE_A);
        writer.recordSource(importId, {
          hash: SOURCE_A,
          path: '/x.md',
          format: 'princeton-markdown',
          snapshotCount: 1,
        });
        throw new Error('disk full');
      })(),
    ).toThrow('disk full');
    expect(rowCounts(db)).toEqual(before);
    expect(ftsMatches(db, 'collect')).toEqual([]);
    expect(writer.isSourceImported(SOURCE_A)).toBe(false);
    checkFtsIntegrity(db);
  });

  it('rejects a capture without text, naming its source file, and stores nothing of it', () => {
    const importId = writer.beginImport('empty');
    const before = rowCounts(db);
    expect(() => writer.addCapture(importId, aCapture({ blocks: [], sourcePath: '/in/empty.md' }), SOURCE_A)).toThrow(
      '/in/empty.md',
    );
    expect(rowCounts(db)).toEqual(before);
  });

  it('stores capture times as ISO UTC seconds whatever offset the importer gave', () => {
    const importId = writer.beginImport('offsets');
    const { snapshotId } = writer.addCapture(
      importId,
      aCapture({ capturedAt: '2018-08-13T16:21:16.250+02:00' }),
      SOURCE_A,
    );
    expect(getSnapshotSummary(db, snapshotId)?.capturedAt).toBe('2018-08-13T14:21:16Z');
    expect(() => writer.addCapture(importId, aCapture({ capturedAt: 'last tuesday' }), SOURCE_A)).toThrow(/not a date/);
  });
});

describe('full-text index', () => {
  it('finds a new block within the same transaction that stored it', () => {
    const importId = writer.beginImport('fts');
    db.transaction(() => {
      writer.addCapture(importId, aCapture({ blocks: [paragraph('Quixotic telemetry clause.')] }), SOURCE_A);
      expect(ftsMatches(db, 'quixotic')).toHaveLength(1);
    })();
    checkFtsIntegrity(db);
  });

  it('indexes headings and body text so both can be found, with stemming and without accents', () => {
    importAll([aCapture({ blocks: [heading('Cookies and trackers'), paragraph('We café-process requests.')] })]);
    expect(ftsMatches(db, 'cookie')).toHaveLength(1);
    expect(ftsMatches(db, 'processing')).toHaveLength(1);
    expect(ftsMatches(db, 'cafe')).toHaveLength(1);
  });
});

describe('resumable imports', () => {
  it('remembers recorded sources, keeping the first record of a source seen twice', () => {
    const first = writer.beginImport('first');
    expect(writer.isSourceImported(SOURCE_B)).toBe(false);
    writer.recordSource(first, { hash: SOURCE_B, path: '/in/a.md', format: 'princeton-markdown', snapshotCount: 1 });
    const second = writer.beginImport('second');
    writer.recordSource(second, {
      hash: SOURCE_B,
      path: '/in/copy-of-a.md',
      format: 'princeton-markdown',
      snapshotCount: 0,
    });

    expect(writer.isSourceImported(SOURCE_B)).toBe(true);
    expect(db.prepare('SELECT path FROM import_sources').pluck().all()).toEqual(['/in/a.md']);
    // A new writer (say, after a restart) sees the same.
    expect(new ArchiveWriter(db).isSourceImported(SOURCE_B)).toBe(true);
  });

  it('records status and finish time, and refuses unknown imports', () => {
    const importId = writer.beginImport('status');
    expect(db.prepare('SELECT status, finished_at FROM imports').get()).toEqual({
      status: 'running',
      finished_at: null,
    });
    writer.finishImport(importId, 'cancelled');
    expect(db.prepare('SELECT status, finished_at FROM imports').get()).toEqual({
      status: 'cancelled',
      finished_at: '2026-01-02T03:04:05Z',
    });
    expect(() => writer.finishImport('0123456789abcdef', 'done')).toThrow(/Unknown import/);
    expect(() => writer.addCapture('nope', aCapture(), SOURCE_A)).toThrow(/Unknown import nope/);
  });
});

describe('undoImport', () => {
  it('leaves every table exactly as it was before the import, and the index consistent', () => {
    const claude = openTermsCaptures('Claude.ai');
    importAll(claude.slice(0, 40), 'earlier import');
    const before = dumpRows(db);

    const later = writer.beginImport('later import');
    db.transaction(() => {
      // Overlaps the earlier import (same captures, shared blocks) and adds new vendors and versions.
      for (const capture of claude.slice(30, 70)) writer.addCapture(later, capture, SOURCE_A);
      for (const capture of openTermsCaptures('DeepSeek')) writer.addCapture(later, capture, SOURCE_A);
      writer.recordSource(later, {
        hash: SOURCE_B,
        path: '/in/deepseek',
        format: 'open-terms-archive',
        snapshotCount: 3,
      });
    })();
    expect(rowCounts(db).snapshots).toBeGreaterThan(before['snapshots']!.length);

    writer.undoImport(later);
    expect(dumpRows(db)).toEqual(before);
    checkFtsIntegrity(db);
    expect(ftsMatches(db, 'DeepSeek')).toEqual([]);
    // Finishing the undone import (as a cancelled pipeline does) is harmless.
    writer.finishImport(later, 'cancelled');
    expect(dumpRows(db)).toEqual(before);
  });

  it('keeps texts and blocks that another import still uses, and removes the ones only it used', () => {
    const only = paragraph('Only the first import ever said zanzibar.');
    const shared = paragraph('Both imports keep saying marmalade.');
    const first = importAll([
      aCapture({ capturedAt: '2018-01-01T00:00:00Z', blocks: [heading('Policy'), shared, only] }),
    ]);
    const secondCapture = aCapture({ capturedAt: '2019-01-01T00:00:00Z', blocks: [heading('Policy'), shared] });
    importAll([secondCapture]);

    writer.undoImport(first);

    const remaining = db.prepare('SELECT id FROM snapshots').pluck().all() as number[];
    expect(remaining).toHaveLength(1);
    expect(getSnapshot(db, remaining[0]!)?.blocks).toEqual(secondCapture.blocks);
    expect(ftsMatches(db, 'zanzibar')).toEqual([]);
    expect(ftsMatches(db, 'marmalade')).toHaveLength(1);
    expect(rowCounts(db)).toMatchObject({ vendors: 1, documents: 1, texts: 1, blocks: 2, imports: 1 });
    checkFtsIntegrity(db);
  });

  it('keeps a capture another import also holds when the first one is undone', () => {
    const first = importAll([aCapture()]);
    const second = writer.beginImport('same again');
    expect(writer.addCapture(second, aCapture(), SOURCE_A).created).toBe(false);
    writer.undoImport(second);
    expect(rowCounts(db).snapshots).toBe(1);
    writer.undoImport(first);
    expect(rowCounts(db)).toMatchObject({ vendors: 0, documents: 0, snapshots: 0, texts: 0, blocks: 0, imports: 0 });
    checkFtsIntegrity(db);
  });
});
