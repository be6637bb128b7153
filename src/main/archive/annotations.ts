import type Database from 'better-sqlite3';
import type { SnapshotAnnotations, TagCount } from '../../shared/libraryDomain';
import { cachedStatement } from './statementCache';
import { compareTagNames, normalizeTags, tagKey } from './tagNames';

/*
 * What the user adds to the archive: tags on vendors and on snapshots
 * (versions), and one note per snapshot (schema version 5). Tag names are
 * shared by vendors and snapshots, one row per name ignoring case; a tag no
 * longer used by anything is deleted, so the next spelling typed wins.
 * Links cascade with their vendor or snapshot: undoing the import that added
 * a snapshot takes its tags and note with it.
 */

/**
 * Replace a vendor's tags (trimmed, de-duplicated ignoring case, sorted);
 * returns them as stored (an existing tag keeps its spelling), or null when
 * there is no such vendor.
 */
export function setVendorTags(db: Database.Database, vendorId: number, tags: readonly string[]): string[] | null {
  return db
    .transaction(() => {
      if (!exists(db, 'SELECT 1 FROM vendors WHERE id = ?', vendorId)) return null;
      const ids = tagIds(db, tags);
      cachedStatement(db, 'DELETE FROM vendor_tags WHERE vendor_id = ?').run(vendorId);
      const insert = cachedStatement(db, 'INSERT INTO vendor_tags (vendor_id, tag_id) VALUES (?, ?)');
      for (const id of ids) insert.run(vendorId, id);
      deleteUnusedTags(db);
      return vendorTagNames(db, vendorId);
    })
    .immediate();
}

/** A vendor's tags, sorted. */
export function vendorTagNames(db: Database.Database, vendorId: number): string[] {
  const names = cachedStatement(
    db,
    'SELECT t.name FROM vendor_tags vt JOIN tags t ON t.id = vt.tag_id WHERE vt.vendor_id = ?',
  )
    .pluck()
    .all(vendorId) as string[];
  return names.sort(compareTagNames);
}

/** Every tag in use, sorted by name, with how many vendors and snapshots carry it. */
export function listTags(db: Database.Database): TagCount[] {
  const rows = cachedStatement(
    db,
    `SELECT t.name,
            (SELECT count(*) FROM vendor_tags vt WHERE vt.tag_id = t.id) AS vendorCount,
            (SELECT count(*) FROM snapshot_tags st WHERE st.tag_id = t.id) AS snapshotCount
     FROM tags t`,
  ).all() as TagCount[];
  return rows
    .filter((row) => row.vendorCount > 0 || row.snapshotCount > 0)
    .sort((a, b) => compareTagNames(a.name, b.name));
}

/** A snapshot's tags and note, or null when there is no such snapshot. */
export function snapshotAnnotations(db: Database.Database, snapshotId: number): SnapshotAnnotations | null {
  if (!exists(db, 'SELECT 1 FROM snapshots WHERE id = ?', snapshotId)) return null;
  const note = cachedStatement(db, 'SELECT text, updated_at FROM snapshot_notes WHERE snapshot_id = ?').get(
    snapshotId,
  ) as { text: string; updated_at: string } | undefined;
  return {
    snapshotId,
    tags: snapshotTagNames(db, snapshotId),
    note: note?.text ?? null,
    noteUpdatedAt: note?.updated_at ?? null,
  };
}

/** Replace a snapshot's tags (cleaned like vendor tags); null when there is no such snapshot. */
export function setSnapshotTags(
  db: Database.Database,
  snapshotId: number,
  tags: readonly string[],
): SnapshotAnnotations | null {
  return db
    .transaction(() => {
      if (!exists(db, 'SELECT 1 FROM snapshots WHERE id = ?', snapshotId)) return null;
      const ids = tagIds(db, tags);
      cachedStatement(db, 'DELETE FROM snapshot_tags WHERE snapshot_id = ?').run(snapshotId);
      const insert = cachedStatement(db, 'INSERT INTO snapshot_tags (snapshot_id, tag_id) VALUES (?, ?)');
      for (const id of ids) insert.run(snapshotId, id);
      deleteUnusedTags(db);
      return snapshotAnnotations(db, snapshotId);
    })
    .immediate();
}

