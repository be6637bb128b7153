import type Database from 'better-sqlite3';
import type { DocumentSummary, SnapshotSummary } from '../../shared/domain';
import { SNAPSHOT_COLUMNS, SNAPSHOT_FROM, toSnapshotSummary, type SnapshotRow } from './snapshotRows';
import { cachedStatement } from './statementCache';

/*
 * The SQL behind document timelines (src/main/timeline): a document's captures
 * with their stored text, and the `version_changes` cache (schema version 3)
 * of change statistics between two texts.
 */

/** One capture of a document and the id of its stored text (equal ids: identical text). */
export interface DocumentCapture {
  snapshot: SnapshotSummary;
  textId: number;
}

/** How much a newer text differs from an older one, as the timeline shows it. */
export interface VersionChangeStats {
  wordsAdded: number;
  wordsRemoved: number;
  wordsMoved: number;
  changeRatio: number;
  sectionsTouched: string[];
}

/** A cached row: the statistics and the diff engine version that computed them. */
export interface StoredVersionChange extends VersionChangeStats {
  engineVersion: number;
}

/** A row to store: the change from text `textA` (older) to text `textB` (newer). */
export interface VersionChangeRecord extends VersionChangeStats {
  textA: number;
  textB: number;
  engineVersion: number;
}

/** A document with its snapshot count, or null if there is no such document. */
export function documentSummary(db: Database.Database, documentId: number): DocumentSummary | null {
  const row = cachedStatement(
    db,
    `SELECT d.id, d.vendor_id AS vendorId, d.key, d.title, count(s.id) AS snapshotCount
     FROM documents d LEFT JOIN snapshots s ON s.document_id = d.id
     WHERE d.id = ? GROUP BY d.id`,
  ).get(documentId) as DocumentSummary | undefined;
  return row ?? null;
}

/** A document's captures in capture order (ties by snapshot id, as vendorTimeline orders them). */
export function documentCaptures(db: Database.Database, documentId: number): DocumentCapture[] {
  const rows = cachedStatement(
    db,
    `SELECT ${SNAPSHOT_COLUMNS} FROM ${SNAPSHOT_FROM}
     WHERE s.document_id = ? ORDER BY s.captured_at, s.id`,
  ).all(documentId) as SnapshotRow[];
  return rows.map((row) => ({ snapshot: toSnapshotSummary(row), textId: row.text_id }));
}

/** The cached change from text `textA` to text `textB`, whatever engine computed it; null when not cached. */
export function readVersionChange(db: Database.Database, textA: number, textB: number): StoredVersionChange | null {
  const row = cachedStatement(
    db,
    `SELECT words_added, words_removed, words_moved, change_ratio, sections_touched, engine_version
     FROM version_changes WHERE text_a = ? AND text_b = ?`,
  ).get(textA, textB) as
    | {
        words_added: number;
        words_removed: number;
        words_moved: number;
        change_ratio: number;
        sections_touched: string;
        engine_version: number;
      }
    | undefined;
  if (!row) return null;
  return {
    wordsAdded: row.words_added,
    wordsRemoved: row.words_removed,
    wordsMoved: row.words_moved,
    changeRatio: row.change_ratio,
    sectionsTouched: parseSections(row.sections_touched),
    engineVersion: row.engine_version,
  };
}

/**
 * Store computed changes (replacing rows of an older engine), in one
 * transaction. Both texts must exist: the rows reference them.
 */
export function writeVersionChanges(db: Database.Database, records: readonly VersionChangeRecord[]): void {
  if (records.length === 0) return;
  const insert = cachedStatement(
    db,
    `INSERT OR REPLACE INTO version_changes
       (text_a, text_b, words_added, words_removed, words_moved, change_ratio, sections_touched, engine_version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (const record of records) {
      insert.run(
        record.textA,
        record.textB,
        record.wordsAdded,
        record.wordsRemoved,
        record.wordsMoved,
        record.changeRatio,
        JSON.stringify(record.sectionsTouched),
        record.engineVersion,
      );
    }
  })();
}

function parseSections(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
