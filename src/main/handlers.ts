import type Database from 'better-sqlite3';
import { ContractError, isChannel, parseArgs, type Channel } from '../shared/contract';
import { diffBlocks } from '../shared/diff/diffBlocks';
import { archiveInfo, getSnapshot, listVendors, vendorTimeline } from './archive/queries';
import type { Handlers } from './handlerTypes';
import type { ImportService } from './importService';
import { searchArchive } from './search/search';
import { searchVersions } from './search/searchVersions';
import { phraseHistory } from './search/phraseHistory';
import { searchTrend } from './search/trend';
import { listDocumentTypes } from './archive/documentTypes';
import { switcherEntries } from './archive/switcherQueries';
import type { SaveTextRequest } from '../shared/contract';
import { libraryVendors } from './archive/library';
import { mergeVendors, renameVendor } from './archive/vendorEdits';
import { listTags, setSnapshotNote, setSnapshotTags, setVendorTags, snapshotAnnotations } from './archive/annotations';
import { originalPage } from './reader/originalPage';
import { acrossEvent, documentTimeline } from './timeline/documentTimeline';
import { REFERENCE_EVENTS, referenceEvent } from '../shared/referenceEvents';
import { exportReport, type ReportFormat } from './report/pdf/exportReport';
import type { PdfPrinter } from './report/pdf/pdfPrinter';
import type { EventName, EventPayloads } from '../shared/events';
import type { ArchiveCheckReport } from '../shared/maintenanceDomain';
import { backupArchive } from './archive/maintenance/backup';
import { checkArchive } from './archive/maintenance/checkArchive';
import { restoreArchive } from './archive/maintenance/restore';
import { defaultBackupName, importRunning, MaintenanceBusyError } from './maintenanceGuards';

export type { Handlers } from './handlerTypes';

/** What the handler table needs from its host (the Electron shell, the CLI or the test bridge). */
export interface HandlerContext {
  /**
   * The archive connection. Handlers read it on every call: a restore closes
   * it and the host puts the reopened connection here (see reopenArchive).
   */
  db: Database.Database;
  archivePath: string;
  imports: ImportService;
  chooseImportPaths(mode: 'files' | 'folder'): Promise<string[]>;
  openExternal(url: string): Promise<void>;
  /** Ask where to save a text file (CSV export) and write it; null when the user cancels. */
  saveText(request: SaveTextRequest): Promise<string | null>;
  /** The app's version, printed on report covers. */
  appVersion: string;
  /** The engine that prints reports to PDF (may throw PdfPrinterUnavailableError); the host owns and closes it. */
  pdfPrinter(): PdfPrinter;
  /** Ask where to save an exported report and write it; null when the user cancels. */
  saveReport(report: SavedReport): Promise<string | null>;

  // Archive maintenance (backup, restore, check). Optional: a host without them answers those channels with an error.
  /** better-sqlite3 binary for the connections maintenance opens itself (Electron's build in the app). */
  nativeBinding?: string;
  /** Ask where to save a backup (a save dialog suggesting `defaultName`); null when cancelled. */
  chooseBackupTarget?(defaultName: string): Promise<string | null>;
  /** Ask for a backup file to restore (an open dialog); null when cancelled. */
  chooseRestoreFile?(): Promise<string | null>;
  /** Ask the user a yes/no question (a message box); true for the confirming answer. */
  confirm?(question: ConfirmQuestion): Promise<boolean>;
  /**
   * Close the archive connection, run `replace` (which rewrites the archive
   * file), then reopen the archive and put the new connection in `db` — also
   * when `replace` throws. Per-connection caches must not outlive the content
   * they were built from.
   */
  reopenArchive?<T>(replace: () => Promise<T>): Promise<T>;
  /**
   * Run "Check archive" off the calling thread (the app: a worker thread with its own connection, so the
   * window never freezes). Without it the check runs here, synchronously, on `db` (the CLI, tests).
   */
  runCheck?(options: { repair: boolean }): Promise<ArchiveCheckReport>;
  /** Push an event to the window (backup/restore progress, `archive:changed` after a restore). */
  emit?<E extends EventName>(name: E, payload: EventPayloads[E]): void;
}

/** A yes/no question for the user. */
export interface ConfirmQuestion {
  title: string;
  message: string;
  detail: string;
  /** Label of the confirming button ("Restore"); the other one cancels. */
  confirmLabel: string;
}