/**
 * Write a snapshot's note (trimmed; empty or whitespace-only text removes
 * it), stamped with `now`; null when there is no such snapshot.
 */
export function setSnapshotNote(
  db: Database.Database,
  snapshotId: number,
  text: string,
  now: Date = new Date(),
): SnapshotAnnotations | null {
  return db
    .transaction(() => {
      if (!exists(db, 'SELECT 1 FROM snapshots WHERE id = ?', snapshotId)) return null;
      const trimmed = text.trim();
      if (trimmed === '') {
        cachedStatement(db, 'DELETE FROM snapshot_notes WHERE snapshot_id = ?').run(snapshotId);
      } else {
        cachedStatement(
          db,
          `INSERT INTO snapshot_notes (snapshot_id, text, updated_at) VALUES (?, ?, ?)
         ON CONFLICT (snapshot_id) DO UPDATE SET text = excluded.text, updated_at = excluded.updated_at`,
        ).run(snapshotId, trimmed, `${now.toISOString().slice(0, 19)}Z`);
      }
      return snapshotAnnotations(db, snapshotId);
    })
    .immediate();
}

/** Tags and whether a note exists, for each of these snapshots that has either (the timeline's versions). */
export function annotationMarks(
  db: Database.Database,
  snapshotIds: readonly number[],
): Map<number, { tags: string[]; hasNote: boolean }> {
  const marks = new Map<number, { tags: string[]; hasNote: boolean }>();
  if (snapshotIds.length === 0) return marks;
  const ids = JSON.stringify(snapshotIds);
  const mark = (id: number) => {
    let found = marks.get(id);
    if (!found) {
      found = { tags: [], hasNote: false };
      marks.set(id, found);
    }
    return found;
  };
  const tagRows = cachedStatement(
    db,
    `SELECT st.snapshot_id, t.name FROM snapshot_tags st JOIN tags t ON t.id = st.tag_id
     WHERE st.snapshot_id IN (SELECT value FROM json_each(?))`,
  )
    .raw(true)
    .all(ids) as Array<[number, string]>;
  for (const [id, name] of tagRows) mark(id).tags.push(name);
  const noted = cachedStatement(
    db,
    'SELECT snapshot_id FROM snapshot_notes WHERE snapshot_id IN (SELECT value FROM json_each(?))',
  )
    .pluck()
    .all(ids) as number[];
  for (const id of noted) mark(id).hasNote = true;
  for (const found of marks.values()) found.tags.sort(compareTagNames);
  return marks;
}

function snapshotTagNames(db: Database.Database, snapshotId: number): string[] {
  const names = cachedStatement(
    db,
    'SELECT t.name FROM snapshot_tags st JOIN tags t ON t.id = st.tag_id WHERE st.snapshot_id = ?',
  )
    .pluck()
    .all(snapshotId) as string[];
  return names.sort(compareTagNames);
}

/**
 * Ids of these tag names, creating the missing ones. A name matches an
 * existing tag ignoring case (JavaScript's full Unicode case folding, wider
 * than the column's ASCII-only NOCASE), so "Über" finds "über".
 */
function tagIds(db: Database.Database, names: readonly string[]): number[] {
  const wanted = normalizeTags(names);
  if (wanted.length === 0) return [];
  const existing = new Map<string, number>();
  const rows = cachedStatement(db, 'SELECT id, name FROM tags').raw(true).all() as Array<[number, string]>;
  for (const [id, name] of rows) existing.set(tagKey(name), id);
  const insert = cachedStatement(db, 'INSERT INTO tags (name) VALUES (?)');
  const ids = new Set<number>();
  for (const name of wanted) {
    ids.add(existing.get(tagKey(name)) ?? Number(insert.run(name).lastInsertRowid));
  }
  return [...ids];
}

/** Drop tags nothing carries any more, so a tag re-created later takes its new spelling. */
function deleteUnusedTags(db: Database.Database): void {
  cachedStatement(
    db,
    `DELETE FROM tags WHERE NOT EXISTS (SELECT 1 FROM vendor_tags vt WHERE vt.tag_id = tags.id)
       AND NOT EXISTS (SELECT 1 FROM snapshot_tags st WHERE st.tag_id = tags.id)`,
  ).run();
}

function exists(db: Database.Database, sql: string, id: number): boolean {
  return cachedStatement(db, sql).get(id) !== undefined;
}
