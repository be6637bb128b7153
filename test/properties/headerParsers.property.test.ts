import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { AsyncIterReader, LimitReader } from 'warcio';
import { readHttpResponseHead, type HttpResponseHead } from '../../src/main/importers/httpResponse';
import type { ImportUnit } from '../../src/main/importers/importUnit';
import { parsePrincetonHeader } from '../../src/main/importers/princeton';
import { RevisitIndex, warcUnits, type WarcSource } from '../../src/main/importers/warc';
import { runs } from './propertyRuns';

// The headers of archived responses, of WARC records and of Princeton files
// are written by crawlers, servers and scripts we do not control. Whatever
// bytes they hold, parsing ends with a result or a clear Error (never a crash
// or a hang), and headers that are well formed in any of the ways the formats
// allow (name case, spacing, line endings, folded lines) read back exactly.

const pad = (value: number, width = 2): string => String(value).padStart(width, '0');

/** Bytes split into chunks at arbitrary points, the way a stream delivers them. */
function chunksOf(bytes: Buffer, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.map((cut) => (bytes.length === 0 ? 0 : cut % bytes.length)))].sort((a, b) => a - b);
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of [...points, bytes.length]) {
    if (point > from) chunks.push(bytes.subarray(from, point));
    from = point;
  }
  return chunks;
}

/** A record's reader as the WARC importer hands it over: warcio's LimitReader over a stream. */
function recordReader(bytes: Buffer, cuts: readonly number[]): LimitReader {
  return new LimitReader(new AsyncIterReader(chunksOf(bytes, cuts), null), bytes.length);
}

async function readAll(reader: LimitReader): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const chunk of reader) parts.push(Buffer.from(chunk));
  return Buffer.concat(parts);
}

// ---------------------------------------------------------------------------
// HTTP response heads (src/main/importers/httpResponse.ts)

