import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import yazl from 'yazl';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive, schemaVersion } from '../../../src/main/archive/database';
import { migrate } from '../../../src/main/archive/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../../src/main/archive/migrations';
import {
  MAX_ORIGINAL_BYTES,
  originalsSize,
  readOriginal,
  removeUnusedOriginals,
} from '../../../src/main/archive/originals';
import { getSnapshot } from '../../../src/main/archive/queries';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import type { CaptureOriginal } from '../../../src/main/importers/capture';
import { runImport } from '../../../src/main/importers/pipeline';
import { originalPage } from '../../../src/main/reader/originalPage';
import { warcBytes, type RecordSpec } from '../../fixtures/warc/warcBuilder';
import { assertArchiveIntegrity, tableCounts } from '../../support/archiveState';
import { repoRoot, samplesDir, tempDir } from '../../support/paths';
import { aCapture, paragraph } from './captureBuilder';

const history = join(samplesDir, 'princeton-history');
const waybackFixtures = join(repoRoot, 'test', 'fixtures', 'wayback');
const SOURCE_HASH = 'a'.repeat(64);

interface SnapshotRow {
  id: number;
  sourcePath: string;
  sourceFormat: string;
  origin: string;
  originalId: number | null;
}

function snapshotRows(db: Database.Database): SnapshotRow[] {
  return db
    .prepare(
      `SELECT id, source_path AS sourcePath, source_format AS sourceFormat, origin, original_id AS originalId
       FROM snapshots ORDER BY id`,
    )
    .all() as SnapshotRow[];
}

/** The page text as a reader of the original view sees it (tags dropped, whitespace collapsed). */
function visibleText(html: string): string {
  const body = html.slice(html.indexOf('<body>'));
  return body
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ');
}

function page(text: string): CaptureOriginal {
  return { html: text, mediaType: 'text/html', charset: 'utf-8' };
}

/** A formlabs.com privacy page as a crawler stored it (the Princeton copy without the dataset's comment). */
function formlabsPage(date = '2015-05-04'): string {
  return readFileSync(join(history, 'formlabs.com', `${date}.html`), 'utf8').replace(/^<!--[\s\S]*?-->\s*/, '');
}

