import type Database from 'better-sqlite3';
import type { VendorSummary } from '../../shared/domain';
import type { MergeResult } from '../../shared/libraryDomain';
import { findVendor } from './queries';
import { cachedStatement } from './statementCache';

/*
 * The user's corrections to vendors: renaming one and merging several into
 * one (the same company imported under two keys, e.g. `formlabs.com` from the
 * Princeton files and `Formlabs` from another source).
 *
 * A vendor is identified by its key, which imports derive from the source
 * (a domain or service name). Renaming changes only the display name, so
 * later imports of the same source still find the vendor. Merging removes the
 * merged vendors but records their keys as aliases of the one that remains
 * (`vendor_aliases`, consulted by ArchiveWriter): later imports of the old
 * key's files land in the merged vendor instead of recreating it.
 */

/** A rename or merge the archive refuses (the message says why); nothing was changed. */
export class VendorEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'VendorEditError';
  }
}

/** Longest display name accepted (the IPC contract checks the same bound). */
const MAX_NAME_LENGTH = 200;

/**
 * Give a vendor a new display name (trimmed). The key stays, so re-imports
 * still find the vendor. Null when there is no such vendor; throws a
 * VendorEditError when the name is empty or is already another vendor's name
 * or key (the CLI and the importers find vendors by either, ignoring case:
 * merge them instead).
 */
export function renameVendor(db: Database.Database, vendorId: number, name: string): VendorSummary | null {
  const displayName = name.trim();
  return db
    .transaction(() => {
      const vendor = vendorById(db, vendorId);
      if (!vendor) return null;
      if (displayName === '') {
        throw new VendorEditError(`Cannot rename vendor ${vendor.displayName}: the new name is empty.`);
      }
      if (displayName.length > MAX_NAME_LENGTH) {
        throw new VendorEditError(
          `Cannot rename vendor ${vendor.displayName}: the new name is longer than ${MAX_NAME_LENGTH} characters.`,
        );
      }
      const clash = cachedStatement(
        db,
        `SELECT display_name AS displayName, key FROM vendors
       WHERE id <> ? AND (display_name = ? COLLATE NOCASE OR key = ? COLLATE NOCASE) LIMIT 1`,
      ).get(vendorId, displayName, displayName) as { displayName: string; key: string } | undefined;
      if (clash) {
        throw new VendorEditError(
          `Cannot rename vendor ${vendor.displayName} to "${displayName}": vendor ${clash.displayName} (${clash.key}) ` +
            'already has that name. Merge the two vendors instead.',
        );
      }
      cachedStatement(db, 'UPDATE vendors SET display_name = ? WHERE id = ?').run(displayName, vendorId);
      return vendorById(db, vendorId);
    })
    .immediate();
}

/** Which vendors to merge: the sources' documents, snapshots, tags and notes move into the target. */
export interface MergeVendorsRequest {
  /** The vendor that remains. */
  targetId: number;
  /** Vendors merged into it and then removed. */
  sourceIds: readonly number[];
}

/**
 * Merge vendors into one, in a single transaction (all or nothing).
 *
 * For each source vendor, in the order given: a document whose key the target
 * does not have yet moves to the target whole (its id, title and snapshots
 * stay). A document whose key the target already has is folded into the
 * target's document: its snapshots move there, keeping their ids, tags and
 * notes; a snapshot that is an exact duplicate of one already there (same
 * capture time and text: the archive stores a capture once) is dropped, the
 * earlier-stored of the two is kept — as when an import meets a capture the
 * archive already has — and the dropped one's tags and note are added to it.
 * The emptied document is deleted. The source's tags are added to the
 * target's, its key (and its own aliases) become aliases of the target, and
 * the source is deleted.
 *
 * Texts, blocks and the full-text index are untouched (snapshots only change
 * document). Undoing an import later still removes exactly its snapshots,
 * wherever they now are, and then documents and vendors left empty —
 * including the target, when everything in it came from that import. A
 * dropped duplicate is not restored by undoing the import of the kept one.
 *
 * Throws a VendorEditError, changing nothing, when there are no sources, the
 * target is among them, or a vendor does not exist.
 */
