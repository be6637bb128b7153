import type Database from 'better-sqlite3';
import { CAPTURE_IN_SCOPE, DOCUMENT_IN_SCOPE, scopeParams, type SnapshotScope } from './snapshotScope';
import { cachedStatement } from './statementCache';

/*
 * SQL behind trends (src/main/search/trend.ts): one pass over the captures in
 * scope, in time order per document, as rows of small integers (the capture's
 * month and its text's counts). Whether the texts in force contain the query
 * is asked through textsContaining (historyQueries.ts).
 */

/**
 * One capture in scope: its document, vendor, month = year × 12 + (month − 1)
 * of the capture time (UTC), text, and the text's word, sentence and syllable
 * counts (the last two null only for a text nothing has counted; schema v4
 * fills every text). Trend periods start on a month's first day, so the month
 * is all a trend needs to place a capture; integers cost a fraction of the
 * capture-time strings on 100k rows.
 */
export type TrendCaptureRow = [
  documentId: number,
  vendorId: number,
  month: number,
  textId: number,
  wordCount: number,
  sentenceCount: number | null,
  syllableCount: number | null,
];

// The text's counts are joined here, for every capture, rather than looked up
// afterwards for the texts in force: on 100k captures one pass is cheaper.
const CAPTURES_IN_SCOPE = `
  SELECT s.document_id, d.vendor_id,
         CAST(substr(s.captured_at, 1, 4) AS INTEGER) * 12 + CAST(substr(s.captured_at, 6, 2) AS INTEGER) - 1,
         s.text_id, t.word_count, t.sentence_count, t.syllable_count
  FROM documents d
  CROSS JOIN snapshots s ON s.document_id = d.id
  JOIN texts t ON t.id = s.text_id
  WHERE ${DOCUMENT_IN_SCOPE} AND ${CAPTURE_IN_SCOPE}
  ORDER BY s.document_id, s.captured_at, s.id`;

/** Every capture within the scope, ordered by document, then capture time. */
export function trendCaptures(db: Database.Database, scope: SnapshotScope): TrendCaptureRow[] {
  return cachedStatement(db, CAPTURES_IN_SCOPE).raw().all(scopeParams(scope)) as TrendCaptureRow[];
}
