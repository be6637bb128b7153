import { createWriteStream, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import yazl from 'yazl';
import { SNIFF_BYTES, sniffContainer } from '../../../src/main/importers/containerSniff';
import { htmlPage, policyCrawl, warcBytes } from '../../fixtures/warc/warcBuilder';

const dir = mkdtempSync(join(tmpdir(), 'sniff-'));

async function zipBytes(files: Array<[string, string]>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, data] of files) zip.addBuffer(Buffer.from(data), name);
  zip.end();
  const path = join(dir, `${files.length}-${Math.random().toString(36).slice(2)}.zip`);
  await new Promise<void>((done) => zip.outputStream.pipe(createWriteStream(path)).on('close', done));
  return readFileSync(path);
}

describe('sniffContainer', () => {
  it('finds WARCs of both versions, plain or gzip, whatever they are called', async () => {
    for (const version of ['WARC/1.0', 'WARC/1.1'] as const) {
      const plain = await warcBytes(policyCrawl(version), { gzip: false, version });
      const gzipped = await warcBytes(policyCrawl(version), { gzip: true, version });
      for (const name of ['crawl.warc', 'crawl.warc.gz', 'crawl.bin', 'crawl']) {
        expect(sniffContainer(name, plain)).toBe('warc');
        expect(sniffContainer(name, gzipped)).toBe('warc');
      }
    }
  });

  it('reads a gzip WARC whose first record is larger than the bytes it is given', async () => {
    const big = htmlPage(
      'Privacy',
      'x'.repeat(300_000).replace(/x/g, () => String.fromCharCode(97 + Math.floor(Math.random() * 26))),
    );
    const warc = await warcBytes(
      [{ type: 'resource', url: 'https://example.com/privacy', date: '2021-01-01T00:00:00Z', body: big }],
      { gzip: true },
    );
    expect(warc.length).toBeGreaterThan(SNIFF_BYTES);
    expect(sniffContainer('huge.warc.gz', warc.subarray(0, SNIFF_BYTES))).toBe('warc');
  });

  it('reads a gzip WARC whose start inflates to megabytes', async () => {
    const warc = await warcBytes(
      [
        {
          type: 'resource',
          url: 'https://example.com/privacy',
          date: '2021-01-01T00:00:00Z',
          body: 'a'.repeat(80_000_000),
        },
      ],
      { gzip: true },
    );
    expect(sniffContainer('repetitive.warc.gz', warc.subarray(0, SNIFF_BYTES))).toBe('warc');
  });

  it('does not take other files for WARCs, even when named like one', () => {
    expect(sniffContainer('page.warc', Buffer.from('<html><body>WARC/1.0</body></html>'))).toBeNull();
    expect(sniffContainer('notes.warc.gz', gzipSync('just some text'))).toBeNull();
    expect(sniffContainer('empty.warc', Buffer.alloc(0))).toBeNull();
    expect(sniffContainer('broken.warc.gz', Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xff]))).toBeNull();
    expect(sniffContainer('policy.md', Buffer.from('WARC is a format; this is a note about it.'))).toBeNull();
  });

  it('finds a WACZ by its name or, when renamed, by the entries at its start', async () => {
    const wacz = await zipBytes([
      ['datapackage.json', '{}'],
      ['pages/pages.jsonl', '{"format":"json-pages-1.0"}\n'],
    ]);
    expect(sniffContainer('site.wacz', wacz)).toBe('wacz');
    expect(sniffContainer('site.zip', wacz)).toBe('wacz');
    const other = await zipBytes([['readme.txt', 'hello']]);
    expect(sniffContainer('site.wacz', other)).toBe('wacz');
    expect(sniffContainer('photos.zip', other)).toBeNull();
    expect(sniffContainer('fake.wacz', Buffer.from('not a zip at all'))).toBeNull();
  });
});
