import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type Database from 'better-sqlite3';
import type { ImportFileResult, ImportProgress, ImportReport } from '../../shared/domain';
import { ArchiveWriter } from '../archive/writer';
import { knownVendors } from '../archive/queries';
import { SkipFile, type Capture, type CaptureOverrides } from './capture';
import { listImportFiles } from './listImportFiles';
import { formatOf, readCaptures, type ImportContext } from './readCaptures';

/** Files above this size are refused: no policy page is this large, and reading it whole would hurt. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** A batch is committed when it holds this many files or this many bytes of source, whichever comes first. */
const BATCH_FILES = 200;
const BATCH_BYTES = 16 * 1024 * 1024;
/** …or when it is this old, so progress and resumability stay fine-grained on slow inputs. */
const BATCH_MS = 500;
const PROGRESS_INTERVAL_MS = 100;

export interface RunImportOptions {
  overrides?: CaptureOverrides;
  /** Aborting cancels the import and undoes everything it added. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** A label stored with the import (defaults to the paths). */
  description?: string;
  /** Files per transaction (default 200). */
  batchFiles?: number;
  /** Minimum time between progress reports (default 100 ms; 0 reports every file). */
  progressIntervalMs?: number;
  /** Clock, for reproducible reports in tests. */
  now?: () => Date;
}

interface ParsedFile {
  path: string;
  sourceHash: string;
  format: string;
  captures: Capture[];
  result: ImportFileResult;
  /** Snapshots this file added (set when written). */
  created: number;
}

/**
 * Import files and folders into the archive.
 *
 * Files are parsed one at a time, yielding to the event loop between files (so
 * progress flows and cancellation is honoured), and written in batches, one
 * transaction per batch. A batch whose transaction fails is retried file by file
 * so one bad file cannot take its neighbours down. Committed batches make an
 * interrupted import resumable: sources already recorded are skipped next time.
 * Cancelling undoes the whole import, leaving the archive as it was before.
 * Header-less files are parsed last so vendor inference can match vendors that
 * other files of the same import introduce.
 */
export async function runImport(
  db: Database.Database,
  paths: string[],
  options: RunImportOptions = {},
): Promise<ImportReport> {
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const writer = new ArchiveWriter(db);
  const importId = writer.beginImport(options.description ?? paths.join(', '));
  const overrides = options.overrides ?? {};
  const overridesKey = JSON.stringify({ vendor: overrides.vendor ?? null, capturedAt: overrides.capturedAt ?? null });
  const context: ImportContext = { overrides, knownVendors: knownVendors(db) };
  const results: ImportFileResult[] = [];

  const progress: ImportProgress = {
    importId,
    phase: 'scanning',
    filesDone: 0,
    filesTotal: 0,
    currentFile: null,
    snapshotsAdded: 0,
    bytesDone: 0,
    bytesTotal: 0,
  };
  let lastProgressAt = 0;
  const emit = (force = false): void => {
    if (!options.onProgress) return;
    const at = Date.now();
    if (!force && at - lastProgressAt < (options.progressIntervalMs ?? PROGRESS_INTERVAL_MS)) return;
    lastProgressAt = at;
    options.onProgress({ ...progress });
  };
  emit(true);

  try {
    const listing = await listImportFiles(paths);
    for (const problem of listing.problems) {
      results.push({ path: problem.path, outcome: 'failed', reason: problem.reason, snapshotIds: [] });
    }
    const queue = listing.files.map((file) => ({ ...file, deferred: false }));
    progress.phase = 'importing';
    progress.filesTotal = queue.length;
    progress.bytesTotal = queue.reduce((sum, file) => sum + file.size, 0);
    emit(true);

    let batch: ParsedFile[] = [];
    let batchBytes = 0;
    let batchStartedAt = Date.now();
    const flush = (): void => {
      if (batch.length === 0) return;
      writeBatch(db, writer, importId, batch);
      for (const parsed of batch) {
        results.push(parsed.result);
        progress.snapshotsAdded += parsed.created;
      }
      batch = [];
      batchBytes = 0;
      batchStartedAt = Date.now();
    };

    for (let index = 0; index < queue.length; index++) {
      if (options.signal?.aborted) break;
      const file = queue[index]!;
      progress.currentFile = file.path;
      emit();
      await yieldToEventLoop();
      if (options.signal?.aborted) break;

      const parsed = await parseFile(file.path, file.size, overridesKey, context, writer);
      if (parsed === 'defer' && !file.deferred) {
        // Header-less: retry after the others, when more vendors are known.
        queue.push({ ...file, deferred: true });
        continue;
      }
      const settled =
        parsed === 'defer' ? await parseFile(file.path, file.size, overridesKey, context, writer, true) : parsed;
      if (settled === 'defer') throw new Error('unreachable: forced parse deferred');
      progress.filesDone += 1;
      progress.bytesDone += file.size;
      if (settled.captures.length === 0) {
        results.push(settled.result);
        continue;
      }
      // Known as soon as parsed, so header-less files later in this import can match it.
      for (const capture of settled.captures) rememberVendor(context, capture);
      batch.push(settled);
      batchBytes += file.size;
      if (
        batch.length >= (options.batchFiles ?? BATCH_FILES) ||
        batchBytes >= BATCH_BYTES ||
        Date.now() - batchStartedAt >= BATCH_MS
      ) {
        flush();
      }
    }
    if (!options.signal?.aborted) flush();
  } catch (error) {
    writer.undoImport(importId);
    writer.finishImport(importId, 'failed');
    progress.phase = 'failed';
    emit(true);
    throw error;
  }

  const cancelled = options.signal?.aborted ?? false;
  if (cancelled) {
    writer.undoImport(importId);
    writer.finishImport(importId, 'cancelled');
    for (const result of results) {
      if (result.outcome === 'imported') {
        result.outcome = 'skipped';
        result.reason = 'import cancelled; undone';
        result.snapshotIds = [];
      }
    }
    progress.snapshotsAdded = 0;
  } else {
    writer.finishImport(importId, 'done');
  }
  progress.phase = cancelled ? 'cancelled' : 'done';
  progress.currentFile = null;
  emit(true);

  return {
    importId,
    cancelled,
    startedAt,
    finishedAt: now().toISOString(),
    filesTotal: results.length,
    imported: results.filter((r) => r.outcome === 'imported').length,
    duplicates: results.filter((r) => r.outcome === 'duplicate').length,
    skipped: results.filter((r) => r.outcome === 'skipped').length,
    failed: results.filter((r) => r.outcome === 'failed').length,
    snapshotsAdded: progress.snapshotsAdded,
    files: results,
  };
}

