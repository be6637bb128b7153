import type {
  ArchiveCheckReport,
  BackupResult,
  MaintenanceProgress,
  RestoreResult,
} from '../../../../shared/maintenanceDomain';
import { api } from '../api';
import { errorMessage } from '../errorMessage';
import type { MaintenanceOperation } from './maintenanceText';

/**
 * The maintenance dialog's state: which operation is open, whether it runs,
 * its progress (from the `archive:maintenance` event), and its outcome.
 * Backup and restore start as soon as the dialog opens (main asks for the
 * file, and for restore a confirmation); the check runs at once and can be
 * repeated with repair.
 */
export class MaintenanceState {
  operation = $state<MaintenanceOperation | null>(null);
  running = $state(false);
  progress = $state<MaintenanceProgress | null>(null);
  backup = $state<BackupResult | null>(null);
  restore = $state<RestoreResult | null>(null);
  report = $state<ArchiveCheckReport | null>(null);
  /** The last operation was cancelled in a dialog of main's (nothing happened). */
  cancelled = $state(false);
  error = $state<string | null>(null);

  /** Listen for progress; returns the unsubscribe function. */
  connect(): () => void {
    return api.on('archive:maintenance', (progress) => {
      if (this.running) this.progress = progress;
    });
  }

  /** Open the dialog for an operation and start it. */
  start(operation: MaintenanceOperation): void {
    if (this.running) return;
    this.operation = operation;
    this.reset();
    if (operation === 'backup') void this.run(async () => (this.backup = await api.archive.backup()));
    else if (operation === 'restore') void this.run(async () => (this.restore = await api.archive.restore()));
    else void this.check(false);
  }

  /** Run the check (again), repairing when asked. */
  async check(repair: boolean): Promise<void> {
    await this.run(async () => {
      this.report = await api.archive.check({ repair });
    });
  }

  /** Close the dialog (not while an operation runs: main is writing files). */
  close(): void {
    if (this.running) return;
    this.operation = null;
    this.reset();
  }

  private reset(): void {
    this.progress = null;
    this.backup = null;
    this.restore = null;
    this.report = null;
    this.cancelled = false;
    this.error = null;
  }

  private async run(action: () => Promise<unknown>): Promise<void> {
    this.running = true;
    this.error = null;
    this.cancelled = false;
    try {
      const outcome = await action();
      this.cancelled = outcome === null;
    } catch (error) {
      this.error = errorMessage(error);
    } finally {
      this.running = false;
    }
  }
}
