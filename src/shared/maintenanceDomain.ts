/**
 * Types of archive maintenance: backup, restore from a backup, and "check
 * archive" (integrity, full-text index, derived tables) with its repair.
 * Shared by the core (src/main/archive/maintenance), the CLI and the renderer.
 */

/** A finished backup. */
export interface BackupResult {
  /** The backup file written (absolute). */
  path: string;
  /** Its size in bytes. */
  bytes: number;
  /** Schema version of the copied archive. */
  schemaVersion: number;
  /** Snapshots in the copy. */
  snapshots: number;
}

/** A finished restore. */
export interface RestoreResult {
  /** The archive whose content was replaced (absolute). */
  archivePath: string;
  /** The backup it now holds (absolute). */
  restoredFrom: string;
  /** Where the archive's previous content was kept, or null when there was no previous archive. */
  previousKeptAt: string | null;
  /** Schema version of the backup before it was restored (older backups are upgraded on the way in). */
  backupSchemaVersion: number;
  /** Snapshots in the restored archive. */
  snapshots: number;
  /** Derived data (full-text index, block lists) the backup had out of step and that was rebuilt while restoring. */
  rebuilt: string[];
}

/** One check of "check archive". */
export interface ArchiveCheck {
  /** Stable identifier (scripts read it from `check --json`). */
  id: ArchiveCheckId;
  /** What was checked, for people. */
  name: string;
  /** True when the check passes (after a repair, if one was made). */
  ok: boolean;
  /** What was found: "ok", or the problems (first few) and their count. */
  detail: string;
  /** True when this run repaired the problem (the check passes now). */
  repaired: boolean;
  /** True when a repair can fix this kind of problem (derived data rebuilt from the archive's own content). */
  repairable: boolean;
}

export type ArchiveCheckId = 'integrity' | 'foreign-keys' | 'full-text-index' | 'block-lists' | 'snapshot-links';

/** The outcome of "check archive". */
export interface ArchiveCheckReport {
  archivePath: string;
  checkedAt: string;
  /** Every check passes (some possibly after a repair). */
  ok: boolean;
  checks: ArchiveCheck[];
  /** What to do about problems that remain, or null when there are none. */
  advice: string | null;
}

/**
 * A restore's steps, in order: the backup is copied and checked on a private
 * copy, the current archive is kept beside it, then the copy is written in.
 */
export type RestoreStep = 'reading-backup' | 'checking-backup' | 'keeping-current' | 'writing';

/** Progress of a backup or a restore, in database pages. */
export interface MaintenanceProgress {
  operation: 'backup' | 'restore';
  /** Which step of a restore (absent for a backup: it has one). */
  step?: RestoreStep;
  /** Pages copied so far and in total in this step (total 0 while unknown, or for a step that copies nothing). */
  done: number;
  total: number;
}
