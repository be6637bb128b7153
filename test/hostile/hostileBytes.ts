/**
 * Byte builders for the hostile-input suite: everything is generated at run
 * time (nothing large is committed), and the bombs are built without ever
 * holding their inflated size in memory.
 */
import { crc32, constants, deflateRawSync, gzipSync } from 'node:zlib';

const MB = 1024 * 1024;

/**
 * A raw deflate stream that inflates to `inflatedMb` MiB of zero bytes while
 * only ~1 KB per MiB is stored: one compressed MiB of zeros, flushed so it is
 * self-contained and byte-aligned, repeated, then an empty final block.
 */
export function deflateBomb(inflatedMb: number): Buffer {
  const segment = deflateRawSync(Buffer.alloc(MB), { finishFlush: constants.Z_FULL_FLUSH });
  const segments: Buffer[] = [];
  for (let i = 0; i < inflatedMb; i++) segments.push(segment);
  // BFINAL=1, fixed Huffman, end-of-block: the standard empty final block.
  segments.push(Buffer.from([0x03, 0x00]));
  return Buffer.concat(segments);
}

/**
 * Raw deflate data for `text` (latin1), flushed so more deflate data can follow
 * (`final` ends the stream instead).
 */
export function deflateRawPart(text: string, final = false): Buffer {
  return deflateRawSync(Buffer.from(text, 'latin1'), {
    finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH,
  });
}

/** One gzip member around a raw deflate stream (CRC left at 0: the decoder meets the cap long before). */
export function gzipMember(deflated: Buffer, inflatedSize: number, crc = 0): Buffer {
  const header = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(inflatedSize % 2 ** 32, 4);
  return Buffer.concat([header, deflated, trailer]);
}

/** A gzip file that inflates to `inflatedMb` MiB of zeros. */
export function gzipBomb(inflatedMb: number): Buffer {
  return gzipMember(deflateBomb(inflatedMb), inflatedMb * MB);
}

/** A zip entry as the hand-written zip writer takes it. */
export interface ZipEntrySpec {
  name: string;
  /** Bytes as stored in the zip (already deflated when `method` is 8). */
  stored: Buffer;
  /** 0 stored, 8 deflate. */
  method: 0 | 8;
  /** The uncompressed size the headers declare. */
  declaredSize: number;
  crc?: number;
}

/** An entry stored as-is, with a correct CRC. */
export function storedEntry(name: string, content: Buffer | string): ZipEntrySpec {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, stored: bytes, method: 0, declaredSize: bytes.length, crc: crc32(bytes) };
}

/** An entry deflated, with a correct CRC. */
export function deflatedEntry(name: string, content: Buffer | string): ZipEntrySpec {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  return { name, stored: deflateRawSync(bytes), method: 8, declaredSize: bytes.length, crc: crc32(bytes) };
}

/**
 * A zip file written by hand, so entries can lie: declared sizes, methods
 * and CRCs are whatever the spec says (yazl would compute honest ones).
 */
export function zipBytes(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(entry.method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE((entry.crc ?? 0) >>> 0, 14);
    local.writeUInt32LE(entry.stored.length, 18);
    local.writeUInt32LE(entry.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    locals.push(local, name, entry.stored);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(entry.method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE((entry.crc ?? 0) >>> 0, 16);
    central.writeUInt32LE(entry.stored.length, 20);
    central.writeUInt32LE(entry.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + entry.stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** Deterministic pseudo-random bytes (xorshift), so a failing case can be replayed. */
export function noise(length: number, seed = 0x9e3779b9): Buffer {
  const bytes = Buffer.alloc(length);
  let state = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    bytes[i] = state & 0xff;
  }
  return bytes;
}

/** A 1×1 PNG: what an image saved under a page's name looks like. */
export function tinyPng(): Buffer {
  return Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
}

/** Gzip without ceremony, for members that must be honest. */
export function gzip(bytes: Buffer | string): Buffer {
  return gzipSync(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes);
}
