import { createWriteStream, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { sniffContainer } from '../../../src/main/importers/containerSniff';
import type { ImportUnit } from '../../../src/main/importers/importUnit';
import { expandWacz } from '../../../src/main/importers/wacz';
import { NOT_A_POLICY_PAGE } from '../../../src/main/importers/warc';
import { htmlPage, policyCrawl, PRIVACY_TEXT, warcBytes, type RecordSpec } from '../../fixtures/warc/warcBuilder';

const dir = mkdtempSync(join(tmpdir(), 'wacz-import-'));

interface ZipFileSpec {
  name: string;
  data: Buffer | string;
  compress?: boolean;
}

/** Zip files with yazl, as WACZ writers do (WARCs stored, the rest deflated unless told otherwise). */
async function writeZip(name: string, files: ZipFileSpec[]): Promise<{ kind: 'wacz'; path: string; size: number }> {
  const path = join(dir, name);
  const zip = new yazl.ZipFile();
  for (const file of files) {
    const data = typeof file.data === 'string' ? Buffer.from(file.data, 'utf8') : file.data;
    zip.addBuffer(data, file.name, { compress: file.compress ?? !file.name.startsWith('archive/') });
  }
  zip.end();
  await new Promise<void>((done, fail) => {
    zip.outputStream.pipe(createWriteStream(path)).on('close', done).on('error', fail);
  });
  return { kind: 'wacz', path, size: readFileSync(path).length };
}

function pagesJsonl(pages: Array<{ url: string; ts: string; title?: string; text?: string }>): string {
  const header = { format: 'json-pages-1.0', id: 'pages', title: 'All Pages' };
  return [header, ...pages].map((line) => JSON.stringify(line)).join('\n') + '\n';
}

function datapackage(resources: string[]): string {
  return JSON.stringify({
    profile: 'data-package',
    wacz_version: '1.1.1',
    resources: resources.map((path) => ({ name: path.split('/').pop(), path, hash: 'sha256:0', bytes: 0 })),
  });
}

async function collect(units: AsyncIterable<ImportUnit>): Promise<Array<{ unit: ImportUnit; text: string | null }>> {
  const out: Array<{ unit: ImportUnit; text: string | null }> = [];
  for await (const unit of units) out.push({ unit, text: unit.skip ? null : (await unit.read()).toString('utf8') });
  return out;
}

function page(url: string, html: string, date = '2022-03-04T05:06:07Z'): RecordSpec {
  return { type: 'response', url, date, httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' }, body: html };
}

describe('a WACZ made by a crawler', () => {
  let wacz: { kind: 'wacz'; path: string; size: number };
  let units: Array<{ unit: ImportUnit; text: string | null }>;
  const listedPages = [
    { url: 'https://example.com/privacy', ts: '2020-01-02T03:04:05Z', title: 'Privacy Policy — Example Inc.' },
    { url: 'https://example.com/terms.html', ts: '2020-01-03T00:00:00Z', title: 'Terms of Service | Example' },
    {
      url: 'https://example.com/doc?id=3',
      ts: '2022-03-04T05:06:07Z',
      title: 'Nutzungsbedingungen',
      text: 'long text',
    },
    { url: 'https://example.com/shop', ts: '2022-03-04T05:06:07Z', title: 'Shop' },
  ];

  beforeAll(async () => {
    const records: RecordSpec[] = [
      ...policyCrawl('WARC/1.1'),
      // Neither its URL nor its own <title> says "terms"; the page list's title does.
      page('https://example.com/doc?id=3', htmlPage('Document 3', 'Diese Bedingungen gelten für alle Nutzer.')),
      page('https://example.com/shop', htmlPage('Shop', 'Buy things.')),
    ];
    const warc = await warcBytes(records, { gzip: true, version: 'WARC/1.1' });
    wacz = await writeZip('example.wacz', [
      { name: 'archive/data.warc.gz', data: warc },
      { name: 'indexes/index.cdx', data: '' },
      { name: 'pages/pages.jsonl', data: pagesJsonl(listedPages) },
      { name: 'datapackage.json', data: datapackage(['archive/data.warc.gz', 'pages/pages.jsonl']) },
    ]);
    units = await collect(expandWacz(wacz, {}));
  });

  it('is recognised as a WACZ from its bytes', () => {
    expect(sniffContainer(wacz.path, readFileSync(wacz.path).subarray(0, 65536))).toBe('wacz');
  });

  it('labels units with the WACZ name, URL and capture time, and keys them by WARC entry and offset', () => {
    expect(units[0]?.unit.label).toBe('example.wacz › https://example.com/privacy (2020-01-02T03:04:05Z)');
    for (const { unit } of units) {
      expect(unit.key).toMatch(
        new RegExp(`^${resolve(wacz.path).replace(/[.]/g, '\\.')}#archive/data\\.warc\\.gz#\\d+$`),
      );
    }
    expect(new Set(units.map(({ unit }) => unit.key)).size).toBe(units.length);
  });

  it('takes page titles from pages.jsonl and marks the origin as wacz', () => {
    expect(units[0]?.unit.hints).toMatchObject({
      origin: 'wacz',
      originalUrl: 'https://example.com/privacy',
      capturedAt: '2020-01-02T03:04:05Z',
      capturedAtSource: 'warc-date',
      title: 'Privacy Policy — Example Inc.',
    });
    expect(units[1]?.unit.hints?.title).toBe('Terms of Service | Example');
  });

  it('reads the WARC records as a WARC file would be read: decoded pages, resolved revisits, reasons for the rest', () => {
    expect(units[0]?.text).toContain(PRIVACY_TEXT);
    expect(units[2]?.text).toBe(units[0]?.text);
    expect(units.map(({ unit }) => unit.skip ?? null).slice(3, 7)).toEqual([
      'image/png, not a page',
      'HTTP 301 redirect to https://example.com/privacy',
      'HTTP 404 error page',
      'empty payload',
    ]);
  });

  it('uses the page list title to recognise a terms page whose URL and HTML do not say so', () => {
    const doc = units.find(({ unit }) => unit.hints?.originalUrl === 'https://example.com/doc?id=3');
    expect(doc?.unit.skip).toBeUndefined();
    expect(doc?.unit.hints?.title).toBe('Nutzungsbedingungen');
    const shop = units.find(({ unit }) => unit.hints?.originalUrl === 'https://example.com/shop');
    expect(shop?.unit.skip).toBe(NOT_A_POLICY_PAGE);
  });
});

describe('WACZ variants', () => {
  it('imports all listed pages when asked, but not frames embedded in them', async () => {
    const warc = await warcBytes([
      page('https://example.com/', htmlPage('Home', 'Welcome.')),
      page('https://ads.example.net/frame.html', htmlPage('Ad', 'Buy now.')),
      page('https://example.com/privacy', htmlPage('Privacy', 'Privacy text.')),
    ]);
    const wacz = await writeZip('frames.wacz', [
      { name: 'archive/rec-1.warc', data: warc },
      {
        name: 'pages/pages.jsonl',
        data: pagesJsonl([{ url: 'https://example.com/', ts: '2022-03-04T05:06:07Z', title: 'Home' }]),
      },
      {
        name: 'pages/extraPages.jsonl',
        data: pagesJsonl([{ url: 'https://example.com/privacy', ts: '2022-03-04T05:06:07Z', title: 'Privacy' }]),
      },
    ]);
    const units = await collect(expandWacz(wacz, { allPages: true }));
    expect(units.map(({ unit }) => [unit.hints?.originalUrl, unit.skip ?? null])).toEqual([
      ['https://example.com/', null],
      ['https://ads.example.net/frame.html', 'not in the WACZ page list (an embedded document)'],
      ['https://example.com/privacy', null],
    ]);
  });

  it('resolves a revisit across the WARCs of one WACZ, even when the WARC entries are deflated', async () => {
    const first = policyCrawl('WARC/1.0').slice(0, 3); // warcinfo, request, the privacy response
    const firstWarc = await warcBytes(first, { gzip: true });
    const secondWarc = await warcBytes(
      [
        {
          type: 'revisit',
          url: 'https://example.com/privacy',
          date: '2020-06-01T00:00:00Z',
          refersToUrl: 'https://example.com/privacy',
          refersToDate: '2020-01-02T03:04:05Z',
          httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' },
        },
      ],
      { gzip: true },
    );
    const wacz = await writeZip('two-warcs.wacz', [
      { name: 'archive/rec-20200102.warc.gz', data: firstWarc, compress: true },
      { name: 'archive/rec-20200601.warc.gz', data: secondWarc, compress: true },
      { name: 'pages/pages.jsonl', data: pagesJsonl([]) },
    ]);
    const units = await collect(expandWacz(wacz, {}));
    expect(units.map(({ unit }) => unit.label)).toEqual([
      'two-warcs.wacz › https://example.com/privacy (2020-01-02T03:04:05Z)',
      'two-warcs.wacz › https://example.com/privacy (2020-06-01T00:00:00Z)',
    ]);
    expect(units[1]?.text).toContain(PRIVACY_TEXT);
    expect(units[1]?.unit.key).toContain('#archive/rec-20200601.warc.gz#');
  });

  it('reads a WACZ without pages.jsonl or datapackage.json, titles then coming from nowhere', async () => {
    const warc = await warcBytes([page('https://example.com/legal/privacy', htmlPage('Privacy', 'Text.'))], {
      gzip: true,
    });
    const wacz = await writeZip('bare.wacz', [{ name: 'archive/data.warc.gz', data: warc }]);
    const units = await collect(expandWacz(wacz, {}));
    expect(units).toHaveLength(1);
    expect(units[0]?.unit.hints?.title).toBeUndefined();
    expect(units[0]?.text).toContain('Text.');
  });

  it('fails with an Error naming the file when the WACZ holds no WARC or is not a zip', async () => {
    const empty = await writeZip('empty.wacz', [{ name: 'pages/pages.jsonl', data: pagesJsonl([]) }]);
    await expect(collect(expandWacz(empty, {}))).rejects.toThrow(`${empty.path}: no WARC files under archive/`);
    const notZip = join(dir, 'not-a-zip.wacz');
    writeFileSync(notZip, 'PK\u0003\u0004 this is not really a zip');
    await expect(collect(expandWacz({ kind: 'wacz', path: notZip, size: 30 }, {}))).rejects.toThrow(
      `${notZip}: not a readable WACZ (zip) file`,
    );
  });

  it('fails naming the WARC inside the WACZ when that WARC is cut off', async () => {
    const warc = await warcBytes(policyCrawl('WARC/1.0'), { gzip: true });
    const wacz = await writeZip('cut.wacz', [
      { name: 'archive/data.warc.gz', data: warc.subarray(0, warc.length - 40) },
    ]);
    await expect(collect(expandWacz(wacz, {}))).rejects.toThrow(
      `${wacz.path} › archive/data.warc.gz: the WARC is truncated`,
    );
  });
});