export function mergeVendors(db: Database.Database, request: MergeVendorsRequest): MergeResult {
  const sourceIds = [...new Set(request.sourceIds)];
  const { targetId } = request;
  return db
    .transaction(() => {
      if (sourceIds.length === 0) {
        throw new VendorEditError('Nothing to merge: name at least one vendor to merge into another.');
      }
      const target = vendorById(db, targetId);
      if (!target) throw new VendorEditError(`Cannot merge: there is no vendor with id ${targetId} to merge into.`);
      if (sourceIds.includes(targetId)) {
        throw new VendorEditError(
          `Cannot merge vendor ${target.displayName} into itself: remove it from the vendors to merge.`,
        );
      }
      const missing = sourceIds.filter((id) => !vendorById(db, id));
      if (missing.length > 0) {
        throw new VendorEditError(`Cannot merge: there is no vendor with id ${missing.join(', ')}.`);
      }

      const totals = { documentsMoved: 0, snapshotsMoved: 0, duplicatesDropped: 0 };
      for (const sourceId of sourceIds) {
        const moved = mergeOne(db, sourceId, targetId);
        totals.documentsMoved += moved.documentsMoved;
        totals.snapshotsMoved += moved.snapshotsMoved;
        totals.duplicatesDropped += moved.duplicatesDropped;
      }
      return { vendor: vendorById(db, targetId)!, ...totals };
    })
    .immediate();
}

/** Move one source vendor's content into the target and delete the source. */
function mergeOne(db: Database.Database, sourceId: number, targetId: number): Omit<MergeResult, 'vendor'> {
  const result = { documentsMoved: 0, snapshotsMoved: 0, duplicatesDropped: 0 };
  const documents = cachedStatement(db, 'SELECT id, key FROM documents WHERE vendor_id = ? ORDER BY id')
    .raw(true)
    .all(sourceId) as Array<[number, string]>;
  for (const [documentId, key] of documents) {
    const existing = cachedStatement(db, 'SELECT id FROM documents WHERE vendor_id = ? AND key = ?')
      .pluck()
      .get(targetId, key) as number | undefined;
    if (existing === undefined) {
      cachedStatement(db, 'UPDATE documents SET vendor_id = ? WHERE id = ?').run(targetId, documentId);
      result.documentsMoved += 1;
      result.snapshotsMoved += cachedStatement(db, 'SELECT count(*) FROM snapshots WHERE document_id = ?')
        .pluck()
        .get(documentId) as number;
    } else {
      const folded = foldDocument(db, documentId, existing);
      result.snapshotsMoved += folded.moved;
      result.duplicatesDropped += folded.dropped;
      cachedStatement(db, 'DELETE FROM documents WHERE id = ?').run(documentId);
    }
  }

  cachedStatement(
    db,
    `INSERT INTO vendor_tags (vendor_id, tag_id) SELECT ?, tag_id FROM vendor_tags WHERE vendor_id = ?
     ON CONFLICT DO NOTHING`,
  ).run(targetId, sourceId);
  // The source's own aliases first: deleting the source cascades to rows still pointing at it.
  cachedStatement(db, 'UPDATE vendor_aliases SET vendor_id = ? WHERE vendor_id = ?').run(targetId, sourceId);
  cachedStatement(
    db,
    `INSERT INTO vendor_aliases (key, vendor_id) SELECT key, ? FROM vendors WHERE id = ?
     ON CONFLICT (key) DO UPDATE SET vendor_id = excluded.vendor_id`,
  ).run(targetId, sourceId);
  cachedStatement(db, 'DELETE FROM vendors WHERE id = ?').run(sourceId);
  return result;
}

/**
 * Move every snapshot of document `fromId` into document `intoId`. Returns
 * how many moved and how many were dropped as exact duplicates.
 */
