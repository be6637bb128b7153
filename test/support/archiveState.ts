import type Database from 'better-sqlite3';

/**
 * Row counts of every table, so a test can assert that an operation left the archive
 * exactly as it was without knowing the schema. FTS5 shadow tables are left out: their
 * segment layout legitimately changes after an insert and a delete of the same rows; the
 * index's content is checked with assertArchiveIntegrity and by searching instead.
 */
export function tableCounts(db: Database.Database): Record<string, number> {
  const fts = ftsTables(db);
  const shadow = new Set(
    fts.flatMap((name) => ['data', 'idx', 'docsize', 'config', 'content'].map((s) => `${name}_${s}`)),
  );
  const tables = (
    db
      .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .pluck()
      .all() as string[]
  ).filter((name) => !shadow.has(name));
  const counts: Record<string, number> = {};
  for (const table of tables) {
    counts[table] = db
      .prepare(`SELECT count(*) FROM "${table.replace(/"/g, '""')}"`)
      .pluck()
      .get() as number;
  }
  return counts;
}

/** Throws if SQLite or the FTS index reports an inconsistency. */
export function assertArchiveIntegrity(db: Database.Database): void {
  const result = db.prepare('PRAGMA integrity_check').pluck().get();
  if (result !== 'ok') throw new Error(`integrity_check: ${String(result)}`);
  for (const table of ftsTables(db)) db.prepare(`INSERT INTO "${table}"("${table}") VALUES('integrity-check')`).run();
}

function ftsTables(db: Database.Database): string[] {
  return db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%fts5%'")
    .pluck()
    .all() as string[];
}
