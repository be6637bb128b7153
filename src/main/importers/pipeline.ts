import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ImportFileResult, ImportProgress, ImportReport } from '../../shared/domain';
import { ImportReportBuilder } from './importReport';
import { ArchiveBusyError, asBusyError, isBusyError } from '../archive/busy';
import { ArchiveWriter } from '../archive/writer';
import { knownVendors } from '../archive/queries';
import { SkipFile, type Capture, type CaptureOverrides } from './capture';
import { expandEntry, fileUnit } from './expandEntry';
import type { ImportEntry, ImportUnit } from './importUnit';
import { listImportEntries } from './listImportEntries';
import { formatOf, readCaptures, type ImportContext } from './readCaptures';

/** Units above this size are refused: no policy page is this large, and reading it whole would hurt. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** A batch is committed when it holds this many units or this many bytes of source, whichever comes first… */
const BATCH_FILES = 200;
const BATCH_BYTES = 16 * 1024 * 1024;
/** …or when it is this old, so progress and resumability stay fine-grained on slow inputs. */
const BATCH_MS = 500;
const PROGRESS_INTERVAL_MS = 100;

export interface RunImportOptions {
  overrides?: CaptureOverrides;
  /** Import every HTML page of a web archive, not only those that look like policies or terms. */
  allPages?: boolean;
  /** Aborting cancels the import and undoes everything it added. */
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** A label stored with the import (defaults to the paths). */
  description?: string;
  /** Units per transaction (default: POLICY_ARCHIVE_IMPORT_BATCH when set, else 200). */
  batchFiles?: number;
  /** Minimum time between progress reports (default 100 ms; 0 reports every unit). */
  progressIntervalMs?: number;
  /** Files of each outcome listed one by one in the report (default 10,000; the rest are summarised). */
  listedPerOutcome?: number;
  /** Clock, for reproducible reports in tests. */
  now?: () => Date;
}

interface ParsedUnit {
  label: string;
  sourceHash: string;
  format: string;
  captures: Capture[];
  result: ImportFileResult;
  /** Snapshots this unit added (set when written). */
  created: number;
}

