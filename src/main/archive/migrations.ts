import type Database from 'better-sqlite3';
import { packBlockIds } from './blockLists';
import { looseTextHash } from './hashing';
import { backfillReadingCounts } from './readingCounts';

/**
 * The archive schema, as the ordered list of forward migrations that build it.
 *
 * Version N of the file format is what migrations 1..N produce; the version is
 * kept in `PRAGMA user_version`. Each migration runs in its own transaction,
 * together with the version bump, so a file is never left half-migrated.
 * To change the schema, APPEND a migration: never edit one that has shipped
 * (see README.md in this folder).
 */
export interface Migration {
  /** 1-based, consecutive. */
  version: number;
  /** One line for humans (shown in errors and the README). */
  description: string;
  up(db: Database.Database): void;
}

/** `PRAGMA application_id` of an archive: "PAEX", so other SQLite files are recognised and refused. */
export const APPLICATION_ID = 0x50414558;

/**
 * Version 1: the snapshot → text → blocks model.
 *
 * - vendors 1─* documents 1─* snapshots *─1 texts; texts are ordered lists of
 *   blocks (text_blocks), and texts and blocks are stored once per distinct
 *   content (hash keys), so identical captures and unchanged paragraphs cost
 *   no extra space.
 * - blocks_fts indexes each distinct block once (external content: the text
 *   lives only in `blocks`). Headings and other blocks are separate columns,
 *   read from generated columns, so the stored rank weights headings double.
 * - Indexes are the ones the writer and the queries need: text_blocks(block_id)
 *   for block → texts (search, undo), snapshots(text_id) for text → snapshots,
 *   snapshots(import_id) and import_sources(import_id) for undo. The UNIQUE
 *   constraints double as the lookups by natural key (vendor key, document per
 *   vendor, snapshots per document in time order).
 */
const initialSchema = `
CREATE TABLE vendors (
  id INTEGER PRIMARY KEY,
  key TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL
);

CREATE TABLE documents (
  id INTEGER PRIMARY KEY,
  vendor_id INTEGER NOT NULL REFERENCES vendors(id),
  key TEXT NOT NULL,
  title TEXT NOT NULL,
  UNIQUE (vendor_id, key)
);

CREATE TABLE imports (
  id INTEGER PRIMARY KEY,
  uid TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('running', 'done', 'cancelled', 'failed')),
  started_at TEXT NOT NULL,
  finished_at TEXT
);

CREATE TABLE import_sources (
  hash BLOB PRIMARY KEY,
  path TEXT NOT NULL,
  format TEXT NOT NULL,
  snapshot_count INTEGER NOT NULL,
  import_id INTEGER NOT NULL REFERENCES imports(id)
) WITHOUT ROWID;
CREATE INDEX import_sources_import ON import_sources(import_id);

CREATE TABLE texts (
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  word_count INTEGER NOT NULL,
  block_count INTEGER NOT NULL
);

CREATE TABLE blocks (
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  kind INTEGER NOT NULL,
  level INTEGER NOT NULL,
  text TEXT NOT NULL,
  heading TEXT GENERATED ALWAYS AS (CASE WHEN kind = 1 THEN text END) VIRTUAL,
  body TEXT GENERATED ALWAYS AS (CASE WHEN kind = 1 THEN NULL ELSE text END) VIRTUAL
);

CREATE TABLE text_blocks (
  text_id INTEGER NOT NULL REFERENCES texts(id),
  position INTEGER NOT NULL,
  block_id INTEGER NOT NULL REFERENCES blocks(id),
  PRIMARY KEY (text_id, position)
) WITHOUT ROWID;
CREATE INDEX text_blocks_block ON text_blocks(block_id);

CREATE TABLE snapshots (
  id INTEGER PRIMARY KEY,
  document_id INTEGER NOT NULL REFERENCES documents(id),
  text_id INTEGER NOT NULL REFERENCES texts(id),
  captured_at TEXT NOT NULL,
  original_url TEXT,
  wayback_url TEXT,
  effective_date TEXT,
  source_path TEXT NOT NULL,
  source_format TEXT NOT NULL,
  inferred TEXT NOT NULL DEFAULT '[]',
  import_id INTEGER NOT NULL REFERENCES imports(id),
  imported_at TEXT NOT NULL,
  UNIQUE (document_id, captured_at, text_id)
);
CREATE INDEX snapshots_text ON snapshots(text_id);
CREATE INDEX snapshots_import ON snapshots(import_id);

CREATE VIRTUAL TABLE blocks_fts USING fts5(
  heading, body,
  content = 'blocks', content_rowid = 'id',
  tokenize = 'porter unicode61 remove_diacritics 2'
);
INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('rank', 'bm25(2.0, 1.0)');
`;

