/**
 * Worker-thread entry for imports in the app: opens its own connection to the
 * archive and runs the same pipeline the CLI runs, posting progress to the main
 * thread. See createWorkerImportService in src/main/importService.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { openArchive } from '../archive/database';
import type { WorkerData, WorkerMessage, WorkerRequest } from '../importService';
import { runImport } from './pipeline';

async function main(): Promise<void> {
  if (!parentPort) throw new Error('importWorker must run in a worker thread');
  const port = parentPort;
  const data = workerData as WorkerData;
  const controller = new AbortController();
  port.on('message', (message: WorkerRequest) => {
    if (message.type === 'cancel') controller.abort();
  });
  const post = (message: WorkerMessage): void => port.postMessage(message);
  const db = openArchive(data.dbPath, data.nativeBinding ? { nativeBinding: data.nativeBinding } : {});
  try {
    const report = await runImport(db, data.paths, {
      overrides: data.overrides,
      allPages: data.allPages,
      signal: controller.signal,
      onProgress: (progress) => post({ type: 'progress', progress }),
    });
    post({ type: 'finished', report });
  } catch (error) {
    post({ type: 'error', message: error instanceof Error ? error.message : String(error) });
  } finally {
    db.close();
    // Let the thread end on its own once the connection is closed.
    port.unref();
  }
}

void main();
