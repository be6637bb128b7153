import type { InferredField, SnapshotSummary, SourceFormat, SourceOrigin, TimestampSource } from '../../shared/domain';

/**
 * The one way a snapshot row becomes a SnapshotSummary, shared by the
 * timeline, snapshot and search queries. SELECT `SNAPSHOT_COLUMNS` FROM
 * `SNAPSHOT_FROM` (aliases s, d, v, t) and pass each row to `toSnapshotSummary`.
 */
export const SNAPSHOT_COLUMNS = `
  s.id, s.document_id, d.vendor_id, v.display_name AS vendor_name, d.title AS document_title,
  s.captured_at, s.original_url, s.wayback_url, s.effective_date, s.source_path, s.source_format,
  s.inferred, lower(hex(t.hash)) AS content_hash, lower(hex(t.loose_hash)) AS loose_hash, t.word_count, s.text_id,
  s.origin, s.captured_at_source`;

export const SNAPSHOT_FROM = `
  snapshots s
  JOIN documents d ON d.id = s.document_id
  JOIN vendors v ON v.id = d.vendor_id
  JOIN texts t ON t.id = s.text_id`;

/** A row selected with SNAPSHOT_COLUMNS. */
export interface SnapshotRow {
  id: number;
  document_id: number;
  vendor_id: number;
  vendor_name: string;
  document_title: string;
  captured_at: string;
  original_url: string | null;
  wayback_url: string | null;
  effective_date: string | null;
  source_path: string;
  source_format: string;
  inferred: string;
  content_hash: string;
  loose_hash: string | null;
  word_count: number;
  text_id: number;
  origin: string;
  captured_at_source: string | null;
}

export function toSnapshotSummary(row: SnapshotRow): SnapshotSummary {
  return {
    id: row.id,
    documentId: row.document_id,
    vendorId: row.vendor_id,
    vendorName: row.vendor_name,
    documentTitle: row.document_title,
    capturedAt: row.captured_at,
    originalUrl: row.original_url,
    waybackUrl: row.wayback_url,
    effectiveDate: row.effective_date,
    sourcePath: row.source_path,
    sourceFormat: row.source_format as SourceFormat,
    inferred: parseInferred(row.inferred),
    contentHash: row.content_hash,
    formattingHash: row.loose_hash ?? row.content_hash,
    wordCount: row.word_count,
    origin: row.origin as SourceOrigin,
    capturedAtSource: (row.captured_at_source as TimestampSource | null) ?? null,
  };
}

function parseInferred(json: string): InferredField[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((item): item is InferredField => typeof item === 'string') : [];
  } catch {
    return [];
  }
}
