import { brotliCompressSync, constants, deflateRawSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dechunk, decodeContentEncoding, decodeHttpBody } from '../../src/main/importers/httpResponse';
import { runs } from './propertyRuns';

// Archived bodies keep their wire format (chunked, gzip, deflate, br) and are
// often damaged: the importer must give back exactly the page the server
// sent, or a clear Error, and never more bytes than the cap.

const bodyArb = fc.oneof(
  fc.uint8Array({ maxLength: 600 }).map((bytes) => Buffer.from(bytes)),
  fc.string({ unit: 'grapheme', maxLength: 200 }).map((text) => Buffer.from(`<html><body>${text}</body></html>`)),
);

/** The body in chunked transfer coding, cut at the given points, with optional extensions and trailers. */
function chunked(body: Buffer, cuts: readonly number[], upper: boolean, extension: string, trailer: string): Buffer {
  const points = [...new Set(cuts.map((cut) => (body.length === 0 ? 0 : cut % body.length)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const point of [...points, body.length]) {
    if (point <= from) continue;
    const size = (point - from).toString(16);
    parts.push(Buffer.from(`${upper ? size.toUpperCase() : size}${extension}\r\n`), body.subarray(from, point));
    parts.push(Buffer.from('\r\n'));
    from = point;
  }
  parts.push(Buffer.from(`0${extension}\r\n${trailer}\r\n`));
  return Buffer.concat(parts);
}

const ENCODERS = {
  gzip: (bytes: Buffer) => gzipSync(bytes),
  'x-gzip': (bytes: Buffer) => gzipSync(bytes),
  deflate: (bytes: Buffer) => deflateSync(bytes),
  // Quality 4: the default (11) spends ~50 ms per body here; decoding is the same either way.
  br: (bytes: Buffer) => brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 4 } }),
} as const;
type Coding = keyof typeof ENCODERS;
const codingArb = fc.constantFrom<Coding>('gzip', 'x-gzip', 'deflate', 'br');

describe('HTTP bodies', () => {
  it('dechunk gives back the body however it was cut into chunks (hex case, extensions, trailers)', () => {
    fc.assert(
      fc.property(
        bodyArb,
        fc.array(fc.nat(), { maxLength: 8 }),
        fc.boolean(),
        fc.constantFrom('', ';name=value', ';x'),
        fc.constantFrom('', 'Expires: never\r\n'),
        (body, cuts, upper, extension, trailer) => {
          expect(dechunk(chunked(body, cuts, upper, extension, trailer))).toEqual(body);
        },
      ),
      runs(400),
    );
  });

  it('undoes any stack of content codings, also under chunked transfer coding, in either header', () => {
    fc.assert(
      fc.property(
        bodyArb,
        fc.array(codingArb, { minLength: 1, maxLength: 3 }),
        fc.boolean(),
        fc.constantFrom('content-encoding', 'transfer-encoding'),
        fc.array(fc.nat(), { maxLength: 4 }),
        (body, codings, isChunked, header, cuts) => {
          const encoded = codings.reduce<Buffer>((bytes, coding) => ENCODERS[coding](bytes), body);
          const headers = new Map<string, string>();
          const list = codings.map((coding) => (coding.length % 2 ? coding.toUpperCase() : coding)).join(', ');
          if (header === 'transfer-encoding') {
            headers.set('transfer-encoding', isChunked ? `${list}, chunked` : list);
          } else {
            headers.set('content-encoding', list);
            if (isChunked) headers.set('transfer-encoding', 'chunked');
          }
          const wire = isChunked ? chunked(encoded, cuts, false, '', '') : encoded;
          expect(decodeHttpBody(wire, headers, 1 << 20)).toEqual(body);
        },
      ),
      runs(300),
    );
  });

  it('reads raw deflate sent as "deflate" (what many servers do) like the zlib-wrapped form', () => {
    fc.assert(
      fc.property(bodyArb, (body) => {
        expect(decodeContentEncoding(deflateRawSync(body), 'deflate', 1 << 20)).toEqual(body);
      }),
      runs(200),
    );
  });

  it('never returns more than the cap: a body that decodes larger is refused with a clear Error', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4096 }),
        fc.integer({ min: 1, max: 64 }),
        codingArb,
        (cap, factor, coding) => {
          const page = Buffer.alloc(cap * factor + 1, 0x61); // compresses to almost nothing: a small bomb
          const encoded = ENCODERS[coding](page);
          expect(() => decodeContentEncoding(encoded, coding, cap)).toThrow(/larger than/);
          // Buffer.equals: vitest's toEqual walks a 256 KB buffer byte by byte, slowly.
          expect(decodeContentEncoding(encoded, coding, page.length).equals(page)).toBe(true);
        },
      ),
      runs(100),
    );
  });

  it('never throws anything but an Error with a message on arbitrary bytes and headers, and respects the cap', () => {
    const damaged = fc
      .tuple(
        bodyArb,
        fc.array(codingArb, { maxLength: 2 }),
        fc.array(fc.tuple(fc.nat(), fc.nat(255)), { maxLength: 3 }),
        fc.nat(),
      )
      .map(([body, codings, flips, cut]) => {
        const bytes = Buffer.from(codings.reduce<Buffer>((b, coding) => ENCODERS[coding](b), body));
        for (const [at, value] of flips) if (bytes.length > 0) bytes[at % bytes.length] = value;
        return bytes.subarray(0, bytes.length === 0 ? 0 : cut % (bytes.length + 1));
      });
    const headerValue = fc.oneof(
      fc.constantFrom('', 'identity', 'gzip', 'deflate', 'br', 'chunked', 'gzip, br', 'compress', 'zstd', ' , ,'),
      fc.string({ unit: 'binary', maxLength: 20 }),
    );
    fc.assert(
      fc.property(
        damaged,
        headerValue,
        headerValue,
        fc.integer({ min: 1, max: 4096 }),
        (bytes, content, transfer, cap) => {
          const headers = new Map([
            ['content-encoding', content],
            ['transfer-encoding', transfer],
          ]);
          try {
            const decoded = decodeHttpBody(bytes, headers, cap);
            expect(Buffer.isBuffer(decoded)).toBe(true);
            // Undecoded bodies come back as they are; decoded ones never exceed the cap.
            expect(decoded.length <= Math.max(cap, bytes.length)).toBe(true);
          } catch (error) {
            expect(error).toBeInstanceOf(Error);
            expect((error as Error).message).toMatch(/Content-Encoding|larger than/);
          }
        },
      ),
      runs(300),
    );
  });
});
