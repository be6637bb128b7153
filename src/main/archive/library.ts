import type Database from 'better-sqlite3';
import type { LibraryDocument, LibraryVendor } from '../../shared/libraryDomain';
import { cachedStatement } from './statementCache';
import { compareTagNames } from './tagNames';

/*
 * The library sidebar's data: every vendor with its counts, capture span, last
 * change, tags and documents, in one call. The numbers come from one pass over
 * the snapshots in (vendor, document, capture time) order — documents through
 * the covering index UNIQUE(vendor_id, key), their snapshots through
 * UNIQUE(document_id, captured_at, text_id), so SQLite never sorts — read as
 * one flat JSON array and counted here with "last seen in" marks per text.
 * GROUP BY queries per vendor and per (document, text) each sort every
 * snapshot: 90 ms together on the 5000-vendor, 100 000-snapshot benchmark
 * archive, against ~35 ms for this whole function.
 */

/** Aggregates of one document's snapshots; times in Unix seconds. */
interface DocumentTally {
  snapshots: number;
  first: number;
  last: number;
  /** Distinct texts. */
  versions: number;
  /** First capture of the text first seen last. */
  newestVersion: number;
}

/** What one pass over the snapshots counts. */
interface SnapshotTallies {
  documents: Map<number, DocumentTally>;
  /** Per vendor: distinct texts across its documents. */
  vendorVersions: Map<number, number>;
}

/**
 * Every vendor (by display name, case-insensitive) with its VendorSummary
 * counts, tags (sorted), documents (by title) and when its text last changed:
 * per document the first capture of its newest version (the distinct text
 * first seen last; null with a single version), per vendor the newest of
 * those.
 */
export function libraryVendors(db: Database.Database): LibraryVendor[] {
  const vendors = cachedStatement(
    db,
    'SELECT id, key, display_name FROM vendors ORDER BY display_name COLLATE NOCASE, id',
  )
    .raw(true)
    .all() as Array<[number, string, string]>;
  const documents = cachedStatement(
    db,
    'SELECT id, vendor_id, key, title FROM documents ORDER BY title COLLATE NOCASE, id',
  )
    .raw(true)
    .all() as Array<[number, number, string, string]>;
  const tallies = tallySnapshots(db);
  const tags = vendorTags(db);

  const documentsByVendor = new Map<number, Array<{ document: LibraryDocument; tally: DocumentTally | undefined }>>();
  for (const [id, vendorId, key, title] of documents) {
    const tally = tallies.documents.get(id);
    const entry = { document: libraryDocument(id, key, title, tally), tally };
    const list = documentsByVendor.get(vendorId);
    if (list) list.push(entry);
    else documentsByVendor.set(vendorId, [entry]);
  }

  return vendors.map(([id, key, displayName]) => {
    const entries = documentsByVendor.get(id) ?? [];
    let snapshotCount = 0;
    let first = Infinity;
    let last = -Infinity;
    let lastChangedAt: string | null = null;
    for (const { document, tally } of entries) {
      if (document.lastChangedAt !== null && (lastChangedAt === null || document.lastChangedAt > lastChangedAt)) {
        lastChangedAt = document.lastChangedAt;
      }
      if (!tally) continue;
      snapshotCount += tally.snapshots;
      first = Math.min(first, tally.first);
      last = Math.max(last, tally.last);
    }
    return {
      id,
      key,
      displayName,
      documentCount: entries.length,
      snapshotCount,
      versionCount: tallies.vendorVersions.get(id) ?? 0,
      firstCapturedAt: snapshotCount > 0 ? isoTime(first) : null,
      lastCapturedAt: snapshotCount > 0 ? isoTime(last) : null,
      lastChangedAt,
      tags: tags.get(id) ?? [],
      documents: entries.map((entry) => entry.document),
    };
  });
}

function libraryDocument(id: number, key: string, title: string, tally: DocumentTally | undefined): LibraryDocument {
  return {
    id,
    key,
    title,
    snapshotCount: tally?.snapshots ?? 0,
    versionCount: tally?.versions ?? 0,
    firstCapturedAt: tally ? isoTime(tally.first) : null,
    lastCapturedAt: tally ? isoTime(tally.last) : null,
    lastChangedAt: tally && tally.versions > 1 ? isoTime(tally.newestVersion) : null,
  };
}

/** Every snapshot as (vendor, document, text, Unix time), grouped by vendor then document, oldest first. */
const ORDERED_SNAPSHOTS = `
  SELECT d.vendor_id, s.document_id, s.text_id, unixepoch(s.captured_at) AS time
  FROM documents d JOIN snapshots s ON s.document_id = d.id
  ORDER BY d.vendor_id, d.key, s.captured_at`;

