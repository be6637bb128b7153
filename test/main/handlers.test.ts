import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channels, ContractError } from '../../src/shared/contract';
import type { ImportReport, SearchResult } from '../../src/shared/domain';
import type { SearchVersionsResult } from '../../src/shared/searchDomain';
import { openArchive } from '../../src/main/archive/database';
import { createHandlers, invokeHandler, type Handlers, type SavedReport } from '../../src/main/handlers';
import { PdfPrinterUnavailableError, type PdfPrinter } from '../../src/main/report/pdf/pdfPrinter';
import { createInProcessImportService, type ImportEvent } from '../../src/main/importService';
import { samplesDir, tempDir } from '../support/paths';

describe('handler table', () => {
  let db: Database.Database;
  let handlers: Handlers;
  let cleanup: () => void;
  const opened: string[] = [];
  const events: ImportEvent[] = [];
  const savedReports: SavedReport[] = [];
  const printed: Array<{ html: string; pageSize: string }> = [];
  let printerUnavailable = false;
  let cancelSave = false;
  /** Stands in for Chromium: records the HTML it was asked to print. */
  const fakePrinter: PdfPrinter = {
    print: async (html, settings) => {
      printed.push({ html, pageSize: settings.pageSize });
      return Buffer.from('%PDF-1.7 fake');
    },
    close: async () => {},
  };

  beforeAll(async () => {
    const temp = tempDir();
    cleanup = temp.cleanup;
    const archivePath = join(temp.dir, 'archive.sqlite');
    db = openArchive(archivePath);
    const imports = createInProcessImportService(db);
    imports.onEvent((event) => events.push(event));
    handlers = createHandlers({
      db,
      archivePath,
      imports,
      chooseImportPaths: async (mode) => (mode === 'folder' ? [join(samplesDir, 'princeton-history')] : []),
      openExternal: async (url) => {
        opened.push(url);
      },
      saveText: async () => null,
      appVersion: '9.8.7-test',
      pdfPrinter: () => {
        if (printerUnavailable) throw new PdfPrinterUnavailableError('PDF export needs Chromium (none found)');
        return fakePrinter;
      },
      saveReport: async (report) => {
        if (cancelSave) return null;
        savedReports.push(report);
        return `/saved/${report.defaultName}`;
      },
    });
    const [folder] = (await invokeHandler(handlers, 'import:choose', [{ mode: 'folder' }])) as string[];
    await invokeHandler(handlers, 'import:start', [{ paths: [folder!] }]);
    await imports.idle();
  });
  afterAll(() => {
    db.close();
    cleanup();
  });

  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(handlers).sort()).toEqual([...channels].sort());
  });

  it('runs an import through the table and reports it as events', () => {
    const finished = events.find((event) => event.name === 'import:finished');
    expect((finished?.payload as ImportReport).imported).toBe(13);
    expect((finished?.payload as ImportReport).duplicates).toBe(1);
    expect(events.some((event) => event.name === 'import:progress')).toBe(true);
    expect(events[events.length - 1]?.name).toBe('archive:changed');
  });

  it('answers the library, timeline, snapshot, search and diff channels from the archive', async () => {
    const info = (await invokeHandler(handlers, 'archive:info', [])) as { snapshotCount: number };
    expect(info.snapshotCount).toBe(13);
    const vendors = (await invokeHandler(handlers, 'vendors:list', [])) as Array<{ id: number; key: string }>;
    const formlabs = vendors.find((vendor) => vendor.key === 'formlabs.com')!;
    const timeline = (await invokeHandler(handlers, 'vendors:timeline', [formlabs.id])) as {
      documents: Array<{ snapshots: Array<{ id: number; capturedAt: string }> }>;
    };
    const snapshots = timeline.documents[0]!.snapshots;
    expect(snapshots.map((s) => s.capturedAt.slice(0, 10))).toEqual(['2015-05-04', '2016-05-09', '2017-02-11']);
    const first = snapshots[0]!;
    const last = snapshots[snapshots.length - 1]!;
    const detail = (await invokeHandler(handlers, 'snapshots:get', [first.id])) as { blocks: unknown[] };
    expect(detail.blocks.length).toBeGreaterThan(10);
    const search = (await invokeHandler(handlers, 'search:query', [{ query: 'cookies' }])) as { hits: unknown[] };
    expect(search.hits.length).toBeGreaterThan(0);
    const diff = (await invokeHandler(handlers, 'diff:compare', [first.id, last.id])) as {
      a: { id: number };
      b: { id: number };
      stats: { wordsAdded: number };
    };
    expect(diff.a.id).toBe(first.id);
    expect(diff.b.id).toBe(last.id);
    expect(diff.stats.wordsAdded).toBeGreaterThan(0);
  });

  it('answers search with filters and paging, expands a hit into versions and lists document types', async () => {
    const vendors = (await invokeHandler(handlers, 'vendors:list', [])) as Array<{ id: number; key: string }>;
    const formlabs = vendors.find((vendor) => vendor.key === 'formlabs.com')!;
    const page = (await invokeHandler(handlers, 'search:query', [
      { query: 'privacy', limit: 2, offset: 1, filters: { vendorIds: [formlabs.id], latestOnly: true } },
    ])) as SearchResult;
    expect(page).toMatchObject({ offset: 1, totalDocuments: 1, totalExact: true, hits: [] });
    const [hit] = (
      (await invokeHandler(handlers, 'search:query', [
        { query: 'privacy', filters: { vendorIds: [formlabs.id] } },
      ])) as SearchResult
    ).hits;
    expect(hit?.vendorName).toBe('formlabs.com');
    const expanded = (await invokeHandler(handlers, 'search:versions', [
      { query: 'privacy', documentId: hit!.documentId, filters: { capturedFrom: '2015' } },
    ])) as SearchVersionsResult;
    expect(expanded.documentId).toBe(hit!.documentId);
    expect(expanded.versions.length).toBeGreaterThan(0);
    // The hit shows the newest capture: the last of the newest version.
    expect(expanded.versions[0]!.lastCapturedAt).toBe(hit!.snapshot.capturedAt);
    expect(await invokeHandler(handlers, 'documents:types', [])).toEqual([
      { key: 'privacy-policy', title: 'Privacy Policy', documentCount: 5 },
    ]);
  });

  it('rejects the old vendorId search field and malformed filters', async () => {
    await expect(invokeHandler(handlers, 'search:query', [{ query: 'x', vendorId: 1 }])).rejects.toBeInstanceOf(
      ContractError,
    );
    await expect(
      invokeHandler(handlers, 'search:query', [{ query: 'x', filters: { capturedFrom: 'last year' } }]),
    ).rejects.toBeInstanceOf(ContractError);
    await expect(invokeHandler(handlers, 'search:query', [{ query: 'x', limit: 1001 }])).rejects.toBeInstanceOf(
      ContractError,
    );
    await expect(
      invokeHandler(handlers, 'search:query', [{ query: 'x', filters: { capturedFrom: '2018-02-30' } }]),
    ).rejects.toThrow('capturedFrom "2018-02-30" is not a date: no such day');
  });

  it('rejects unknown channels, malformed arguments and unsafe URLs', async () => {
    await expect(invokeHandler(handlers, 'fs:readFile', ['/etc/passwd'])).rejects.toBeInstanceOf(ContractError);
    await expect(invokeHandler(handlers, 'snapshots:get', ['1; DROP TABLE snapshots'])).rejects.toThrow(
      /Invalid arguments for snapshots:get/,
    );
    await expect(invokeHandler(handlers, 'snapshots:get', [])).rejects.toBeInstanceOf(ContractError);
    await expect(invokeHandler(handlers, 'search:query', [{ query: 'x', extra: true }])).rejects.toBeInstanceOf(
      ContractError,
    );
    await expect(invokeHandler(handlers, 'search:query', [{ query: 'x'.repeat(5000) }])).rejects.toBeInstanceOf(
      ContractError,
    );
    await expect(invokeHandler(handlers, 'app:openExternal', ['javascript:alert(1)'])).rejects.toThrow(/http/);
    await expect(invokeHandler(handlers, 'app:openExternal', ['file:///etc/passwd'])).rejects.toThrow(/http/);
    await invokeHandler(handlers, 'app:openExternal', ['https://web.archive.org/web/2018/https://formlabs.com/']);
    expect(opened).toEqual(['https://web.archive.org/web/2018/https://formlabs.com/']);
  });

  it('says clearly when a vendor or snapshot does not exist', async () => {
    await expect(invokeHandler(handlers, 'snapshots:get', [999_999])).rejects.toThrow('Snapshot 999999 not found');
    await expect(invokeHandler(handlers, 'vendors:timeline', [424_242])).rejects.toThrow('Vendor 424242 not found');
  });

  it('exports a diff report in the chosen format and hands it to the save dialog', async () => {
    const vendors = (await invokeHandler(handlers, 'vendors:list', [])) as Array<{ id: number; key: string }>;
    const formlabs = vendors.find((vendor) => vendor.key === 'formlabs.com')!;
    const timeline = (await invokeHandler(handlers, 'vendors:timeline', [formlabs.id])) as {
      documents: Array<{ id: number; snapshots: Array<{ id: number }> }>;
    };
    const document = timeline.documents[0]!;
    const [first, second] = document.snapshots;
    const options = { pageSize: 'A4', layout: 'inline', includeUnchanged: false, ignore: {} };
    const subject = { kind: 'pair', snapshotA: first!.id, snapshotB: second!.id };

    const markdownPath = await invokeHandler(handlers, 'report:export', [{ subject, format: 'markdown', options }]);
    const markdown = savedReports.at(-1)!;
    expect(markdownPath).toBe(`/saved/${markdown.defaultName}`);
    expect(markdown.format).toBe('markdown');
    expect(markdown.defaultName).toMatch(/\.md$/);
    expect(markdown.bytes.toString('utf8')).toContain('9.8.7-test');

    await invokeHandler(handlers, 'report:export', [
      {
        subject: { kind: 'history', documentId: document.id },
        format: 'pdf',
        options: { ...options, pageSize: 'Letter' },
      },
    ]);
    expect(savedReports.at(-1)!.format).toBe('pdf');
    expect(savedReports.at(-1)!.defaultName).toMatch(/history\.pdf$/);
    expect(savedReports.at(-1)!.bytes.toString('latin1')).toMatch(/^%PDF/);
    expect(printed.at(-1)!.pageSize).toBe('Letter');
    expect(printed.at(-1)!.html).toContain('9.8.7-test');

    cancelSave = true;
    await expect(invokeHandler(handlers, 'report:export', [{ subject, format: 'html', options }])).resolves.toBeNull();
    cancelSave = false;
  });

  it('says when no PDF printer exists, and rejects malformed export requests', async () => {
    printerUnavailable = true;
    const before = savedReports.length;
    const request = {
      subject: { kind: 'history', documentId: 1 },
      format: 'pdf',
      options: { pageSize: 'A4', layout: 'inline', includeUnchanged: true, ignore: {} },
    };
    await expect(invokeHandler(handlers, 'report:export', [request])).rejects.toThrow(/needs Chromium/);
    printerUnavailable = false;
    expect(savedReports.length).toBe(before);
    await expect(invokeHandler(handlers, 'report:export', [{ ...request, format: 'docx' }])).rejects.toBeInstanceOf(
      ContractError,
    );
    await expect(
      invokeHandler(handlers, 'report:export', [{ ...request, subject: { kind: 'pair', snapshotA: 1 } }]),
    ).rejects.toBeInstanceOf(ContractError);
  });
});
