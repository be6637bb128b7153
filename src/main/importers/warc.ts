/**
 * WARC 1.0 / 1.1 files (plain or gzip, told apart by their bytes) → import
 * units, one per page-bearing record, streamed: a multi-GB crawl is read
 * record by record and only the current page's body is ever held in memory.
 *
 * Records: `response` (an HTTP message: status, headers, a body that may be
 * chunked and gzip/deflate/br encoded), `resource` (bare content) and
 * `revisit` (an unchanged payload, re-read from the earlier record it points
 * at) can be pages; `request`, `warcinfo`, `metadata`, `conversion` and
 * `continuation` records never are and are passed over silently. Redirects,
 * error pages, images and the like become units with a `skip` reason so the
 * import report lists them; a crawl of a whole site yields only the pages that
 * look like policies or terms unless the user asks for all pages.
 *
 * The record logic works on any byte stream (`warcUnits`), so a WACZ feeds
 * the WARCs inside its zip through the same code.
 */
import { createReadStream } from 'node:fs';
import { basename, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { AsyncIterReader, LimitReader, WARCParser, type WARCRecord } from 'warcio';
import { captureTimeFromInput } from '../extract/captureTime';
import { decodeHtml, resolveEncoding } from '../extract/charset';
import { decodeHtmlEntities } from '../extract/htmlEntities';
import {
  decodeHttpBody,
  isHtmlMediaType,
  mediaTypeOf,
  readHttpResponseHead,
  sniffsAsHtml,
  type HttpResponseHead,
} from './httpResponse';
import type { CaptureHints, ExpandOptions, ImportEntry, ImportUnit } from './importUnit';
import { looksLikePolicyPage } from './policyPages';

/** A page body larger than this (as stored) is no policy; it is skipped rather than held in memory. */
export const MAX_PAGE_BYTES = 32 * 1024 * 1024;
/** Decoded bodies are capped too, so a gzip bomb in a crawl cannot exhaust memory. */
const MAX_DECODED_BYTES = 64 * 1024 * 1024;
const TITLE_SNIFF_BYTES = 64 * 1024;
/** Revisit targets remembered per import: enough for large crawls, bounded for huge ones. */
const MAX_REMEMBERED_RECORDS = 200_000;

/**
 * Bytes warcio may pull while it looks for the next record's header (the
 * separator, the header lines, one chunk of look-ahead): real headers are a
 * few KB. Without a bound, a "header" that never ends (a damaged or hostile
 * plain WARC) is buffered whole, up to the size of the file.
 */
const MAX_RECORD_HEAD_BYTES = 16 * 1024 * 1024;
/** A gzip member may inflate this much before its compression ratio is checked… */
const BOMB_CHECK_BYTES = 64 * 1024 * 1024;
/** …and past it, more than this ratio is a decompression bomb (text compresses ~10:1; zeros ~1000:1). */
const BOMB_RATIO = 100;

/** Skip reason for HTML pages a whole-site crawl holds besides its policies. */
export const NOT_A_POLICY_PAGE = 'not a policy or terms page (import all pages to include it)';
/** Skip reason for a revisit whose earlier record is not in the file (or WACZ) being imported. */
export const UNRESOLVED_REVISIT = 'revisit of a record not in this file';
/** Skip reason for a revisit of a record that has no offset of its own to re-read it from. */
const UNREADABLE_REVISIT = 'revisit not resolved: this WARC is gzipped as one stream, not record by record';

/** Media types that say nothing about the content: the bytes decide whether it is HTML. */
const SNIFFED_MEDIA_TYPES = new Set([
  'application/octet-stream',
  'binary/octet-stream',
  'application/unknown',
  'unknown/unknown',
  'text/plain',
  'application/x-unknown-content-type',
]);

/** Where a WARC's bytes come from: a file on disk, or an entry inside a WACZ. */
export interface WarcSource {
  /** Names the WARC in errors: its path, or `<wacz path> › archive/data.warc.gz`. */
  displayName: string;
  /** First part of unit labels: the WARC's (or WACZ's) file name. */
  labelPrefix: string;
  /** First part of unit keys: the absolute path (plus `#<entry name>` inside a WACZ). */
  keyPrefix: string;
  origin: 'warc' | 'wacz';
  /** Bytes in the WARC, to tell a cut-off gzip WARC from a complete one. */
  size: number;
  /** A fresh stream of the WARC's bytes from byte `start` (a record's offset) to the end. */
  open(start: number): Promise<Readable>;
}

/** The page list of a WACZ (`pages/pages.jsonl`): which URLs are pages, and their titles. */
export interface PageList {
  /** Whether the list is complete enough to tell a page from an embedded frame. */
  readonly usable: boolean;
  has(url: string): boolean;
  titleOf(url: string): string | undefined;
}

interface RecordRef {
  source: WarcSource;
  offset: number;
  recordId: string | null;
}

/**
 * Earlier `response` and `resource` records by payload digest and by
 * target URI + date, so a later `revisit` can be resolved by re-reading its
 * original from its offset (never by keeping payloads in memory). Bounded:
 * the oldest entries are forgotten first.
 */
export class RevisitIndex {
  private readonly byDigest = new Map<string, RecordRef>();
  private readonly byUriAndDate = new Map<string, RecordRef>();

  constructor(private readonly maxEntries = MAX_REMEMBERED_RECORDS) {}

  remember(record: WARCRecord, ref: RecordRef): void {
    const digest = record.warcPayloadDigest;
    if (digest) this.put(this.byDigest, digest, ref);
    const uri = record.warcTargetURI;
    const date = record.warcDate;
    if (uri && date) this.put(this.byUriAndDate, `${uri} ${date}`, ref);
  }

  /** The earlier record a revisit points at, or null when it was not seen (or was forgotten). */
  find(revisit: WARCRecord): RecordRef | null {
    const digest = revisit.warcPayloadDigest;
    const byDigest = digest ? this.byDigest.get(digest) : undefined;
    if (byDigest) return byDigest;
    const uri = revisit.warcRefersToTargetURI;
    const date = revisit.warcRefersToDate;
    return (uri && date && this.byUriAndDate.get(`${uri} ${date}`)) || null;
  }

  private put(map: Map<string, RecordRef>, key: string, ref: RecordRef): void {
    map.delete(key); // re-insert so the newest capture of a payload is the last forgotten
    map.set(key, ref);
    if (map.size > this.maxEntries) {
      const oldest = map.keys().next();
      if (!oldest.done) map.delete(oldest.value);
    }
  }
}

/** What the record scan shares across the WARCs of one container. */
export interface WarcScanContext {
  revisits: RevisitIndex;
  pages?: PageList;
}

/** A record's page content: its HTTP head (none for `resource`) and the unread body. */
interface Payload {
  head: HttpResponseHead | null;
  contentType: string | null;
  body: LimitReader;
  source: WarcSource;
  offset: number;
  /** After the body: why the record does not end where its Content-Length says, or null. */
  checkEnd?: () => Promise<string | null>;
}

type Verdict = { skip: string } | { bytes: Buffer; title: string | null } | { error: Error };

function truncated(source: WarcSource, offset: number, detail: string): Error {
  return new Error(
    `${source.displayName}: the WARC is truncated or corrupt (at byte ${offset}: ${detail}); import the complete file`,
  );
}

function limitReaderOf(record: WARCRecord, source: WarcSource, offset: number): LimitReader {
  const reader = record.reader;
  if (!(reader instanceof LimitReader)) throw truncated(source, offset, 'unexpected record reader');
  return reader;
}

/** Read the rest of a record block, failing clearly (instead of hanging) when the file ends early. */
async function readRest(body: LimitReader, source: WarcSource, offset: number, keep: boolean): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) {
    if (keep) chunks.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  }
  if (body.limit > 0) throw truncated(source, offset, `${body.limit} bytes missing`);
  return Buffer.concat(chunks);
}

