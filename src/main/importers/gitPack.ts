/**
 * Git pack files read with bounded memory: the index (`.idx`, version 2) is
 * searched with positional reads, and an object is read from the pack
 * (`.pack`) at its offset, never the whole file. isomorphic-git reads a whole
 * pack into memory, which fails for packs over 2 GiB (the Princeton
 * "Privacy Policies over Time" repository ships one of several GB) and holds
 * every pack it touched. Format: git's Documentation/gitformat-pack.txt.
 *
 * Reads are synchronous on purpose: a history walk makes a dozen small reads
 * per object, and each asynchronous read costs a trip through libuv's thread
 * pool, several times the read itself when the pages are cached.
 */
import * as fs from 'node:fs';
import { inflateSync } from 'node:zlib';
import type { GitObject, GitObjectType } from './gitObjects';

/** The file operations the reader needs: a subset of node:fs (tests wrap it to count bytes read). */
export interface GitFileSystem {
  openSync(path: string, flags: 'r'): number;
  readSync(fd: number, buffer: Buffer, offset: number, length: number, position: number): number;
  fstatSync(fd: number): { size: number };
  closeSync(fd: number): void;
  readFileSync(path: string): Buffer;
  readdirSync(path: string): string[];
  existsSync(path: string): boolean;
}

/** node:fs itself. */
export const nodeFileSystem: GitFileSystem = fs;

const OID_BYTES = 20;
const IDX_MAGIC = 0xff744f63; // "\377tOc"
const IDX_HEADER = 8;
const FANOUT_BYTES = 256 * 4;
const PACK_HEADER = 12;
/** Below this many candidates, read them all at once instead of bisecting further. */
const IDX_SCAN_ENTRIES = 128;
/** The first read of an object: its header and, for most objects, all of its compressed data. */
const FIRST_READ = 4096;

/** Read `length` bytes at `position` (into `buffer` when given), fewer only at the end of the file. */
function readAt(
  files: GitFileSystem,
  fd: number,
  position: number,
  length: number,
  buffer = Buffer.allocUnsafe(length),
): Buffer {
  let filled = 0;
  while (filled < length) {
    const count = files.readSync(fd, buffer, filled, length - filled, position + filled);
    if (count === 0) break;
    filled += count;
  }
  return filled === buffer.length ? buffer : buffer.subarray(0, filled);
}

function openForReading(files: GitFileSystem, path: string): { fd: number; size: number } {
  const fd = files.openSync(path, 'r');
  try {
    return { fd, size: files.fstatSync(fd).size };
  } catch (error) {
    files.closeSync(fd);
    throw error;
  }
}

/**
 * A pack index, version 2: a fanout table (how many object ids start with a
 * byte ≤ i), the sorted object ids, their CRCs, 4-byte offsets whose high
 * bit sends offsets past 2 GiB to a table of 8-byte ones. Only the fanout
 * table is kept in memory (1 KB); an object id is found by bisecting the ids
 * that share its first byte, reading 20 bytes at a time.
 */
export class PackIndex {
  private readonly namesStart = IDX_HEADER + FANOUT_BYTES;
  private readonly offsetsStart: number;
  private readonly largeOffsetsStart: number;

  private constructor(
    private readonly files: GitFileSystem,
    /** The `.idx` file. */
    readonly path: string,
    private readonly fd: number,
    private readonly fanout: Uint32Array,
    /** How many objects the pack holds. */
    readonly count: number,
  ) {
    this.offsetsStart = this.namesStart + count * (OID_BYTES + 4);
    this.largeOffsetsStart = this.offsetsStart + count * 4;
  }

