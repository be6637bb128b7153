import { existsSync, statSync } from 'node:fs';
import type Database from 'better-sqlite3';
import type {
  ArchiveInfo,
  Block,
  DocumentSummary,
  SnapshotDetail,
  SnapshotSummary,
  VendorSummary,
  VendorTimeline,
} from '../../shared/domain';
import { kindOfCode } from './blockKinds';
import { schemaVersion } from './database';
import { SNAPSHOT_COLUMNS, SNAPSHOT_FROM, toSnapshotSummary, type SnapshotRow } from './snapshotRows';
import { cachedStatement } from './statementCache';

/*
 * The read side of the archive, in domain terms. Every function takes an open
 * archive and returns plain data (safe to send over IPC or print).
 */

const VENDOR_SUMMARY = `
  SELECT v.id, v.key, v.display_name AS displayName,
         count(DISTINCT d.id) AS documentCount,
         count(s.id) AS snapshotCount,
         count(DISTINCT s.text_id) AS versionCount,
         min(s.captured_at) AS firstCapturedAt,
         max(s.captured_at) AS lastCapturedAt
  FROM vendors v
  LEFT JOIN documents d ON d.vendor_id = v.id
  LEFT JOIN snapshots s ON s.document_id = d.id`;

/** Every vendor with its counts, ordered by name (case-insensitive). */
export function listVendors(db: Database.Database): VendorSummary[] {
  return cachedStatement(
    db,
    `${VENDOR_SUMMARY} GROUP BY v.id ORDER BY v.display_name COLLATE NOCASE, v.id`,
  ).all() as VendorSummary[];
}

/**
 * A vendor by numeric id, key (`formlabs.com`) or display name (`ChatGPT`),
 * case-insensitive for key and name, or by the key of a vendor merged into it
 * (schema v5 aliases); null when nothing matches.
 */
export function findVendor(db: Database.Database, ref: string): VendorSummary | null {
  const trimmed = ref.trim();
  if (!trimmed) return null;
  if (/^\d+$/.test(trimmed)) {
    const byId = vendorSummary(db, Number(trimmed));
    if (byId) return byId;
  }
  const id =
    (cachedStatement(db, 'SELECT id FROM vendors WHERE key = ?').pluck().get(trimmed) as number | undefined) ??
    (cachedStatement(db, 'SELECT id FROM vendors WHERE key = ?').pluck().get(trimmed.toLowerCase()) as
      number | undefined) ??
    (cachedStatement(
      db,
      'SELECT id FROM vendors WHERE display_name = ? COLLATE NOCASE OR key = ? COLLATE NOCASE ORDER BY id LIMIT 1',
    )
      .pluck()
      .get(trimmed, trimmed) as number | undefined) ??
    (cachedStatement(db, 'SELECT vendor_id FROM vendor_aliases WHERE key = ? COLLATE NOCASE LIMIT 1')
      .pluck()
      .get(trimmed) as number | undefined);
  return id === undefined ? null : vendorSummary(db, id);
}

/** One vendor's summary, or null if there is no such vendor. */
function vendorSummary(db: Database.Database, vendorId: number): VendorSummary | null {
  const row = cachedStatement(db, `${VENDOR_SUMMARY} WHERE v.id = ? GROUP BY v.id`).get(vendorId) as
    VendorSummary | undefined;
  return row ?? null;
}

/** A vendor with its documents (by title) and each document's snapshots in capture order. */
export function vendorTimeline(db: Database.Database, vendorId: number): VendorTimeline | null {
  const vendor = vendorSummary(db, vendorId);
  if (!vendor) return null;
  const documents = cachedStatement(
    db,
    `SELECT d.id, d.vendor_id AS vendorId, d.key, d.title, count(s.id) AS snapshotCount
     FROM documents d LEFT JOIN snapshots s ON s.document_id = d.id
     WHERE d.vendor_id = ?
     GROUP BY d.id ORDER BY d.title COLLATE NOCASE, d.id`,
  ).all(vendorId) as DocumentSummary[];
  const snapshots = cachedStatement(
    db,
    `SELECT ${SNAPSHOT_COLUMNS} FROM ${SNAPSHOT_FROM}
     WHERE d.vendor_id = ? ORDER BY s.document_id, s.captured_at, s.id`,
  ).all(vendorId) as SnapshotRow[];

  const byDocument = new Map<number, SnapshotSummary[]>(documents.map((document) => [document.id, []]));
  for (const row of snapshots) byDocument.get(row.document_id)?.push(toSnapshotSummary(row));
  return {
    vendor,
    documents: documents.map((document) => ({ ...document, snapshots: byDocument.get(document.id) ?? [] })),
  };
}

