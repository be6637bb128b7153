/**
 * Every input form through the one pipeline into a real archive: the same
 * listing, units, store, progress and report for Wayback HTML, download-tool
 * folders, WARC, WACZ, git histories and plain files.
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import type { ImportProgress, ImportReport, SnapshotSummary } from '../../../src/shared/domain';
import { openArchive } from '../../../src/main/archive/database';
import { listVendors, vendorTimeline } from '../../../src/main/archive/queries';
import { runImport } from '../../../src/main/importers/pipeline';
import { warcBytes, chunked, type RecordSpec } from '../../fixtures/warc/warcBuilder';
import { gzipSync } from 'node:zlib';
import { tableCounts } from '../../support/archiveState';
import { commitFiles, initRepo } from '../../support/gitBuilder';
import { repoRoot, samplesDir, tempDir } from '../../support/paths';

const waybackFixtures = join(repoRoot, 'test', 'fixtures', 'wayback');
const formlabs = join(samplesDir, 'princeton-history', 'formlabs.com');

/** A real archived page: the Princeton copy of formlabs.com in 2015, without the dataset's header comment. */
function formlabsPage(file = '2015-05-04.html'): string {
  return readFileSync(join(formlabs, file), 'utf8').replace(/^<!--[\s\S]*?-->\s*/, '');
}

function snapshotsOf(db: Database.Database, key: string): SnapshotSummary[] {
  const vendor = listVendors(db).find((candidate) => candidate.key === key);
  if (!vendor)
    throw new Error(
      `no vendor ${key}; have ${listVendors(db)
        .map((v) => v.key)
        .join(', ')}`,
    );
  return vendorTimeline(db, vendor.id)!.documents.flatMap((document) => document.snapshots);
}

function reasonFor(report: ImportReport, fragment: string): string | null | undefined {
  return report.files.find((file) => file.path.includes(fragment))?.reason;
}

/** A crawl of formlabs.com: the policy (chunked + gzip), a revisit of it, and what a crawl also holds. */
async function formlabsCrawl(gzip: boolean): Promise<Buffer> {
  const records: RecordSpec[] = [
    { type: 'warcinfo', date: '2015-05-04T13:36:00Z' },
    {
      type: 'request',
      url: 'http://formlabs.com/support/privacy-policy',
      date: '2015-05-04T13:36:12Z',
      statusline: 'GET /support/privacy-policy HTTP/1.1',
      httpHeaders: { Host: 'formlabs.com' },
    },
    {
      type: 'response',
      url: 'http://formlabs.com/support/privacy-policy',
      date: '2015-05-04T13:36:12Z',
      httpHeaders: {
        'Content-Type': 'text/html; charset=utf-8',
        'Transfer-Encoding': 'chunked',
        'Content-Encoding': 'gzip',
      },
      body: chunked(gzipSync(Buffer.from(formlabsPage(), 'utf8')), 1000),
    },
    {
      type: 'response',
      url: 'http://formlabs.com/static/logo.png',
      date: '2015-05-04T13:36:13Z',
      httpHeaders: { 'Content-Type': 'image/png' },
      body: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    },
    {
      type: 'response',
      url: 'http://formlabs.com/about',
      date: '2015-05-04T13:36:14Z',
      httpHeaders: { 'Content-Type': 'text/html' },
      body: '<html><head><title>About Formlabs</title></head><body><p>We make 3D printers in Somerville.</p></body></html>',
    },
    {
      type: 'response',
      url: 'http://formlabs.com/support/privacy-policy-old',
      date: '2015-05-04T13:36:15Z',
      statusline: 'HTTP/1.1 404 Not Found',
      httpHeaders: { 'Content-Type': 'text/html' },
      body: '<html><body>Not found</body></html>',
    },
    {
      type: 'revisit',
      url: 'http://formlabs.com/support/privacy-policy',
      date: '2015-06-01T08:00:00Z',
      revisitOf: 2,
      refersToUrl: 'http://formlabs.com/support/privacy-policy',
      refersToDate: '2015-05-04T13:36:12Z',
      httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
    },
  ];
  return warcBytes(records, { gzip });
}

