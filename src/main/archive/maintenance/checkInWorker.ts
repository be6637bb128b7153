import { Worker } from 'node:worker_threads';
import type { ArchiveCheckReport } from '../../../shared/maintenanceDomain';

/** What checkWorker.ts is started with. */
export interface CheckWorkerData {
  dbPath: string;
  nativeBinding: string | undefined;
  repair: boolean;
}

/** What checkWorker.ts answers: the report, or why the check could not run. */
export type CheckWorkerMessage = { type: 'report'; report: ArchiveCheckReport } | { type: 'error'; message: string };

/**
 * Run checkArchive (and, with `repair`, its repairs) in a worker thread on its
 * own connection to `data.dbPath`; resolves with the report. `workerScript` is
 * the built checkWorker.js (electron-vite puts it beside the main bundle).
 * Rejects with the worker's message when the archive cannot be opened, or when
 * the worker dies without answering.
 */
export function runCheckInWorker(workerScript: string, data: CheckWorkerData): Promise<ArchiveCheckReport> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerScript, { workerData: data });
    let answered = false;
    worker.once('message', (message: CheckWorkerMessage) => {
      answered = true;
      if (message.type === 'report') resolve(message.report);
      else reject(new Error(message.message));
    });
    worker.once('error', (error) => {
      answered = true;
      reject(error);
    });
    worker.once('exit', (code) => {
      if (!answered) reject(new Error(`The archive check stopped unexpectedly (worker exit code ${code}).`));
    });
  });
}