const TOKEN_CHARS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-.^_`|~";
const nameArb = fc.string({ unit: fc.constantFrom(...TOKEN_CHARS), minLength: 1, maxLength: 16 });
/** A name, sometimes one of the headers the importer reads, in random letter case. */
const headerNameArb = fc
  .tuple(
    fc.oneof(nameArb, fc.constantFrom('Content-Type', 'Content-Encoding', 'Transfer-Encoding', 'Location')),
    fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
  )
  .map(([name, upper]) =>
    [...name].map((char, index) => (upper[index] ? char.toUpperCase() : char.toLowerCase())).join(''),
  );

/**
 * A header value as text: words of visible characters between single spaces,
 * in ASCII, in Latin-1 (sent as Latin-1 bytes, as old servers did) or in any
 * script (sent as UTF-8). The Latin-1 letters are U+00A0–U+00BF, whose bytes
 * can never start a UTF-8 sequence, so the line is unambiguously Latin-1.
 */
const valueArb = (unit: fc.Arbitrary<string>) =>
  fc.array(fc.string({ unit, minLength: 1, maxLength: 12 }), { maxLength: 5 }).map((words) => words.join(' '));
const asciiVisible = fc.integer({ min: 0x21, max: 0x7e }).map((code) => String.fromCharCode(code));
const latin1Visible = fc.oneof(
  asciiVisible,
  fc.integer({ min: 0xa0, max: 0xbf }).map((c) => String.fromCharCode(c)),
);
const utf8Visible = fc.oneof(asciiVisible, fc.constantFrom('é', 'ü', '–', '“', '”', 'データ', 'données', '😀'));
const encodedValueArb = fc.oneof(
  valueArb(asciiVisible).map((text) => ({ text, encoding: 'utf8' as const })),
  valueArb(latin1Visible).map((text) => ({ text, encoding: 'latin1' as const })),
  valueArb(utf8Visible).map((text) => ({ text, encoding: 'utf8' as const })),
);

interface HeaderSpec {
  name: string;
  value: { text: string; encoding: 'utf8' | 'latin1' };
  /** Optional whitespace before and after the colon. */
  before: string;
  after: string;
  /** Continuation lines (obsolete line folding), each with its leading whitespace. */
  folds: Array<{ indent: string; text: string }>;
}

const headerArb: fc.Arbitrary<HeaderSpec> = fc.record({
  name: headerNameArb,
  value: encodedValueArb,
  before: fc.constantFrom('', '', ' ', '\t'),
  after: fc.constantFrom('', ' ', ' ', '  ', '\t'),
  folds: fc.array(
    fc.record({ indent: fc.constantFrom(' ', '\t', '   '), text: valueArb(asciiVisible).filter((t) => t !== '') }),
    { maxLength: 2 },
  ),
});

const headArb = fc.record({
  version: fc.constantFrom('HTTP/1.1', 'HTTP/1.0', 'HTTP/2', 'http/1.1'),
  status: fc.integer({ min: 100, max: 999 }),
  reason: valueArb(asciiVisible),
  headers: fc.array(headerArb, { maxLength: 8 }),
  eol: fc.constantFrom('\r\n', '\n'),
  body: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)),
  cuts: fc.array(fc.nat(), { maxLength: 6 }),
});
type HeadSpec = typeof headArb extends fc.Arbitrary<infer T> ? T : never;

function serializeHead(spec: HeadSpec): Buffer {
  const lines: Buffer[] = [Buffer.from(`${spec.version} ${spec.status} ${spec.reason}`.trimEnd() + spec.eol)];
  for (const header of spec.headers) {
    const line = `${header.name}${header.before}:${header.after}${header.value.text}${spec.eol}`;
    lines.push(Buffer.from(line, header.value.encoding));
    for (const fold of header.folds) lines.push(Buffer.from(`${fold.indent}${fold.text}${spec.eol}`));
  }
  lines.push(Buffer.from(spec.eol), spec.body);
  return Buffer.concat(lines);
}

/** What the head means, from the HTTP rules the parser documents (independent of its code). */
function expectedHeaders(spec: HeadSpec): Map<string, string> {
  const headers = new Map<string, string>();
  for (const header of spec.headers) {
    const name = header.name.toLowerCase();
    // A folded value is its lines joined by one space; a repeated header its non-empty values
    // joined by ", " (RFC 9110 §5.6.1: empty list elements count for nothing).
    const value = [header.value.text, ...header.folds.map((fold) => fold.text)].filter((t) => t !== '').join(' ');
    const previous = headers.get(name);
    headers.set(name, [previous ?? '', value].filter((t) => t !== '').join(', '));
  }
  return headers;
}

/** The head as canonical HTTP/1.1 bytes: one line per header, names as parsed. */
function canonicalHead(head: HttpResponseHead): Buffer {
  const lines = [`HTTP/1.1 ${head.status} ${head.statusText}`.trimEnd()];
  for (const [name, value] of head.headers) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'utf8');
}

/** Arbitrary bytes, and byte soups made of the pieces of HTTP heads. */
const hostileHeadArb = fc.oneof(
  fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
  fc
    .array(
      fc.oneof(
        fc.constantFrom('HTTP/1.1 200 OK', 'HTTP/1.0 ', '200', ':', ': ', '\r\n', '\n', '\r', ' ', '\t', 'A', 'é'),
        fc.constantFrom('Content-Type', 'content-encoding: gzip', 'Transfer-Encoding: chunked', '\u0000', '\xff'),
        fc.uint8Array({ maxLength: 8 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      ),
      { maxLength: 60 },
    )
    .map((pieces) => Buffer.from(pieces.join(''), 'latin1')),
  fc.string({ unit: 'binary', maxLength: 200 }).map((text) => Buffer.from(`HTTP/1.1 200 OK\r\n${text}`, 'utf8')),
);

describe('HTTP response heads', () => {
  it('read back status, reason and headers of any well-formed head (any name case, spacing, line ending, folding)', async () => {
    await fc.assert(
      fc.asyncProperty(headArb, async (spec) => {
        const reader = recordReader(serializeHead(spec), spec.cuts);
        const head = await readHttpResponseHead(reader);
        expect(head).not.toBeNull();
        expect(head!.status).toBe(spec.status);
        expect(head!.statusText).toBe(spec.reason);
        expect(head!.headers).toEqual(expectedHeaders(spec));
        // The reader is left at the first byte of the body, whatever the chunking.
        expect((await readAll(reader)).equals(spec.body)).toBe(true);
      }),
      runs(300),
    );
  });

  it('parse → serialize → parse gives the same head', async () => {
    await fc.assert(
      fc.asyncProperty(headArb, async (spec) => {
        const head = await readHttpResponseHead(recordReader(serializeHead(spec), spec.cuts));
        const again = await readHttpResponseHead(recordReader(canonicalHead(head!), []));
        expect(again).toEqual(head);
      }),
      runs(200),
    );
  });

  it('never throws on arbitrary bytes: null, or a head with a 3-digit status and lower-case trimmed names', async () => {
    await fc.assert(
      fc.asyncProperty(hostileHeadArb, fc.array(fc.nat(), { maxLength: 4 }), async (bytes, cuts) => {
        const head = await readHttpResponseHead(recordReader(bytes, cuts));
        if (head === null) return;
        expect(head.status).toBeGreaterThanOrEqual(0);
        expect(head.status).toBeLessThanOrEqual(999);
        expect(head.statusText).not.toMatch(/[\r\n]/);
        for (const [name, value] of head.headers) {
          expect(name).toBe(name.toLowerCase());
          expect(name).not.toMatch(/^[ \t]|[ \t]$/);
          expect(name).not.toBe('');
          expect(name).not.toContain(':');
          expect(value).not.toMatch(/^[ \t]|[ \t]$/);
          expect(value).not.toMatch(/[\r\n]/);
        }
      }),
      runs(600),
    );
  });
});

// ---------------------------------------------------------------------------
// WARC record headers (src/main/importers/warc.ts over warcio)

/** A header name in random letter case: WARC field names are case-insensitive. */
const anyCase = (name: string) =>
  fc
    .array(fc.boolean(), { minLength: name.length, maxLength: name.length })
    .map((upper) => [...name].map((char, i) => (upper[i] ? char.toUpperCase() : char.toLowerCase())).join(''));

const warcDateArb = fc
  .record({
    year: fc.integer({ min: 1996, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
    fraction: fc.constantFrom('', '.1', '.123456'),
  })
  .map((d) => {
    const time = `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}`;
    return { header: `${time}${d.fraction}Z`, capturedAt: `${time}Z` };
  });

const warcRecordArb = fc.record({
  kind: fc.constantFrom('response' as const, 'resource' as const),
  url: fc.webUrl({ withQueryParameters: true }),
  date: warcDateArb,
  text: valueArb(asciiVisible),
  typeName: anyCase('WARC-Type'),
  uriName: anyCase('WARC-Target-URI'),
  dateName: anyCase('WARC-Date'),
  lengthName: anyCase('Content-Length'),
  typeHeaderName: anyCase('Content-Type'),
  httpTypeName: anyCase('Content-Type'),
  extra: fc.array(
    fc.tuple(
      nameArb.map((n) => `X-${n}`),
      valueArb(asciiVisible),
    ),
    { maxLength: 3 },
  ),
  space: fc.constantFrom(' ', '  ', '\t'),
  id: fc.uuid(),
});
type WarcRecordSpec = typeof warcRecordArb extends fc.Arbitrary<infer T> ? T : never;

function pageOf(record: WarcRecordSpec): Buffer {
  return Buffer.from(
    `<!DOCTYPE html><html><head><title>Privacy</title></head><body><p>${record.text}</p></body></html>`,
  );
}

function serializeWarcRecord(record: WarcRecordSpec): Buffer {
  const page = pageOf(record);
  const block =
    record.kind === 'response'
      ? Buffer.concat([
          Buffer.from(`HTTP/1.1 200 OK\r\n${record.httpTypeName}: text/html; charset=utf-8\r\n\r\n`),
          page,
        ])
      : page;
  const s = record.space;
  const fields = [
    `${record.typeName}:${s}${record.kind}`,
    `${record.uriName}:${s}${record.url}`,
    `${record.dateName}:${s}${record.date.header}`,
    `WARC-Record-ID:${s}<urn:uuid:${record.id}>`,
    `${record.typeHeaderName}:${s}${record.kind === 'response' ? 'application/http; msgtype=response' : 'text/html'}`,
    ...record.extra.map(([name, value]) => `${name}:${s}${value}`),
    `${record.lengthName}:${s}${block.length}`,
  ];
  return Buffer.concat([Buffer.from(`WARC/1.0\r\n${fields.join('\r\n')}\r\n\r\n`), block, Buffer.from('\r\n\r\n')]);
}

function memorySource(bytes: Buffer): WarcSource {
  return {
    displayName: '/tmp/property.warc',
    labelPrefix: 'property.warc',
    keyPrefix: '/tmp/property.warc',
    origin: 'warc',
    size: bytes.length,
    open: async (start) => Readable.from([bytes.subarray(start)]),
  };
}

/** Every unit of a WARC, each read before the next is asked for (as the pipeline does). */
async function readWarc(bytes: Buffer): Promise<Array<{ unit: ImportUnit; body: Buffer | Error | null }>> {
  const out: Array<{ unit: ImportUnit; body: Buffer | Error | null }> = [];
  for await (const unit of warcUnits(memorySource(bytes), { allPages: true }, { revisits: new RevisitIndex() })) {
    if (unit.skip) {
      out.push({ unit, body: null });
      continue;
    }
    try {
      out.push({ unit, body: await unit.read() });
    } catch (error) {
      out.push({ unit, body: error as Error });
    }
  }
  return out;
}

/** Fails instead of hanging. */
function withinSeconds<T>(promise: Promise<T>, seconds: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`still running after ${seconds}s`)), seconds * 1000);
    }),
  ]);
}

describe('WARC record headers', () => {
  // warcio warns on stderr about records whose Content-Length is off; the mutated WARCs below do that on purpose.
  beforeAll(() => vi.spyOn(console, 'warn').mockImplementation(() => undefined));
  afterAll(() => vi.restoreAllMocks());

  it('yield each record’s URL, capture time and page, whatever the case and spacing of its field names', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(warcRecordArb, { minLength: 1, maxLength: 4 }), fc.boolean(), async (records, gzip) => {
        const members = records.map(serializeWarcRecord);
        const bytes = Buffer.concat(gzip ? members.map((member) => gzipSync(member)) : members);
        const units = await withinSeconds(readWarc(bytes), 10);
        expect(units.map(({ unit }) => unit.hints?.originalUrl)).toEqual(records.map((record) => record.url));
        expect(units.map(({ unit }) => unit.hints?.capturedAt)).toEqual(records.map((r) => r.date.capturedAt));
        units.forEach(({ body }, index) => expect(body).toEqual(pageOf(records[index]!)));
      }),
      runs(60),
    );
  });

  it('end with units or an Error naming the WARC for arbitrary, truncated or corrupted bytes — never hang', async () => {
    const damagedArb = fc.oneof(
      fc.uint8Array({ maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
      fc
        .tuple(
          fc.array(warcRecordArb, { minLength: 1, maxLength: 3 }),
          fc.boolean(),
          fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
          fc.option(fc.nat(), { nil: undefined }),
        )
        .map(([records, gzip, flips, cut]) => {
          const members = records.map(serializeWarcRecord);
          const bytes = Buffer.concat(gzip ? members.map((member) => gzipSync(member)) : members);
          for (const [at, value] of flips) bytes[at % bytes.length] = value;
          return cut === undefined ? bytes : bytes.subarray(0, cut % (bytes.length + 1));
        }),
    );
    await fc.assert(
      fc.asyncProperty(damagedArb, async (bytes) => {
        try {
          const units = await withinSeconds(readWarc(bytes), 10);
          for (const { body } of units) {
            if (body instanceof Error) expect(body.message).toContain('property.warc');
          }
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toContain('/tmp/property.warc');
          expect((error as Error).message).not.toMatch(/still running/);
        }
      }),
      runs(200),
    );
  });
});

// ---------------------------------------------------------------------------
// Princeton file headers (src/main/importers/princeton.ts)

const labelArb = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,8}$/), fc.option(fc.stringMatching(/^[a-z0-9]{1,6}$/), { nil: undefined }))
  .map(([head, tail]) => (tail === undefined ? head : `${head}-${tail}`));
const domainArb = fc
  .tuple(
    fc.boolean(),
    fc.array(labelArb, { minLength: 1, maxLength: 2 }),
    fc.stringMatching(/^[a-z]{2,6}$/),
    fc.boolean(),
  )
  .map(([www, labels, tld, upper]) => {
    const domain = `${www ? 'www.' : ''}${labels.join('.')}.${tld}`;
    return upper ? domain.replace(/^./, (c) => c.toUpperCase()) : domain;
  });
const dayArb = fc
  .record({
    year: fc.integer({ min: 1996, max: 2030 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.integer({ min: 0, max: 59 }),
    second: fc.integer({ min: 0, max: 59 }),
  })
  .map((d) => ({
    date: `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}`,
    stamp: `${pad(d.year, 4)}${pad(d.month)}${pad(d.day)}${pad(d.hour)}${pad(d.minute)}${pad(d.second)}`,
    time: `${pad(d.year, 4)}-${pad(d.month)}-${pad(d.day)}T${pad(d.hour)}:${pad(d.minute)}:${pad(d.second)}Z`,
  }));

const princetonArb = fc.record({
  form: fc.constantFrom('plain' as const, 'markdown' as const, 'html' as const),
  domain: domainArb,
  day: dayArb,
  scheme: fc.constantFrom('http', 'https'),
  flag: fc.constantFrom('', 'id_'),
  path: fc.stringMatching(/^[a-z0-9/-]{0,20}$/),
  encoded: fc.boolean(),
  eol: fc.constantFrom('\n', '\r\n'),
  bom: fc.boolean(),
  leading: fc.constantFrom('', '\n', '  \n'),
  wrapped: fc.boolean(),
  body: fc.constantFrom(
    '# Privacy Policy\n\nWe collect data.',
    'Privacy Policy\nUpdated: June 1, 2016',
    '<html><body><p>Privacy</p></body></html>',
  ),
});
type PrincetonSpec = typeof princetonArb extends fc.Arbitrary<infer T> ? T : never;

function princetonUrls(spec: PrincetonSpec): { original: string; wayback: string } {
  const original = `https://${spec.domain.toLowerCase()}/${spec.path}`;
  const inUrl = spec.encoded ? original.replace('://', '%3A//') : original;
  return { original, wayback: `${spec.scheme}://web.archive.org/web/${spec.day.stamp}${spec.flag}/${inUrl}` };
}