function foldDocument(db: Database.Database, fromId: number, intoId: number): { moved: number; dropped: number } {
  const snapshots = cachedStatement(db, 'SELECT id, captured_at, text_id FROM snapshots WHERE document_id = ?')
    .raw(true)
    .all(fromId) as Array<[number, string, number]>;
  const findTwin = cachedStatement(
    db,
    'SELECT id FROM snapshots WHERE document_id = ? AND captured_at = ? AND text_id = ?',
  ).pluck();
  const move = cachedStatement(db, 'UPDATE snapshots SET document_id = ? WHERE id = ?');
  let moved = 0;
  let dropped = 0;
  for (const [id, capturedAt, textId] of snapshots) {
    const twin = findTwin.get(intoId, capturedAt, textId) as number | undefined;
    if (twin === undefined) {
      move.run(intoId, id);
      moved += 1;
      continue;
    }
    // Keep the capture stored first, like an import that finds a capture already in the archive.
    const keep = Math.min(id, twin);
    const drop = Math.max(id, twin);
    dropDuplicate(db, drop, keep);
    if (keep === id) move.run(intoId, id);
    dropped += 1;
  }
  return { moved, dropped };
}

/**
 * Delete snapshot `drop`, a duplicate of `keep`, giving `keep` what only
 * `drop` had: its tags, its note (joined to `keep`'s when both have one) and
 * its original page (schema v6) when `keep` has none. A page no snapshot
 * uses any more is deleted, as an undo would.
 */
function dropDuplicate(db: Database.Database, drop: number, keep: number): void {
  carryAnnotations(db, drop, keep);
  const original = cachedStatement(db, 'SELECT original_id FROM snapshots WHERE id = ?').pluck().get(drop) as
    number | null;
  if (original !== null) {
    cachedStatement(db, 'UPDATE snapshots SET original_id = coalesce(original_id, ?) WHERE id = ?').run(original, keep);
  }
  cachedStatement(db, 'DELETE FROM snapshots WHERE id = ?').run(drop);
  if (original !== null) {
    cachedStatement(
      db,
      'DELETE FROM originals WHERE id = @id AND NOT EXISTS (SELECT 1 FROM snapshots WHERE original_id = @id)',
    ).run({ id: original });
  }
}

/** Give snapshot `keep` the tags and note of snapshot `drop` (notes are joined when both have one). */
function carryAnnotations(db: Database.Database, drop: number, keep: number): void {
  cachedStatement(
    db,
    `INSERT INTO snapshot_tags (snapshot_id, tag_id) SELECT ?, tag_id FROM snapshot_tags WHERE snapshot_id = ?
     ON CONFLICT DO NOTHING`,
  ).run(keep, drop);
  const notes = cachedStatement(
    db,
    'SELECT snapshot_id, text, updated_at FROM snapshot_notes WHERE snapshot_id IN (?, ?)',
  ).all(keep, drop) as Array<{ snapshot_id: number; text: string; updated_at: string }>;
  const dropped = notes.find((note) => note.snapshot_id === drop);
  if (!dropped) return;
  const kept = notes.find((note) => note.snapshot_id === keep);
  const text = kept && kept.text !== dropped.text ? `${kept.text}\n\n${dropped.text}` : dropped.text;
  const updatedAt = kept && kept.updated_at > dropped.updated_at ? kept.updated_at : dropped.updated_at;
  cachedStatement(
    db,
    `INSERT INTO snapshot_notes (snapshot_id, text, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (snapshot_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
  ).run(keep, text, updatedAt);
}

/** The vendor with this id (never one whose name or key happens to be the number). */
function vendorById(db: Database.Database, vendorId: number): VendorSummary | null {
  const exists = cachedStatement(db, 'SELECT 1 FROM vendors WHERE id = ?').get(vendorId) !== undefined;
  return exists ? findVendor(db, String(vendorId)) : null;
}
