import type Database from 'better-sqlite3';

/**
 * HandlerContext.reopenArchive for a host that keeps its connection in
 * `host.db`: close it, run the replacement (a restore), and always reopen —
 * also when the replacement failed, so the app keeps working on the archive as
 * it is. `onReopened` lets the host rewire what used the old connection.
 */
export function createArchiveReopener(
  host: { db: Database.Database },
  open: () => Database.Database,
  onReopened?: (db: Database.Database) => void,
): <T>(replace: () => Promise<T>) => Promise<T> {
  return async (replace) => {
    if (host.db.open) host.db.close();
    try {
      return await replace();
    } finally {
      host.db = open();
      onReopened?.(host.db);
    }
  };
}
