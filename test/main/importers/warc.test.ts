import { createReadStream, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { Transform } from 'node:stream';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { sniffContainer } from '../../../src/main/importers/containerSniff';
import type { ExpandOptions, ImportUnit } from '../../../src/main/importers/importUnit';
import {
  expandWarc,
  NOT_A_POLICY_PAGE,
  UNRESOLVED_REVISIT,
  warcFileSource,
  warcUnits,
  type WarcSource,
} from '../../../src/main/importers/warc';
import {
  chunked,
  htmlPage,
  policyCrawl,
  PRIVACY_TEXT,
  warcBytes,
  type RecordSpec,
  type WarcVersion,
} from '../../fixtures/warc/warcBuilder';

const dir = mkdtempSync(join(tmpdir(), 'warc-import-'));

function writeWarc(name: string, bytes: Buffer): { kind: 'warc'; path: string; size: number } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return { kind: 'warc', path, size: bytes.length };
}

interface ReadUnit {
  unit: ImportUnit;
  text: string | null;
  error?: string;
}

/** Consume units as the pipeline does: read each before asking for the next. */
async function collect(units: AsyncIterable<ImportUnit>, keepErrors = false): Promise<ReadUnit[]> {
  const out: ReadUnit[] = [];
  for await (const unit of units) {
    if (unit.skip) {
      out.push({ unit, text: null });
      continue;
    }
    try {
      out.push({ unit, text: (await unit.read()).toString('utf8') });
    } catch (error) {
      if (!keepErrors) throw error;
      out.push({ unit, text: null, error: (error as Error).message });
    }
  }
  return out;
}

/** Fails instead of hanging when an expander never finishes. */
function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(() => reject(new Error(`still running after ${seconds}s`)), seconds * 1000),
    ),
  ]);
}

const crawls: Array<{ version: WarcVersion; gzip: boolean }> = [
  { version: 'WARC/1.0', gzip: false },
  { version: 'WARC/1.0', gzip: true },
  { version: 'WARC/1.1', gzip: false },
  { version: 'WARC/1.1', gzip: true },
];

