import type Database from 'better-sqlite3';

/**
 * Row counts of every table (FTS shadow tables included), so a test can assert that an
 * operation left the archive exactly as it was without knowing the schema.
 */
export function tableCounts(db: Database.Database): Record<string, number> {
  const tables = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
    .pluck()
    .all() as string[];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = db.prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`).pluck().get() as number;
  }
  return counts;
}

/** Throws if SQLite or the FTS index reports an inconsistency. */
export function assertArchiveIntegrity(db: Database.Database): void {
  const result = db.prepare('PRAGMA integrity_check').pluck().get();
  if (result !== 'ok') throw new Error(`integrity_check: ${String(result)}`);
  const fts = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
    .pluck()
    .all() as string[];
  for (const table of fts) db.prepare(`INSERT INTO "${table}"("${table}") VALUES('integrity-check')`).run();
}