/**
 * Version 3: a cache of how much one text differs from another (the timeline's
 * change magnitudes), keyed by (older text, newer text).
 *
 * - Rows are derived data, filled on demand by src/main/timeline; `engine_version`
 *   records which diff engine computed a row, so a changed engine recomputes it.
 * - Both keys reference texts ON DELETE CASCADE: when an undo deletes a text its
 *   rows go too (foreign keys are on in every connection, see database.ts), so a
 *   later text that reuses the id never inherits a stale row.
 * - The index on text_b makes that cascade a lookup, not a scan (text_a is the
 *   primary key's prefix).
 */
const versionChangesSchema = `
CREATE TABLE version_changes (
  text_a INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
  text_b INTEGER NOT NULL REFERENCES texts(id) ON DELETE CASCADE,
  words_added INTEGER NOT NULL,
  words_removed INTEGER NOT NULL,
  words_moved INTEGER NOT NULL,
  change_ratio REAL NOT NULL,
  sections_touched TEXT NOT NULL DEFAULT '[]',
  engine_version INTEGER NOT NULL,
  PRIMARY KEY (text_a, text_b)
) WITHOUT ROWID;
CREATE INDEX version_changes_text_b ON version_changes(text_b);
`;

/**
 * Version 5: the user's library edits — tags on vendors and on snapshots
 * (versions), a note per snapshot, and the keys of vendors merged away.
 *
 * - Tag names are unique case-insensitively (`COLLATE NOCASE`): "GDPR" and
 *   "gdpr" are one tag, spelled as first written.
 * - Every link references its vendor / snapshot ON DELETE CASCADE (foreign keys
 *   are on in every connection): an import undo that drops a snapshot or an
 *   empty vendor, or a merge that deletes the merged vendors, never leaves a
 *   tag link, note or alias pointing nowhere. Tags no longer used stay as rows
 *   but are not listed.
 * - `vendor_aliases` maps the key of a vendor merged into another to the vendor
 *   it was merged into, so the writer files later imports of the old key's
 *   captures under the merged vendor instead of recreating it.
 * - The secondary indexes make the cascades (and tag → users) lookups, not
 *   scans; the primary keys cover the other direction.
 * - Merging moves snapshots to another document, the one update of a
 *   snapshot row there is. `snapshot_moves.generation` counts such moves (a
 *   trigger, so no writer can forget it): the search catalogue, which keeps
 *   snapshot → document in memory and otherwise assumes snapshots are only
 *   added or deleted, reloads when it changes.
 */
const librarySchema = `
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE vendor_tags (
  vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (vendor_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX vendor_tags_tag ON vendor_tags(tag_id);

CREATE TABLE snapshot_tags (
  snapshot_id INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  PRIMARY KEY (snapshot_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX snapshot_tags_tag ON snapshot_tags(tag_id);

CREATE TABLE snapshot_notes (
  snapshot_id INTEGER PRIMARY KEY REFERENCES snapshots(id) ON DELETE CASCADE,
  text TEXT NOT NULL,
  updated_at TEXT NOT NULL
);

CREATE TABLE vendor_aliases (
  key TEXT PRIMARY KEY,
  vendor_id INTEGER NOT NULL REFERENCES vendors(id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX vendor_aliases_vendor ON vendor_aliases(vendor_id);

CREATE TABLE snapshot_moves (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL
);
INSERT INTO snapshot_moves (id, generation) VALUES (1, 0);
CREATE TRIGGER snapshots_moved AFTER UPDATE OF document_id ON snapshots
  WHEN old.document_id IS NOT new.document_id
BEGIN
  UPDATE snapshot_moves SET generation = generation + 1 WHERE id = 1;
END;
`;

/**
 * Version 6: the archived pages texts were extracted from, for the reader's
 * "original page" view.
 *
 * - `originals` is content-addressed like texts: `hash` is the SHA-256 of the
 *   page as UTF-8, so a page captured many times unchanged (or imported twice)
 *   is stored once. `data` is the page compressed with `codec` (`br`: brotli
 *   quality 5, about a quarter of the page's size on the samples, at deflate's
 *   speed); `byte_count` is its uncompressed size. Pages above 8 MB are not
 *   kept (see originals.ts): nothing but the original view is lost.
 * - `snapshots.original_id` is nullable: Markdown and text sources have no
 *   page, and neither do snapshots imported before version 6. The partial
 *   index makes "is this page still used?" (undo) a lookup.
 */
const originalsSchema = `
CREATE TABLE originals (
  id INTEGER PRIMARY KEY,
  hash BLOB NOT NULL UNIQUE,
  media_type TEXT NOT NULL,
  charset TEXT,
  byte_count INTEGER NOT NULL,
  codec TEXT NOT NULL,
  data BLOB NOT NULL
);
ALTER TABLE snapshots ADD COLUMN original_id INTEGER REFERENCES originals(id);
CREATE INDEX snapshots_original ON snapshots(original_id) WHERE original_id IS NOT NULL;
`;