/** Per document and per vendor counts, from one ordered pass over the snapshots. */
function tallySnapshots(db: Database.Database): SnapshotTallies {
  // One JSON array instead of one row per snapshot: several times faster to read (as in searchCatalogue.ts).
  const json = cachedStatement(
    db,
    `SELECT '[' || group_concat(vendor_id || ',' || document_id || ',' || text_id || ',' || time) || ']'
     FROM (${ORDERED_SNAPSHOTS})`,
  )
    .pluck()
    .get() as string | null;
  const flat = json ? (JSON.parse(json) as number[]) : [];
  const tallies = tallyOrdered(flat);
  if (tallies) return tallies;
  // group_concat kept the subquery's order in every SQLite tried, but SQLite does not promise it;
  // when the pass finds rows out of order, read them as rows, whose order ORDER BY does guarantee.
  const rows = cachedStatement(db, ORDERED_SNAPSHOTS).raw(true).all() as number[][];
  return tallyOrdered(rows.flat())!;
}

/**
 * Count flat (vendor, document, text, time) rows grouped by vendor, then
 * document, oldest first. A text is new to a document (a version) or to a
 * vendor when its "last seen in" mark differs: with grouped rows a mark is
 * only overwritten once its group is over. Null when the rows are not
 * grouped and ordered that way.
 */
function tallyOrdered(flat: readonly number[]): SnapshotTallies | null {
  let maxText = 0;
  let maxDocument = 0;
  for (let i = 0; i < flat.length; i += 4) {
    maxDocument = Math.max(maxDocument, flat[i + 1]!);
    maxText = Math.max(maxText, flat[i + 2]!);
  }
  const textDocument = new Int32Array(maxText + 1);
  const textVendor = new Int32Array(maxText + 1);
  const documentDone = new Uint8Array(maxDocument + 1);
  const documents = new Map<number, DocumentTally>();
  const vendorVersions = new Map<number, number>();
  let vendorId = 0;
  let documentId = 0;
  let tally: DocumentTally | null = null;
  let vendorTexts = 0;
  for (let i = 0; i < flat.length; i += 4) {
    const v = flat[i]!;
    const d = flat[i + 1]!;
    const t = flat[i + 2]!;
    const time = flat[i + 3]!;
    if (v !== vendorId) {
      if (v < vendorId) return null;
      if (vendorId !== 0) vendorVersions.set(vendorId, vendorTexts);
      vendorId = v;
      vendorTexts = 0;
    }
    if (d !== documentId || tally === null) {
      if (documentDone[d] === 1) return null;
      documentDone[documentId] = 1;
      documentId = d;
      tally = { snapshots: 0, first: time, last: time, versions: 0, newestVersion: time };
      documents.set(d, tally);
    }
    if (time < tally.last) return null;
    tally.snapshots += 1;
    tally.last = time;
    if (textDocument[t] !== d) {
      textDocument[t] = d;
      tally.versions += 1;
      tally.newestVersion = time;
    }
    if (textVendor[t] !== v) {
      textVendor[t] = v;
      vendorTexts += 1;
    }
  }
  if (vendorId !== 0) vendorVersions.set(vendorId, vendorTexts);
  return { documents, vendorVersions };
}

/** Per vendor id: its tag names, sorted. */
function vendorTags(db: Database.Database): Map<number, string[]> {
  const rows = cachedStatement(db, 'SELECT vt.vendor_id, t.name FROM vendor_tags vt JOIN tags t ON t.id = vt.tag_id')
    .raw(true)
    .all() as Array<[number, string]>;
  const byVendor = new Map<number, string[]>();
  for (const [vendorId, name] of rows) {
    const list = byVendor.get(vendorId);
    if (list) list.push(name);
    else byVendor.set(vendorId, [name]);
  }
  for (const list of byVendor.values()) list.sort(compareTagNames);
  return byVendor;
}

/**
 * Unix seconds back to the stored form (ISO UTC, second precision). Capture
 * times are stored in exactly that form (the writer checks it), so the round
 * trip through unixepoch() is lossless. Built from the UTC fields: three
 * times faster than toISOString() for the 15 000 times of a 5000-vendor
 * library.
 */
function isoTime(seconds: number): string {
  const date = new Date(seconds * 1000);
  return (
    `${String(date.getUTCFullYear()).padStart(4, '0')}-${two(date.getUTCMonth() + 1)}-${two(date.getUTCDate())}` +
    `T${two(date.getUTCHours())}:${two(date.getUTCMinutes())}:${two(date.getUTCSeconds())}Z`
  );
}

function two(value: number): string {
  return value < 10 ? `0${value}` : String(value);
}
