import { endianness } from 'node:os';
import type Database from 'better-sqlite3';
import { changeStamp } from './changeStamp';
import { cachedStatement } from './statementCache';

/*
 * Every text's block ids, in memory, per connection: "which of these texts
 * have a block matching the query" is then a scan of Int32 arrays against a
 * bitmap of the matching blocks, ~2 ns per block, where the same walk in SQL
 * costs ~3 µs per text (a phrase in most texts of a 100k archive: 25 ms
 * instead of 300). Read from the packed lists of schema v7
 * (`text_block_lists`, ~0.15 s for 100 000 texts), appended to when an import
 * adds texts, rebuilt when any was removed. Memory: 4 bytes per (text, block)
 * pair plus 8 per text id — about 50 MB for the generated 100k archive
 * (12.6 million pairs), 0.3 MB for the bundled samples.
 *
 * Freshness: like searchCatalogue.ts, `PRAGMA data_version` (another
 * connection committed) and `total_changes()` (this one wrote) say whether
 * anything may have changed; `seq` (AUTOINCREMENT, never reused) says what:
 * if every row the cache read is still there, only new rows (seq above the
 * highest read) are read. Inside a transaction a stale index is refreshed
 * into a private copy, never cached: the transaction could still roll back.
 */

/** Block ids of each text, CSR-like, indexed by text id. */
export interface TextBlockIndex {
  /** Per text id: where its block ids start in `blocks`, or -1 when the text is unknown. */
  start: Int32Array;
  /** Per text id: how many block ids it has. */
  length: Int32Array;
  /** Block ids of all texts (only the first `used` entries are meaningful). */
  blocks: Int32Array;
  used: number;
}

interface CacheEntry {
  stamp: string;
  count: number;
  maxSeq: number;
  index: TextBlockIndex;
}

const cache = new WeakMap<Database.Database, CacheEntry>();
const LITTLE_ENDIAN = endianness() === 'LE';

/** The block lists of every text in the archive, refreshed if the archive changed (see the top of this file). */
export function textBlockIndex(db: Database.Database): TextBlockIndex {
  const stamp = changeStamp(db);
  const cached = cache.get(db);
  if (cached && cached.stamp === stamp) return cached.index;

  const { count, maxSeq } = cachedStatement(
    db,
    'SELECT count(*) AS count, coalesce(max(seq), 0) AS maxSeq FROM text_block_lists',
  ).get() as { count: number; maxSeq: number };
  let entry: CacheEntry;
  if (cached && count === cached.count && maxSeq === cached.maxSeq) {
    entry = { ...cached, stamp };
  } else if (cached && appendedOnly(db, cached)) {
    // Appending writes into the cached arrays (or copies of them when they grow): inside a
    // transaction work on copies, so a rollback cannot leave rows in the cached index.
    const base = db.inTransaction ? copyIndex(cached.index) : cached.index;
    entry = { stamp, count, maxSeq, index: readLists(db, cached.maxSeq, base) };
  } else {
    entry = { stamp, count, maxSeq, index: readLists(db, 0, emptyIndex()) };
  }
  if (!db.inTransaction) cache.set(db, entry);
  return entry.index;
}

/** True when one of the text's blocks is set in `matching` (a bitmap indexed by block id). */
export function textHasBlock(index: TextBlockIndex, textId: number, matching: Uint8Array): boolean {
  const from = index.start[textId] ?? -1;
  if (from < 0) return false;
  const to = from + index.length[textId]!;
  const blocks = index.blocks;
  for (let position = from; position < to; position++) {
    if (matching[blocks[position]!] === 1) return true;
  }
  return false;
}

/** True when the index holds the text's block list (texts added after it was read are not in it). */
export function indexHasText(index: TextBlockIndex, textId: number): boolean {
  return textId < index.start.length && index.start[textId]! >= 0;
}

function appendedOnly(db: Database.Database, cached: CacheEntry): boolean {
  const upToOld = cachedStatement(db, 'SELECT count(*) FROM text_block_lists WHERE seq <= ?')
    .pluck()
    .get(cached.maxSeq) as number;
  return upToOld === cached.count;
}

function emptyIndex(): TextBlockIndex {
  return { start: new Int32Array(0), length: new Int32Array(0), blocks: new Int32Array(0), used: 0 };
}

function copyIndex(index: TextBlockIndex): TextBlockIndex {
  return { start: index.start.slice(), length: index.length.slice(), blocks: index.blocks.slice(), used: index.used };
}

/** Add the lists with seq > afterSeq to `index` (mutated, arrays grown as needed) and return it. */
function readLists(db: Database.Database, afterSeq: number, index: TextBlockIndex): TextBlockIndex {
  const sizes = cachedStatement(
    db,
    `SELECT coalesce(max(text_id), 0) AS maxText, coalesce(sum(length(block_ids)), 0) / 4 AS pairs
     FROM text_block_lists WHERE seq > ?`,
  ).get(afterSeq) as { maxText: number; pairs: number };
  let { start, length, blocks } = index;
  if (sizes.maxText >= start.length) {
    const grownStart = new Int32Array(Math.max(sizes.maxText + 1, Math.ceil(start.length * 1.5))).fill(-1);
    grownStart.set(start);
    const grownLength = new Int32Array(grownStart.length);
    grownLength.set(length);
    start = grownStart;
    length = grownLength;
  }
  if (index.used + sizes.pairs > blocks.length) {
    const grown = new Int32Array(Math.max(index.used + sizes.pairs, Math.ceil(blocks.length * 1.5)));
    grown.set(blocks.subarray(0, index.used));
    blocks = grown;
  }
  let used = index.used;
  const rows = cachedStatement(db, 'SELECT text_id, block_ids FROM text_block_lists WHERE seq > ? ORDER BY seq')
    .raw()
    .iterate(afterSeq) as IterableIterator<[number, Buffer]>;
  for (const [textId, blob] of rows) {
    const count = blob.byteLength >>> 2;
    start[textId] = used;
    length[textId] = count;
    if (LITTLE_ENDIAN && blob.byteOffset % 4 === 0) {
      blocks.set(new Int32Array(blob.buffer, blob.byteOffset, count), used);
    } else {
      for (let i = 0; i < count; i++) blocks[used + i] = blob.readInt32LE(i * 4);
    }
    used += count;
  }
  return { start, length, blocks, used };
}