  /** Open the index at `path`; throws an Error naming it when it is not a version 2 pack index. */
  static open(files: GitFileSystem, path: string): PackIndex {
    const { fd, size } = openForReading(files, path);
    try {
      const head = readAt(files, fd, 0, IDX_HEADER + FANOUT_BYTES);
      if (head.length < IDX_HEADER || head.readUInt32BE(0) !== IDX_MAGIC) {
        throw new Error(`${path}: not a version 2 pack index (written by git before 1.5.2?); run \`git repack -a -d\``);
      }
      const version = head.readUInt32BE(4);
      if (version !== 2) throw new Error(`${path}: pack index version ${version} is not supported`);
      if (head.length < IDX_HEADER + FANOUT_BYTES) throw new Error(`${path}: truncated pack index`);
      const fanout = new Uint32Array(256);
      for (let byte = 0; byte < 256; byte += 1) {
        fanout[byte] = head.readUInt32BE(IDX_HEADER + byte * 4);
        if (byte > 0 && (fanout[byte] ?? 0) < (fanout[byte - 1] ?? 0)) throw new Error(`${path}: corrupt pack index`);
      }
      const count = fanout[255] ?? 0;
      // Header, fanout, ids, CRCs, offsets, then the pack's and the index's checksums.
      const minimum = IDX_HEADER + FANOUT_BYTES + count * (OID_BYTES + 8) + 2 * OID_BYTES;
      if (size < minimum) throw new Error(`${path}: truncated pack index (${size} bytes, ${count} objects)`);
      return new PackIndex(files, path, fd, fanout, count);
    } catch (error) {
      files.closeSync(fd);
      throw error;
    }
  }

  /** The pack offset of object `oid` (20 bytes), or null when this pack does not hold it. */
  find(oid: Buffer): number | null {
    const first = oid[0] ?? 0;
    let low = first === 0 ? 0 : (this.fanout[first - 1] ?? 0);
    let high = this.fanout[first] ?? 0; // exclusive
    while (high - low > IDX_SCAN_ENTRIES) {
      const middle = (low + high) >>> 1;
      const order = this.read(this.namesStart + middle * OID_BYTES, OID_BYTES).compare(oid);
      if (order === 0) return this.offsetOf(middle);
      if (order < 0) low = middle + 1;
      else high = middle;
    }
    if (low >= high) return null;
    const names = this.read(this.namesStart + low * OID_BYTES, (high - low) * OID_BYTES);
    for (let index = 0; index < high - low; index += 1) {
      const order = names.compare(oid, 0, OID_BYTES, index * OID_BYTES, (index + 1) * OID_BYTES);
      if (order === 0) return this.offsetOf(low + index);
      if (order > 0) return null;
    }
    return null;
  }

  /** Close the file. */
  close(): void {
    this.files.closeSync(this.fd);
  }

  private offsetOf(index: number): number {
    const small = this.read(this.offsetsStart + index * 4, 4).readUInt32BE(0);
    if ((small & 0x80000000) === 0) return small;
    const large = this.read(this.largeOffsetsStart + (small & 0x7fffffff) * 8, 8).readBigUInt64BE(0);
    if (large > BigInt(Number.MAX_SAFE_INTEGER)) throw new Error(`${this.path}: object offset ${large} is too large`);
    return Number(large);
  }

  private read(position: number, length: number): Buffer {
    const bytes = readAt(this.files, this.fd, position, length);
    if (bytes.length < length) throw new Error(`${this.path}: truncated pack index`);
    return bytes;
  }
}

/** What a pack holds at an offset: a whole object, or a delta against a base found by offset or by id. */
export type PackEntry =
  | { kind: 'object'; object: GitObject }
  | { kind: 'offset-delta'; baseOffset: number; delta: Buffer }
  | { kind: 'ref-delta'; baseOid: string; delta: Buffer };

const PACK_TYPES: Record<number, GitObjectType | 'offset-delta' | 'ref-delta'> = {
  1: 'commit',
  2: 'tree',
  3: 'blob',
  4: 'tag',
  6: 'offset-delta',
  7: 'ref-delta',
};

/** zlib's worst case for `size` bytes (deflateBound), with a margin. */
function compressBound(size: number): number {
  return size + Math.floor(size / 4096) + Math.floor(size / 16384) + 64;
}

/** A pack file, read one object at a time at the offsets its index gives. */
export class PackFile {
  /** Reused by every first read: reads are synchronous, and nothing keeps a view of it. */
  private readonly scratch = Buffer.allocUnsafe(FIRST_READ);

  private constructor(
    private readonly files: GitFileSystem,
    /** The `.pack` file. */
    readonly path: string,
    private readonly fd: number,
    /** The file's size in bytes. */
    readonly size: number,
    /** How many objects the header says the pack holds. */
    readonly count: number,
  ) {}