describe('importing every format through one pipeline', () => {
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

  it('Wayback HTML pages and download-tool folders: dated from the page or its folders, replay placeholders skipped', async () => {
    const report = await runImport(db, [waybackFixtures]);
    expect(report.failed).toBe(0);
    const northwind = snapshotsOf(db, 'northwind-outfitters.com');
    expect(northwind.map((s) => [s.capturedAt, s.capturedAtSource, s.sourceFormat])).toContainEqual([
      '2016-03-14T09:35:12Z',
      'wombat-call',
      'wayback-html',
    ]);
    const contoso = snapshotsOf(db, 'contoso-cloud.com');
    expect(contoso[0]).toMatchObject({
      capturedAt: '2021-03-15T08:45:00Z',
      capturedAtSource: 'folder-name',
      origin: 'wayback-machine-downloader-folder',
    });
    expect(listVendors(db).some((vendor) => vendor.key.includes('archive.org'))).toBe(false);
    expect(reasonFor(report, 'redirect-placeholder.html')).toMatch(/redirect/i);
    expect(reasonFor(report, 'wayback-not-archived.html')).toBeTruthy();
    expect(report.files.find((file) => file.path.endsWith('redirect-placeholder.html'))?.outcome).toBe('skipped');
  });

  it('WARC (gzip, chunked + gzip body, revisit): the policy at both dates, the rest of the crawl listed as skipped', async () => {
    const warc = join(dir, 'crawl.warc');
    writeFileSync(warc, await formlabsCrawl(true)); // gzipped, though named .warc: bytes decide
    const progress: ImportProgress[] = [];
    const report = await runImport(db, [warc], { progressIntervalMs: 0, onProgress: (p) => progress.push(p) });
    expect(report.failed).toBe(0);
    const snapshots = snapshotsOf(db, 'formlabs.com');
    expect(snapshots.map((s) => s.capturedAt)).toEqual(['2015-05-04T13:36:12Z', '2015-06-01T08:00:00Z']);
    expect(new Set(snapshots.map((s) => s.contentHash)).size).toBe(1);
    expect(snapshots.every((s) => s.origin === 'warc' && s.capturedAtSource === 'warc-date')).toBe(true);
    expect(snapshots[0]?.originalUrl).toBe('http://formlabs.com/support/privacy-policy');
    expect(reasonFor(report, 'logo.png')).toMatch(/image\/png/);
    expect(reasonFor(report, '/about')).toMatch(/not a policy/);
    expect(reasonFor(report, 'privacy-policy-old')).toMatch(/404/);
    // Requests and warcinfo are not pages: not listed at all.
    expect(report.files).toHaveLength(5);
    const last = progress[progress.length - 1]!;
    expect(last.filesDone).toBe(last.filesTotal);
    expect(last.bytesDone).toBeLessThanOrEqual(last.bytesTotal);
  });

  it('a huge crawl keeps its report bounded: past the limit, files are counted and summarised by reason', async () => {
    const warc = join(dir, 'crawl.warc.gz');
    writeFileSync(warc, await formlabsCrawl(true));
    const report = await runImport(db, [warc], { listedPerOutcome: 1 });
    // Three skipped records (image, other page, 404): one listed, two summarised, all counted.
    expect(report.skipped).toBe(3);
    // The page and its revisit (a later capture of the same text): both imported, one listed.
    expect(report.imported).toBe(2);
    const summaries = report.files.filter((file) => file.path.includes('not listed one by one'));
    expect(summaries.reduce((sum, file) => sum + Number(/\((\d+) more/.exec(file.path)?.[1]), 0)).toBe(
      report.filesTotal - (report.files.length - summaries.length),
    );
    expect(summaries.filter((file) => file.outcome === 'skipped').every((file) => file.reason !== null)).toBe(true);
  });

  it('re-importing a WARC adds nothing; a truncated one is reported and the rest of the import goes on', async () => {
    const whole = await formlabsCrawl(true);
    const warc = join(dir, 'crawl.warc.gz');
    writeFileSync(warc, whole);
    await runImport(db, [warc]);
    const before = tableCounts(db);
    const again = await runImport(db, [warc]);
    expect(again.snapshotsAdded).toBe(0);
    delete before.imports;
    const after = tableCounts(db);
    delete after.imports;
    expect(after).toEqual(before);

    const broken = join(dir, 'broken', 'cut.warc.gz');
    mkdirSync(join(dir, 'broken'));
    writeFileSync(broken, whole.subarray(0, Math.floor(whole.length * 0.6)));
    cpSync(join(formlabs, '2016-05-09.md'), join(dir, 'broken', '2016-05-09.md'));
    const report = await runImport(db, [join(dir, 'broken')]);
    const failure = report.files.find((file) => file.path === broken);
    expect(failure?.outcome).toBe('failed');
    expect(failure?.reason).toMatch(/truncated|corrupt/i);
    expect(report.files.find((file) => file.path.endsWith('2016-05-09.md'))?.outcome).toBe('imported');
  });

  it('WACZ: its WARC imported with the titles of pages.jsonl', async () => {
    const zip = new yazl.ZipFile();
    zip.addBuffer(await formlabsCrawl(true), 'archive/data.warc.gz', { compress: false });
    zip.addBuffer(
      Buffer.from(
        [
          JSON.stringify({ format: 'json-pages-1.0', id: 'pages', title: 'All Pages' }),
          JSON.stringify({
            url: 'http://formlabs.com/support/privacy-policy',
            ts: '2015-05-04T13:36:12Z',
            title: 'Privacy Policy – Formlabs',
          }),
        ].join('\n') + '\n',
      ),
      'pages/pages.jsonl',
    );
    zip.addBuffer(Buffer.from(JSON.stringify({ profile: 'data-package', resources: [] })), 'datapackage.json');
    zip.end();
    const chunks: Buffer[] = [];
    for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
    const wacz = join(dir, 'formlabs.wacz');
    writeFileSync(wacz, Buffer.concat(chunks));

    const report = await runImport(db, [wacz]);
    expect(report.failed).toBe(0);
    const snapshots = snapshotsOf(db, 'formlabs.com');
    expect(snapshots.length).toBeGreaterThanOrEqual(1);
    expect(snapshots.every((s) => s.origin === 'wacz')).toBe(true);
  });

  it('Open Terms Archive versions repository: one version per real change, dated by its commit', async () => {
    const repo = await initRepo(join(dir, 'versions'));
    const policy = (words: string) =>
      `# Privacy Policy\n\nWe collect personal data to run the service. ${words}\n\nYou can ask us to delete your personal data at any time.\n`;
    await commitFiles(repo, 'Record new changes of Example Privacy Policy', '2024-01-10T10:00:00Z', {
      'Example/Privacy Policy.md': policy('We never sell it.'),
      'Other Co/Terms of Service.md':
        '# Terms\n\nBy using the service you agree to these terms of service and our privacy policy.\n',
      'README.md': '# Versions\n',
    });
    await commitFiles(
      repo,
      'Apply technical or declaration upgrade on Example Privacy Policy',
      '2024-02-01T00:00:00Z',
      {
        'Example/Privacy Policy.md': policy('We never sell it. '),
      },
    );
    await commitFiles(repo, 'Record new changes of Example Privacy Policy', '2024-03-05T09:30:00Z', {
      'Example/Privacy Policy.md': policy('We may share it with advertisers.'),
    });

    const report = await runImport(db, [repo]);
    expect(report.failed).toBe(0);
    const example = snapshotsOf(db, 'example');
    expect(example.map((s) => s.capturedAt)).toEqual(['2024-01-10T10:00:00Z', '2024-03-05T09:30:00Z']);
    expect(example.every((s) => s.origin === 'git' && s.capturedAtSource === 'commit-date')).toBe(true);
    expect(snapshotsOf(db, 'other-co')).toHaveLength(1);
  });

  it('Princeton dataset repository: every commit of every file, dated by its header', async () => {
    const repo = await initRepo(join(dir, 'privacy-policy-historical'));
    const file = (name: string) => readFileSync(join(formlabs, name));
    await commitFiles(repo, 'formlabs.com 2015', '2019-06-01T00:00:00Z', {
      'f/fo/for/formlabs.com.html': file('2015-05-04.html'),
    });
    await commitFiles(repo, 'formlabs.com 2016', '2019-06-02T00:00:00Z', {
      'f/fo/for/formlabs.com.md': file('2016-05-09.md'),
    });
    await commitFiles(repo, 'formlabs.com 2017', '2019-06-03T00:00:00Z', {
      'f/fo/for/formlabs.com.md': file('2017-02-11.md'),
      'f/fo/for/formlabs.com.html': file('2017-02-11.html'),
    });
    const report = await runImport(db, [repo]);
    expect(report.failed).toBe(0);
    const dates = snapshotsOf(db, 'formlabs.com').map((s) => s.capturedAt.slice(0, 10));
    expect(new Set(dates)).toEqual(new Set(['2015-05-04', '2016-05-09', '2017-02-11']));
    expect(snapshotsOf(db, 'formlabs.com').every((s) => s.origin === 'git')).toBe(true);
  });

  it('a plain page with vendor, URL and date given by the user', async () => {
    const page = join(dir, 'saved.html');
    writeFileSync(page, formlabsPage('2017-02-11.html'));
    const report = await runImport(db, [page], {
      overrides: {
        vendor: 'formlabs.com',
        capturedAt: '2017-02-11',
        originalUrl: 'https://formlabs.com/support/privacy-policy',
      },
    });
    expect(report.imported).toBe(1);
    const [snapshot] = snapshotsOf(db, 'formlabs.com');
    expect(snapshot).toMatchObject({
      capturedAt: '2017-02-11T00:00:00Z',
      capturedAtSource: 'user',
      originalUrl: 'https://formlabs.com/support/privacy-policy',
      inferred: [],
    });
  });
});