/** An exported report to save: the suggested file name, its bytes and its format. */
export interface SavedReport {
  defaultName: string;
  bytes: Buffer;
  format: ReportFormat;
}

/** A request for something that is not in the archive; the message is shown to the user. */
export class NotFoundError extends Error {
  constructor(what: string) {
    super(`${what} not found`);
    this.name = 'NotFoundError';
  }
}

/** The value, or a NotFoundError naming `what` when it is null. */
function found<T>(value: T | null, what: string): T {
  if (value === null) throw new NotFoundError(what);
  return value;
}

/** The one handler table: one function per contract channel, shared by every transport. */
export function createHandlers(context: HandlerContext): Handlers {
  // Read on every call: a restore replaces the connection (HandlerContext.reopenArchive).
  const db = (): Database.Database => context.db;
  /** The backup or restore running now: one at a time, and no import during a restore. */
  let maintenance: 'backup' | 'restore' | 'check' | null = null;
  const snapshot = (id: number) => {
    const found = getSnapshot(db(), id);
    if (!found) throw new NotFoundError(`Snapshot ${id}`);
    return found;
  };
  return {
    'archive:info': () => archiveInfo(db(), context.archivePath),
    'vendors:list': () => listVendors(db()),
    'vendors:timeline': (vendorId) => {
      const timeline = vendorTimeline(db(), vendorId);
      if (!timeline) throw new NotFoundError(`Vendor ${vendorId}`);
      return timeline;
    },
    'snapshots:get': (snapshotId) => snapshot(snapshotId),
    'search:query': (request) => searchArchive(db(), request),
    'search:versions': (request) => searchVersions(db(), request),
    'search:history': (request) => phraseHistory(db(), request),
    'search:trend': (request) => searchTrend(db(), request),
    'documents:types': () => listDocumentTypes(db()),
    'switcher:entries': () => switcherEntries(db()),
    'library:vendors': () => libraryVendors(db()),
    'vendors:rename': (vendorId, name) => found(renameVendor(db(), vendorId, name), `Vendor ${vendorId}`),
    'vendors:merge': (request) => mergeVendors(db(), request),
    'vendors:setTags': (vendorId, tags) => found(setVendorTags(db(), vendorId, tags), `Vendor ${vendorId}`),
    'tags:list': () => listTags(db()),
    'snapshots:annotations': (snapshotId) => found(snapshotAnnotations(db(), snapshotId), `Snapshot ${snapshotId}`),
    'snapshots:setTags': (snapshotId, tags) => found(setSnapshotTags(db(), snapshotId, tags), `Snapshot ${snapshotId}`),
    'snapshots:setNote': (snapshotId, text) => found(setSnapshotNote(db(), snapshotId, text), `Snapshot ${snapshotId}`),
    'snapshots:original': (snapshotId) => {
      snapshot(snapshotId);
      return originalPage(db(), snapshotId);
    },
    'diff:compare': (idA, idB, options) => {
      const { blocks: blocksA, ...a } = snapshot(idA);
      const { blocks: blocksB, ...b } = snapshot(idB);
      return { a, b, ...diffBlocks(blocksA, blocksB, options ?? {}) };
    },
    'timeline:document': (documentId) => {
      const timeline = documentTimeline(db(), documentId);
      if (!timeline) throw new NotFoundError(`Document ${documentId}`);
      return timeline;
    },
    'timeline:events': () => [...REFERENCE_EVENTS],
    'timeline:acrossEvent': (documentId, eventId, options) => {
      const event = referenceEvent(eventId);
      if (!event) throw new NotFoundError(`Reference event "${eventId}"`);
      const across = acrossEvent(db(), documentId, event);
      if (!across) throw new NotFoundError(`Document ${documentId}`);
      if (!across.before || !across.after) return { ...across, diff: null };
      const { blocks: blocksA, ...a } = snapshot(across.before.snapshot.id);
      const { blocks: blocksB, ...b } = snapshot(across.after.snapshot.id);
      return { ...across, diff: { a, b, ...diffBlocks(blocksA, blocksB, options ?? {}) } };
    },
    'import:choose': ({ mode }) => context.chooseImportPaths(mode),
    'import:start': (request) => {
      if (maintenance === 'restore') {
        throw new MaintenanceBusyError('A backup is being restored into the archive: import again when it is done.');
      }
      return context.imports.start(request);
    },
    'import:cancel': (importId) => context.imports.cancel(importId),
    'app:openExternal': (url) => context.openExternal(url),
    'app:saveText': (request) => context.saveText(request),
    'report:export': async ({ subject, format, options }) => {
      // Ask for the printer first: without one, say so before building anything.
      const printer = format === 'pdf' ? context.pdfPrinter() : undefined;
      const meta = { appVersion: context.appVersion, generatedAt: new Date().toISOString() };
      const report = await exportReport(db(), { format, subject, options, meta }, printer);
      return context.saveReport({ defaultName: report.defaultName, bytes: report.bytes, format });
    },
    'archive:backup': async () => {
      const target = await need(context.chooseBackupTarget, 'Backing up')(defaultBackupName(new Date()));
      if (target === null) return null;
      assertNoMaintenance();
      maintenance = 'backup';
      try {
        return await backupArchive(db(), target, {
          ...nativeBinding(),
          onProgress: (progress) => context.emit?.('archive:maintenance', progress),
        });
      } finally {
        maintenance = null;
      }
    },
    'archive:restore': async () => {
      const reopen = need(context.reopenArchive, 'Restoring').bind(context);
      await assertNoImport('restoring a backup');
      const file = await need(context.chooseRestoreFile, 'Restoring')();
      if (file === null) return null;
      const confirmed = await need(
        context.confirm,
        'Restoring',
      )({
        title: 'Restore from backup',
        message: `Replace the archive's content with the backup ${file}?`,
        detail:
          `Everything in the archive now is replaced by the backup. The current content is kept beside the archive ` +
          `(${context.archivePath} → …before-restore-<date>.sqlite), so nothing is lost.`,
        confirmLabel: 'Restore',
      });
      if (!confirmed) return null;
      // The dialogs took time: check again just before touching the archive.
      await assertNoImport('restoring a backup');
      assertNoMaintenance();
      maintenance = 'restore';
      try {
        const result = await reopen(() =>
          restoreArchive(file, context.archivePath, {
            ...nativeBinding(),
            onProgress: (progress) => context.emit?.('archive:maintenance', progress),
          }),
        );
        context.emit?.('archive:changed', null);
        return result;
      } finally {
        maintenance = null;
      }
    },
    'archive:check': async ({ repair }) => {
      // The full-text check and any repair take the archive's write lock, which an import holds.
      await assertNoImport(repair ? 'checking and repairing the archive' : 'checking the archive');
      assertNoMaintenance();
      maintenance = 'check';
      let report: ArchiveCheckReport;
      try {
        report = context.runCheck
          ? await context.runCheck({ repair })
          : checkArchive(db(), { repair, archivePath: context.archivePath });
      } finally {
        maintenance = null;
      }
      if (report.checks.some((check) => check.repaired)) context.emit?.('archive:changed', null);
      return report;
    },
  };

  function nativeBinding(): { nativeBinding?: string } {
    return context.nativeBinding ? { nativeBinding: context.nativeBinding } : {};
  }
  function assertNoMaintenance(): void {
    if (maintenance) {
      throw new MaintenanceBusyError(`A ${maintenance} of the archive is running: wait until it has finished.`);
    }
  }
  async function assertNoImport(what: string): Promise<void> {
    if (await importRunning(context.imports)) {
      throw new MaintenanceBusyError(`An import is running: wait for it to finish (or cancel it) before ${what}.`);
    }
  }
}

/** A host capability the channel needs, or an error saying it is not available in this host. */
function need<T>(capability: T | undefined, what: string): T {
  if (capability === undefined) throw new Error(`${what} is not available here.`);
  return capability;
}

/**
 * Call a handler with raw arguments from an untrusted transport: the channel must
 * exist and the arguments must match its schema, or a ContractError is thrown.
 */
export async function invokeHandler(handlers: Handlers, channel: unknown, rawArgs: unknown[]): Promise<unknown> {
  if (!isChannel(channel)) throw new ContractError(String(channel).slice(0, 80), 'unknown channel');
  const args = parseArgs(channel, rawArgs);
  const handler = handlers[channel] as (...args: unknown[]) => unknown;
  return await handler(...(args as unknown[]));
}

export type { Channel };