  /** Open the pack at `path`; throws an Error naming it when it is not a version 2 or 3 pack. */
  static open(files: GitFileSystem, path: string): PackFile {
    const { fd, size } = openForReading(files, path);
    try {
      const head = readAt(files, fd, 0, PACK_HEADER);
      if (head.length < PACK_HEADER || head.toString('latin1', 0, 4) !== 'PACK') {
        throw new Error(`${path}: not a git pack file`);
      }
      const version = head.readUInt32BE(4);
      if (version !== 2 && version !== 3) throw new Error(`${path}: pack version ${version} is not supported`);
      return new PackFile(files, path, fd, size, head.readUInt32BE(8));
    } catch (error) {
      files.closeSync(fd);
      throw error;
    }
  }

  /** Close the file. */
  close(): void {
    this.files.closeSync(this.fd);
  }

  /** The entry at `offset`: its header, then its data inflated. Deltas are returned unapplied. */
  readEntry(offset: number): PackEntry {
    if (offset < PACK_HEADER || offset >= this.size) throw this.corrupt(offset, 'offset outside the pack');
    const first = readAt(this.files, this.fd, offset, Math.min(FIRST_READ, this.size - offset), this.scratch);
    let position = 0;
    const next = (): number => {
      const byte = first[position];
      if (byte === undefined) throw this.corrupt(offset, 'header runs past the end of the pack');
      position += 1;
      return byte;
    };
    let byte = next();
    const kind = PACK_TYPES[(byte >> 4) & 7];
    if (kind === undefined) throw this.corrupt(offset, `unknown object type ${(byte >> 4) & 7}`);
    let size = byte & 0x0f;
    for (let scale = 16; byte & 0x80; scale *= 128) {
      byte = next();
      size += (byte & 0x7f) * scale;
    }
    if (kind === 'offset-delta') {
      // Big-endian base-128 with an implicit +1 per continuation byte, so no offset has two encodings.
      byte = next();
      let distance = byte & 0x7f;
      while (byte & 0x80) {
        byte = next();
        distance = (distance + 1) * 128 + (byte & 0x7f);
      }
      const baseOffset = offset - distance;
      if (distance === 0 || baseOffset < PACK_HEADER) throw this.corrupt(offset, 'delta base outside the pack');
      return { kind, baseOffset, delta: this.inflate(offset, position, size, first) };
    }
    if (kind === 'ref-delta') {
      if (position + OID_BYTES > first.length) throw this.corrupt(offset, 'header runs past the end of the pack');
      const baseOid = first.toString('hex', position, position + OID_BYTES);
      position += OID_BYTES;
      return { kind, baseOid, delta: this.inflate(offset, position, size, first) };
    }
    return { kind: 'object', object: { type: kind, data: this.inflate(offset, position, size, first) } };
  }

  /** An Error naming the pack and the offset of the damaged object. */
  corrupt(offset: number, reason: string): Error {
    return new Error(`${this.path}: corrupt object at offset ${offset}: ${reason}`);
  }

  /**
   * Inflate the `size` bytes of data whose compressed form starts `skip`
   * bytes into `first` (read at `offset`). A pack does not record compressed
   * lengths, so the window given to the inflater is what zlib's worst case
   * for `size` bytes needs (the bytes already read, for most objects),
   * doubled only if a foreign encoder did worse; the inflater ignores what
   * follows the end of the stream. Memory is bounded by the object's size,
   * never the pack's. A window too small is never tried on purpose: in
   * Node 20 an inflateSync that throws keeps its engine, output chunk and
   * error alive for good (about 18 KB each, an out-of-memory crash over a
   * long history). Node has no public synchronous streaming inflater, and an
   * asynchronous one costs an event-loop turn per chunk.
   */
  private inflate(offset: number, skip: number, size: number, first: Buffer): Buffer {
    const start = offset + skip;
    const available = this.size - start;
    const bound = Math.min(available, compressBound(size));
    let compressed =
      bound <= first.length - skip ? first.subarray(skip, skip + bound) : readAt(this.files, this.fd, start, bound);
    for (;;) {
      try {
        // One output chunk of the expected size: no 16 KB chunk per 200-byte commit.
        const data = inflateSync(compressed, { maxOutputLength: Math.max(size, 1), chunkSize: Math.max(64, size) });
        if (data.length !== size) throw this.corrupt(offset, `inflates to ${data.length} bytes, not ${size}`);
        return data;
      } catch (error) {
        const code = (error as { code?: unknown }).code;
        if (code === 'Z_BUF_ERROR' && compressed.length < available) {
          const window = Math.min(available, Math.max(bound, compressed.length * 2));
          const more = readAt(this.files, this.fd, start, window);
          if (more.length <= compressed.length) throw this.corrupt(offset, 'data runs past the end of the pack');
          compressed = more;
          continue;
        }
        if (code === 'ERR_BUFFER_TOO_LARGE') throw this.corrupt(offset, `inflates to more than ${size} bytes`);
        if (typeof code === 'string') throw this.corrupt(offset, (error as Error).message);
        throw error;
      }
    }
  }
}