function snapshotRow(db: Database.Database, snapshotId: number): SnapshotRow | undefined {
  return cachedStatement(db, `SELECT ${SNAPSHOT_COLUMNS} FROM ${SNAPSHOT_FROM} WHERE s.id = ?`).get(snapshotId) as
    SnapshotRow | undefined;
}

/** A snapshot's metadata without its text, or null. */
export function getSnapshotSummary(db: Database.Database, snapshotId: number): SnapshotSummary | null {
  const row = snapshotRow(db, snapshotId);
  return row ? toSnapshotSummary(row) : null;
}

/** A snapshot with its text as blocks in document order, or null. */
export function getSnapshot(db: Database.Database, snapshotId: number): SnapshotDetail | null {
  const row = snapshotRow(db, snapshotId);
  if (!row) return null;
  return { ...toSnapshotSummary(row), blocks: textBlocks(db, row.text_id) };
}

/** The blocks of a stored text, in order. */
export function textBlocks(db: Database.Database, textId: number): Block[] {
  const rows = cachedStatement(
    db,
    `SELECT b.kind, b.level, b.text FROM text_blocks tb JOIN blocks b ON b.id = tb.block_id
     WHERE tb.text_id = ? ORDER BY tb.position`,
  ).all(textId) as Array<{ kind: number; level: number; text: string }>;
  return rows.map((row) => ({ kind: kindOfCode(row.kind), level: row.level, text: row.text }));
}

/**
 * Counts and size of the archive. `path` is the file the archive was opened
 * from; its size includes the write-ahead log, which holds recent commits.
 */
export function archiveInfo(db: Database.Database, path: string): ArchiveInfo {
  const counts = cachedStatement(
    db,
    `SELECT (SELECT count(*) FROM vendors) AS vendorCount,
            (SELECT count(*) FROM documents) AS documentCount,
            (SELECT count(*) FROM snapshots) AS snapshotCount,
            (SELECT count(*) FROM texts) AS textCount,
            (SELECT count(*) FROM blocks) AS blockCount`,
  ).get() as Omit<ArchiveInfo, 'path' | 'schemaVersion' | 'sizeBytes'>;
  return { path, schemaVersion: schemaVersion(db), ...counts, sizeBytes: fileSize(path) + fileSize(`${path}-wal`) };
}

function fileSize(path: string): number {
  try {
    return existsSync(path) ? statSync(path).size : 0;
  } catch {
    return 0;
  }
}

/** Vendors as importers need them for inference: key and display name, by key. */
export function knownVendors(db: Database.Database): Array<{ key: string; displayName: string }> {
  return cachedStatement(db, 'SELECT key, display_name AS displayName FROM vendors ORDER BY key').all() as Array<{
    key: string;
    displayName: string;
  }>;
}

/** One import as recorded in the archive. */
export interface ImportRecord {
  /** The id `ArchiveWriter.beginImport` returned. */
  importId: string;
  description: string;
  status: 'running' | 'done' | 'cancelled' | 'failed';
  startedAt: string;
  finishedAt: string | null;
  snapshotCount: number;
  sourceCount: number;
}

/**
 * Imports, newest first. An import still `running` when no import is in
 * progress was interrupted: its committed sources are kept, and importing the
 * same files again skips them.
 */
export function listImports(db: Database.Database): ImportRecord[] {
  return cachedStatement(
    db,
    `SELECT i.uid AS importId, i.description, i.status, i.started_at AS startedAt, i.finished_at AS finishedAt,
            (SELECT count(*) FROM snapshots s WHERE s.import_id = i.id) AS snapshotCount,
            (SELECT count(*) FROM import_sources src WHERE src.import_id = i.id) AS sourceCount
     FROM imports i ORDER BY i.started_at DESC, i.id DESC`,
  ).all() as ImportRecord[];
}

/**
 * Whether any import is recorded (running, done, cancelled or failed, even one
 * that added nothing). An import that was undone leaves no record, like
 * everything else it added.
 */
export function hasImportHistory(db: Database.Database): boolean {
  return cachedStatement(db, 'SELECT EXISTS (SELECT 1 FROM imports)').pluck().get() === 1;
}
