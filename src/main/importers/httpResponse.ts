/**
 * HTTP responses as web archives store them: a status line, headers and a body
 * that may still carry its transfer coding (chunked) and content coding (gzip,
 * deflate, br). WARC readers hand us the raw message; this module turns it
 * into the bytes the server meant, so extraction sees the page and not its
 * wire format.
 */
import zlib from 'node:zlib';
import { looksBinary } from '../extract/charset';

/** The status line and headers of an archived HTTP response. */
export interface HttpResponseHead {
  status: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with `, ` as HTTP allows. */
  headers: Map<string, string>;
}

/** Anything that reads a message line by line (warcio's record readers do). */
export interface LineReader {
  readlineRaw(maxLength?: number): Promise<Uint8Array | null>;
}

const STATUS_LINE = /^HTTP\/\d(?:\.\d)?\s+(\d{3})(?:\s+(.*))?$/i;
const MAX_HEADER_LINE_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 256 * 1024;
const HTML_MEDIA_TYPES = new Set(['text/html', 'application/xhtml+xml']);
const STARTS_LIKE_HTML =
  /^\uFEFF?\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body|title|meta|p|div|h1)\b/i;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Header bytes are octets: UTF-8 when they decode as such, else latin1 (what old servers sent). */
function headerText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  }
}

/**
 * Without the optional whitespace (spaces and tabs) around a header field. Only
 * those: a Latin-1 NBSP (byte A0) at the edge of a value is part of the value.
 */
function trimOws(text: string): string {
  return text.replace(/^[ \t]+|[ \t]+$/g, '');
}

/**
 * One line of the head without its line ending; null for the blank line that
 * ends the head. A bare CR or a NUL inside a line is no part of any value:
 * RFC 9112 §2.2 has recipients replace a bare CR with a space, so no value
 * ever holds a line break.
 */
function headerLine(bytes: Uint8Array): string | null {
  const text = headerText(bytes).replace(/\r?\n$/, '');
  if (text === '' || text === '\r') return null;
  return text.replace(/[\r\0]/g, ' ');
}

/**
 * Read an HTTP response head (status line and headers, up to the blank line)
 * from `reader`, leaving it at the first byte of the body. Returns null when
 * the first line is not an HTTP status line (a `dns:` record, a bare
 * payload): then only that line has been consumed.
 */
export async function readHttpResponseHead(reader: LineReader): Promise<HttpResponseHead | null> {
  const first = await reader.readlineRaw(MAX_HEADER_LINE_BYTES);
  if (!first) return null;
  const match = STATUS_LINE.exec((headerLine(first) ?? '').trim());
  if (!match) return null;
  const headers = new Map<string, string>();
  let total = first.byteLength;
  // The header being read: continuation lines may still add to its value.
  let current: { name: string; value: string } | null = null;
  const commit = (): void => {
    if (current === null) return;
    const { name, value } = current;
    const previous = headers.get(name);
    // Empty elements of a repeated header add nothing (RFC 9110 §5.6.1), not a dangling ", ".
    headers.set(
      name,
      previous === undefined || previous === '' ? value : value === '' ? previous : `${previous}, ${value}`,
    );
    current = null;
  };
  for (;;) {
    const raw = await reader.readlineRaw(MAX_HEADER_LINE_BYTES);
    if (!raw) break;
    total += raw.byteLength;
    const line = headerLine(raw);
    if (line === null) break;
    if (total > MAX_HEADER_BYTES) continue; // keep consuming to the body, but stop collecting
    if (line.startsWith(' ') || line.startsWith('\t')) {
      // Obsolete line folding: the line continues the previous header's value
      // (an empty first line of a value gains no leading space).
      const continued = trimOws(line);
      if (current !== null && continued !== '') {
        current.value = current.value === '' ? continued : `${current.value} ${continued}`;
      }
      continue;
    }
    commit();
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = trimOws(line.slice(0, colon)).toLowerCase();
    if (name === '') continue; // only blanks before the colon: no header at all
    current = { name, value: trimOws(line.slice(colon + 1)) };
  }
  commit();
  return { status: Number(match[1]), statusText: trimOws(match[2] ?? ''), headers };
}

/** The media type of a Content-Type value, lower-cased without parameters (`text/html`), or null. */
export function mediaTypeOf(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const type = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
  return /^[\w.+-]+\/[\w.+-]+$/.test(type) ? type : null;
}

/** Whether a media type is an HTML page. */
export function isHtmlMediaType(mediaType: string): boolean {
  return HTML_MEDIA_TYPES.has(mediaType);
}

/** Whether bytes start like an HTML document (after a BOM, an XML declaration, blanks and comments). */
export function sniffsAsHtml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 4096)).toString('latin1');
  return STARTS_LIKE_HTML.test(head);
}

function isLineEnd(bytes: Buffer, at: number): number {
  if (bytes[at] === 0x0d && bytes[at + 1] === 0x0a) return 2;
  if (bytes[at] === 0x0a) return 1;
  return 0;
}