/** A capture time from a WARC-Date (`2020-01-02T03:04:05.123456Z` → `2020-01-02T03:04:05Z`). */
export function warcDateToCaptureTime(warcDate: string | null | undefined): string | null {
  return warcDate ? captureTimeFromInput(warcDate) : null;
}

function redirectReason(head: HttpResponseHead, url: string): string {
  const location = head.headers.get('location');
  if (head.status === 304) return 'HTTP 304 not modified (no content)';
  if (!location) return `HTTP ${head.status} redirect`;
  let target = location;
  try {
    target = new URL(location, url).href;
  } catch {
    // keep the Location as sent
  }
  return `HTTP ${head.status} redirect to ${target}`;
}

/** The page's `<title>`, decoded with the response's charset, for the policy heuristic. */
function htmlTitle(bytes: Buffer, contentType: string | null): string | null {
  const head = bytes.subarray(0, TITLE_SNIFF_BYTES);
  const declared = /charset\s*=\s*["']?([-\w.:]+)/i.exec(contentType ?? '')?.[1];
  const encoding = declared ? resolveEncoding(declared) : null;
  const text = encoding ? iconv.decode(head, encoding) : decodeHtml(head).text;
  const match = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(text);
  if (!match?.[1]) return null;
  const title = decodeHtmlEntities(match[1]).replace(/\s+/g, ' ').trim();
  return title === '' ? null : title.slice(0, 500);
}

/** Decide what a page-bearing record is, reading (and decoding) its body only when it may be a page. */
async function judge(payload: Payload, url: string, options: ExpandOptions, pages?: PageList): Promise<Verdict> {
  const { head, contentType, body } = payload;
  if (head) {
    if (head.status >= 300 && head.status < 400) return { skip: redirectReason(head, url) };
    if (head.status >= 400) return { skip: `HTTP ${head.status} error page` };
    if (head.status < 200) return { skip: `HTTP ${head.status} response, not a page` };
  }
  const media = mediaTypeOf(contentType);
  const declaredHtml = media !== null && isHtmlMediaType(media);
  if (media !== null && !declaredHtml && !SNIFFED_MEDIA_TYPES.has(media)) return { skip: `${media}, not a page` };
  if (body.limit <= 0) {
    await readRest(body, payload.source, payload.offset, false);
    return { skip: 'empty payload' };
  }
  if (body.limit > MAX_PAGE_BYTES) {
    return { skip: `page too large (${Math.round(body.limit / 1048576)} MB)` };
  }
  const raw = await readRest(body, payload.source, payload.offset, true);
  // A Content-Length shorter than the record would store the page cut short.
  const badEnd = (await payload.checkEnd?.()) ?? null;
  if (badEnd) return { error: new Error(`${badEnd} (the WARC is corrupt at byte ${payload.offset})`) };
  let bytes = raw; // a resource record holds the content itself
  try {
    if (head) bytes = decodeHttpBody(raw, head.headers, MAX_DECODED_BYTES);
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
  if (bytes.toString('latin1', 0, Math.min(bytes.length, 4096)).trim() === '' && bytes.length <= 4096) {
    return { skip: 'empty payload' };
  }
  if (!declaredHtml && !sniffsAsHtml(bytes)) return { skip: media ? `${media}, not a page` : 'not an HTML page' };

  const title = pages?.titleOf(url) ?? htmlTitle(bytes, contentType);
  const policy = looksLikePolicyPage({ url, title });
  if (options.allPages) {
    // A WACZ lists its pages; other HTML in it is frames and widgets embedded in those pages.
    if (!policy && pages?.usable && !pages.has(url)) {
      return { skip: 'not in the WACZ page list (an embedded document)' };
    }
  } else if (!policy) {
    return { skip: NOT_A_POLICY_PAGE };
  }
  return { bytes, title: pages?.titleOf(url) ?? null };
}

/** The page content of a `response` or `resource` record; 'not-http' when a response holds no HTTP message. */
async function payloadOf(
  record: WARCRecord,
  source: WarcSource,
  offset: number,
  checkEnd?: () => Promise<string | null>,
): Promise<Payload | 'not-http' | null> {
  const body = limitReaderOf(record, source, offset);
  const end = checkEnd ? { checkEnd } : {};
  if (record.warcType === 'resource') {
    return { head: null, contentType: record.warcContentType ?? null, body, source, offset, ...end };
  }
  const head = await readHttpResponseHead(body);
  if (!head) return 'not-http';
  return { head, contentType: head.headers.get('content-type') ?? null, body, source, offset, ...end };
}

/** A record block is followed by CRLF CRLF; anything else means its Content-Length is too small. */
function recordEndCheck(reader: GuardedReader): () => Promise<string | null> {
  return async () => {
    const next = await reader.peek(2);
    if (next.length === 0 || next[0] === 0x0a || (next[0] === 0x0d && next[1] === 0x0a)) return null;
    return 'the record goes on past its Content-Length';
  };
}

/** Open a fresh reader at `offset` and parse the record there; null when it is not the one expected. */
async function reReadRecord(ref: RecordRef): Promise<{ record: WARCRecord; stream: Readable } | null> {
  let stream: Readable;
  try {
    stream = await ref.source.open(ref.offset);
  } catch {
    return null;
  }
  try {
    const parser = new WARCParser(new AsyncIterReader(stream), { parseHttp: false });
    const record = await parser.parse();
    // Offsets of non-standard WARCs (one gzip stream for the whole file) do not point at records.
    if (!record || (ref.recordId !== null && record.warcHeader('WARC-Record-ID') !== ref.recordId)) {
      stream.destroy();
      return null;
    }
    return { record, stream };
  } catch {
    stream.destroy();
    return null;
  }
}

function checkRecordHeaders(record: WARCRecord, source: WarcSource, offset: number): void {
  const statusline = record.warcHeaders.statusline;
  if (!/^WARC\/\d/.test(statusline)) {
    const shown = /^[\x20-\x7e]*$/.test(statusline) ? `"${statusline.slice(0, 40)}"` : 'binary data';
    throw truncated(source, offset, `${shown} where a WARC record header should be`);
  }
  const length = record.warcHeader('Content-Length');
  if (length === null || length === undefined || !/^\d+$/.test(length.trim())) {
    throw truncated(source, offset, 'no Content-Length header');
  }
}

/**
 * warcio's reader with three guards (it reads warcio's internals — `_savedChunk`,
 * `inflator`, `compressed`, `_readOffset` — so package.json pins warcio to an
 * exact version; test/main/importers/hostileInput.test.ts covers the guards):
 * a record header that does not end within MAX_RECORD_HEAD_BYTES is refused; a gzip member that inflates past 64 MB at
 * more than 100:1 is refused as a decompression bomb (warcio would otherwise
 * buffer the zeros after a record as one endless "line"), and `peek` lets the
 * scan look at the bytes after a record without consuming them.
 */
class GuardedReader extends AsyncIterReader {
  private member: unknown = null;
  private inflatedInMember = 0;
  /** Bytes pulled since readingHead() (null: reading a record's content, not bounded here). */
  private headBytes: number | null = null;

  constructor(
    stream: AsyncIterable<Uint8Array>,
    private readonly source: WarcSource,
  ) {
    super(stream);
  }

  /** From now until readingContent(), the parser looks for a record header: bound what it may pull. */
  readingHead(): void {
    this.headBytes = 0;
  }

  readingContent(): void {
    this.headBytes = null;
  }

  override async _next(): Promise<Uint8Array | null> {
    const replayed = this._savedChunk !== null;
    const chunk = await super._next();
    if (!chunk || replayed) return chunk;
    let consumed = 0;
    if (this.compressed && this.inflator) {
      if (this.inflator !== this.member) {
        this.member = this.inflator;
        this.inflatedInMember = 0;
      }
      this.inflatedInMember += chunk.length;
      consumed = (this.inflator as unknown as { strm?: { total_in?: number } }).strm?.total_in ?? 0;
      if (this.inflatedInMember > BOMB_CHECK_BYTES && this.bombLike(consumed)) throw this.bombError(consumed);
    }
    if (this.headBytes !== null) {
      this.headBytes += chunk.length;
      if (this.headBytes > MAX_RECORD_HEAD_BYTES) {
        // Zeros inflated from a few KB are a bomb, whichever guard meets them first.
        if (this.compressed && this.bombLike(consumed)) throw this.bombError(consumed);
        throw new Error(
          `${this.source.displayName}: no WARC record header ends within ${MAX_RECORD_HEAD_BYTES / 1048576} MB ` +
            `after byte ${this.getRawOffset() - this.headBytes}: the file is damaged or not a WARC`,
        );
      }
    }
    return chunk;
  }

  private bombLike(consumed: number): boolean {
    return this.inflatedInMember > BOMB_RATIO * Math.max(consumed, 1);
  }

  private bombError(consumed: number): Error {
    return new Error(
      `${this.source.displayName}: refused as a decompression bomb: a gzip member inflates past ` +
        `${Math.floor(this.inflatedInMember / 1048576)} MB from ${Math.ceil(consumed / 1024)} KB ` +
        `(more than ${BOMB_RATIO}:1), at byte ${this.getRawOffset()}`,
    );
  }

  /** The next `count` bytes (fewer at the end), left unread. */
  async peek(count: number): Promise<Uint8Array> {
    const bytes = await this.readSize(count);
    // readSize put back what it read beyond `count`: put the peeked bytes back in front of it.
    const rest = this._savedChunk;
    this._savedChunk = null;
    if (rest) this._readOffset += rest.length;
    const all = rest ? Buffer.concat([bytes, rest]) : bytes;
    if (all.length > 0) this.unread(all);
    return bytes;
  }
}

/** Pass a stream through, noting whether it starts with the gzip magic bytes. */
async function* noteGzip(stream: Readable, start: { gzip: boolean | null }): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (start.gzip === null && chunk.length >= 2) start.gzip = chunk[0] === 0x1f && chunk[1] === 0x8b;
    yield chunk;
  }
}

