import type Database from 'better-sqlite3';
import { cachedStatement } from './statementCache';

/**
 * A string that changes whenever the archive may have changed for this
 * connection: `PRAGMA data_version` moves when another connection commits,
 * `total_changes()` when this one writes. Per-connection caches compare it.
 */
export function changeStamp(db: Database.Database): string {
  const dataVersion = cachedStatement(db, 'PRAGMA data_version').pluck().get() as number;
  const changes = cachedStatement(db, 'SELECT total_changes()').pluck().get() as number;
  return `${dataVersion}:${changes}`;
}