async function parseFile(
  path: string,
  size: number,
  overridesKey: string,
  context: ImportContext,
  writer: ArchiveWriter,
  force = false,
): Promise<ParsedFile | 'defer'> {
  const base = (outcome: ImportFileResult['outcome'], reason: string | null): ParsedFile => ({
    path,
    sourceHash: '',
    format: '',
    captures: [],
    result: { path, outcome, reason, snapshotIds: [] },
    created: 0,
  });
  if (size > MAX_FILE_BYTES) {
    return base(
      'failed',
      `file too large (${(size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    return base('failed', `cannot read file: ${errorMessage(error)}`);
  }
  // The path is part of a source's identity: some formats date a capture by its file
  // name (Open Terms Archive), so identical bytes at two paths can be two captures.
  const sourceHash = createHash('sha256')
    .update(bytes)
    .update('\0')
    .update(resolve(path))
    .update('\0')
    .update(overridesKey)
    .digest('hex');
  if (writer.isSourceImported(sourceHash)) return base('duplicate', 'already imported');
  let format: string;
  try {
    format = formatOf(path, bytes) ?? 'unknown';
  } catch (error) {
    return base('failed', errorMessage(error));
  }
  if (format === 'headerless-text' && !force) return 'defer';
  try {
    const captures = readCaptures(path, bytes, context);
    return {
      path,
      sourceHash,
      format,
      captures,
      result: { path, outcome: 'imported', reason: null, snapshotIds: [] },
      created: 0,
    };
  } catch (error) {
    if (error instanceof SkipFile) return base('skipped', withoutPath(error.message, path));
    return base('failed', withoutPath(errorMessage(error), path));
  }
}

/** The report pairs each reason with its file already; don't say the path twice. */
function withoutPath(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/** Write a batch in one transaction; if that fails, write file by file so only the culprit fails. */
function writeBatch(db: Database.Database, writer: ArchiveWriter, importId: string, batch: ParsedFile[]): void {
  const writeOne = (parsed: ParsedFile): void => {
    const ids: number[] = [];
    let created = 0;
    for (const capture of parsed.captures) {
      const added = writer.addCapture(importId, capture, parsed.sourceHash);
      ids.push(added.snapshotId);
      if (added.created) created += 1;
    }
    writer.recordSource(importId, {
      hash: parsed.sourceHash,
      path: parsed.path,
      format: parsed.format,
      snapshotCount: created,
    });
    parsed.result.snapshotIds = ids;
    parsed.result.outcome = created > 0 ? 'imported' : 'duplicate';
    parsed.result.reason = created > 0 ? describeInferred(parsed.captures) : 'same capture already in the archive';
    parsed.created = created;
  };
  try {
    db.transaction(() => batch.forEach(writeOne))();
  } catch {
    for (const parsed of batch) {
      try {
        db.transaction(() => writeOne(parsed))();
      } catch (error) {
        parsed.result.outcome = 'failed';
        parsed.result.reason = `could not store: ${errorMessage(error)}`;
        parsed.result.snapshotIds = [];
        parsed.created = 0;
      }
    }
  }
}

function describeInferred(captures: Capture[]): string | null {
  const inferred = new Set(captures.flatMap((capture) => capture.inferred));
  return inferred.size > 0 ? `inferred: ${[...inferred].join(', ')}` : null;
}

function rememberVendor(context: ImportContext, capture: Capture): void {
  if (!context.knownVendors.some((vendor) => vendor.key === capture.vendor.key)) {
    context.knownVendors.push({ key: capture.vendor.key, displayName: capture.vendor.displayName });
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
