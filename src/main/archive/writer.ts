import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Block } from '../../shared/domain';
import { blockReadingCounts, type ReadingCounts } from '../extract/readability';
import type { Capture } from '../importers/capture';
import { kindCode } from './blockKinds';
import { packBlockIds } from './blockLists';
import { whileWriting } from './busy';
import { blockHash, looseTextHash, sha256FromHex, textHash } from './hashing';
import { collectOriginalCandidates, dropUnusedOriginalCandidates, OriginalStore } from './originals';
import { countWords } from './wordCount';

/** Blocks whose readability counts a writer remembers (a few MB at most). */
const MAX_CACHED_BLOCK_COUNTS = 50_000;

/**
 * Final states of an import. `failed` also marks an import that stopped
 * without finishing (the process was killed, crashed, lost power, or gave up
 * on a busy archive): what it committed is kept, and running it again resumes it.
 */
export type ImportStatus = 'done' | 'cancelled' | 'failed';

/**
 * Imports begun and not yet finished in this thread, per archive file: the
 * only `running` rows known to be alive. Another process's imports cannot be
 * told apart from dead ones (see beginImport).
 */
const liveImports = new Map<string, Set<number>>();

function liveSet(db: Database.Database): Set<number> {
  let set = liveImports.get(db.name);
  if (!set) {
    set = new Set();
    liveImports.set(db.name, set);
  }
  return set;
}

/** A source file whose captures have been stored; recorded so a resumed import skips it. */
export interface SourceRecord {
  /** Hex SHA-256 identifying the source (the pipeline hashes the bytes and the overrides). */
  hash: string;
  path: string;
  format: string;
  /** Snapshots this source added (captures already present do not count). */
  snapshotCount: number;
}

export interface AddCaptureResult {
  snapshotId: number;
  /** False when the same capture (document, time, text) was already in the archive. */
  created: boolean;
}

export interface ArchiveWriterOptions {
  /** Clock for started_at / imported_at / finished_at (tests pass a fixed one). */
  now?: () => Date;
}

/**
 * The write side of the archive.
 *
 * Statements are prepared once per writer. Every method is atomic on its own
 * (a nested better-sqlite3 transaction becomes a savepoint), and callers batch
 * many captures in one `db.transaction` for speed. Texts and blocks are
 * content-addressed: storing a capture whose text is already known adds at
 * most a snapshot row, and a new version adds only the blocks that changed,
 * each indexed for full-text search in the same transaction.
 */
export class ArchiveWriter {
  private readonly db: Database.Database;
  private readonly now: () => Date;
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly originals: OriginalStore;
  private readonly importRowIds = new Map<string, number>();
  /** Imports undone by this writer: finishing one afterwards is a no-op (it no longer exists). */
  private readonly undone = new Set<string>();
  /**
   * Readability counts of recently stored blocks, by content address (never
   * by id: an undo can free an id for a different block). A new version shares
   * most blocks with the previous one, so only its new blocks are counted:
   * storing 1000 generated versions took 1.9 s counting every word of every
   * text, 1.25 s with this cache, 1.1 s without readability at all.
   */
  private readonly blockReading = new Map<string, ReadingCounts>();
  private readonly addCaptureTransaction: (importRowId: number, capture: Capture) => AddCaptureResult;

  constructor(db: Database.Database, options: ArchiveWriterOptions = {}) {
    this.db = db;
    this.now = options.now ?? (() => new Date());
    this.statements = prepareStatements(db);
    this.originals = new OriginalStore(db);
    // IMMEDIATE: take the write lock before the first read, so a concurrent writer's commit
    // makes this wait (busy timeout) instead of failing at once (inside a batch it is a savepoint).
    this.addCaptureTransaction = db.transaction((importRowId: number, capture: Capture) =>
      this.storeCapture(importRowId, capture),
    ).immediate;
  }

  /**
   * Start an import; returns its id (random hex), recorded with status `running`.
   *
   * Imports still `running` that this thread did not begin are marked `failed`
   * (with a finish time) first: an import killed mid-way (crash, SIGKILL, power
   * loss) would otherwise stay `running` forever. Its committed snapshots and
   * sources are kept, so running the same import again skips them and stores
   * the rest. An import that is in fact alive in another process (the app and
   * the CLI at once) is marked too, and set right by its own finishImport.
   */
  beginImport(description: string): string {
    const uid = randomBytes(8).toString('hex');
    const live = liveSet(this.db);
    const id = whileWriting(this.db, () =>
      this.db
        .transaction(() => {
          const at = this.timestamp();
          for (const stale of this.statements.runningImports.all() as number[]) {
            if (!live.has(stale)) this.statements.finishImport.run('failed', at, stale);
          }
          return Number(this.statements.insertImport.run(uid, description, at).lastInsertRowid);
        })
        .immediate(),
    );
    this.importRowIds.set(uid, id);
    live.add(id);
    return uid;
  }

