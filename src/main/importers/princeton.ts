/**
 * The Princeton "Privacy Policies over Time" dataset: one header line (or an
 * HTML comment) naming the vendor domain, the archive date and the Wayback
 * Machine snapshot, then the policy as Markdown, plain text or HTML.
 */
import type { Block, SourceFormat } from '../../shared/domain';
import { isCalendarDate } from '../extract/captureTime';
import { findEffectiveDate } from '../extract/effectiveDate';
import { extractHtml } from '../extract/htmlBlocks';
import { markdownBlocks } from '../extract/markdownBlocks';
import { plainTextBlocks, separatesParagraphsWithBlankLines } from '../extract/plainTextBlocks';
import { domainKey, isDomain } from '../extract/vendorKey';
import { parseWaybackUrl, waybackTimestampToIso } from '../extract/waybackUrl';
import type { Capture } from './capture';

/** What a Princeton header states. */
export interface PrincetonHeader {
  form: 'markdown' | 'plain' | 'html';
  /** The domain as the header writes it (`formlabs.com`). */
  domain: string;
  /** Lower-cased domain without `www.`: the vendor key. */
  vendorKey: string;
  /** `YYYY-MM-DD`. */
  archiveDate: string;
  waybackUrl: string | null;
  originalUrl: string | null;
  /** From the Wayback timestamp when there is a full one, else the archive date at midnight UTC. */
  capturedAt: string;
  capturedAtSource: 'wayback-url' | 'header-date';
  /** Offset in the text where the policy starts (after the header). */
  bodyStart: number;
}

// Where a header may start: after a BOM and blank lines, optionally inside an
// HTML comment, a Markdown quote, emphasis, or both.
const HEADER_START =
  /^\uFEFF?\s*(<!--\s*)?(>\s*)?([*_]{1,2}\s*)?The\s+following\s+(?:text\s+is\s+extracted\s+and\s+transformed\s+from|is\s+the\s+downloaded\s+HTML\s+source\s+of)\s+the\s+/i;