/**
 * Import files, folders, web archives and git histories into the archive.
 *
 * The paths are listed into entries (src/main/importers/listImportEntries.ts);
 * each entry expands into units — a file, a WARC record, a file at one commit
 * — that stream through one path: read, parse (readCaptures), write. Every
 * format therefore gets the same batching, progress, resumability and report.
 *
 * Units are parsed one at a time, yielding to the event loop between them (so
 * progress flows and cancellation is honoured), and written in batches, one
 * transaction per batch. A batch whose transaction fails is retried unit by
 * unit so one bad file cannot take its neighbours down. Committed batches make
 * an interrupted import resumable: sources already recorded are skipped next
 * time. Cancelling undoes the whole import, leaving the archive as it was.
 * A killed import (crash, SIGKILL, power loss) keeps exactly its committed
 * batches; its row stays `running` until the next import begins and marks it
 * `failed` (ArchiveWriter.beginImport); running it again stores the rest.
 *
 * Another process may write to the same archive meanwhile (the app and the
 * CLI): batches are IMMEDIATE transactions that wait for the write lock up to
 * the busy timeout. If it cannot be had, the import stops with
 * ArchiveBusyError, keeping what it committed (resumable, like a killed one)
 * rather than failing every remaining file.
 * A container that breaks half-way (a truncated WARC) is reported as failed
 * and the import goes on with the next entry. Header-less plain files are
 * parsed last so vendor inference can match vendors this import introduces.
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
  const batchFiles = options.batchFiles ?? batchFilesFromEnv() ?? BATCH_FILES;
  const overrides = options.overrides ?? {};
  const overridesKey = JSON.stringify({
    vendor: overrides.vendor ?? null,
    capturedAt: overrides.capturedAt ?? null,
    originalUrl: overrides.originalUrl ?? null,
  });
  const context: ImportContext = { overrides, knownVendors: knownVendors(db) };
  const results = new ImportReportBuilder(options.listedPerOutcome);
  const aborted = (): boolean => options.signal?.aborted ?? false;

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

  let batch: ParsedUnit[] = [];
  let batchBytes = 0;
  let batchStartedAt = Date.now();
  const flush = (): void => {
    if (batch.length === 0) return;
    writeBatch(db, writer, importId, batch);
    for (const parsed of batch) {
      results.add(parsed.result);
      progress.snapshotsAdded += parsed.created;
    }
    batch = [];
    batchBytes = 0;
    batchStartedAt = Date.now();
  };

  // Units report uncompressed sizes; a container's progress must stay within its own file size.
  let entryBytesEnd = 0;

  /** Read, parse and queue one unit; returns false when it must wait until the end (header-less). */
  const process = async (unit: ImportUnit, mayDefer: boolean): Promise<boolean> => {
    progress.currentFile = unit.label;
    emit();
    await yieldToEventLoop();
    const parsed = await parseUnit(unit, overridesKey, context, writer, mayDefer);
    if (parsed === 'defer') return false;
    progress.filesDone += 1;
    progress.bytesDone = Math.min(progress.bytesDone + unit.size, entryBytesEnd);
    if (parsed.captures.length === 0) {
      results.add(parsed.result);
      return true;
    }
    // Known as soon as parsed, so header-less files later in this import can match it.
    for (const capture of parsed.captures) rememberVendor(context, capture);
    batch.push(parsed);
    batchBytes += unit.size;
    if (batch.length >= batchFiles || batchBytes >= BATCH_BYTES || Date.now() - batchStartedAt >= BATCH_MS) {
      flush();
    }
    return true;
  };

  try {
    const listing = await listImportEntries(paths);
    for (const problem of listing.problems) {
      results.add({ path: problem.path, outcome: 'failed', reason: problem.reason, snapshotIds: [] });
    }
    progress.phase = 'importing';
    // Containers count as one until they reveal their units.
    progress.filesTotal = listing.entries.length;
    progress.bytesTotal = listing.entries.reduce((sum, entry) => sum + entry.size, 0);
    emit(true);

    const deferred: ImportEntry[] = [];
    for (const entry of listing.entries) {
      if (aborted()) break;
      const entryBytesStart = progress.bytesDone;
      entryBytesEnd = entryBytesStart + entry.size;
      let units = 0;
      let broke = false;
      try {
        for await (const unit of expandEntry(entry, { allPages: options.allPages ?? false, ...signalOf(options) })) {
          if (aborted()) break;
          units += 1;
          if (units > 1) progress.filesTotal += 1;
          if (!(await process(unit, entry.kind === 'file'))) deferred.push(entry);
        }
      } catch (error) {
        // A busy archive is no fault of this entry: stop the import (below).
        if (isBusyError(error)) throw error;
        // The container broke (truncated, corrupt): what it yielded so far stands; report the rest.
        const reason = withoutPath(errorMessage(error), entry.path);
        results.add({ path: entry.path, outcome: 'failed', reason, snapshotIds: [] });
        if (units === 0) progress.filesDone += 1;
        broke = true;
      }
      if (units === 0 && !aborted() && !broke) {
        progress.filesDone += 1;
        results.add({ path: entry.path, outcome: 'skipped', reason: 'nothing to import in it', snapshotIds: [] });
      }
      if (entry.kind !== 'file') progress.bytesDone = entryBytesEnd;
    }
    for (const entry of deferred) {
      if (aborted()) break;
      entryBytesEnd = progress.bytesTotal;
      await process(fileUnit(entry.path, entry.size), false);
    }
    if (!aborted()) flush();
  } catch (error) {
    progress.phase = 'failed';
    if (isBusyError(error)) {
      // Undoing needs the lock we could not get: keep the committed batches (resumable).
      writer.abandonImport(importId);
      emit(true);
      throw asBusyError(error, db.name);
    }
    writer.undoImport(importId);
    writer.finishImport(importId, 'failed');
    emit(true);
    throw error;
  }

  const cancelled = aborted();
  try {
    if (cancelled) {
      writer.undoImport(importId);
      writer.finishImport(importId, 'cancelled');
      results.markImportedUndone();
      progress.snapshotsAdded = 0;
    } else {
      writer.finishImport(importId, 'done');
    }
  } catch (error) {
    if (error instanceof ArchiveBusyError) writer.abandonImport(importId);
    throw error;
  }
  progress.phase = cancelled ? 'cancelled' : 'done';
  progress.currentFile = null;
  emit(true);

  return results.build({
    importId,
    cancelled,
    startedAt,
    finishedAt: now().toISOString(),
    snapshotsAdded: progress.snapshotsAdded,
  });
}

function signalOf(options: RunImportOptions): { signal?: AbortSignal } {
  return options.signal ? { signal: options.signal } : {};
}

