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

export type { Handlers } from './handlerTypes';

/** What the handler table needs from its host (the Electron shell, the CLI or the test bridge). */
export interface HandlerContext {
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
  const { db } = context;
  const snapshot = (id: number) => {
    const found = getSnapshot(db, id);
    if (!found) throw new NotFoundError(`Snapshot ${id}`);
    return found;
  };
  return {
    'archive:info': () => archiveInfo(db, context.archivePath),
    'vendors:list': () => listVendors(db),
    'vendors:timeline': (vendorId) => {
      const timeline = vendorTimeline(db, vendorId);
      if (!timeline) throw new NotFoundError(`Vendor ${vendorId}`);
      return timeline;
    },
    'snapshots:get': (snapshotId) => snapshot(snapshotId),
    'search:query': (request) => searchArchive(db, request),
    'search:versions': (request) => searchVersions(db, request),
    'search:history': (request) => phraseHistory(db, request),
    'search:trend': (request) => searchTrend(db, request),
    'documents:types': () => listDocumentTypes(db),
    'switcher:entries': () => switcherEntries(db),
    'library:vendors': () => libraryVendors(db),
    'vendors:rename': (vendorId, name) => found(renameVendor(db, vendorId, name), `Vendor ${vendorId}`),
    'vendors:merge': (request) => mergeVendors(db, request),
    'vendors:setTags': (vendorId, tags) => found(setVendorTags(db, vendorId, tags), `Vendor ${vendorId}`),
    'tags:list': () => listTags(db),
    'snapshots:annotations': (snapshotId) => found(snapshotAnnotations(db, snapshotId), `Snapshot ${snapshotId}`),
    'snapshots:setTags': (snapshotId, tags) => found(setSnapshotTags(db, snapshotId, tags), `Snapshot ${snapshotId}`),
    'snapshots:setNote': (snapshotId, text) => found(setSnapshotNote(db, snapshotId, text), `Snapshot ${snapshotId}`),
    'snapshots:original': (snapshotId) => {
      snapshot(snapshotId);
      return originalPage(db, snapshotId);
    },
    'diff:compare': (idA, idB, options) => {
      const { blocks: blocksA, ...a } = snapshot(idA);
      const { blocks: blocksB, ...b } = snapshot(idB);
      return { a, b, ...diffBlocks(blocksA, blocksB, options ?? {}) };
    },
    'timeline:document': (documentId) => {
      const timeline = documentTimeline(db, documentId);
      if (!timeline) throw new NotFoundError(`Document ${documentId}`);
      return timeline;
    },
    'timeline:events': () => [...REFERENCE_EVENTS],
    'timeline:acrossEvent': (documentId, eventId, options) => {
      const event = referenceEvent(eventId);
      if (!event) throw new NotFoundError(`Reference event "${eventId}"`);
      const across = acrossEvent(db, documentId, event);
      if (!across) throw new NotFoundError(`Document ${documentId}`);
      if (!across.before || !across.after) return { ...across, diff: null };
      const { blocks: blocksA, ...a } = snapshot(across.before.snapshot.id);
      const { blocks: blocksB, ...b } = snapshot(across.after.snapshot.id);
      return { ...across, diff: { a, b, ...diffBlocks(blocksA, blocksB, options ?? {}) } };
    },
    'import:choose': ({ mode }) => context.chooseImportPaths(mode),
    'import:start': (request) => context.imports.start(request),
    'import:cancel': (importId) => context.imports.cancel(importId),
    'app:openExternal': (url) => context.openExternal(url),
    'app:saveText': (request) => context.saveText(request),
    'report:export': async ({ subject, format, options }) => {
      // Ask for the printer first: without one, say so before building anything.
      const printer = format === 'pdf' ? context.pdfPrinter() : undefined;
      const meta = { appVersion: context.appVersion, generatedAt: new Date().toISOString() };
      const report = await exportReport(db, { format, subject, options, meta }, printer);
      return context.saveReport({ defaultName: report.defaultName, bytes: report.bytes, format });
    },
  };
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
