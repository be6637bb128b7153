/**
 * Worker-thread entry for "Check archive" in the app: opens its own connection
 * and runs checkArchive there, so the window stays responsive (the checks read
 * the whole file: ~20 s for the generated 100k archive). See checkInWorker.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from '../database';
import { checkArchive } from './checkArchive';
import type { CheckWorkerData, CheckWorkerMessage } from './checkInWorker';

function main(): void {
  if (!parentPort) throw new Error('checkWorker must run in a worker thread');
  const port = parentPort;
  const data = workerData as CheckWorkerData;
  let message: CheckWorkerMessage;
  try {
    const db = openArchive(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
    try {
      message = { type: 'report', report: checkArchive(db, { repair: data.repair, archivePath: data.dbPath }) };
    } finally {
      db.close();
    }
  } catch (error) {
    message = { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(message);
}

main();