/*
 * Version 7: each text's block ids in order, packed in one BLOB (Int32,
 * little-endian), beside text_blocks (which stays the source of truth for
 * queries by block). Reading 100 000 of these blobs takes ~0.15 s where
 * reading the same 12.6 million text_blocks rows takes ~2 s, so the phrase
 * history can keep every text's block list in memory (textBlockIndex.ts).
 * `seq` is AUTOINCREMENT so a row deleted by an undone import and written
 * again by the next import gets a new number: a cache that knows the highest
 * `seq` it read can tell "only added" from "changed" exactly.
 */
const textBlockListsSchema = `
CREATE TABLE text_block_lists (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  text_id INTEGER NOT NULL UNIQUE REFERENCES texts(id),
  block_ids BLOB NOT NULL
);
`;

/** Every migration, in order. The last one's version is the schema version this app writes. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'vendors, documents, snapshots, content-addressed texts and blocks, FTS5 over blocks, imports',
    up(db) {
      db.exec(initialSchema);
      db.pragma(`application_id = ${APPLICATION_ID}`);
    },
  },
  {
    version: 2,
    description: 'where a snapshot came from (origin) and where its capture time was read; texts.loose_hash',
    up(db) {
      // Rows written by version 1 came from plain files, dated by a header or a file name.
      db.exec(`
        ALTER TABLE snapshots ADD COLUMN origin TEXT NOT NULL DEFAULT 'file';
        ALTER TABLE snapshots ADD COLUMN captured_at_source TEXT;
        ALTER TABLE texts ADD COLUMN loose_hash BLOB;
      `);
      backfillLooseHashes(db);
    },
  },
  {
    version: 3,
    description: 'version_changes: cached change statistics between two texts, for timelines',
    up(db) {
      db.exec(versionChangesSchema);
    },
  },
  {
    version: 4,
    description: 'texts.sentence_count and texts.syllable_count, for readability trends',
    up(db) {
      // Nullable: filled right here for existing texts and by the writer for new ones; NULL
      // only ever means "not computed", never "no sentences" (that is 0).
      db.exec(`
        ALTER TABLE texts ADD COLUMN sentence_count INTEGER;
        ALTER TABLE texts ADD COLUMN syllable_count INTEGER;
      `);
      backfillReadingCounts(db);
    },
  },
  {
    version: 5,
    description: 'tags on vendors and snapshots, notes on snapshots, aliases of merged vendor keys, snapshot moves',
    up(db) {
      db.exec(librarySchema);
    },
  },
  {
    version: 6,
    description: 'originals: the archived HTML pages snapshots were read from, compressed and content-addressed',
    up(db) {
      db.exec(originalsSchema);
    },
  },
  {
    version: 7,
    description: "text_block_lists: every text's block ids in one packed row, for in-memory containment tests",
    up(db) {
      db.exec(textBlockListsSchema);
      backfillTextBlockLists(db);
    },
  },
];

/**
 * Version 2's loose hash for texts written before it existed: the same function
 * the writer uses, over the stored blocks.
 */
function backfillLooseHashes(db: Database.Database): void {
  const texts = db.prepare('SELECT id FROM texts').pluck().all() as number[];
  const blocksOf = db
    .prepare(
      'SELECT b.text FROM text_blocks tb JOIN blocks b ON b.id = tb.block_id WHERE tb.text_id = ? ORDER BY tb.position',
    )
    .pluck();
  const update = db.prepare('UPDATE texts SET loose_hash = ? WHERE id = ?');
  for (const id of texts) update.run(looseTextHash(blocksOf.all(id) as string[]), id);
}

/**
 * Version 7's block lists for existing texts, read a range of text ids at a
 * time as one string (one row per text is ~5× slower at 100 000 texts).
 */
function backfillTextBlockLists(db: Database.Database): void {
  const maxId = (db.prepare('SELECT coalesce(max(id), 0) FROM texts').pluck().get() as number) ?? 0;
  const read = db
    .prepare(
      `SELECT '[' || group_concat(text_id || ',' || block_id) || ']'
       FROM (SELECT text_id, block_id FROM text_blocks WHERE text_id > ? AND text_id <= ? ORDER BY text_id, position)`,
    )
    .pluck();
  const insert = db.prepare('INSERT INTO text_block_lists (text_id, block_ids) VALUES (?, ?)');
  const RANGE = 5000;
  for (let from = 0; from < maxId; from += RANGE) {
    const json = read.get(from, from + RANGE) as string | null;
    if (!json) continue;
    const pairs = JSON.parse(json) as number[];
    let index = 0;
    while (index < pairs.length) {
      const textId = pairs[index]!;
      const blockIds: number[] = [];
      for (; index < pairs.length && pairs[index] === textId; index += 2) blockIds.push(pairs[index + 1]!);
      insert.run(textId, packBlockIds(blockIds));
    }
  }
}

/** Schema version of archives written by this build. */
export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
