import type Database from 'better-sqlite3';
import { changeStamp } from './changeStamp';
import { cachedStatement } from './statementCache';

/*
 * Which snapshots hold a text, and which document, time and vendor each
 * snapshot has, as compact arrays held per connection: the search follows
 * tens of thousands of (block → text → snapshot) links per query, and one
 * SQLite lookup per link (~0.5 µs) is what made common terms slow. Here a
 * link is an array read.
 *
 * The arrays are rebuilt when the archive changed since they were built:
 * `PRAGMA data_version` moves when another connection commits,
 * `total_changes()` when this one writes. Snapshots only added (an import)
 * are appended: only the new rows are read (the writer never updates a
 * snapshot row, it inserts or, undoing an import, deletes). Anything else (an undone
 * import, or a merge of vendors, which moves snapshots to another document and
 * bumps `snapshot_moves.generation`) reloads everything. Memory: about 60 bytes per snapshot
 * (6 MB per 100 000 snapshots).
 */

/** Snapshots and documents of an archive, indexed by their ids (0 = no such row). */
export interface SearchCatalogue {
  /** Per snapshot id: its document id. */
  snapshotDocument: Int32Array;
  /** Per snapshot id: capture time in Unix seconds. */
  snapshotTime: Float64Array;
  /** Per snapshot id: its text id. */
  snapshotText: Int32Array;
  /** Snapshots per text, CSR form: ids of text t are textSnapshots[textStart[t] … textStart[t + 1]). */
  textStart: Int32Array;
  textSnapshots: Int32Array;
  /** Per document id: vendor id, index into `keys`, index into `titles`. */
  documentVendor: Int32Array;
  documentKey: Int32Array;
  documentTitle: Int32Array;
  keys: string[];
  titles: string[];
  /** Snapshots per document, oldest first (capture time, then id), CSR form like textStart. */
  documentStart: Int32Array;
  documentSnapshots: Int32Array;
  /**
   * True when `titles` are in the connection's TEMP FTS5 table
   * `search_titles` (rowid = title index + 1), for titleMatch.ts. False
   * inside a transaction, where the table is not refilled.
   */
  titlesIndexed: boolean;
}

interface CacheEntry {
  stamp: string;
  count: number;
  maxId: number;
  /** `snapshot_moves.generation` when built: snapshots moved to another document since then invalidate the rows. */
  moves: number;
  /** What the snapshot with id `maxId` was (rowSignature): a different one means an undo freed that id and an import reused it. */
  maxSignature: string | null;
  /** Flat rows: id, text id, document id, time — kept to append to. */
  rows: number[];
  catalogue: SearchCatalogue;
}

const cache = new WeakMap<Database.Database, CacheEntry>();

/**
 * The catalogue of an open archive, rebuilt if the archive changed. Inside a
 * transaction nothing is cached (it could still roll back).
 */
export function searchCatalogue(db: Database.Database): SearchCatalogue {
  const stamp = changeStamp(db);
  const cached = cache.get(db);
  if (cached && cached.stamp === stamp) return cached.catalogue;

  const { count, maxId, moves } = cachedStatement(
    db,
    `SELECT count(*) AS count, coalesce(max(id), 0) AS maxId,
            (SELECT generation FROM snapshot_moves) AS moves
     FROM snapshots`,
  ).get() as {
    count: number;
    maxId: number;
    moves: number;
  };
  const maxSignature = rowSignature(db, maxId);
  // SQLite reuses ids only above the current highest one, so if the snapshot the cache knew as the highest
  // is still the same row, every row the cache read is unchanged or deleted.
  const sameRows = cached !== undefined && rowSignature(db, cached.maxId) === cached.maxSignature;
  let rows: number[];
  if (!cached || !sameRows || moves !== cached.moves) {
    rows = snapshotRows(db, 0);
  } else if (maxId > cached.maxId && appendedOnly(db, cached, count)) {
    rows = cached.rows.concat(snapshotRows(db, cached.maxId));
  } else if (count === cached.count && maxId === cached.maxId) {
    rows = cached.rows;
  } else {
    rows = snapshotRows(db, 0);
  }
  const catalogue = build(rows, documentRows(db));
  if (db.inTransaction) return catalogue;
  indexTitles(db, catalogue.titles);
  catalogue.titlesIndexed = true;
  // Stamped after filling the TEMP table, whose writes count in total_changes().
  cache.set(db, { stamp: changeStamp(db), count, maxId, moves, maxSignature, rows, catalogue });
  return catalogue;
}

/**
 * Put the distinct titles in a TEMP FTS5 table with the block index's
 * tokenizer, so titleMatch.ts can match them like blocks. TEMP tables are
 * private to the connection and writable on read-only connections too.
 */
function indexTitles(db: Database.Database, titles: readonly string[]): void {
  db.exec(`CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_titles USING fts5(
             title, tokenize = 'porter unicode61 remove_diacritics 2')`);
  const insert = cachedStatement(db, 'INSERT INTO temp.search_titles (rowid, title) VALUES (?, ?)');
  db.transaction(() => {
    db.exec('DELETE FROM temp.search_titles');
    titles.forEach((title, index) => insert.run(index + 1, title));
  })();
}