function deltaError(reason: string): Error {
  return new Error(`corrupt delta: ${reason}`);
}

/**
 * Apply a git delta to `base`: two little-endian base-128 sizes (base,
 * result), then instructions that copy a range of the base (high bit set;
 * the low bits say which offset and size bytes follow) or insert the next
 * 1–127 bytes of the delta. Throws on a delta that does not fit its base.
 */
export function applyDelta(base: Buffer, delta: Buffer): Buffer {
  let position = 0;
  const next = (): number => {
    const byte = delta[position];
    if (byte === undefined) throw deltaError('instruction runs past the end');
    position += 1;
    return byte;
  };
  const size = (): number => {
    let value = 0;
    let byte: number;
    let scale = 1;
    do {
      byte = next();
      value += (byte & 0x7f) * scale;
      scale *= 128;
    } while (byte & 0x80);
    return value;
  };
  const baseSize = size();
  if (baseSize !== base.length) throw deltaError(`made for a ${baseSize}-byte base, not ${base.length}`);
  const result = Buffer.allocUnsafe(size());
  let written = 0;
  while (position < delta.length) {
    const instruction = next();
    if (instruction & 0x80) {
      let from = 0;
      let length = 0;
      for (let bit = 0, scale = 1; bit < 4; bit += 1, scale *= 256)
        if (instruction & (1 << bit)) from += next() * scale;
      for (let bit = 4, scale = 1; bit < 7; bit += 1, scale *= 256)
        if (instruction & (1 << bit)) length += next() * scale;
      if (length === 0) length = 0x10000;
      if (from + length > base.length) throw deltaError('copies past the end of the base');
      if (written + length > result.length) throw deltaError('writes past the end of the result');
      base.copy(result, written, from, from + length);
      written += length;
    } else if (instruction !== 0) {
      if (position + instruction > delta.length) throw deltaError('insert runs past the end');
      if (written + instruction > result.length) throw deltaError('writes past the end of the result');
      delta.copy(result, written, position, position + instruction);
      position += instruction;
      written += instruction;
    } else {
      throw deltaError('reserved instruction 0');
    }
  }
  if (written !== result.length) throw deltaError(`result is ${written} bytes, not ${result.length}`);
  return result;
}

/**
 * Recently decoded pack objects, least recently used dropped first once
 * their bytes pass a budget. A history walk reads each file's versions oldest
 * first, while git stores the newest whole and older ones as deltas against
 * newer ones: without this, every version would rebuild the chain from the
 * newest one.
 */
export class DecodedObjectCache {
  private readonly entries = new Map<string, GitObject>();
  private bytes = 0;

  constructor(private readonly budget: number) {}

  /** The object decoded at `offset` of pack `pack`, if still remembered. */
  get(pack: number, offset: number): GitObject | undefined {
    const key = `${pack}:${offset}`;
    const object = this.entries.get(key);
    if (object) {
      this.entries.delete(key);
      this.entries.set(key, object);
    }
    return object;
  }

  /** Remember an object; one larger than a quarter of the budget is not kept. */
  set(pack: number, offset: number, object: GitObject): void {
    if (object.data.length > this.budget / 4) return;
    if (object.data.buffer.byteLength !== object.data.length) {
      // A small buffer may be a view of a shared 8 KB slab, which it would keep alive: hold a copy of its own.
      const own = Buffer.allocUnsafeSlow(object.data.length);
      object.data.copy(own);
      object = { type: object.type, data: own };
    }
    const key = `${pack}:${offset}`;
    const old = this.entries.get(key);
    if (old) {
      this.entries.delete(key);
      this.bytes -= old.data.length;
    }
    this.entries.set(key, object);
    this.bytes += object.data.length;
    for (const [oldest, { data }] of this.entries) {
      if (this.bytes <= this.budget) break;
      this.entries.delete(oldest);
      this.bytes -= data.length;
    }
  }

  /** Forget everything. */
  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  /** Bytes of object data held. */
  get size(): number {
    return this.bytes;
  }
}
