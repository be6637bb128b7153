import type { ImportProgress, ImportReport } from '../../../shared/domain';
import { api } from './api';
import { errorMessage } from './errorMessage';
import { fractionDone, secondsLeft, startRate, updateRate, type RateTracker } from './importRate';

/**
 * Imports as the user sees them: choosing files or a folder, the progress
 * panel (files and bytes done of total, current file, smoothed speed, time
 * left, snapshots added, cancel after a confirmation), and the report of the
 * last import with every file that was skipped or failed and why.
 * Progress arrives as events, also for imports started from the menu.
 */
export class ImportState {
  progress = $state.raw<ImportProgress | null>(null);
  /** Speed so far (smoothed), from the importing phase's progress events. */
  tracker = $state.raw<RateTracker | null>(null);
  /** The user pressed Cancel and is asked to confirm (cancelling undoes the whole import). */
  confirmingCancel = $state(false);
  report = $state.raw<ImportReport | null>(null);
  starting = $state(false);
  cancelling = $state(false);
  error = $state<string | null>(null);
  /** Vendor for files whose header names none (e.g. header-less copies). */
  vendor = $state('');
  /** Capture date (YYYY-MM-DD) for files whose header states none. */
  capturedAt = $state('');
  /** Original URL for files that do not say it. */
  originalUrl = $state('');
  /** Import every page of a web archive, not only policy and terms pages. */
  allPages = $state(false);
  /** Files are being dragged over the window. */
  dragging = $state(false);

  running = $derived(
    this.progress !== null && (this.progress.phase === 'scanning' || this.progress.phase === 'importing'),
  );

  /** Share of the import done (0–1), by bytes when sizes are known. */
  fraction = $derived(this.progress ? fractionDone(this.progress) : 0);
  /** Seconds left at the current speed; null while it cannot be told yet. */
  secondsLeft = $derived(this.progress ? secondsLeft(this.tracker, this.progress) : null);

  readonly #now: () => number;

  /** `now`: a monotonic clock in milliseconds (tests and screenshots may pass their own). */
  constructor(now: () => number = () => performance.now()) {
    this.#now = now;
  }

  /** Files of the last import that did not make it into the archive. */
  problems = $derived(
    this.report?.files.filter((file) => file.outcome === 'failed' || file.outcome === 'skipped') ?? [],
  );

  /** Ask for files or a folder, then start importing them. */
  async choose(mode: 'files' | 'folder'): Promise<void> {
    this.error = null;
    this.starting = true;
    try {
      const paths = await api.imports.choose({ mode });
      if (paths.length > 0) await this.#start(paths);
    } catch (error) {
      this.error = `Import could not start: ${errorMessage(error)}`;
    } finally {
      this.starting = false;
    }
  }

  /** Import files and folders dropped on the window (any format the picker takes). */
  async drop(files: readonly File[]): Promise<void> {
    this.dragging = false;
    this.error = null;
    const paths = files.map((file) => api.files.pathFor(file)).filter((path) => path !== '');
    if (paths.length === 0) {
      if (files.length > 0) this.error = 'Only files and folders from your disk can be imported.';
      return;
    }
    this.starting = true;
    try {
      await this.#start(paths);
    } catch (error) {
      this.error = `Import could not start: ${errorMessage(error)}`;
    } finally {
      this.starting = false;
    }
  }

  async #start(paths: string[]): Promise<void> {
    const vendor = this.vendor.trim();
    const capturedAt = this.capturedAt.trim();
    const originalUrl = this.originalUrl.trim();
    await api.imports.start({
      paths,
      ...(vendor ? { vendor } : {}),
      ...(capturedAt ? { capturedAt } : {}),
      ...(originalUrl ? { originalUrl } : {}),
      ...(this.allPages ? { allPages: true } : {}),
    });
  }

  /** Cancel pressed: ask first, because cancelling removes everything this import added so far. */
  askCancel(): void {
    if (this.running) this.confirmingCancel = true;
  }

  keepImporting(): void {
    this.confirmingCancel = false;
  }

  /** Cancel the running import; the archive is left as it was before it. */
  async cancel(): Promise<void> {
    const importId = this.progress?.importId;
    this.confirmingCancel = false;
    if (!importId) return;
    this.cancelling = true;
    try {
      await api.imports.cancel(importId);
    } catch (error) {
      this.error = `Could not cancel the import: ${errorMessage(error)}`;
      this.cancelling = false;
    }
  }

  dismissReport(): void {
    this.report = null;
  }

  dismissError(): void {
    this.error = null;
  }

  /** Subscribe to import events; returns the unsubscribe function (an `$effect` cleanup). */
  connect(): () => void {
    const offProgress = api.on('import:progress', (progress) => {
      this.#track(progress);
      this.progress = progress;
    });
    const offFinished = api.on('import:finished', (report) => {
      if (!this.progress || this.progress.importId === report.importId) {
        this.progress = null;
        this.tracker = null;
        this.cancelling = false;
        this.confirmingCancel = false;
      }
      this.report = report;
    });
    return () => {
      offProgress();
      offFinished();
    };
  }

  /** Speed is measured over the importing phase only (scanning moves no bytes), per import. */
  #track(progress: ImportProgress): void {
    if (progress.phase !== 'importing') {
      if (progress.importId !== this.progress?.importId) this.tracker = null;
      return;
    }
    const sample = { at: this.#now(), bytesDone: progress.bytesDone, filesDone: progress.filesDone };
    const sameImport = this.progress?.importId === progress.importId && this.progress.phase === 'importing';
    this.tracker = sameImport && this.tracker ? updateRate(this.tracker, sample) : startRate(sample);
  }
}