/** A snapshot row's identity beyond its id: what it holds and when it was imported (null: no such row). */
function rowSignature(db: Database.Database, snapshotId: number): string | null {
  const signature = cachedStatement(
    db,
    `SELECT document_id || ' ' || text_id || ' ' || captured_at || ' ' || imported_at FROM snapshots WHERE id = ?`,
  )
    .pluck()
    .get(snapshotId) as string | undefined;
  return signature ?? null;
}

/** True when every snapshot the cache knows is still there: the change only added rows. */
function appendedOnly(db: Database.Database, cached: CacheEntry, count: number): boolean {
  const upToOld = cachedStatement(db, 'SELECT count(*) FROM snapshots WHERE id <= ?')
    .pluck()
    .get(cached.maxId) as number;
  return upToOld === cached.count && count >= cached.count;
}

/** Snapshots with id > afterId as flat [id, textId, documentId, unixTime, …], by id. */
function snapshotRows(db: Database.Database, afterId: number): number[] {
  // One flat JSON array instead of one row per snapshot: several times faster to read.
  const json = cachedStatement(
    db,
    `SELECT '[' || group_concat(id || ',' || text_id || ',' || document_id || ',' || coalesce(unixepoch(captured_at), 0)) || ']'
     FROM (SELECT id, text_id, document_id, captured_at FROM snapshots WHERE id > ? ORDER BY id)`,
  )
    .pluck()
    .get(afterId) as string | null;
  return json ? (JSON.parse(json) as number[]) : [];
}

function documentRows(db: Database.Database): Array<[number, number, string, string]> {
  return cachedStatement(db, 'SELECT id, vendor_id, key, title FROM documents').raw(true).all() as Array<
    [number, number, string, string]
  >;
}

function build(rows: readonly number[], documents: ReadonlyArray<[number, number, string, string]>): SearchCatalogue {
  let maxSnapshot = 0;
  let maxText = 0;
  let maxDocument = 0;
  for (let i = 0; i < rows.length; i += 4) {
    maxSnapshot = Math.max(maxSnapshot, rows[i]!);
    maxText = Math.max(maxText, rows[i + 1]!);
    maxDocument = Math.max(maxDocument, rows[i + 2]!);
  }
  for (const [id] of documents) maxDocument = Math.max(maxDocument, id);

  const snapshotDocument = new Int32Array(maxSnapshot + 1);
  const snapshotTime = new Float64Array(maxSnapshot + 1);
  const snapshotText = new Int32Array(maxSnapshot + 1);
  const textStart = new Int32Array(maxText + 2);
  const documentStart = new Int32Array(maxDocument + 2);
  for (let i = 0; i < rows.length; i += 4) {
    snapshotDocument[rows[i]!] = rows[i + 2]!;
    snapshotTime[rows[i]!] = rows[i + 3]!;
    snapshotText[rows[i]!] = rows[i + 1]!;
    textStart[rows[i + 1]! + 1]! += 1;
    documentStart[rows[i + 2]! + 1]! += 1;
  }
  for (let t = 1; t < textStart.length; t++) textStart[t]! += textStart[t - 1]!;
  for (let d = 1; d < documentStart.length; d++) documentStart[d]! += documentStart[d - 1]!;

  const snapshotCount = rows.length / 4;
  const textSnapshots = new Int32Array(snapshotCount);
  const documentSnapshots = new Int32Array(snapshotCount);
  const textFill = textStart.slice(0, -1);
  const documentFill = documentStart.slice(0, -1);
  // Rows come by id, so each text's snapshots end up in id order.
  for (let i = 0; i < rows.length; i += 4) {
    textSnapshots[textFill[rows[i + 1]!]!++] = rows[i]!;
    documentSnapshots[documentFill[rows[i + 2]!]!++] = rows[i]!;
  }
  // A document's snapshots by capture time (then id); usually already in order.
  for (let d = 0; d <= maxDocument; d++) {
    const from = documentStart[d]!;
    const to = documentStart[d + 1]!;
    if (to - from < 2) continue;
    const list = Array.from(documentSnapshots.subarray(from, to));
    list.sort((a, b) => snapshotTime[a]! - snapshotTime[b]! || a - b);
    documentSnapshots.set(list, from);
  }

  const documentVendor = new Int32Array(maxDocument + 1);
  const documentKey = new Int32Array(maxDocument + 1).fill(-1);
  const documentTitle = new Int32Array(maxDocument + 1).fill(-1);
  const keys = new Map<string, number>();
  const titles = new Map<string, number>();
  const indexOf = (map: Map<string, number>, value: string): number => {
    let index = map.get(value);
    if (index === undefined) {
      index = map.size;
      map.set(value, index);
    }
    return index;
  };
  for (const [id, vendorId, key, title] of documents) {
    documentVendor[id] = vendorId;
    documentKey[id] = indexOf(keys, key);
    documentTitle[id] = indexOf(titles, title);
  }

  return {
    snapshotDocument,
    snapshotTime,
    snapshotText,
    textStart,
    textSnapshots,
    documentVendor,
    documentKey,
    documentTitle,
    keys: [...keys.keys()],
    titles: [...titles.keys()],
    documentStart,
    documentSnapshots,
    titlesIndexed: false,
  };
}