/** The header in the three forms the dataset's copies use (see the samples). */
function princetonText(spec: PrincetonSpec): string {
  const { wayback } = princetonUrls(spec);
  const subject = `the ${spec.domain} privacy policy that was archived on ${spec.day.date}.`;
  const nl = spec.eol;
  const sep = spec.wrapped ? nl : ' ';
  let header: string;
  if (spec.form === 'plain') {
    header = `The following text is extracted and transformed from ${subject}${sep}Please check the original snapshot on the Wayback Machine for the most accurate reproduction.${nl}`;
  } else if (spec.form === 'markdown') {
    header = `> *The following text is extracted and transformed from ${subject} Please check the [original snapshot on the Wayback Machine](${wayback}) for the most accurate reproduction.*${nl}${nl}`;
  } else {
    header = `<!--The following is the downloaded HTML source of ${subject}${nl} Please check the original snapshot on the Wayback Machine (${wayback}) for the most accurate reproduction.-->${nl}${nl}`;
  }
  return `${spec.bom ? '\uFEFF' : ''}${spec.leading}${header}${spec.body.replaceAll('\n', nl)}`;
}

describe('Princeton file headers', () => {
  it('read back domain, archive date, Wayback URL, original URL and capture time in every form', () => {
    fc.assert(
      fc.property(princetonArb, (spec) => {
        const text = princetonText(spec);
        const header = parsePrincetonHeader(text);
        expect(header).not.toBeNull();
        const { original, wayback } = princetonUrls(spec);
        const hasLink = spec.form !== 'plain';
        expect(header).toMatchObject({
          form: spec.form,
          domain: spec.domain,
          vendorKey: spec.domain.toLowerCase().replace(/^www\./, ''),
          archiveDate: spec.day.date,
          waybackUrl: hasLink ? wayback : null,
          originalUrl: hasLink ? original : null,
          capturedAt: hasLink ? spec.day.time : `${spec.day.date}T00:00:00Z`,
          capturedAtSource: hasLink ? 'wayback-url' : 'header-date',
        });
        // The body starts where the header ends: nothing of the header is left, nothing of the body lost.
        expect(text.slice(header!.bodyStart).trim()).toBe(spec.body.replaceAll('\n', spec.eol).trim());
      }),
      runs(400),
    );
  });

  it('never throws anything but a "malformed Princeton header" Error, on arbitrary text after a header opening', () => {
    const opening = fc.constantFrom(
      '',
      'The following text is extracted and transformed from the ',
      '> *The following text is extracted and transformed from the ',
      '<!--The following is the downloaded HTML source of the ',
    );
    const soup = fc
      .array(
        fc.oneof(
          fc.constantFrom(
            ' privacy policy that was archived on ',
            '2019-02-30',
            '2019-09-25',
            'a.com',
            'x',
            '.',
            '-->',
          ),
          fc.constantFrom(
            'https://web.archive.org/web/',
            '99999999999999',
            '20190925050027id_/',
            'https%3A//',
            '\n',
            ' ',
          ),
          fc.string({ unit: 'binary', maxLength: 6 }),
        ),
        { maxLength: 25 },
      )
      .map((pieces) => pieces.join(''));
    fc.assert(
      fc.property(opening, fc.oneof(soup, fc.string({ unit: 'binary', maxLength: 200 })), (start, rest) => {
        try {
          const header = parsePrincetonHeader(start + rest);
          if (header === null) return;
          expect(header.bodyStart).toBeGreaterThan(0);
          expect(header.bodyStart).toBeLessThanOrEqual((start + rest).length);
          expect(header.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/^malformed Princeton header: /);
        }
      }),
      runs(1000),
    );
  });
});