  /** Whether a source with this hash was stored by any import (so a resumed import can skip it). */
  isSourceImported(sourceHash: string): boolean {
    return this.statements.findSource.get(sha256FromHex(sourceHash)) !== undefined;
  }

  /**
   * Store one capture under an import. Returns the existing snapshot with
   * `created: false` when the same document, capture time and text are
   * already stored, whichever import stored them.
   *
   * `sourceHash` identifies the file the capture came from; the link is
   * recorded per source by `recordSource`, so it is only validated here.
   */
  addCapture(importId: string, capture: Capture, sourceHash: string): AddCaptureResult {
    sha256FromHex(sourceHash);
    return this.addCaptureTransaction(this.importRowId(importId), capture);
  }

  /** Record that a source file was fully stored by an import. A source already recorded keeps its first record. */
  recordSource(importId: string, source: SourceRecord): void {
    this.statements.insertSource.run(
      sha256FromHex(source.hash),
      source.path,
      source.format,
      source.snapshotCount,
      this.importRowId(importId),
    );
  }

  /** Set an import's final status and finish time. No-op for an import this writer has undone. */
  finishImport(importId: string, status: ImportStatus): void {
    if (this.undone.has(importId)) return;
    const importRowId = this.importRowId(importId);
    const changed = whileWriting(
      this.db,
      () => this.statements.finishImport.run(status, this.timestamp(), importRowId).changes,
    );
    if (changed === 0) throw new Error(`Unknown import ${importId}`);
    liveSet(this.db).delete(importRowId);
  }

  /**
   * Stop tracking an import that ends without finishing (the archive stayed
   * busy, so neither finishing nor undoing it could be written): what it
   * committed is kept, and the next import marks its row `failed`.
   */
  abandonImport(importId: string): void {
    const importRowId = this.importRowIds.get(importId);
    if (importRowId !== undefined) liveSet(this.db).delete(importRowId);
  }

  /**
   * Remove everything an import added: its snapshots and source records, the
   * texts and blocks no other snapshot still uses (with their full-text
   * entries), documents and vendors left without snapshots, and the import
   * itself. The archive is then as it was before the import, except for
   * whatever later imports added.
   */
  undoImport(importId: string): void {
    if (this.undone.has(importId)) return;
    const importRowId = this.importRowId(importId);
    whileWriting(this.db, () => this.db.transaction(() => removeImport(this.db, importRowId)).immediate());
    this.importRowIds.delete(importId);
    liveSet(this.db).delete(importRowId);
    this.undone.add(importId);
  }

  private storeCapture(importRowId: number, capture: Capture): AddCaptureResult {
    const capturedAt = checkCapture(capture);
    const s = this.statements;
    const vendorId = this.vendorId(capture.vendor.key, capture.vendor.displayName);
    const documentId =
      (s.findDocument.get(vendorId, capture.document.key) as number | undefined) ??
      Number(s.insertDocument.run(vendorId, capture.document.key, capture.document.title).lastInsertRowid);
    const textId = this.textId(capture.blocks);

    const existing = s.findSnapshot.get(documentId, capturedAt, textId) as number | undefined;
    if (existing !== undefined) return { snapshotId: existing, created: false };
    // The page the text came from (schema v6), once per distinct page; null when none or too large.
    const originalId = capture.original ? this.originals.store(capture.original) : null;

    const snapshotId = s.insertSnapshot.run(
      documentId,
      textId,
      capturedAt,
      capture.originalUrl,
      capture.waybackUrl,
      capture.effectiveDate,
      capture.sourcePath,
      capture.sourceFormat,
      JSON.stringify(capture.inferred),
      importRowId,
      this.timestamp(),
      capture.origin,
      capture.capturedAtSource,
      originalId,
    ).lastInsertRowid;
    return { snapshotId: Number(snapshotId), created: true };
  }

  private vendorId(key: string, displayName: string): number {
    const s = this.statements;
    return (s.findVendor.get({ key }) as number | null) ?? Number(s.insertVendor.run(key, displayName).lastInsertRowid);
  }

