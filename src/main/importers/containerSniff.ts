/**
 * Tell web archive containers from other files by their first bytes: a
 * `.warc.gz` may be plain, a `.warc` may be gzipped, and a WACZ is a zip
 * whatever it is called. Extensions only break ties between zips.
 */
import { extname } from 'node:path';
import zlib from 'node:zlib';

/** What a container file holds, as far as its first bytes tell. */
export type ContainerKind = 'warc' | 'wacz';

/** How many leading bytes the caller should pass: enough to gunzip a WARC record header. */
export const SNIFF_BYTES = 64 * 1024;

const WARC_VERSION = /^WARC\/\d+\.\d+\r?\n/;
const ZIP_LOCAL_HEADER = 0x04034b50;

function startsLikeWarc(bytes: Uint8Array): boolean {
  return WARC_VERSION.test(
    Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 32)).toString('latin1'),
  );
}

/** Where a gzip member's deflate data starts (after its header's optional fields), or null. */
function deflateStart(bytes: Buffer): number | null {
  const flags = bytes[3] ?? 0;
  let at = 10;
  if (flags & 0x04) at += 2 + (bytes.length >= 12 ? bytes.readUInt16LE(10) : 0);
  if (flags & 0x08) at = bytes.indexOf(0, at) + 1;
  if (flags & 0x10) at = bytes.indexOf(0, at) + 1;
  if (flags & 0x02) at += 2;
  return at > 0 && at < bytes.length ? at : null;
}

/**
 * The content of the first gzip member alone: gunzip fails on the whole
 * prefix when a later member is corrupt, but the file may still be a WARC
 * (which the record reader then reports as damaged further on).
 */
function firstMember(bytes: Buffer): Buffer | null {
  const start = deflateStart(bytes);
  if (start === null) return null;
  try {
    return zlib.inflateRawSync(bytes.subarray(start), {
      finishFlush: zlib.constants.Z_SYNC_FLUSH,
      maxOutputLength: 32 * 1024 * 1024,
    });
  } catch {
    return null;
  }
}

/** The start of a gzip stream's content, from a prefix of the stream (it may stop mid-member). */
function gunzipPrefix(bytes: Buffer): Buffer | null {
  // A short prefix first: a highly compressible record inflates 64 KiB of gzip to megabytes.
  for (const length of [1024, 16 * 1024, bytes.length]) {
    try {
      // Sync flush returns what the partial input decodes to instead of failing on the missing end.
      const content = zlib.gunzipSync(bytes.subarray(0, length), {
        finishFlush: zlib.constants.Z_SYNC_FLUSH,
        maxOutputLength: 32 * 1024 * 1024,
      });
      if (content.length >= 16 || length >= bytes.length) return content;
    } catch {
      return firstMember(bytes);
    }
  }
  return null;
}

/** Names of the zip entries whose local headers lie within `bytes`. */
function zipEntryNames(bytes: Buffer): string[] {
  const names: string[] = [];
  let at = bytes.indexOf('PK\x03\x04', 0, 'latin1');
  while (at >= 0 && at + 30 <= bytes.length) {
    if (bytes.readUInt32LE(at) === ZIP_LOCAL_HEADER) {
      const nameLength = bytes.readUInt16LE(at + 26);
      if (at + 30 + nameLength <= bytes.length) {
        names.push(bytes.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
      }
    }
    at = bytes.indexOf('PK\x03\x04', at + 4, 'latin1');
  }
  return names;
}

function isWaczEntry(name: string): boolean {
  return (
    name === 'datapackage.json' ||
    name.startsWith('pages/') ||
    name.startsWith('indexes/') ||
    (name.startsWith('archive/') && /\.warc(?:\.gz)?$/i.test(name))
  );
}

/** Names that say "web archive": such a file that is not one is reported, not passed over. */
const WEB_ARCHIVE_NAME = /\.(?:warc(?:\.gz)?|wacz)$/i;

/** Whether a file's name says it is a WARC or WACZ. */
export function isWebArchiveName(path: string): boolean {
  return WEB_ARCHIVE_NAME.test(path);
}

/**
 * Why a file named like a web archive is not one (for `sniffContainer`
 * returning null): corrupt gzip, gzip of something else, or no WARC header.
 */
export function notAContainerReason(path: string, firstBytes: Uint8Array): string {
  const bytes = Buffer.from(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength);
  const named = /\.wacz$/i.test(path) ? 'named as a WACZ' : 'named as a WARC';
  if (bytes.length === 0) return `${named}, but empty`;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    return gunzipPrefix(bytes) === null
      ? `${named}, but its gzip data is corrupt and cannot be decompressed`
      : `${named}, but its decompressed content does not start with a WARC record header`;
  }
  if (/\.wacz$/i.test(path)) return `${named}, but not a zip file`;
  return `${named}, but it does not start with a WARC record header (nor is it gzip)`;
}

/**
 * Whether a file is a WARC (plain or gzip, whatever its extension) or a WACZ,
 * from its path and its first bytes (up to `SNIFF_BYTES`); null for anything
 * else. A zip counts as a WACZ when it is named `.wacz` or its first entries
 * are WACZ parts (`datapackage.json`, `pages/`, `archive/*.warc.gz`).
 */
export function sniffContainer(path: string, firstBytes: Uint8Array): ContainerKind | null {
  const bytes = Buffer.from(firstBytes.buffer, firstBytes.byteOffset, firstBytes.byteLength);
  if (bytes.length < 4) return null;
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const content = gunzipPrefix(bytes);
    return content !== null && startsLikeWarc(content) ? 'warc' : null;
  }
  if (startsLikeWarc(bytes)) return 'warc';
  if (bytes.readUInt32LE(0) === ZIP_LOCAL_HEADER) {
    if (extname(path).toLowerCase() === '.wacz') return 'wacz';
    return zipEntryNames(bytes).some(isWaczEntry) ? 'wacz' : null;
  }
  return null;
}