const DOWNLOADED_HTML = /downloaded\s+HTML\s+source/i;
const VENDOR_AND_DATE = /^(\S+)\s+privacy\s+policy\s+that\s+was\s+archived\s+on\s+(\S+)/i;
const TRAILING_PUNCTUATION = /[.,;:*_)\]]+$/;
const WAYBACK_IN_HEADER = /https?:\/\/(?:web\.|www\.)?archive\.org\/web\/[^\s)\]>"'<]+/i;
const CONTINUATION = /^[ \t]*(?:>[ \t]*)?[*_]?[ \t]*Please\s+check\b/i;
const MARKDOWN_LINK = /\]\(/;
const COMMENT_END = '-->';
const COMMENT_SEARCH_CHARS = 8192;

const SOURCE_FORMATS: Record<PrincetonHeader['form'], SourceFormat> = {
  markdown: 'princeton-markdown',
  plain: 'princeton-plain',
  html: 'princeton-html',
};

function fail(problem: string): never {
  throw new Error(`malformed Princeton header: ${problem}`);
}

function lineEnd(text: string, from: number): number {
  const newline = text.indexOf('\n', from);
  return newline === -1 ? text.length : newline + 1;
}

function formOf(start: RegExpExecArray, header: string): PrincetonHeader['form'] {
  if (start[1] !== undefined || DOWNLOADED_HTML.test(start[0])) return 'html';
  if (start[2] !== undefined || start[3] !== undefined || MARKDOWN_LINK.test(header)) return 'markdown';
  return 'plain';
}

/**
 * The source format of a text that begins with a Princeton header, judged
 * from its opening words only (no validation); null when it does not begin with one.
 */
export function detectPrincetonForm(text: string): SourceFormat | null {
  const start = HEADER_START.exec(text);
  if (!start) return null;
  return SOURCE_FORMATS[formOf(start, text.slice(start[0].length, lineEnd(text, start[0].length)))];
}

/**
 * Read the Princeton header at the start of `text`, in any of its three forms
 * (Markdown quote with a Wayback link, plain sentence, HTML comment); tolerant
 * of BOM, CRLF, extra whitespace, `http` vs `https` and a missing trailing
 * sentence. Returns null when the text does not begin with such a header and
 * throws an Error naming the problem when it begins like one but is malformed
 * (no domain, an archive date that does not exist, a broken Wayback timestamp).
 */
export function parsePrincetonHeader(text: string): PrincetonHeader | null {
  const start = HEADER_START.exec(text);
  if (!start) return null;
  const isComment = start[1] !== undefined;
  const afterStart = start[0].length;

  let headerEnd: number;
  let bodyStart: number;
  if (isComment) {
    const close = text.indexOf(COMMENT_END, afterStart);
    if (close === -1 || close > COMMENT_SEARCH_CHARS) fail('the header comment is not closed with "-->"');
    headerEnd = close;
    bodyStart = close + COMMENT_END.length;
  } else {
    headerEnd = lineEnd(text, afterStart);
    // Some copies wrap the second sentence onto its own line.
    const nextEnd = lineEnd(text, headerEnd);
    if (CONTINUATION.test(text.slice(headerEnd, nextEnd))) headerEnd = nextEnd;
    bodyStart = headerEnd;
  }
  const header = text.slice(afterStart, headerEnd);

  const stated = VENDOR_AND_DATE.exec(header);
  if (!stated) fail('expected "the <domain> privacy policy that was archived on <YYYY-MM-DD>"');
  const domain = (stated[1] ?? '').replace(TRAILING_PUNCTUATION, '');
  if (!isDomain(domain)) fail(`vendor "${domain}" is not a domain name`);
  const archiveDate = (stated[2] ?? '').replace(TRAILING_PUNCTUATION, '');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(archiveDate)) fail(`archive date "${archiveDate}" is not a YYYY-MM-DD date`);
  if (!isCalendarDate(archiveDate)) fail(`archive date "${archiveDate}" is not a real date`);

  let waybackUrl: string | null = null;
  let originalUrl: string | null = null;
  let capturedAt = `${archiveDate}T00:00:00Z`;
  let capturedAtSource: PrincetonHeader['capturedAtSource'] = 'header-date';
  const link = WAYBACK_IN_HEADER.exec(header)?.[0];
  if (link !== undefined) {
    const parsed = parseWaybackUrl(link);
    if (!parsed) fail(`"${link}" is not a Wayback Machine snapshot URL`);
    waybackUrl = link;
    originalUrl = parsed.originalUrl;
    if (parsed.timestamp.length === 14) {
      const time = waybackTimestampToIso(parsed.timestamp);
      if (time === null) fail(`Wayback timestamp "${parsed.timestamp}" is not a real date and time`);
      capturedAt = time;
      capturedAtSource = 'wayback-url';
    }
  }

  const form = formOf(start, header);
  return {
    form,
    domain,
    vendorKey: domainKey(domain),
    archiveDate,
    waybackUrl,
    originalUrl,
    capturedAt,
    capturedAtSource,
    bodyStart,
  };
}

/** The source format a header implies. */
export function princetonFormat(header: PrincetonHeader): SourceFormat {
  return SOURCE_FORMATS[header.form];
}

function bodyBlocks(header: PrincetonHeader, body: string): Block[] {
  if (header.form === 'html') return extractHtml(body).blocks;
  if (header.form === 'markdown' || separatesParagraphsWithBlankLines(body)) return markdownBlocks(body);
  return plainTextBlocks(body);
}

/**
 * Build the capture of a Princeton file whose header has been parsed: vendor
 * from the domain, document `privacy-policy`, blocks from the body, effective
 * date from the text. Nothing is inferred: every field is read.
 */
export function princetonCapture(path: string, text: string, header: PrincetonHeader): Capture {
  const blocks = bodyBlocks(header, text.slice(header.bodyStart));
  return {
    vendor: { key: header.vendorKey, displayName: header.domain },
    document: { key: 'privacy-policy', title: 'Privacy Policy' },
    capturedAt: header.capturedAt,
    capturedAtSource: header.capturedAtSource,
    originalUrl: header.originalUrl,
    waybackUrl: header.waybackUrl,
    effectiveDate: findEffectiveDate(blocks)?.date ?? null,
    sourcePath: path,
    sourceFormat: princetonFormat(header),
    origin: 'file',
    inferred: [],
    blocks,
  };
}