/**
 * warcio ends its record iteration quietly where the data stops making sense:
 * at a gzip member cut off mid-way, at corrupt gzip data (which it then reads
 * as plain bytes), at a line that is not a record header. Anything but blank
 * lines left after the last record therefore means a damaged file.
 */
async function checkFullyRead(reader: AsyncIterReader, source: WarcSource, startedGzip: boolean): Promise<void> {
  for await (const chunk of reader) {
    if (chunk.some((byte) => byte !== 0x0d && byte !== 0x0a && byte !== 0x20 && byte !== 0x09)) {
      throw truncated(source, reader.getRawOffset(), 'data after the last readable record is not a WARC record');
    }
  }
  if (startedGzip && reader.compressed === null) {
    throw truncated(source, reader.getRawOffset(), 'gzip data cannot be decompressed');
  }
  if (reader.compressed && reader.getRawOffset() < source.size) {
    throw truncated(source, reader.getRawOffset(), 'the last gzip member ends early');
  }
}

/** Record types that can hold a page; every other type is passed over without a report line. */
const PAGE_RECORD_TYPES = new Set(['response', 'resource', 'revisit']);

function isHttpUrl(url: string): boolean {
  return /^https?:/i.test(url);
}

/** Label, key and hints of a page-bearing record (before its payload is looked at). */
function describeRecord(record: WARCRecord, source: WarcSource, position: string) {
  const url = record.warcTargetURI ?? '';
  const capturedAt = warcDateToCaptureTime(record.warcDate);
  const label = `${source.labelPrefix} › ${url || '(no URI)'} (${capturedAt ?? record.warcDate ?? 'no date'})`;
  const hints: CaptureHints = { origin: source.origin };
  if (url) hints.originalUrl = url;
  if (capturedAt) {
    hints.capturedAt = capturedAt;
    hints.capturedAtSource = 'warc-date';
  }
  return { url, label, hints, key: `${source.keyPrefix}#${position}`, size: record.warcContentLength || 0 };
}