  /** The id of the text made of these blocks, storing it (and any new block) if it is new. */
  private textId(blocks: readonly Block[]): number {
    const s = this.statements;
    const hashes = blocks.map(blockHash);
    const hash = textHash(hashes);
    const found = s.findText.get(hash) as number | undefined;
    if (found !== undefined) return found;

    const blockIds = blocks.map((block, index) => this.blockId(block, hashes[index]!));
    const wordCount = blocks.reduce((sum, block) => sum + countWords(block.text), 0);
    const loose = looseTextHash(blocks.map((block) => block.text));
    // Readability counts (schema v4) are stored with the text, so trends never recount words.
    const reading = this.readingCounts(blocks, hashes);
    const textId = Number(
      s.insertText.run(hash, wordCount, blocks.length, loose, reading.sentences, reading.syllables).lastInsertRowid,
    );
    blockIds.forEach((blockId, position) => s.insertTextBlock.run(textId, position, blockId));
    s.insertBlockList.run(textId, packBlockIds(blockIds));
    return textId;
  }

  /** A text's readability counts: the sum over its blocks (counts are additive), each block counted once. */
  private readingCounts(blocks: readonly Block[], hashes: readonly Buffer[]): ReadingCounts {
    const total: ReadingCounts = { sentences: 0, words: 0, syllables: 0 };
    blocks.forEach((block, index) => {
      const key = hashes[index]!.toString('base64');
      let counts = this.blockReading.get(key);
      if (!counts) {
        counts = blockReadingCounts(block.text);
        if (this.blockReading.size >= MAX_CACHED_BLOCK_COUNTS) this.blockReading.clear();
        this.blockReading.set(key, counts);
      }
      total.sentences += counts.sentences;
      total.words += counts.words;
      total.syllables += counts.syllables;
    });
    return total;
  }

  /** The id of a block, storing and indexing it if it is new. */
  private blockId(block: Block, hash: Buffer): number {
    const s = this.statements;
    const found = s.findBlock.get(hash) as number | undefined;
    if (found !== undefined) return found;
    const id = s.insertBlock.run(hash, kindCode(block.kind), block.level, block.text).lastInsertRowid;
    // Same transaction as the row: the index can never miss a stored block.
    s.indexBlock.run(id);
    return Number(id);
  }

  private importRowId(importId: string): number {
    const cached = this.importRowIds.get(importId);
    if (cached !== undefined) return cached;
    const id = this.statements.findImport.get(importId) as number | undefined;
    if (id === undefined) throw new Error(`Unknown import ${importId}`);
    this.importRowIds.set(importId, id);
    return id;
  }

  private timestamp(): string {
    return isoSeconds(this.now());
  }
}