async function parseUnit(
  unit: ImportUnit,
  overridesKey: string,
  context: ImportContext,
  writer: ArchiveWriter,
  mayDefer: boolean,
): Promise<ParsedUnit | 'defer'> {
  const label = unit.label;
  const base = (outcome: ImportFileResult['outcome'], reason: string | null): ParsedUnit => ({
    label,
    sourceHash: '',
    format: '',
    captures: [],
    result: { path: label, outcome, reason, snapshotIds: [] },
    created: 0,
  });
  if (unit.skip) return base('skipped', unit.skip);
  if (unit.size > MAX_FILE_BYTES) {
    return base(
      'failed',
      `too large (${(unit.size / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`,
    );
  }
  let bytes: Buffer;
  try {
    bytes = await unit.read();
  } catch (error) {
    return base('failed', `cannot read: ${withoutPath(errorMessage(error), label)}`);
  }
  if (bytes.length > MAX_FILE_BYTES) {
    return base(
      'failed',
      `too large (${(bytes.length / 1048576).toFixed(0)} MB; the limit is ${MAX_FILE_BYTES / 1048576} MB)`,
    );
  }
  // A source is its bytes at its place (path, record, commit): some formats date a capture
  // by its file name (Open Terms Archive), so identical bytes at two places can be two captures.
  const sourceHash = createHash('sha256')
    .update(bytes)
    .update('\0')
    .update(unit.key)
    .update('\0')
    .update(overridesKey)
    .digest('hex');
  if (writer.isSourceImported(sourceHash)) return base('duplicate', 'already imported');
  let format: string;
  try {
    format = unit.hints?.format ?? formatOf(label, bytes) ?? 'unknown';
  } catch (error) {
    return base('failed', withoutPath(errorMessage(error), label));
  }
  if (format === 'headerless-text' && mayDefer && !unit.hints?.capturedAt) return 'defer';
  try {
    const captures = readCaptures(label, bytes, context, unit.hints);
    return {
      label,
      sourceHash,
      format,
      captures,
      result: { path: label, outcome: 'imported', reason: null, snapshotIds: [] },
      created: 0,
    };
  } catch (error) {
    if (error instanceof SkipFile) return base('skipped', withoutPath(error.message, label));
    return base('failed', withoutPath(errorMessage(error), label));
  }
}

/** The report pairs each reason with its file already; don't say the path twice. */
function withoutPath(message: string, path: string): string {
  return message.startsWith(`${path}: `) ? message.slice(path.length + 2) : message;
}

/**
 * Units per transaction from POLICY_ARCHIVE_IMPORT_BATCH (a whole number ≥ 1),
 * or undefined. Small batches make interrupted imports resume from closer to
 * where they stopped, at some speed cost; the crash trials use 1.
 */
function batchFilesFromEnv(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const raw = env.POLICY_ARCHIVE_IMPORT_BATCH?.trim();
  if (!raw || !/^\d{1,6}$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= 1 ? value : undefined;
}

/**
 * Write a batch in one IMMEDIATE transaction; if that fails, write unit by unit
 * so only the culprit fails. A busy archive is not a unit's fault: it ends the
 * import (ArchiveBusyError) instead of failing every unit after a wait each.
 */
function writeBatch(db: Database.Database, writer: ArchiveWriter, importId: string, batch: ParsedUnit[]): void {
  const writeOne = (parsed: ParsedUnit): void => {
    const ids: number[] = [];
    let created = 0;
    for (const capture of parsed.captures) {
      const added = writer.addCapture(importId, capture, parsed.sourceHash);
      ids.push(added.snapshotId);
      if (added.created) created += 1;
    }
    writer.recordSource(importId, {
      hash: parsed.sourceHash,
      path: parsed.label,
      format: parsed.format,
      snapshotCount: created,
    });
    parsed.result.snapshotIds = ids;
    parsed.result.outcome = created > 0 ? 'imported' : 'duplicate';
    parsed.result.reason = created > 0 ? describeInferred(parsed.captures) : 'same capture already in the archive';
    parsed.created = created;
  };
  try {
    db.transaction(() => batch.forEach(writeOne)).immediate();
  } catch (error) {
    if (isBusyError(error)) throw asBusyError(error, db.name);
    for (const parsed of batch) {
      try {
        db.transaction(() => writeOne(parsed)).immediate();
      } catch (error) {
        if (isBusyError(error)) throw asBusyError(error, db.name);
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