describe('original pages stored on import', () => {
  let dir: string;
  let cleanup: () => void;
  let db: Database.Database;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = openArchive(join(dir, 'archive.sqlite'));
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('keeps the page of every Princeton .html file, and none for Markdown or plain text', async () => {
    const report = await runImport(db, [history, join(samplesDir, 'princeton')]);
    expect(report.failed).toBe(0);
    const rows = snapshotRows(db);
    const html = rows.filter((row) => row.sourceFormat === 'princeton-html');
    const other = rows.filter((row) => row.sourceFormat !== 'princeton-html');
    expect(html.length).toBe(7);
    expect(other.length).toBeGreaterThan(5);
    expect(html.every((row) => row.originalId !== null)).toBe(true);
    expect(other.every((row) => row.originalId === null)).toBe(true);
    for (const row of other) expect(originalPage(db, row.id)).toBeNull();

    // The stored page is the file as decoded, byte for byte, and the view shows its policy text.
    for (const row of html) {
      const file = readFileSync(row.sourcePath, 'utf8');
      const stored = readOriginal(db, row.id)!;
      expect(stored.html).toBe(file);
      expect(stored.byteCount).toBe(Buffer.byteLength(file, 'utf8'));
      expect(stored.mediaType).toBe('text/html');
      const shown = originalPage(db, row.id)!;
      expect(shown.originalBytes).toBe(stored.byteCount);
      const snapshot = getSnapshot(db, row.id)!;
      expect(shown.sourceUrl).toBe(snapshot.originalUrl);
      const longest = snapshot.blocks
        .filter((block) => block.kind === 'paragraph')
        .map((block) => block.text)
        .sort((a, b) => b.length - a.length)[0]!;
      expect(visibleText(shown.html)).toContain(longest.slice(0, 60));
    }
    // Brotli keeps well under half of the pages' size.
    const size = originalsSize(db);
    expect(size.count).toBe(7);
    expect(size.storedBytes).toBeLessThan(size.bytes * 0.4);
  });

  it('keeps a page saved from the Wayback Machine, shown without its toolbar', async () => {
    const file = join(waybackFixtures, 'replay-saved-northwind-privacy.html');
    const report = await runImport(db, [file]);
    expect(report.imported).toBe(1);
    const [row] = snapshotRows(db);
    expect(row!.sourceFormat).toBe('wayback-html');
    const shown = originalPage(db, row!.id)!;
    expect(readOriginal(db, row!.id)!.html).toBe(readFileSync(file, 'utf8'));
    const text = visibleText(shown.html);
    expect(text).toMatch(/Northwind/);
    expect(text).not.toMatch(/FILE ARCHIVED ON|Wayback Machine|captures/i);
    expect(shown.html).not.toMatch(/wm-ipp/);
  });

  it('keeps the pages of waybackpack and wayback-machine-downloader folders, decoded from their charset', async () => {
    const report = await runImport(db, [
      join(waybackFixtures, 'waybackpack-raw'),
      join(waybackFixtures, 'wayback-machine-downloader'),
    ]);
    expect(report.failed).toBe(0);
    const rows = snapshotRows(db);
    expect(rows.map((row) => row.origin).sort()).toEqual(['wayback-machine-downloader-folder', 'waybackpack-folder']);
    expect(rows.every((row) => row.originalId !== null)).toBe(true);
    const german = rows.find((row) => row.origin === 'waybackpack-folder')!;
    const stored = readOriginal(db, german.id)!;
    expect(stored.charset).toBe('windows-1252');
    expect(visibleText(originalPage(db, german.id)!.html)).toContain('Datenschutzerklärung');
  });

  it('keeps WARC pages once per distinct page: a revisit of the same page shares it', async () => {
    const records: RecordSpec[] = [
      { type: 'warcinfo', date: '2015-05-04T13:36:00Z' },
      {
        type: 'response',
        url: 'http://formlabs.com/support/privacy-policy',
        date: '2015-05-04T13:36:12Z',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        body: formlabsPage(),
      },
      {
        type: 'revisit',
        url: 'http://formlabs.com/support/privacy-policy',
        date: '2015-06-01T08:00:00Z',
        revisitOf: 1,
        refersToUrl: 'http://formlabs.com/support/privacy-policy',
        refersToDate: '2015-05-04T13:36:12Z',
        httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
      },
      {
        type: 'response',
        url: 'http://example.de/datenschutz',
        date: '2016-01-01T00:00:00Z',
        httpHeaders: { 'Content-Type': 'application/xhtml+xml; charset=windows-1252' },
        body: Buffer.concat([
          Buffer.from('<html><head><title>Datenschutz</title></head><body><h1>Datenschutzerkl', 'latin1'),
          Buffer.from([0xe4]),
          Buffer.from(
            'rung</h1><p>Wir verarbeiten personenbezogene Daten nur, soweit dies zur Bereitstellung unserer Dienste erforderlich ist, und geben sie nicht an Dritte weiter.</p></body></html>',
            'latin1',
          ),
        ]),
      },
    ];
    const warc = join(dir, 'crawl.warc.gz');
    writeFileSync(warc, await warcBytes(records, { gzip: true }));
    const report = await runImport(db, [warc], { allPages: true });
    expect(report.failed).toBe(0);
    const rows = snapshotRows(db);
    expect(rows.every((row) => row.origin === 'warc' && row.originalId !== null)).toBe(true);
    const urlOf = (row: SnapshotRow) => getSnapshot(db, row.id)!.originalUrl ?? '';
    const formlabs = rows.filter((row) => urlOf(row).includes('formlabs.com'));
    expect(formlabs).toHaveLength(2);
    expect(formlabs[0]!.originalId).toBe(formlabs[1]!.originalId);
    expect(originalsSize(db).count).toBe(2);

    const german = rows.find((row) => urlOf(row).includes('example.de'))!;
    const stored = readOriginal(db, german.id)!;
    expect(stored.mediaType).toBe('application/xhtml+xml');
    expect(stored.charset).toBe('windows-1252');
    expect(stored.html).toContain('Datenschutzerklärung');
  });

  it('keeps the pages of a WACZ', async () => {
    const crawl = await warcBytes(
      [
        {
          type: 'response',
          url: 'http://formlabs.com/support/privacy-policy',
          date: '2015-05-04T13:36:12Z',
          httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
          body: formlabsPage(),
        },
      ],
      { gzip: true },
    );
    const zip = new yazl.ZipFile();
    zip.addBuffer(crawl, 'archive/data.warc.gz', { compress: false });
    zip.addBuffer(Buffer.from(JSON.stringify({ profile: 'data-package', resources: [] })), 'datapackage.json');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const wacz = join(dir, 'formlabs.wacz');
    writeFileSync(wacz, Buffer.concat(chunks));

    expect((await runImport(db, [wacz])).failed).toBe(0);
    const [row] = snapshotRows(db);
    expect(row!.origin).toBe('wacz');
    expect(readOriginal(db, row!.id)!.html).toBe(formlabsPage());
  });

  it('stores one copy of a page imported from two places', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    cpSync(join(history, 'formlabs.com', '2015-05-04.html'), join(a, '2015-05-04.html'), { recursive: true });
    cpSync(join(history, 'formlabs.com', '2015-05-04.html'), join(b, 'copy-2015-05-04.html'), { recursive: true });
    await runImport(db, [a]);
    await runImport(db, [b]);
    // Same capture (document, time, text): one snapshot, one page.
    expect(snapshotRows(db)).toHaveLength(1);
    expect(originalsSize(db).count).toBe(1);
  });
});