function prepareStatements(db: Database.Database) {
  const scalar = (sql: string) => db.prepare(sql).pluck();
  return {
    insertImport: db.prepare("INSERT INTO imports (uid, description, status, started_at) VALUES (?, ?, 'running', ?)"),
    findImport: scalar('SELECT id FROM imports WHERE uid = ?'),
    runningImports: scalar("SELECT id FROM imports WHERE status = 'running'"),
    finishImport: db.prepare('UPDATE imports SET status = ?, finished_at = ? WHERE id = ?'),
    findSource: scalar('SELECT 1 FROM import_sources WHERE hash = ?'),
    insertSource: db.prepare(
      `INSERT INTO import_sources (hash, path, format, snapshot_count, import_id) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (hash) DO NOTHING`,
    ),
    // A vendor merged into another (schema v5) leaves its key as an alias: its captures go to the merged vendor.
    findVendor: scalar(
      `SELECT coalesce((SELECT id FROM vendors WHERE key = @key),
                       (SELECT vendor_id FROM vendor_aliases WHERE key = @key))`,
    ),
    insertVendor: db.prepare('INSERT INTO vendors (key, display_name) VALUES (?, ?)'),
    findDocument: scalar('SELECT id FROM documents WHERE vendor_id = ? AND key = ?'),
    insertDocument: db.prepare('INSERT INTO documents (vendor_id, key, title) VALUES (?, ?, ?)'),
    findText: scalar('SELECT id FROM texts WHERE hash = ?'),
    insertText: db.prepare(
      `INSERT INTO texts (hash, word_count, block_count, loose_hash, sentence_count, syllable_count)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ),
    insertTextBlock: db.prepare('INSERT INTO text_blocks (text_id, position, block_id) VALUES (?, ?, ?)'),
    insertBlockList: db.prepare('INSERT INTO text_block_lists (text_id, block_ids) VALUES (?, ?)'),
    findBlock: scalar('SELECT id FROM blocks WHERE hash = ?'),
    insertBlock: db.prepare('INSERT INTO blocks (hash, kind, level, text) VALUES (?, ?, ?, ?)'),
    indexBlock: db.prepare(
      'INSERT INTO blocks_fts (rowid, heading, body) SELECT id, heading, body FROM blocks WHERE id = ?',
    ),
    findSnapshot: scalar('SELECT id FROM snapshots WHERE document_id = ? AND captured_at = ? AND text_id = ?'),
    insertSnapshot: db.prepare(
      `INSERT INTO snapshots (document_id, text_id, captured_at, original_url, wayback_url, effective_date,
         source_path, source_format, inferred, import_id, imported_at, origin, captured_at_source, original_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

/**
 * Delete an import's rows, then whatever only it referenced, in dependency
 * order. Shared texts and blocks are kept: a candidate is removed only when no
 * snapshot (for texts) or text (for blocks) uses it any more. Runs inside the
 * caller's transaction; the temp tables hold the candidates between steps.
 */
function removeImport(db: Database.Database, importRowId: number): void {
  const dropTemps = (): void => {
    for (const name of ['undo_texts', 'undo_blocks', 'undo_documents', 'undo_vendors']) {
      db.exec(`DROP TABLE IF EXISTS temp.${name}`);
    }
  };
  dropTemps();
  db.prepare('CREATE TEMP TABLE undo_texts AS SELECT DISTINCT text_id AS id FROM snapshots WHERE import_id = ?').run(
    importRowId,
  );
  db.prepare(
    'CREATE TEMP TABLE undo_documents AS SELECT DISTINCT document_id AS id FROM snapshots WHERE import_id = ?',
  ).run(importRowId);
  db.exec(`
    CREATE TEMP TABLE undo_vendors AS
      SELECT DISTINCT vendor_id AS id FROM documents WHERE id IN (SELECT id FROM temp.undo_documents);
  `);
  collectOriginalCandidates(db, importRowId);
  db.prepare('DELETE FROM snapshots WHERE import_id = ?').run(importRowId);
  dropUnusedOriginalCandidates(db);
  db.exec(`
    DELETE FROM temp.undo_texts WHERE EXISTS (SELECT 1 FROM snapshots s WHERE s.text_id = undo_texts.id);
    CREATE TEMP TABLE undo_blocks AS
      SELECT DISTINCT block_id AS id FROM text_blocks WHERE text_id IN (SELECT id FROM temp.undo_texts);
    DELETE FROM text_blocks WHERE text_id IN (SELECT id FROM temp.undo_texts);
    DELETE FROM text_block_lists WHERE text_id IN (SELECT id FROM temp.undo_texts);
    DELETE FROM texts WHERE id IN (SELECT id FROM temp.undo_texts);
    DELETE FROM temp.undo_blocks WHERE EXISTS (SELECT 1 FROM text_blocks tb WHERE tb.block_id = undo_blocks.id);
    INSERT INTO blocks_fts (blocks_fts, rowid, heading, body)
      SELECT 'delete', id, heading, body FROM blocks WHERE id IN (SELECT id FROM temp.undo_blocks);
    DELETE FROM blocks WHERE id IN (SELECT id FROM temp.undo_blocks);
  `);
  db.prepare('DELETE FROM import_sources WHERE import_id = ?').run(importRowId);
  db.exec(`
    DELETE FROM documents WHERE id IN (SELECT id FROM temp.undo_documents)
      AND NOT EXISTS (SELECT 1 FROM snapshots s WHERE s.document_id = documents.id);
    DELETE FROM vendors WHERE id IN (SELECT id FROM temp.undo_vendors)
      AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.vendor_id = vendors.id);
  `);
  db.prepare('DELETE FROM imports WHERE id = ?').run(importRowId);
  dropTemps();
}

const ISO_SECONDS_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Check a capture before anything is written, and return its capture time in
 * the stored form (ISO UTC, second precision, so times sort as strings).
 * Messages name the source file.
 */
function checkCapture(capture: Capture): string {
  const fail = (reason: string): never => {
    throw new Error(`Cannot store the capture from ${capture.sourcePath}: ${reason}`);
  };
  if (!capture.vendor.key.trim()) fail('the vendor is missing');
  if (!capture.vendor.displayName.trim()) fail('the vendor name is empty');
  if (!capture.document.key.trim() || !capture.document.title.trim()) fail('the document key or title is empty');
  if (capture.blocks.length === 0) fail('it has no text');
  capture.blocks.forEach((block, index) => {
    if (!block.text) fail(`block ${index + 1} is empty`);
    if (!Number.isInteger(block.level) || block.level < 0) fail(`block ${index + 1} has an invalid level`);
    try {
      kindCode(block.kind);
    } catch (error) {
      fail(`block ${index + 1}: ${(error as Error).message}`);
    }
  });
  if (ISO_SECONDS_UTC.test(capture.capturedAt)) return capture.capturedAt;
  const parsed = new Date(capture.capturedAt);
  if (Number.isNaN(parsed.getTime())) fail(`the capture time "${capture.capturedAt}" is not a date`);
  return isoSeconds(parsed);
}

/** ISO 8601 UTC without milliseconds: `2018-08-13T14:21:16Z`. */
function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
