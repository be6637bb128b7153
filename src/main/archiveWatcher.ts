import type Database from 'better-sqlite3';

/**
 * Notices what other processes commit to the archive while the app is open
 * (the CLI importing, renaming, tagging or restoring a backup; a second
 * connection of any kind), so the window can refresh: `PRAGMA data_version`
 * on the app's connection moves exactly when another connection committed
 * (the app's own writes on that connection do not move it, and need no
 * notice). Reading it touches only the WAL index: polling it is cheap.
 *
 * A change is reported once the archive has settled (no new commit since the
 * previous check), or after `maxWaitMs` of continuous commits (a long CLI
 * import), so a window does not reload on every batch. While `quiet()` says the
 * app itself is writing through another connection (its import worker, a
 * restore), changes are absorbed: that work announces its own end.
 */
export interface ArchiveWatcher {
  /** One poll (the timer calls it; tests call it directly). */
  check(): void;
  /** Take the archive as it is now as seen (after the app announced a change itself). */
  sync(): void;
  stop(): void;
}

export interface ArchiveWatcherOptions {
  /** The app's connection, read on every check (a restore replaces it); skipped while closed. */
  db: () => Database.Database;
  /** Called when another process changed the archive. */
  onChange: () => void;
  /** True while the app's own work is writing (its changes are announced by that work). */
  quiet?: () => boolean;
  /** Poll interval (default 2000 ms); 0 = no timer (tests call check()). */
  intervalMs?: number;
  /** Report continuous changes at least this often (default 10 s). */
  maxWaitMs?: number;
  now?: () => number;
}

export function watchArchive(options: ArchiveWatcherOptions): ArchiveWatcher {
  const now = options.now ?? Date.now;
  const maxWaitMs = options.maxWaitMs ?? 10_000;
  let seen: { db: Database.Database; version: number } | null = null;
  /** When the first unreported change was seen (null: none pending). */
  let pendingSince: number | null = null;

  const version = (db: Database.Database): number => db.pragma('data_version', { simple: true }) as number;

  const sync = (): void => {
    const db = options.db();
    seen = db.open ? { db, version: version(db) } : null;
    pendingSince = null;
  };

  const check = (): void => {
    const db = options.db();
    if (!db.open) return;
    const current = version(db);
    // A new connection (after a restore) starts its own count: take it as the baseline.
    if (!seen || seen.db !== db) {
      seen = { db, version: current };
      return;
    }
    const changed = current !== seen.version;
    seen.version = current;
    if (options.quiet?.()) {
      pendingSince = null;
      return;
    }
    if (changed) {
      pendingSince ??= now();
      if (now() - pendingSince < maxWaitMs) return;
    } else if (pendingSince === null) {
      return;
    }
    pendingSince = null;
    options.onChange();
  };

  const intervalMs = options.intervalMs ?? 2000;
  const timer = intervalMs > 0 ? setInterval(check, intervalMs) : null;
  // A poll must never keep the app (or a test) alive.
  timer?.unref();
  sync();
  return {
    check,
    sync,
    stop: () => {
      if (timer) clearInterval(timer);
    },
  };
}
