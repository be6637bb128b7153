import type Database from 'better-sqlite3';
import { unpackBlockIds } from '../../src/main/archive/blockLists';

/** A snapshot as a user tells it apart: vendor, document, capture time, text (hash). */
export function snapshotKey(row: { vendor: string; document: string; capturedAt: string; text: string }): string {
  return `${row.vendor}\t${row.document}\t${row.capturedAt}\t${row.text}`;
}

interface SnapshotRow {
  vendor: string;
  document: string;
  capturedAt: string;
  text: string;
  sourcePath: string;
  importUid: string;
}

/** Every snapshot of the archive with its key, source file and import. */
export function snapshotRows(db: Database.Database): SnapshotRow[] {
  return db
    .prepare(
      `SELECT v.key AS vendor, d.key AS document, s.captured_at AS capturedAt, hex(t.hash) AS text,
              s.source_path AS sourcePath, i.uid AS importUid
       FROM snapshots s JOIN documents d ON d.id = s.document_id JOIN vendors v ON v.id = d.vendor_id
       JOIN texts t ON t.id = s.text_id JOIN imports i ON i.id = s.import_id`,
    )
    .all() as SnapshotRow[];
}

/** The archive's snapshot keys, sorted (duplicates kept, so a duplicate shows). */
export function snapshotKeys(db: Database.Database): string[] {
  return snapshotRows(db).map(snapshotKey).sort();
}

/** Keys that occur more than once. */
export function duplicateKeys(keys: readonly string[]): string[] {
  const seen = new Set<string>();
  const duplicates = new Set<string>();
  for (const key of keys) (seen.has(key) ? duplicates : seen).add(key);
  return [...duplicates];
}

/** Problems found by SQLite's and FTS5's own checks and the foreign keys; empty when sound. */
export function integrityProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const result = db.prepare('PRAGMA integrity_check').pluck().all() as string[];
  if (result.join() !== 'ok') problems.push(`integrity_check: ${result.slice(0, 5).join('; ')}`);
  try {
    // rank 1: also compare the index with the content table (blocks).
    db.prepare("INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('integrity-check', 1)").run();
  } catch (error) {
    problems.push(`FTS5 integrity-check: ${(error as Error).message}`);
  }
  const foreign = db.prepare('PRAGMA foreign_key_check').all();
  if (foreign.length > 0)
    problems.push(`foreign_key_check: ${foreign.length} rows, e.g. ${JSON.stringify(foreign[0])}`);
  return problems;
}

/**
 * Signs of a half-written import, which atomic transactions must make
 * impossible: a text whose block list (text_block_lists) differs from its
 * blocks (text_blocks) or from its block_count, texts no snapshot uses, blocks
 * no text uses, documents without snapshots, vendors without documents.
 */
export function halfWrittenProblems(db: Database.Database): string[] {
  const problems: string[] = [];
  const blocksOf = new Map<number, number[]>();
  for (const row of db
    .prepare('SELECT text_id, block_id FROM text_blocks ORDER BY text_id, position')
    .iterate() as Iterable<{ text_id: number; block_id: number }>) {
    let list = blocksOf.get(row.text_id);
    if (!list) blocksOf.set(row.text_id, (list = []));
    list.push(row.block_id);
  }
  const texts = db
    .prepare(
      'SELECT t.id, t.block_count AS blockCount, l.block_ids AS packed FROM texts t LEFT JOIN text_block_lists l ON l.text_id = t.id',
    )
    .all() as Array<{ id: number; blockCount: number; packed: Buffer | null }>;
  for (const text of texts) {
    const blocks = blocksOf.get(text.id) ?? [];
    if (blocks.length !== text.blockCount)
      problems.push(`text ${text.id}: ${blocks.length} of ${text.blockCount} blocks`);
    if (!text.packed) problems.push(`text ${text.id}: no text_block_lists row`);
    else if ([...unpackBlockIds(text.packed)].join() !== blocks.join()) {
      problems.push(`text ${text.id}: text_block_lists differs from text_blocks`);
    }
  }
  const listsWithoutText = db
    .prepare('SELECT count(*) FROM text_block_lists l WHERE NOT EXISTS (SELECT 1 FROM texts t WHERE t.id = l.text_id)')
    .pluck()
    .get() as number;
  if (listsWithoutText > 0) problems.push(`${listsWithoutText} text_block_lists rows without a text`);
  const orphans: Array<[string, string]> = [
    [
      'texts no snapshot uses',
      'SELECT count(*) FROM texts t WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.text_id = t.id)',
    ],
    [
      'blocks no text uses',
      'SELECT count(*) FROM blocks b WHERE NOT EXISTS (SELECT 1 FROM text_blocks tb WHERE tb.block_id = b.id)',
    ],
    [
      'documents without snapshots',
      'SELECT count(*) FROM documents d WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.document_id = d.id)',
    ],
    [
      'vendors without documents',
      'SELECT count(*) FROM vendors v WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.vendor_id = v.id)',
    ],
  ];
  for (const [what, sql] of orphans) {
    const count = db.prepare(sql).pluck().get() as number;
    if (count > 0) problems.push(`${count} ${what}`);
  }
  return problems;
}

/** Imports as recorded, oldest first. */
export function importRows(
  db: Database.Database,
): Array<{ uid: string; status: string; finishedAt: string | null; sources: number; snapshots: number }> {
  return db
    .prepare(
      `SELECT i.uid, i.status, i.finished_at AS finishedAt,
              (SELECT count(*) FROM import_sources src WHERE src.import_id = i.id) AS sources,
              (SELECT count(*) FROM snapshots s WHERE s.import_id = i.id) AS snapshots
       FROM imports i ORDER BY i.id`,
    )
    .all() as Array<{ uid: string; status: string; finishedAt: string | null; sources: number; snapshots: number }>;
}

/** Source files an import recorded as stored, with the snapshots each added. */
export function recordedSources(db: Database.Database, importUid: string): Map<string, number> {
  const rows = db
    .prepare(
      `SELECT src.path, src.snapshot_count AS count FROM import_sources src JOIN imports i ON i.id = src.import_id
       WHERE i.uid = ?`,
    )
    .all(importUid) as Array<{ path: string; count: number }>;
  return new Map(rows.map((row) => [row.path, row.count]));
}
