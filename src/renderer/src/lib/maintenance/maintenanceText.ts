/**
 * Words for the maintenance dialog (backup, restore, check): pure functions,
 * tested in test/renderer/lib/maintenance.
 */
import type {
  ArchiveCheckReport,
  BackupResult,
  MaintenanceProgress,
  RestoreResult,
} from '../../../../shared/maintenanceDomain';

export type MaintenanceOperation = 'backup' | 'restore' | 'check';

export const OPERATION_TITLES: Record<MaintenanceOperation, string> = {
  backup: 'Back up the archive',
  restore: 'Restore from a backup',
  check: 'Check the archive',
};

/** Whole percent of a copy, 0 while the total is unknown. */
export function progressPercent(progress: MaintenanceProgress | null): number {
  if (!progress || progress.total <= 0) return 0;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}

const RESTORE_STEP_WORDS = {
  'reading-backup': 'Reading the backup',
  'checking-backup': 'Checking the backup',
  'keeping-current': 'Keeping a copy of the current archive',
  writing: 'Restoring',
} as const;

/**
 * What the dialog says while a backup or a restore copies: the step
 * ("Keeping a copy of the current archive… 40%"), with a percentage when the
 * step copies pages.
 */
export function progressLabel(progress: MaintenanceProgress): string {
  const words = progress.operation === 'backup' ? 'Copying' : RESTORE_STEP_WORDS[progress.step ?? 'writing'];
  return progress.total > 0 ? `${words}… ${progressPercent(progress)}%` : `${words}…`;
}

/** A size for people: bytes, KB or MB. */
export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** What a finished backup says. */
export function backupSummary(result: BackupResult): string {
  const snapshots = `${result.snapshots} snapshot${result.snapshots === 1 ? '' : 's'}`;
  return `Backed up ${snapshots} (${formatSize(result.bytes)}) to ${result.path}.`;
}

/** What a finished restore says: what it holds now, and where the previous content went. */
export function restoreSummary(result: RestoreResult): string[] {
  const lines = [
    `Restored ${result.snapshots} snapshot${result.snapshots === 1 ? '' : 's'} from ${result.restoredFrom}.`,
  ];
  lines.push(
    result.previousKeptAt
      ? `The archive as it was before is kept at ${result.previousKeptAt}.`
      : 'There was no previous archive to keep.',
  );
  if (result.rebuilt.length > 0) lines.push(`Rebuilt while restoring: ${result.rebuilt.join(', ')}.`);
  return lines;
}

/** The headline of a check report. */
export function checkHeadline(report: ArchiveCheckReport): string {
  if (report.ok) {
    return report.checks.some((check) => check.repaired)
      ? 'Repaired: every check passes now.'
      : 'The archive is sound: every check passes.';
  }
  const failed = report.checks.filter((check) => !check.ok).length;
  return `${failed} check${failed === 1 ? '' : 's'} found problems.`;
}

/** Whether a Repair button can help: a failing check of rebuildable data, and a sound file. */
export function canRepair(report: ArchiveCheckReport): boolean {
  const integrity = report.checks.find((check) => check.id === 'integrity');
  return (integrity?.ok ?? false) && report.checks.some((check) => !check.ok && check.repairable);
}