/**
 * Remove HTTP/1.1 chunked transfer coding. Returns null when the body is not
 * chunked at all (some archivers store the decoded body but keep the header).
 * A body cut off mid-chunk (a truncated capture) yields what was received.
 */
export function dechunk(body: Buffer): Buffer | null {
  const parts: Buffer[] = [];
  let at = 0;
  let chunks = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf(0x0a, at);
    if (lineEnd < 0 || lineEnd - at > 1024) break;
    const sizeText = body.subarray(at, lineEnd).toString('latin1').replace(/\r$/, '').split(';')[0]?.trim() ?? '';
    if (!/^[0-9a-f]{1,8}$/i.test(sizeText)) break;
    const size = Number.parseInt(sizeText, 16);
    chunks += 1;
    at = lineEnd + 1;
    if (size === 0) return Buffer.concat(parts); // trailers, if any, are not content
    parts.push(body.subarray(at, Math.min(at + size, body.length)));
    at += size;
    if (at >= body.length) return Buffer.concat(parts);
    const end = isLineEnd(body, at);
    if (end === 0) return chunks === 1 ? null : Buffer.concat(parts);
    at += end;
  }
  return chunks === 0 ? null : Buffer.concat(parts);
}

function tooLarge(maxBytes: number): Error {
  const limit =
    maxBytes >= 1048576
      ? `${Math.round(maxBytes / 1048576)} MB`
      : maxBytes >= 1024
        ? `${Math.round(maxBytes / 1024)} KB`
        : `${maxBytes} bytes`;
  return new Error(`decoded page is larger than ${limit}`);
}

/** Whether zlib stopped because the output would pass `maxOutputLength` (a decompression bomb). */
function isOutputLimit(error: unknown): boolean {
  return error instanceof RangeError || (error as { code?: string } | null)?.code === 'ERR_BUFFER_TOO_LARGE';
}

function decodeOne(body: Buffer, coding: string, maxBytes: number): Buffer {
  const flush = { finishFlush: zlib.constants.Z_SYNC_FLUSH, maxOutputLength: maxBytes };
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
      // Sync flush: a capture cut off by the crawler's size limit still yields what it holds.
      return zlib.gunzipSync(body, flush);
    case 'deflate':
      // Servers send both zlib-wrapped (as specified) and raw deflate under this name.
      try {
        return zlib.inflateSync(body, flush);
      } catch (error) {
        // Too large is too large: retrying as raw deflate would hide the bomb behind a header error.
        if (isOutputLimit(error)) throw error;
        return zlib.inflateRawSync(body, flush);
      }
    case 'br':
      return zlib.brotliDecompressSync(body, {
        finishFlush: zlib.constants.BROTLI_OPERATION_FLUSH,
        maxOutputLength: maxBytes,
      });
    default:
      throw new Error(`unsupported Content-Encoding: ${coding}`);
  }
}

/**
 * Undo a Content-Encoding (`gzip`, `x-gzip`, `deflate`, `br`, or a list of
 * them, applied in order). Bodies that archivers already decoded while keeping
 * the header (gzip without its magic bytes, text that is not compressed) are
 * returned as they are. Throws an Error naming the coding when the bytes
 * cannot be decoded.
 */
export function decodeContentEncoding(
  body: Buffer,
  contentEncoding: string | null | undefined,
  maxBytes: number,
): Buffer {
  const codings = (contentEncoding ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let bytes = body;
  for (const coding of codings.reverse()) {
    if (bytes.length === 0) return bytes;
    const gzipMagic = bytes[0] === 0x1f && bytes[1] === 0x8b;
    if ((coding === 'gzip' || coding === 'x-gzip') && !gzipMagic) continue;
    try {
      bytes = decodeOne(bytes, coding, maxBytes);
    } catch (error) {
      if (isOutputLimit(error)) throw tooLarge(maxBytes);
      if (!looksBinary(bytes) || sniffsAsHtml(bytes)) continue; // already plain text despite the header
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(
        reason.startsWith('unsupported') ? reason : `cannot decode ${coding} Content-Encoding: ${reason}`,
      );
    }
  }
  return bytes;
}

/**
 * The body as the server meant it: chunked transfer coding removed, then the
 * content coding undone. `headers` are the response's (lower-cased names).
 */
export function decodeHttpBody(raw: Buffer, headers: ReadonlyMap<string, string>, maxBytes: number): Buffer {
  const transfer = (headers.get('transfer-encoding') ?? '')
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity');
  let body = raw;
  if (transfer.at(-1) === 'chunked') {
    body = dechunk(body) ?? body;
    transfer.pop();
  }
  // Codings other than chunked in Transfer-Encoding (rare) are content codings in all but name.
  if (transfer.length > 0) body = decodeContentEncoding(body, transfer.join(', '), maxBytes);
  return decodeContentEncoding(body, headers.get('content-encoding'), maxBytes);
}
