import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openArchive } from '../../../src/main/archive/database';

/** Tables whose rows make up the archive's content (the FTS index is checked separately). */
export const CONTENT_TABLES = [
  'vendors',
  'documents',
  'imports',
  'import_sources',
  'texts',
  'blocks',
  'text_blocks',
  'snapshots',
] as const;

/** A fresh temp folder; remove it with the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'policy-archive-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A new archive file in a temp folder, opened. Close and remove it with `dispose`. */
export function tempArchive(): { db: Database.Database; file: string; dir: string; dispose: () => void } {
  const { dir, cleanup } = tempDir();
  const file = join(dir, 'archive.sqlite');
  const db = openArchive(file);
  return {
    db,
    file,
    dir,
    dispose: () => {
      if (db.open) db.close();
      cleanup();
    },
  };
}

/** Row counts of every content table. */
export function rowCounts(db: Database.Database): Record<(typeof CONTENT_TABLES)[number], number> {
  const counts = {} as Record<(typeof CONTENT_TABLES)[number], number>;
  for (const table of CONTENT_TABLES) {
    counts[table] = db.prepare(`SELECT count(*) FROM ${table}`).pluck().get() as number;
  }
  return counts;
}

/** Every row of every content table, in a stable order, for exact before/after comparisons. */
export function dumpRows(db: Database.Database): Record<string, unknown[]> {
  const dump: Record<string, unknown[]> = {};
  for (const table of CONTENT_TABLES) {
    const columns = (db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[]).join(', ');
    dump[table] = db.prepare(`SELECT ${columns} FROM ${table} ORDER BY ${columns}`).all();
  }
  return dump;
}

/** Runs FTS5's own consistency check of blocks_fts against the blocks table; throws if they disagree. */
export function checkFtsIntegrity(db: Database.Database): void {
  db.prepare("INSERT INTO blocks_fts(blocks_fts, rank) VALUES ('integrity-check', 1)").run();
}

/** Block ids whose indexed text matches an FTS expression. */
export function ftsMatches(db: Database.Database, fts: string): number[] {
  return db
    .prepare('SELECT rowid FROM blocks_fts WHERE blocks_fts MATCH ? ORDER BY rowid')
    .pluck()
    .all(fts) as number[];
}