/**
 * What a page-bearing record is; 'ignore' for crawler bookkeeping that is not
 * worth a report line. A revisit is judged on its original, re-read from the
 * original's offset; that extra stream is closed before returning.
 */
async function verdictOf(
  record: WARCRecord,
  at: { source: WarcSource; offset: number },
  url: string,
  hints: CaptureHints,
  options: ExpandOptions,
  context: WarcScanContext,
  checkEnd?: () => Promise<string | null>,
): Promise<Verdict | 'ignore'> {
  let original: { record: WARCRecord; stream: Readable } | null = null;
  try {
    let payload: Payload | 'not-http' | null;
    let unresolved = UNRESOLVED_REVISIT;
    if (record.warcType === 'revisit') {
      const ref = context.revisits.find(record);
      if (ref && ref.offset < 0) unresolved = UNREADABLE_REVISIT;
      original = ref && ref.offset >= 0 ? await reReadRecord(ref) : null;
      payload = original && ref ? await payloadOf(original.record, ref.source, ref.offset) : null;
    } else {
      payload = await payloadOf(record, at.source, at.offset, checkEnd);
    }
    if (payload === 'not-http') {
      // dns:, whois: and similar crawler bookkeeping records are not pages at all.
      return isHttpUrl(url) ? { skip: 'not an HTTP response' } : 'ignore';
    }
    if (payload === null) return { skip: unresolved };
    if (payload.contentType) hints.contentType = payload.contentType;
    return await judge(payload, url, options, context.pages);
  } finally {
    original?.stream.destroy();
  }
}