describe.each(crawls)('a $version crawl (gzip: $gzip)', ({ version, gzip }) => {
  let entry: { kind: 'warc'; path: string; size: number };
  let units: ReadUnit[];
  beforeAll(async () => {
    const name = `crawl-${version.slice(5)}${gzip ? '.warc.gz' : '.warc'}`;
    entry = writeWarc(name, await warcBytes(policyCrawl(version), { gzip, version }));
    units = await collect(expandWarc(entry, {}));
  });

  it('lists each page-bearing record once, in file order, and passes over warcinfo, request and metadata', () => {
    const name = basename(entry.path);
    expect(units.map(({ unit }) => unit.label)).toEqual([
      `${name} › https://example.com/privacy (2020-01-02T03:04:05Z)`,
      `${name} › https://example.com/terms.html (2020-01-03T00:00:00Z)`,
      `${name} › https://example.com/privacy (2020-02-02T10:00:00Z)`,
      `${name} › https://example.com/logo.png (2020-01-02T03:04:06Z)`,
      `${name} › https://example.com/old-privacy (2020-01-02T03:04:07Z)`,
      `${name} › https://example.com/privacy-2019 (2020-01-02T03:04:08Z)`,
      `${name} › https://example.com/privacy-empty (2020-01-02T03:04:09Z)`,
    ]);
  });

  it('says why each non-page is skipped', () => {
    expect(units.map(({ unit }) => unit.skip ?? null)).toEqual([
      null,
      null,
      null,
      'image/png, not a page',
      'HTTP 301 redirect to https://example.com/privacy',
      'HTTP 404 error page',
      'empty payload',
    ]);
  });

  it('decodes a chunked, gzip-encoded response to the page with its characters intact', () => {
    const privacy = units[0]?.text ?? '';
    expect(privacy).toContain('<title>Privacy Policy</title>');
    expect(privacy).toContain(PRIVACY_TEXT);
  });

  it('reads a resource record as bare content', () => {
    expect(units[1]?.text).toContain('By using the service you agree to these terms.');
  });

  it('resolves a revisit to the earlier payload, dated by the revisit', () => {
    const revisit = units[2]!;
    expect(revisit.text).toBe(units[0]?.text);
    expect(revisit.unit.hints?.capturedAt).toBe('2020-02-02T10:00:00Z');
  });

  it('gives the WARC metadata as hints, with capture times at second precision', () => {
    expect(units[0]?.unit.hints).toEqual({
      origin: 'warc',
      originalUrl: 'https://example.com/privacy',
      capturedAt: '2020-01-02T03:04:05Z',
      capturedAtSource: 'warc-date',
      contentType: 'text/html; charset=utf-8',
    });
    expect(units[3]?.unit.hints?.contentType).toBe('image/png');
  });

  it('keys units by absolute path and record offset, the same on every run', async () => {
    const keys = units.map(({ unit }) => unit.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const key of keys) expect(key).toMatch(new RegExp(`^${escape(resolve(entry.path))}#\\d+$`));
    const again = await collect(expandWarc(entry, {}));
    expect(again.map(({ unit }) => unit.key)).toEqual(keys);
  });

  it('re-reads the record at a key’s offset: the offsets point at the records', async () => {
    const offset = Number(units[0]?.unit.key.split('#').at(-1));
    const source = warcFileSource(entry.path, entry.size);
    const fromOffset: WarcSource = {
      ...source,
      open: (start) => source.open(offset + start),
      size: entry.size - offset,
    };
    const first = (await collect(warcUnits(fromOffset, {})))[0];
    expect(first?.unit.label).toContain('https://example.com/privacy (2020-01-02T03:04:05Z)');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function response(url: string, html: string, headers: Record<string, string> = {}, body?: Buffer): RecordSpec {
  return {
    type: 'response',
    url,
    date: '2021-06-01T12:00:00Z',
    httpHeaders: { 'Content-Type': 'text/html; charset=utf-8', ...headers },
    body: body ?? html,
  };
}

describe('detection from the bytes, not the name', () => {
  it('reads a gzip WARC named .warc and a plain WARC named .warc.gz', async () => {
    const records = policyCrawl('WARC/1.0');
    const gzipped = writeWarc('really-gzip.warc', await warcBytes(records, { gzip: true }));
    const plain = writeWarc('really-plain.warc.gz', await warcBytes(records, { gzip: false }));
    for (const entry of [gzipped, plain]) {
      expect(sniffContainer(entry.path, readFileSync(entry.path).subarray(0, 65536))).toBe('warc');
      const units = await collect(expandWarc(entry, {}));
      expect(units[0]?.text).toContain(PRIVACY_TEXT);
      expect(units).toHaveLength(7);
    }
  });
});

describe('broken files', () => {
  it('fails with an Error naming the file when a gzip WARC is cut off, instead of hanging', async () => {
    const whole = await warcBytes(policyCrawl('WARC/1.1'), { gzip: true, version: 'WARC/1.1' });
    for (const cut of [0.3, 0.5, 0.8, 0.99]) {
      const entry = writeWarc(`cut-${cut}.warc.gz`, whole.subarray(0, Math.floor(whole.length * cut)));
      const run = withinSeconds(collect(expandWarc(entry, {})), 10);
      await expect(run).rejects.toThrow(entry.path);
      await expect(run).rejects.toThrow(/truncated or corrupt/);
    }
  });

  it('fails the same way for a plain WARC cut inside a record', async () => {
    const whole = await warcBytes(policyCrawl('WARC/1.0'), { gzip: false });
    const entry = writeWarc('cut.warc', whole.subarray(0, Math.floor(whole.length * 0.45)));
    await expect(withinSeconds(collect(expandWarc(entry, {})), 10)).rejects.toThrow(
      new RegExp(`^${escape(entry.path)}: the WARC is truncated or corrupt`),
    );
  });

  it('reports a body that cannot be decoded on that unit only, naming the record', async () => {
    const entry = writeWarc(
      'bad-gzip.warc',
      await warcBytes([
        response(
          'https://example.com/privacy',
          '',
          { 'Content-Encoding': 'gzip' },
          Buffer.from([0x1f, 0x8b, 8, 0, 1, 2, 3, 4, 5, 6, 7]),
        ),
        response('https://example.com/terms', htmlPage('Terms', 'The terms.')),
      ]),
    );
    const units: ImportUnit[] = [];
    const errors: string[] = [];
    for await (const unit of expandWarc(entry, {})) {
      units.push(unit);
      await unit.read().catch((error: Error) => errors.push(error.message));
    }
    expect(units).toHaveLength(2);
    expect(errors).toEqual([
      expect.stringMatching(/^bad-gzip\.warc › https:\/\/example\.com\/privacy .*cannot decode gzip/),
    ]);
  });
});

describe('content codings and types', () => {
  const page = htmlPage('Privacy notice', PRIVACY_TEXT);
  it('decodes br and deflate bodies, and sniffs HTML sent without a useful Content-Type', async () => {
    const entry = writeWarc(
      'codings.warc',
      await warcBytes([
        response('https://example.com/privacy/br', '', { 'Content-Encoding': 'br' }, brotliCompressSync(page)),
        response('https://example.com/privacy/deflate', '', { 'Content-Encoding': 'deflate' }, deflateSync(page)),
        response(
          'https://example.com/privacy/octet',
          '',
          { 'Content-Type': 'application/octet-stream' },
          Buffer.from(page),
        ),
        response(
          'https://example.com/privacy/gzip-chunked-flag',
          '',
          { 'Transfer-Encoding': 'gzip, chunked' },
          chunked(gzipSync(page), 7),
        ),
        response('https://example.com/privacy/script', 'alert(1)', { 'Content-Type': 'application/javascript' }),
        response('https://example.com/privacy/text', 'User-agent: *', { 'Content-Type': 'text/plain' }),
      ]),
    );
    const units = await collect(expandWarc(entry, {}));
    expect(units.slice(0, 4).map(({ text }) => text?.includes(PRIVACY_TEXT))).toEqual([true, true, true, true]);
    expect(units.slice(4).map(({ unit }) => unit.skip)).toEqual([
      'application/javascript, not a page',
      'text/plain, not a page',
    ]);
  });

  it('refuses a gzip bomb on that unit only, without running out of memory', async () => {
    const entry = writeWarc(
      'bomb.warc',
      await warcBytes([
        response(
          'https://example.com/privacy',
          '',
          { 'Content-Encoding': 'gzip' },
          gzipSync(Buffer.alloc(100 * 1024 * 1024)),
        ),
      ]),
    );
    const [unit] = await collect(expandWarc(entry, {}), true);
    expect(unit?.error).toMatch(/decoded page is larger than 64 MB/);
  });

  it('keeps a body the archiver already decoded although the headers still say chunked and gzip', async () => {
    const entry = writeWarc(
      'predecoded.warc',
      await warcBytes([
        response('https://example.com/privacy', page, { 'Transfer-Encoding': 'chunked', 'Content-Encoding': 'gzip' }),
      ]),
    );
    const [unit] = await collect(expandWarc(entry, {}));
    expect(unit?.text).toBe(page);
  });
});

describe('revisits', () => {
  it('skips a revisit whose original is not in this file, with the reason', async () => {
    const entry = writeWarc(
      'orphan-revisit.warc',
      await warcBytes([
        {
          type: 'revisit',
          url: 'https://example.com/privacy',
          date: '2021-01-01T00:00:00Z',
          warcHeaders: {
            'WARC-Payload-Digest': 'sha256:0000000000000000000000000000000000000000000000000000000000000000',
          },
          refersToUrl: 'https://example.com/privacy',
          refersToDate: '2020-01-01T00:00:00Z',
          httpHeaders: { 'Content-Type': 'text/html' },
        },
      ]),
    );
    const units = await collect(expandWarc(entry, {}));
    expect(units.map(({ unit }) => unit.skip)).toEqual([UNRESOLVED_REVISIT]);
  });

  it('resolves a revisit by its refers-to URI and date when it has no payload digest', async () => {
    const original = response('https://example.com/terms', htmlPage('Terms', 'Original terms text.'));
    const entry = writeWarc(
      'refers-to.warc',
      await warcBytes([
        original,
        {
          type: 'revisit',
          url: 'https://example.com/terms',
          date: '2021-07-01T00:00:00Z',
          refersToUrl: 'https://example.com/terms',
          refersToDate: '2021-06-01T12:00:00Z',
        },
      ]),
    );
    const units = await collect(expandWarc(entry, {}));
    expect(units.map(({ text }) => text?.includes('Original terms text.'))).toEqual([true, true]);
  });
});

describe('a WARC of a whole site', () => {
  const site: Array<[string, string]> = [
    ['https://shop.example/', 'Welcome to the shop'],
    ['https://shop.example/about', 'About us'],
    ['https://shop.example/products/widget', 'Widget'],
    ['https://shop.example/privacy-policy', 'Privacy Policy'],
    ['https://shop.example/legal/terms-of-service', 'Terms of Service'],
    ['https://shop.example/de/datenschutz', 'Datenschutzerklärung'],
    ['https://shop.example/fr/politique-de-confidentialit%C3%A9', 'Politique de confidentialité'],
    ['https://shop.example/page?id=7', 'Cookie Policy – Shop'],
    ['https://shop.example/blog/hello-world', 'Hello world'],
  ];
  const policies = [
    'https://shop.example/privacy-policy',
    'https://shop.example/legal/terms-of-service',
    'https://shop.example/de/datenschutz',
    'https://shop.example/fr/politique-de-confidentialit%C3%A9',
    'https://shop.example/page?id=7',
  ];
  let entry: { kind: 'warc'; path: string; size: number };
  beforeAll(async () => {
    entry = writeWarc(
      'site.warc.gz',
      await warcBytes(
        site.map(([url, title]) => response(url, htmlPage(title, `The ${title} page of the shop.`))),
        { gzip: true },
      ),
    );
  });

  it('imports only the pages that look like policies or terms (by URL or title)', async () => {
    const units = await collect(expandWarc(entry, {}));
    const read = units.filter(({ unit }) => !unit.skip).map(({ unit }) => unit.hints?.originalUrl);
    expect(read).toEqual(policies);
    const skipped = units.filter(({ unit }) => unit.skip);
    expect(skipped).toHaveLength(site.length - policies.length);
    for (const { unit } of skipped) expect(unit.skip).toBe(NOT_A_POLICY_PAGE);
  });

  it('imports every HTML page when asked to', async () => {
    const units = await collect(expandWarc(entry, { allPages: true }));
    expect(units.filter(({ unit }) => !unit.skip)).toHaveLength(site.length);
  });
});

describe('crawler bookkeeping records', () => {
  it('passes over dns: records silently and still reads the records after them', async () => {
    const entry = writeWarc(
      'heritrix.warc',
      await warcBytes([
        {
          type: 'response',
          url: 'dns:example.com',
          date: '2021-06-01T12:00:00Z',
          warcHeaders: { 'Content-Type': 'text/dns' },
          statusline: '20210601120000',
          body: 'example.com.\t300\tIN\tA\t93.184.216.34\n',
        },
        response('https://example.com/privacy', htmlPage('Privacy', 'The privacy text.')),
      ]),
    );
    const units = await collect(expandWarc(entry, {}));
    expect(units.map(({ unit }) => unit.hints?.originalUrl)).toEqual(['https://example.com/privacy']);
    expect(units[0]?.text).toContain('The privacy text.');
  });

  it('gives unique, stable keys to records of a WARC gzipped as one stream (non-standard)', async () => {
    const plain = await warcBytes(policyCrawl('WARC/1.0'), { gzip: false });
    const entry = writeWarc('one-stream.warc.gz', gzipSync(plain));
    const units = await collect(expandWarc(entry, {}));
    expect(units[0]?.text).toContain(PRIVACY_TEXT);
    expect(units).toHaveLength(7);
    expect(new Set(units.map(({ unit }) => unit.key)).size).toBe(7);
  });
});

describe('streaming', () => {
  const RECORDS = 2000;
  let entry: { kind: 'warc'; path: string; size: number };
  beforeAll(async () => {
    const filler = 'Lorem ipsum dolor sit amet. '.repeat(60);
    const records: RecordSpec[] = [];
    for (let i = 0; i < RECORDS; i++) {
      records.push(response(`https://example.com/privacy/v${i}`, htmlPage(`Privacy ${i}`, `${filler} version ${i}`)));
    }
    entry = writeWarc('big.warc.gz', await warcBytes(records, { gzip: true }));
  });

  /** The file as a source whose reads are counted. */
  function countingSource(): { source: WarcSource; bytesRead: () => number } {
    let count = 0;
    const base = warcFileSource(entry.path, entry.size);
    return {
      bytesRead: () => count,
      source: {
        ...base,
        open: async (start) =>
          createReadStream(entry.path, { start, highWaterMark: 16 * 1024 }).pipe(
            new Transform({
              transform(chunk: Buffer, _encoding, done) {
                count += chunk.length;
                done(null, chunk);
              },
            }),
          ),
      },
    };
  }

  it('produces the first unit after reading a small part of a large WARC', async () => {
    const { source, bytesRead } = countingSource();
    const units = warcUnits(source, {});
    const first = await units.next();
    expect(first.done).toBe(false);
    expect((await (first.value as ImportUnit).read()).toString()).toContain('version 0');
    expect(bytesRead()).toBeLessThan(statSync(entry.path).size / 10);
    await units.return(undefined);
  });

  it('streams every record and keeps no page once the iterator moved on', async () => {
    const { source, bytesRead } = countingSource();
    let count = 0;
    let previous: ImportUnit | null = null;
    for await (const unit of warcUnits(source, {})) {
      if (previous) await expect(previous.read()).rejects.toThrow(/moved past this WARC record/);
      await unit.read();
      previous = unit;
      count += 1;
    }
    expect(count).toBe(RECORDS);
    expect(bytesRead()).toBe(entry.size);
  });

  it('stops when the import is cancelled', async () => {
    const controller = new AbortController();
    const options: ExpandOptions = { signal: controller.signal };
    let count = 0;
    for await (const unit of expandWarc(entry, options)) {
      await unit.read();
      if (++count === 5) controller.abort();
    }
    expect(count).toBe(5);
  });
});
