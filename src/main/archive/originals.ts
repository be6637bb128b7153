/**
 * The archived pages snapshots were read from (schema v6): stored once per
 * distinct page, compressed, size-capped; read back for the reader's
 * original-page view. The writer stores them (`OriginalStore`) and its undo
 * drops the ones no snapshot uses any more.
 */
import { createHash } from 'node:crypto';
import zlib from 'node:zlib';
import type Database from 'better-sqlite3';
import type { CaptureOriginal } from '../importers/capture';
import { cachedStatement } from './statementCache';

/**
 * Pages larger than this (as UTF-8) are not kept: a policy page is tens to a
 * few hundred KB, and anything this large is a crawl artefact whose display
 * would stall the view. Only the original view is lost; the text is imported.
 */
export const MAX_ORIGINAL_BYTES = 8 * 1024 * 1024;

/**
 * Brotli at quality 5. On the sample pages (18 HTML files, 344 KB): deflate
 * level 6 keeps 28.8 % of the size, brotli 5 26.4 % at about the same speed
 * (~50 MB/s), brotli 6 26.3 % at half that speed, brotli 11 22.7 % at ~1 MB/s
 * (too slow for an import). Decompressing the whole set takes under 1 ms.
 */
const CODEC = 'br';
const BROTLI_QUALITY = 5;

/** A stored original page, decompressed. */
export interface StoredOriginal {
  html: string;
  mediaType: string;
  /** The encoding the page was decoded from at import (the stored text is UTF-8). */
  charset: string | null;
  /** Size of the page as stored, uncompressed (UTF-8 bytes). */
  byteCount: number;
  /** The snapshot's original URL, when known (for resolving the page's relative links). */
  sourceUrl: string | null;
}

function compress(bytes: Buffer): Buffer {
  return zlib.brotliCompressSync(bytes, {
    params: {
      [zlib.constants.BROTLI_PARAM_QUALITY]: BROTLI_QUALITY,
      [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      [zlib.constants.BROTLI_PARAM_MODE]: zlib.constants.BROTLI_MODE_TEXT,
    },
  });
}

function decompress(codec: string, data: Buffer, byteCount: number): Buffer {
  if (codec === CODEC) return zlib.brotliDecompressSync(data, { maxOutputLength: Math.max(byteCount, 1) });
  throw new Error(`stored original page uses an unknown compression "${codec}" (written by a newer version?)`);
}

/**
 * Stores original pages for one writer: each distinct page once (keyed by the
 * SHA-256 of its UTF-8 bytes), compressed. Statements are prepared once.
 */
export class OriginalStore {
  private readonly find: Database.Statement;
  private readonly insert: Database.Statement;

  constructor(db: Database.Database) {
    this.find = db.prepare('SELECT id FROM originals WHERE hash = ?').pluck();
    this.insert = db.prepare(
      'INSERT INTO originals (hash, media_type, charset, byte_count, codec, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
  }

  /**
   * The id of the stored page, storing it if it is new; null when the page is
   * larger than {@link MAX_ORIGINAL_BYTES} (it is then not kept).
   */
  store(original: CaptureOriginal): number | null {
    // Cheap bound first: a UTF-16 string of n units is at least n UTF-8 bytes.
    if (original.html.length > MAX_ORIGINAL_BYTES) return null;
    const bytes = Buffer.from(original.html, 'utf8');
    if (bytes.length > MAX_ORIGINAL_BYTES) return null;
    const hash = createHash('sha256').update(bytes).digest();
    const found = this.find.get(hash) as number | undefined;
    if (found !== undefined) return found;
    const id = this.insert.run(
      hash,
      original.mediaType,
      original.charset,
      bytes.length,
      CODEC,
      compress(bytes),
    ).lastInsertRowid;
    return Number(id);
  }
}

/** The original page of a snapshot, or null when the snapshot does not exist or has none stored. */
export function readOriginal(db: Database.Database, snapshotId: number): StoredOriginal | null {
  const row = cachedStatement(
    db,
    `SELECT o.media_type AS mediaType, o.charset, o.byte_count AS byteCount, o.codec, o.data,
            s.original_url AS sourceUrl
     FROM snapshots s JOIN originals o ON o.id = s.original_id
     WHERE s.id = ?`,
  ).get(snapshotId) as
    | {
        mediaType: string;
        charset: string | null;
        byteCount: number;
        codec: string;
        data: Buffer;
        sourceUrl: string | null;
      }
    | undefined;
  if (!row) return null;
  const html = decompress(row.codec, row.data, row.byteCount).toString('utf8');
  return { html, mediaType: row.mediaType, charset: row.charset, byteCount: row.byteCount, sourceUrl: row.sourceUrl };
}

/**
 * Before an import's snapshots are deleted: remember the pages they use
 * (temp table `undo_originals`), so {@link dropUnusedOriginalCandidates} can
 * remove those no other snapshot uses. Runs inside the undo's transaction.
 */
export function collectOriginalCandidates(db: Database.Database, importRowId: number): void {
  db.exec('DROP TABLE IF EXISTS temp.undo_originals');
  db.prepare(
    `CREATE TEMP TABLE undo_originals AS
       SELECT DISTINCT original_id AS id FROM snapshots WHERE import_id = ? AND original_id IS NOT NULL`,
  ).run(importRowId);
}

/** After the snapshots are gone: delete the remembered pages nothing uses any more. */
export function dropUnusedOriginalCandidates(db: Database.Database): void {
  db.exec(`
    DELETE FROM originals WHERE id IN (SELECT id FROM temp.undo_originals)
      AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.original_id = originals.id);
    DROP TABLE IF EXISTS temp.undo_originals;
  `);
}

/**
 * Delete every stored page no snapshot uses (after snapshots were deleted
 * other than by an undo, e.g. duplicates dropped by a vendor merge). Returns
 * how many were removed.
 */
export function removeUnusedOriginals(db: Database.Database): number {
  return cachedStatement(
    db,
    'DELETE FROM originals WHERE NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.original_id = originals.id)',
  ).run().changes;
}

/** Pages stored and their sizes, for reports and measurements. */
export function originalsSize(db: Database.Database): { count: number; bytes: number; storedBytes: number } {
  return cachedStatement(
    db,
    'SELECT count(*) AS count, coalesce(sum(byte_count), 0) AS bytes, coalesce(sum(length(data)), 0) AS storedBytes FROM originals',
  ).get() as { count: number; bytes: number; storedBytes: number };
}
