import { randomBytes } from 'node:crypto';
import { renameSync, rmSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type Database from 'better-sqlite3';
import { openRaw, type ConnectionOptions } from './rawConnection';

/** Pages copied per step of SQLite's online backup: small enough that the app keeps answering between steps. */
const PAGES_PER_STEP = 256;
/** "Every remaining page" as a step size (better-sqlite3 caps the step at this). */
const ALL_PAGES = 0x7fffffff;

/** Progress of a copy, in pages. */
export type PageProgress = (progress: { totalPages: number; remainingPages: number }) => void;

export interface CopyOptions extends ConnectionOptions {
  onProgress?: PageProgress;
  /** Pages per step (default 256); the app answers between steps. */
  pagesPerStep?: number;
  /**
   * Called with a connection to the finished copy before it takes the target's
   * name; throwing there discards the copy (the target is left as it was).
   */
  verify?: (copy: Database.Database) => void;
}

/**
 * Copy an open database into `target` with SQLite's online backup API (other
 * connections may keep reading and writing the source meanwhile; a source
 * changed by another connection mid-copy makes SQLite start over, so the copy
 * is always one consistent state).
 *
 * The copy is written under a temporary name in the target's folder and
 * renamed over `target` only once it is complete and verified, so a failed or
 * interrupted copy never leaves a half file under the target's name (rename
 * within one folder is atomic). It is switched to `journal_mode=DELETE`: one
 * self-contained file, with no `-wal` beside it to lose when it is moved.
 */
export async function copyDatabase(
  source: Database.Database,
  target: string,
  options: CopyOptions = {},
): Promise<void> {
  const absolute = resolve(target);
  const temp = join(dirname(absolute), `.${basename(absolute)}.partial-${randomBytes(6).toString('hex')}`);
  try {
    let previousRemaining = Infinity;
    let restarted = false;
    const last = await source.backup(temp, {
      progress: (progress) => {
        options.onProgress?.(progress);
        // No fewer pages left than after the previous step: another connection (an import)
        // committed and SQLite started over. Copy the rest in one step (one read snapshot; in WAL
        // mode writers are not blocked), or a busy archive could keep a backup restarting for ever.
        if (progress.remainingPages >= previousRemaining) restarted = true;
        previousRemaining = progress.remainingPages;
        return restarted ? ALL_PAGES : (options.pagesPerStep ?? PAGES_PER_STEP);
      },
    });
    // better-sqlite3 calls `progress` between steps only: report the end too.
    options.onProgress?.(last);
    const copy = openRaw(temp, options);
    try {
      copy.pragma('journal_mode = DELETE');
      options.verify?.(copy);
    } finally {
      copy.close();
    }
    renameSync(temp, absolute);
  } finally {
    removeDatabaseFiles(temp);
  }
}

/** Remove a database file and SQLite's files beside it (missing ones are fine). */
export function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}
