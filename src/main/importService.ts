import { randomUUID } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { ChannelArgs, EventName, EventPayloads } from '../shared/contract';
import type { ImportProgress, ImportReport } from '../shared/domain';
import type { CaptureOverrides } from './importers/capture';
import { runImport } from './importers/pipeline';

/** What the app and the CLI ask to import: the contract's import:start argument. */
export type ImportRequest = ChannelArgs<'import:start'>[0];

export type ImportEvent = { [E in EventName]: { name: E; payload: EventPayloads[E] } }[EventName];

/**
 * Runs imports one at a time and reports them as contract events. The app runs
 * them in a worker thread (so the main process never stalls); the CLI and tests
 * may run them in-process. Both behave the same from the outside.
 */
export interface ImportService {
  start(request: ImportRequest): { importId: string };
  cancel(importId: string): boolean;
  onEvent(listener: (event: ImportEvent) => void): () => void;
  /** Resolves when every queued import has finished. */
  idle(): Promise<void>;
}

/** Messages between the main thread and src/main/importers/importWorker.ts. */
export type WorkerRequest = { type: 'cancel' };
export type WorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'finished'; report: ImportReport }
  | { type: 'error'; message: string };
export interface WorkerData {
  dbPath: string;
  nativeBinding: string | undefined;
  paths: string[];
  overrides: CaptureOverrides;
  allPages: boolean;
}

type Runner = (
  request: ImportRequest,
  emitProgress: (progress: ImportProgress) => void,
  signal: AbortSignal,
) => Promise<ImportReport>;

function overridesOf(request: ImportRequest): CaptureOverrides {
  const overrides: CaptureOverrides = {};
  if (request.vendor) overrides.vendor = request.vendor;
  if (request.capturedAt) overrides.capturedAt = request.capturedAt;
  if (request.originalUrl) overrides.originalUrl = request.originalUrl;
  return overrides;
}

function failedReport(importId: string, request: ImportRequest, message: string): ImportReport {
  const at = new Date().toISOString();
  return {
    importId,
    cancelled: false,
    startedAt: at,
    finishedAt: at,
    filesTotal: request.paths.length,
    imported: 0,
    duplicates: 0,
    skipped: 0,
    failed: request.paths.length,
    snapshotsAdded: 0,
    files: request.paths.map((path) => ({
      path,
      outcome: 'failed',
      reason: `import failed: ${message}`,
      snapshotIds: [],
    })),
  };
}

function createQueue(runner: Runner): ImportService {
  const listeners = new Set<(event: ImportEvent) => void>();
  const controllers = new Map<string, AbortController>();
  let tail: Promise<void> = Promise.resolve();
  const emit = (event: ImportEvent): void => listeners.forEach((listener) => listener(event));

  return {
    start(request) {
      const importId = randomUUID();
      const controller = new AbortController();
      controllers.set(importId, controller);
      tail = tail.then(async () => {
        let report: ImportReport;
        try {
          report = await runner(
            request,
            (progress) => emit({ name: 'import:progress', payload: { ...progress, importId } }),
            controller.signal,
          );
          report = { ...report, importId };
        } catch (error) {
          report = failedReport(importId, request, error instanceof Error ? error.message : String(error));
        }
        controllers.delete(importId);
        emit({ name: 'import:finished', payload: report });
        emit({ name: 'archive:changed', payload: null });
      });
      return { importId };
    },
    cancel(importId) {
      const controller = controllers.get(importId);
      if (!controller || controller.signal.aborted) return false;
      controller.abort();
      return true;
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    idle() {
      return tail;
    },
  };
}

/** Imports on the calling thread, through the given connection (CLI, tests). */
export function createInProcessImportService(db: Database.Database): ImportService {
  return createQueue((request, onProgress, signal) =>
    runImport(db, request.paths, {
      overrides: overridesOf(request),
      allPages: request.allPages ?? false,
      onProgress,
      signal,
    }),
  );
}

/**
 * Imports in a worker thread with its own connection to the same archive file
 * (WAL lets the app keep reading meanwhile). `workerScript` is the built
 * `importWorker.js` beside the main bundle.
 */
export function createWorkerImportService(options: {
  dbPath: string;
  workerScript: string;
  nativeBinding?: string;
}): ImportService {
  return createQueue(
    (request, onProgress, signal) =>
      new Promise<ImportReport>((resolve, reject) => {
        const data: WorkerData = {
          dbPath: options.dbPath,
          nativeBinding: options.nativeBinding,
          paths: request.paths,
          overrides: overridesOf(request),
          allPages: request.allPages ?? false,
        };
        const worker = new Worker(options.workerScript, { workerData: data });
        let settled = false;
        const onAbort = (): void => worker.postMessage({ type: 'cancel' } satisfies WorkerRequest);
        signal.addEventListener('abort', onAbort, { once: true });
        const finish = (outcome: () => void): void => {
          if (settled) return;
          settled = true;
          signal.removeEventListener('abort', onAbort);
          outcome();
        };
        worker.on('message', (message: WorkerMessage) => {
          if (message.type === 'progress') onProgress(message.progress);
          else if (message.type === 'finished') finish(() => resolve(message.report));
          else finish(() => reject(new Error(message.message)));
        });
        worker.on('error', (error) => finish(() => reject(error)));
        worker.on('exit', (code) =>
          finish(() => reject(new Error(`the import worker stopped unexpectedly (exit code ${code})`))),
        );
      }),
  );
}