describe('original pages in the writer: size cap, dedupe and undo', () => {
  let dir: string;
  let cleanup: () => void;
  let db: Database.Database;
  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = openArchive(join(dir, 'archive.sqlite'));
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  function capture(day: number, original: CaptureOriginal | undefined, text = 'We collect the data you give us.') {
    return aCapture({
      capturedAt: `2020-01-${String(day).padStart(2, '0')}T00:00:00Z`,
      blocks: [paragraph(text)],
      sourceFormat: 'wayback-html',
      ...(original ? { original } : {}),
    });
  }

  it(`keeps pages up to ${MAX_ORIGINAL_BYTES / 1048576} MB of UTF-8 and drops larger ones, storing the snapshot either way`, () => {
    const writer = new ArchiveWriter(db);
    const importId = writer.beginImport('cap');
    const filler = (bytes: number) => `<p>${'x'.repeat(bytes - 7)}</p>`;
    const atCap = writer.addCapture(importId, capture(1, page(filler(MAX_ORIGINAL_BYTES))), SOURCE_HASH);
    const overCap = writer.addCapture(importId, capture(2, page(filler(MAX_ORIGINAL_BYTES + 1))), SOURCE_HASH);
    // Fewer characters than the cap, more bytes: `é` takes two bytes in UTF-8.
    const wide = `<p>${'é'.repeat(MAX_ORIGINAL_BYTES / 2)}</p>`;
    expect(wide.length).toBeLessThan(MAX_ORIGINAL_BYTES);
    const overInBytes = writer.addCapture(importId, capture(3, page(wide)), SOURCE_HASH);
    writer.finishImport(importId, 'done');

    expect([atCap, overCap, overInBytes].every((result) => result.created)).toBe(true);
    expect(readOriginal(db, atCap.snapshotId)!.byteCount).toBe(MAX_ORIGINAL_BYTES);
    expect(originalPage(db, overCap.snapshotId)).toBeNull();
    expect(originalPage(db, overInBytes.snapshotId)).toBeNull();
    expect(getSnapshot(db, overCap.snapshotId)!.blocks).toHaveLength(1);
    expect(originalsSize(db).count).toBe(1);
  });

  it('undo removes the pages only the undone import used, and leaves the archive as before', () => {
    const empty = tableCounts(db);
    const writer = new ArchiveWriter(db);
    const shared = page('<html><body><p>Shared page</p></body></html>');
    const first = writer.beginImport('first');
    const kept = writer.addCapture(first, capture(1, shared), SOURCE_HASH);
    writer.finishImport(first, 'done');
    const afterFirst = tableCounts(db);

    const second = writer.beginImport('second');
    writer.addCapture(second, capture(2, shared, 'We changed a word.'), SOURCE_HASH);
    writer.addCapture(second, capture(3, page('<p>Only in the second import</p>'), 'Another text.'), SOURCE_HASH);
    writer.finishImport(second, 'done');
    expect(originalsSize(db).count).toBe(2);

    writer.undoImport(second);
    expect(tableCounts(db)).toEqual(afterFirst);
    expect(visibleText(originalPage(db, kept.snapshotId)!.html)).toContain('Shared page');

    writer.undoImport(first);
    expect(tableCounts(db)).toEqual(empty);
    assertArchiveIntegrity(db);
  });

  it('undoing a pipeline import removes its pages', async () => {
    const before = tableCounts(db);
    const report = await runImport(db, [join(history, 'formlabs.com')]);
    expect(originalsSize(db).count).toBe(2);
    new ArchiveWriter(db).undoImport(report.importId);
    expect(tableCounts(db)).toEqual(before);
  });

  it('removeUnusedOriginals drops pages whose snapshots were deleted some other way', () => {
    const writer = new ArchiveWriter(db);
    const importId = writer.beginImport('x');
    const { snapshotId } = writer.addCapture(importId, capture(1, page('<p>Orphan soon</p>')), SOURCE_HASH);
    writer.addCapture(importId, capture(2, page('<p>Still used</p>'), 'Other text.'), SOURCE_HASH);
    db.prepare('DELETE FROM snapshots WHERE id = ?').run(snapshotId);
    expect(removeUnusedOriginals(db)).toBe(1);
    expect(originalsSize(db).count).toBe(1);
  });
});