/**
 * The unit for a judged record, and a function that retires it once the
 * iterator moves on: its page is dropped and a late `read()` throws rather
 * than return another record's bytes.
 */
function unitOf(base: Omit<ImportUnit, 'read' | 'skip'>, verdict: Verdict): { unit: ImportUnit; retire: () => void } {
  let current = true;
  let content: Buffer | null = 'bytes' in verdict ? verdict.bytes : null;
  const failure = 'error' in verdict ? new Error(`${base.label}: ${verdict.error.message}`) : null;
  const skip = 'skip' in verdict ? verdict.skip : undefined;
  if ('bytes' in verdict && verdict.title && base.hints) base.hints.title = verdict.title;
  const unit: ImportUnit = {
    ...base,
    ...(skip === undefined ? {} : { skip }),
    read: async () => {
      if (!current) throw new Error(`${base.label}: read() called after the import moved past this WARC record`);
      if (failure) throw failure;
      if (content === null) throw new Error(`${base.label}: skipped (${skip ?? 'no content'}), nothing to read`);
      return content;
    },
  };
  return {
    unit,
    retire: () => {
      current = false;
      content = null;
    },
  };
}

/**
 * The import units of one WARC, read from `source` as a stream. Units come in
 * file order; a readable unit's `read()` returns the decoded page body and
 * must be called before the next unit is requested (afterwards it throws).
 * Throws an Error naming the WARC when it is truncated or corrupt.
 */