describe('schema version 6 on an archive written by version 5', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = tempDir()));
  afterEach(() => cleanup());

  it('upgrades it without touching its snapshots (they have no original page); new imports keep theirs', async () => {
    const file = join(dir, 'v5.sqlite');
    const v5 = new Database(file);
    migrate(v5, file, MIGRATIONS.slice(0, 5));
    v5.close();
    // Fill it as version 5 did (a version-5 writer had no original_id column), from a current import.
    const current = join(dir, 'current.sqlite');
    const written = openArchive(current);
    await runImport(written, [join(history, 'formlabs.com')]);
    written.close();
    const old = new Database(file);
    old.prepare('ATTACH DATABASE ? AS source').run(current);
    old.exec(`
      INSERT INTO vendors SELECT id, key, display_name FROM source.vendors;
      INSERT INTO documents SELECT id, vendor_id, key, title FROM source.documents;
      INSERT INTO imports SELECT id, uid, description, status, started_at, finished_at FROM source.imports;
      INSERT INTO import_sources SELECT * FROM source.import_sources;
      INSERT INTO texts SELECT * FROM source.texts;
      INSERT INTO blocks (id, hash, kind, level, text) SELECT id, hash, kind, level, text FROM source.blocks;
      INSERT INTO text_blocks SELECT * FROM source.text_blocks;
      INSERT INTO snapshots (id, document_id, text_id, captured_at, original_url, wayback_url, effective_date,
          source_path, source_format, inferred, import_id, imported_at, origin, captured_at_source)
        SELECT id, document_id, text_id, captured_at, original_url, wayback_url, effective_date,
          source_path, source_format, inferred, import_id, imported_at, origin, captured_at_source FROM source.snapshots;
      INSERT INTO blocks_fts(blocks_fts) VALUES ('rebuild');
    `);
    old.exec('DETACH DATABASE source');
    expect(schemaVersion(old)).toBe(5);
    const snapshotCount = old.prepare('SELECT count(*) FROM snapshots').pluck().get() as number;
    old.close();

    const db = openArchive(file);
    expect(schemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(LATEST_SCHEMA_VERSION).toBeGreaterThanOrEqual(6);
    const rows = snapshotRows(db);
    expect(rows).toHaveLength(snapshotCount);
    expect(rows.every((row) => row.originalId === null)).toBe(true);
    expect(rows.every((row) => originalPage(db, row.id) === null)).toBe(true);
    expect(getSnapshot(db, rows[0]!.id)!.blocks.length).toBeGreaterThan(3);
    assertArchiveIntegrity(db);

    // New imports into the upgraded archive keep their pages.
    await runImport(db, [join(waybackFixtures, 'replay-saved-northwind-privacy.html')]);
    const added = snapshotRows(db).filter((row) => row.sourceFormat === 'wayback-html');
    expect(added).toHaveLength(1);
    expect(originalPage(db, added[0]!.id)).not.toBeNull();
    db.close();
  });
});