export async function* warcUnits(
  source: WarcSource,
  options: ExpandOptions,
  context: WarcScanContext = { revisits: new RevisitIndex() },
): AsyncGenerator<ImportUnit> {
  const stream = await source.open(0);
  const start = { gzip: null as boolean | null };
  // warcio inflates gzip members itself and falls back to plain bytes when the data is not gzip.
  const reader = new GuardedReader(noteGzip(stream, start), source);
  // HTTP heads are read here, from within each record: warcio's own parsing would run past
  // the end of records that are not HTTP (a crawler's dns: records) into the next one.
  const parser = new WARCParser(reader, { parseHttp: false });
  let previousOffset = -1;
  let repeats = 0;
  try {
    for (;;) {
      reader.readingHead();
      const record = await parser.parse();
      reader.readingContent();
      if (record === null) break;
      if (options.signal?.aborted) return;
      const offset = parser.offset;
      checkRecordHeaders(record, source, offset);
      // A WARC gzipped as one stream reports one offset for many records; keep keys unique and stable.
      repeats = offset === previousOffset ? repeats + 1 : 0;
      previousOffset = offset;
      const type = record.warcType;
      if (type === 'response' || type === 'resource') {
        // A record without an offset of its own (offset -1) cannot be re-read.
        const recordId = record.warcHeader('WARC-Record-ID') ?? null;
        context.revisits.remember(record, { source, offset: repeats === 0 ? offset : -1, recordId });
      }
      if (PAGE_RECORD_TYPES.has(type)) {
        const { url, ...base } = describeRecord(
          record,
          source,
          repeats === 0 ? String(offset) : `${offset}.${repeats}`,
        );
        const verdict = await verdictOf(
          record,
          { source, offset },
          url,
          base.hints,
          options,
          context,
          recordEndCheck(reader),
        );
        if (verdict !== 'ignore') {
          const { unit, retire } = unitOf(base, verdict);
          yield unit;
          retire();
          if (options.signal?.aborted) return;
        }
      }
      await readRest(limitReaderOf(record, source, offset), source, offset, false);
    }
    await checkFullyRead(reader, source, start.gzip === true);
  } finally {
    stream.destroy();
  }
}

/** A WARC file on disk as a `WarcSource`. */
export function warcFileSource(path: string, size: number): WarcSource {
  return {
    displayName: path,
    labelPrefix: basename(path),
    keyPrefix: resolve(path),
    origin: 'warc',
    size,
    open: async (start) => createReadStream(path, { start }),
  };
}

/**
 * Expand a WARC file (plain or gzip; detected from its bytes) into import
 * units, streaming it in bounded memory. See the module comment for which
 * records become units and which are skipped with a reason.
 */
export function expandWarc(
  entry: Extract<ImportEntry, { kind: 'warc' }>,
  options: ExpandOptions,
): AsyncIterable<ImportUnit> {
  return warcUnits(warcFileSource(entry.path, entry.size), options);
}
