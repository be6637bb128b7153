/**
 * Pages saved through the Wayback Machine's replay: remove what the replay
 * added (toolbars, rewrite scripts, closing comments, `/web/<ts>/` link
 * prefixes) and read what it tells about the capture (time and original URL).
 *
 * Everything here works on the HTML string with linear scans: toolbars and
 * rewritten pages can be megabytes long, and nothing is ever parsed into a
 * live DOM or executed.
 */
import type { TimestampSource } from '../../shared/domain';
import { utcCaptureTime } from './captureTime';
import { decodeHtmlEntities } from './htmlEntities';
import { domainKey } from './vendorKey';
import { decodeOriginalUrl, waybackTimestampToIso } from './waybackUrl';

/** Where a Wayback page's capture time can be read from. */
export type WaybackTimestampSource = Extract<
  TimestampSource,
  'file-name' | 'wombat-call' | 'closing-comment' | 'wayback-url'
>;

/** One piece of evidence about the capture, as found in the page or its name. */
export interface EvidenceCandidate {
  source: WaybackTimestampSource;
  /** Where exactly, worded for users: `the __wm.wombat call`, `the page's links`… */
  where: string;
  /** The timestamp as found, 4 to 14 digits; null when this evidence has no time. */
  timestamp: string | null;
  /** The capture time as ISO 8601 UTC (the start of the period for partial timestamps). */
  capturedAt: string | null;
  /** True when the time is less precise than a second (`/web/2018/…`, a date-only name). */
  partial: boolean;
  originalUrl: string | null;
  /** Vendor host (lower case, no `www.`) when known without a full URL. */
  host: string | null;
}

/** What a page and its file name say about the capture, most trusted source chosen. */
export interface CaptureEvidence {
  /** ISO 8601 UTC; null when nothing in the page or its name dates it. */
  capturedAt: string | null;
  timestampSource: WaybackTimestampSource | null;
  /** The 14-digit Wayback timestamp of `capturedAt` (padded when the source was partial). */
  timestamp: string | null;
  /** True when the chosen time was padded from a partial timestamp or a date-only name. */
  partialTimestamp: boolean;
  originalUrl: string | null;
  /** Normalised host of the original URL, or the page's own host when only that is known. */
  host: string | null;
  /** True when the host was guessed from the page's links rather than stated. */
  hostGuessed: boolean;
  /** `https://web.archive.org/web/<ts>/<url>` when both a full timestamp and the URL are known. */
  waybackUrl: string | null;
  /** Sentences for the user about guesses made (padded timestamps, hosts from links). */
  notes: string[];
  /** Every candidate found, most trusted first. */
  candidates: EvidenceCandidate[];
}

// ---------------------------------------------------------------------------
// Stripping

const TOOLBAR_BEGIN = /<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->/gi;
const TOOLBAR_END = /<!--\s*END WAYBACK TOOLBAR INSERT\s*-->/gi;
const INCLUDE_END = /<!--\s*End Wayback Rewrite JS Include\s*-->/gi;
const INCLUDE_START = /<!--\s*Start Wayback Rewrite JS Include\s*-->/gi;
/** The ids of the toolbar containers, old (`wm-ipp`) and current (`wm-ipp-base`), and their companions. */
const TOOLBAR_ID = /\bid\s*=\s*["']?(?:wm-ipp(?:-base|-print)?|donato|wm-capinfo)(?=["'\s>/])/i;
const DIV_OPENER = /<div\b/gi;
const DIV_OPENER_OR_CLOSER = /<\/?div\b/gi;
const SCRIPT_OPENER = /<script\b/gi;
const SCRIPT_CLOSE = /<\/script\s*>/gi;
const LINK_OPENER = /<link\b/gi;
const BASE_OPENER = /<base\b/gi;
const META_OPENER = /<meta\b/gi;
const COMMENT_OPEN = '<!--';
const COMMENT_OR_SCRIPT = /<!--|<script\b/gi;
const COMMENT_CLOSE = '-->';
/** Longer "tags" are text with a stray `<` in it; capping them keeps every scan linear. */
const MAX_TAG_CHARS = 8192;
/** Scripts the replay loads: by file (also as saved by browsers, `wombat.js.download`) or host. */
const REPLAY_SCRIPT_SRC =
  /(?:^|[/"'\s])_static\/js\/|web-static\.archive\.org|archive\.org\/includes\/|wombat|bundle-playback|ruffle|wbhack|ait-client-rewrite|\/static\/js\/(?:analytics|timestamp|graph-calc|auto-complete|toolbar|disclaim(?:-element)?|playback)\.js|\banalytics\.js\.download|\bathena\.js/i;
/** Inline scripts the replay adds. */
const REPLAY_SCRIPT_BODY =
  /__wm\.|__wbhack|WB_wombat_Init|archive_analytics|RufflePlayer|_wmVideos_|FILE ARCHIVED ON|sWayBackCGI/;
/** Stylesheets of the toolbar. */
const REPLAY_STYLESHEET =
  /(?:^|[/"'\s])_static\/css\/|web-static\.archive\.org|banner-styles\.css|iconochive\.css|\/static\/css\/(?:banner|toolbar)/i;
const REPLAY_COMMENT =
  /FILE ARCHIVED ON|playback timings \(ms\)|REWRITTEN BY THE WAYBACK MACHINE|Wayback Rewrite JS Include|WAYBACK TOOLBAR INSERT/i;
const WAYBACK_HREF = /\bhref\s*=\s*["']?[^"'>]*archive\.org/i;
const HREF_VALUE = /\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i;
/** `https://web.archive.org/web/<ts><flag>/` and `//web.archive.org/web/…` before an absolute URL. */
const ABSOLUTE_PREFIX =
  /(?:https?:)?\/\/(?:web\.|www\.|wayback\.)?archive\.org\/web\/\d{1,14}(?:[a-z]{2}_)?\/(?=[a-z][a-z0-9+.-]*:)/gi;
/** `/web/<ts><flag>/` in an attribute or CSS `url(` before an absolute URL. */
const RELATIVE_PREFIX = /(?<=["'(=\s,])\/web\/\d{1,14}(?:[a-z]{2}_)?\/(?=[a-z][a-z0-9+.-]*:)/gi;

interface Span {
  start: number;
  end: number;
}

interface Tag {
  start: number;
  /** Just past the closing `>`. */
  end: number;
  /** The whole tag, `<` to `>`. */
  text: string;
}

/**
 * Finds the `>` that closes a tag, remembering the last one found: callers ask
 * for ever later starts, so a page full of stray `<` is still scanned once.
 */
class TagScanner {
  private gt = -2;

  constructor(private readonly html: string) {}

  /**
   * The next tag whose opener (`/<div\b/gi`, `/<\/?div\b/gi`…) matches at or
   * after `from`; null when there is none. Calls must not go backwards.
   */
  next(opener: RegExp, from: number): Tag | null {
    opener.lastIndex = from;
    for (;;) {
      const match = opener.exec(this.html);
      if (match === null) return null;
      if (this.gt === -1) return null;
      if (this.gt < match.index) this.gt = this.html.indexOf('>', match.index);
      if (this.gt === -1) return null;
      const end = this.gt + 1;
      if (end - match.index <= MAX_TAG_CHARS)
        return { start: match.index, end, text: this.html.slice(match.index, end) };
    }
  }
}

/** Rebuild `html` without the given (possibly overlapping) spans. */
function without(html: string, spans: Span[]): string {
  if (spans.length === 0) return html;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const span of spans) {
    if (span.end <= at) continue;
    if (span.start > at) out += html.slice(at, span.start);
    at = Math.max(at, span.end);
  }
  return out + html.slice(at);
}

/** `<!-- BEGIN WAYBACK TOOLBAR INSERT -->` … `<!-- END … -->`, pairwise, each scan moving forward only. */
function toolbarInsertSpans(html: string): Span[] {
  const spans: Span[] = [];
  TOOLBAR_BEGIN.lastIndex = 0;
  let begin: RegExpExecArray | null;
  while ((begin = TOOLBAR_BEGIN.exec(html)) !== null) {
    TOOLBAR_END.lastIndex = begin.index + begin[0].length;
    const end = TOOLBAR_END.exec(html);
    if (end === null) {
      // An insert without its end marker: drop the marker and let the toolbar-div rule take the rest.
      spans.push({ start: begin.index, end: begin.index + begin[0].length });
      break;
    }
    spans.push({ start: begin.index, end: end.index + end[0].length });
    TOOLBAR_BEGIN.lastIndex = end.index + end[0].length;
  }
  return spans;
}

/** The toolbar `<div>`s with everything nested in them (divs counted to find the matching close). */
function toolbarDivSpans(html: string): Span[] {
  const spans: Span[] = [];
  const scanner = new TagScanner(html);
  let open = scanner.next(DIV_OPENER, 0);
  while (open !== null) {
    if (!TOOLBAR_ID.test(open.text)) {
      open = scanner.next(DIV_OPENER, open.end);
      continue;
    }
    let depth = 1;
    let end = html.length;
    let tag = scanner.next(DIV_OPENER_OR_CLOSER, open.end);
    while (tag !== null) {
      depth += tag.text.startsWith('</') ? -1 : 1;
      if (depth === 0) {
        end = tag.end;
        break;
      }
      tag = scanner.next(DIV_OPENER_OR_CLOSER, tag.end);
    }
    spans.push({ start: open.start, end });
    open = end >= html.length ? null : scanner.next(DIV_OPENER, end);
  }
  return spans;
}

/** Every `<script>` element (with its end), so replay scripts can be recognised by source or content. */
function replayScriptSpans(html: string): Span[] {
  const spans: Span[] = [];
  const scanner = new TagScanner(html);
  let open = scanner.next(SCRIPT_OPENER, 0);
  while (open !== null) {
    SCRIPT_CLOSE.lastIndex = open.end;
    const close = SCRIPT_CLOSE.exec(html);
    const bodyEnd = close === null ? html.length : close.index;
    const end = close === null ? html.length : close.index + close[0].length;
    const src = /\bsrc\s*=/i.test(open.text);
    if ((src && REPLAY_SCRIPT_SRC.test(open.text)) || REPLAY_SCRIPT_BODY.test(html.slice(open.end, bodyEnd))) {
      spans.push({ start: open.start, end });
    }
    open = close === null ? null : scanner.next(SCRIPT_OPENER, end);
  }
  return spans;
}

/** Every tag matching `opener` for which `keep` holds. */
function tagsWhere(html: string, opener: RegExp, keep: (tag: Tag) => boolean): Tag[] {
  const found: Tag[] = [];
  const scanner = new TagScanner(html);
  for (let tag = scanner.next(opener, 0); tag !== null; tag = scanner.next(opener, tag.end)) {
    if (keep(tag)) found.push(tag);
  }
  return found;
}

function replayLinkSpans(html: string): Span[] {
  // Very old replays set <BASE HREF="http://web.archive.org/web/<ts>/…"> (or a .wstub.archive.org host).
  return [
    ...tagsWhere(html, LINK_OPENER, (tag) => REPLAY_STYLESHEET.test(tag.text)),
    ...tagsWhere(html, BASE_OPENER, (tag) => WAYBACK_HREF.test(tag.text)),
  ];
}

/**
 * Comments the replay adds: the closing "FILE ARCHIVED ON …" notice, playback
 * timings, markers. Scripts are skipped whole, so a `<!--` inside one can never
 * swallow the page after it.
 */
function replayCommentSpans(html: string): Span[] {
  const spans: Span[] = [];
  COMMENT_OR_SCRIPT.lastIndex = 0;
  let match: RegExpExecArray | null;
  while ((match = COMMENT_OR_SCRIPT.exec(html)) !== null) {
    const start = match.index;
    let end: number;
    if (match[0] === COMMENT_OPEN) {
      const close = html.indexOf(COMMENT_CLOSE, start + COMMENT_OPEN.length);
      end = close === -1 ? html.length : close + COMMENT_CLOSE.length;
      if (REPLAY_COMMENT.test(html.slice(start, end))) spans.push({ start, end });
    } else {
      // A script's body, up to `</script>`, is never a comment even if it holds `<!--`.
      SCRIPT_CLOSE.lastIndex = start + match[0].length;
      const close = SCRIPT_CLOSE.exec(html);
      end = close === null ? html.length : close.index + close[0].length;
    }
    COMMENT_OR_SCRIPT.lastIndex = end;
  }
  return spans;
}

/**
 * Everything from the end of `<head …>` (or the start of the run of tags
 * right before the marker) to `<!-- End Wayback Rewrite JS Include -->`: the
 * replay inserts its scripts and stylesheets there as one block.
 */
function rewriteIncludeSpans(html: string): Span[] {
  const spans: Span[] = [];
  for (const marker of html.matchAll(INCLUDE_END)) {
    const end = marker.index + marker[0].length;
    spans.push({ start: includeStart(html, marker.index), end });
  }
  for (const marker of html.matchAll(INCLUDE_START)) {
    spans.push({ start: marker.index, end: marker.index + marker[0].length });
  }
  return spans;
}

/** Walk back from the marker over whitespace and whole `<script>`/`<link>` elements: the include is one contiguous block. */
function includeStart(html: string, markerAt: number): number {
  let start = markerAt;
  for (;;) {
    let at = start;
    while (at > 0 && /\s/.test(html[at - 1] ?? '')) at--;
    let open: number;
    if (html.slice(Math.max(0, at - 9), at).toLowerCase() === '</script>') open = lastTagStart(html, at - 9, 'script');
    else if (html[at - 1] === '>') open = lastTagStart(html, at - 1, 'link', true);
    else return start;
    if (open === -1) return start;
    start = open;
  }
}

/**
 * Where the `<tag` that ends before `before` opens, scanning back one `<` at a
 * time (case-insensitive, no lower-cased copy of the page); -1 when there is
 * none, or when `nearest` is set and the nearest `<` opens something else.
 */
function lastTagStart(html: string, before: number, tag: string, nearest = false): number {
  const opener = `<${tag}`;
  let at = html.lastIndexOf('<', before - 1);
  while (at !== -1) {
    if (html.slice(at, at + opener.length).toLowerCase() === opener && !/[\w-]/.test(html[at + opener.length] ?? ''))
      return at;
    if (nearest) return -1;
    at = html.lastIndexOf('<', at - 1);
  }
  return -1;
}

/** Turn `/web/<ts><flag>/<url>` and `https://web.archive.org/web/<ts><flag>/<url>` back into `<url>`. */
export function restoreOriginalLinks(html: string): string {
  return html.replace(ABSOLUTE_PREFIX, '').replace(RELATIVE_PREFIX, '');
}

/**
 * Remove everything the Wayback Machine's replay added to a page: the toolbar
 * inserts (old `wm-ipp` and current `wm-ipp-base`, with their content), the
 * rewrite-JS include and every replay script (`__wm.init`, `__wm.wombat`,
 * `__wbhack.init`, wombat.js, bundle-playback.js, ruffle, analytics), the
 * replay stylesheets, the closing "FILE ARCHIVED ON … AND RETRIEVED FROM THE
 * INTERNET ARCHIVE ON …" and "playback timings" comments, the 2007-era
 * `<BASE HREF>` and script comment; then restore rewritten links to the
 * original URLs. Pages without replay markup come back unchanged (apart from
 * link prefixes, which only replayed pages carry).
 */
export function stripReplayMarkup(html: string): string {
  // Inserts and toolbar divs first, so scripts inside them are not scanned twice.
  let out = without(html, [...toolbarInsertSpans(html), ...rewriteIncludeSpans(html)]);
  out = without(out, toolbarDivSpans(out));
  out = without(out, [...replayScriptSpans(out), ...replayCommentSpans(out)]);
  out = without(out, replayLinkSpans(out));
  return restoreOriginalLinks(out);
}

// ---------------------------------------------------------------------------
// Evidence

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const WOMBAT_CALL = /__wm\.wombat\(\s*(?:"([^"]{0,4096})"|'([^']{0,4096})')\s*,\s*["'](\d{4,14})["']/;
/** 2015–2018 replays: `WB_wombat_Init('https://web.archive.org/web', '20180707155901', 'tetrimus.com')`. */
const WB_WOMBAT_INIT = /WB_wombat_Init\(\s*["'][^"']{0,512}["']\s*,\s*["'](\d{4,14})["']\s*,\s*["']([^"']{0,512})["']/;
const CLOSING_TIME =
  /FILE ARCHIVED ON\s+(\d{1,2}):(\d{2}):(\d{2})\s+([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})\s+AND RETRIEVED/i;
const CLOSING_DIGITS = /FILE ARCHIVED ON\s+(\d{14})\s+AND RETRIEVED/i;
const SAVED_FROM = /<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->/i;
/** A Wayback URL in a comment at the top: SingleFile's `url:` line, the Princeton dataset's header… */
const HEADER_COMMENT_URL =
  /<!--[^>]{0,600}?((?:https?:)?\/\/(?:web\.|www\.)?archive\.org\/web\/\d{4,14}[a-z_]*\/[^\s)"'<>]+)/i;
const WAYBACK_URL =
  /^(?:https?:)?\/\/(?:web\.|www\.|wayback\.)?archive\.org\/web\/(\d{1,14})(?:[a-z]{2}_)?\/((?:[a-z][a-z0-9+.-]*(?::|%3a)|\/\/)\S*)$/i;
const WSTUB_HOST = /^([a-z0-9.-]+?)\.wstub\.archive\.org$/i;
const CANONICAL_REL = /\brel\s*=\s*["']?canonical\b/i;
const OG_URL_PROPERTY = /\bproperty\s*=\s*["']?og:url\b/i;
const CONTENT_VALUE = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i;
const PRINT_BANNER_ID = /\bid\s*=\s*["']?wm-ipp-print\b/i;
const PRINT_BANNER_TEXT = /^\s*The Wayback Machine\s*-\s*(\S+?)\s*<\/div>/i;
/** The toolbar's own script: `__wm.bt(650,27,25,2,"web","<url>","<ts>",…)` (2016 on; the time is sometimes a date). */
const TOOLBAR_BT = /__wm\.bt\(\s*[\d\s,]{0,40}"web"\s*,\s*"([^"]{1,2048})"\s*,\s*"(\d{14}|\d{4}-\d{2}-\d{2})"/;
/** 2011–2013 toolbars: `var wbCurrentUrl = "http:\/\/…";` and the form's hidden `date` field. */
const TOOLBAR_CURRENT_URL = /\bwbCurrentUrl\s*=\s*"([^"]{1,2048})"/;
const TOOLBAR_DATE_FIELD = /<input\b[^>]{0,200}?\bname\s*=\s*["']?date["']?\s+value\s*=\s*["']?(\d{14})\b/i;
const LINK_IN_PAGE =
  /(?:(?:https?:)?\/\/(?:web\.|www\.|wayback\.)?archive\.org)?\/web\/(\d{4,14})(?:[a-z]{2}_)?\/((?:https?:)?\/\/[^\s"'<>()\\]+)/gi;
const FILE_TIMESTAMP = /(?<!\d)(\d{14})(?!\d)/;
const FILE_DATE = /(?<!\d)((?:19|20)\d{2})-?(0[1-9]|1[0-2])-?(0[1-9]|[12]\d|3[01])(?!\d)/;
/** A Wayback URL written into a path or file name: slashes kept (wget) or replaced by `_`. */
const PATH_WAYBACK =
  /(?:web\.|www\.)?archive\.org[/_]+web[/_]+(\d{4,14})(?:[a-z]{2}_)?[/_]+(https?)(?::|%3a)?[/_]+([a-z0-9-]+(?:\.[a-z0-9-]+)+)(?:[:_]\d+)?((?:\/[^/]*)*)/i;
const MIN_YEAR = 1991;
const LINKS = "the page's /web/<timestamp>/ links";

function candidate(
  source: WaybackTimestampSource,
  where: string,
  fields: Partial<Pick<EvidenceCandidate, 'timestamp' | 'originalUrl' | 'host'>> & { capturedAt?: string | null },
): EvidenceCandidate {
  const timestamp = fields.timestamp ?? null;
  let capturedAt = fields.capturedAt ?? null;
  let partial = false;
  if (capturedAt === null && timestamp !== null) {
    capturedAt = waybackTimestampToIso(timestamp);
    if (capturedAt === null) {
      capturedAt = paddedTimestamp(timestamp);
      partial = capturedAt !== null;
    }
  }
  if (capturedAt !== null && Number(capturedAt.slice(0, 4)) < MIN_YEAR) capturedAt = null;
  const originalUrl = fields.originalUrl ?? null;
  const host = hostOf(originalUrl) ?? (fields.host ? domainKey(fields.host) : null);
  return { source, where, timestamp, capturedAt, partial, originalUrl, host };
}

/**
 * The start of the period a partial Wayback timestamp names (`2018` →
 * 2018-01-01T00:00:00Z, `201805` → 2018-05-01…); null when it is not one.
 */
function paddedTimestamp(timestamp: string): string | null {
  if (!/^\d{4}(?:\d{2}){0,5}$/.test(timestamp)) return null;
  const part = (from: number, fallback: number): number =>
    timestamp.length >= from + 2 ? Number(timestamp.slice(from, from + 2)) : fallback;
  return utcCaptureTime(Number(timestamp.slice(0, 4)), part(4, 1), part(6, 1), part(8, 0), part(10, 0), part(12, 0));
}

function hostOf(url: string | null): string | null {
  if (url === null) return null;
  try {
    const host = new URL(url).hostname;
    return host === '' ? null : domainKey(host);
  } catch {
    return null;
  }
}

/** A URL as found in markup: entities decoded, whole-URL percent-encoding undone, http(s) only. */
function cleanUrl(raw: string): string | null {
  let url = decodeHtmlEntities(raw.trim());
  url = decodeOriginalUrl(url);
  if (url.startsWith('//')) url = `http:${url}`;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** Timestamp and URL of a Wayback URL (`https://web.archive.org/web/<ts><flag>/<url>`); null if it is not one. */
function fromWaybackUrl(raw: string): { timestamp: string; originalUrl: string | null } | null {
  const match = WAYBACK_URL.exec(decodeHtmlEntities(raw.trim()));
  if (!match) return null;
  return { timestamp: match[1] ?? '', originalUrl: cleanUrl(match[2] ?? '') };
}

function attributeValue(tag: string, pattern: RegExp): string | null {
  const match = pattern.exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3] ?? null) : null;
}

function fileNameCandidates(fileName: string): EvidenceCandidate[] {
  const path = fileName.replace(/\\/g, '/');
  const base = path.slice(path.lastIndexOf('/') + 1);
  const found: EvidenceCandidate[] = [];
  const wayback = PATH_WAYBACK.exec(path);
  if (wayback) {
    const [, timestamp = '', scheme = 'http', host = '', rest = ''] = wayback;
    // With real slashes (a wget mirror) the path is the URL's; with `_` for `/` only the host is certain.
    const pathPart = rest.replace(/\/index\.html?$/i, '/');
    const originalUrl = rest === '' ? null : cleanUrl(`${scheme.toLowerCase()}://${host}${pathPart}`);
    found.push(candidate('file-name', 'the Wayback URL in the file name', { timestamp, originalUrl, host }));
  }
  const digits = FILE_TIMESTAMP.exec(base)?.[1];
  if (digits !== undefined && waybackTimestampToIso(digits) !== null) {
    found.unshift(candidate('file-name', 'the file name', { timestamp: digits }));
  } else if (found.length === 0) {
    const date = FILE_DATE.exec(base);
    if (date) {
      const capturedAt = utcCaptureTime(Number(date[1]), Number(date[2]), Number(date[3]));
      if (capturedAt !== null) {
        const dated = candidate('file-name', 'the date in the file name', { capturedAt });
        found.push({ ...dated, timestamp: `${date[1]}${date[2]}${date[3]}`, partial: true });
      }
    }
  }
  return found;
}

function wombatCandidates(html: string): EvidenceCandidate[] {
  const found: EvidenceCandidate[] = [];
  const call = WOMBAT_CALL.exec(html);
  if (call) {
    found.push(
      candidate('wombat-call', 'the __wm.wombat call', {
        timestamp: call[3] ?? null,
        originalUrl: cleanUrl(call[1] ?? call[2] ?? ''),
      }),
    );
  }
  const init = WB_WOMBAT_INIT.exec(html);
  if (init) {
    found.push(
      candidate('wombat-call', 'the WB_wombat_Init call', { timestamp: init[1] ?? null, host: init[2] ?? null }),
    );
  }
  return found;
}

function closingCommentCandidates(html: string): EvidenceCandidate[] {
  const time = CLOSING_TIME.exec(html);
  if (time) {
    const [, hour = '', minute = '', second = '', monthName = '', day = '', year = ''] = time;
    const month = MONTHS[monthName.toLowerCase()];
    const capturedAt =
      month === undefined
        ? null
        : utcCaptureTime(Number(year), month, Number(day), Number(hour), Number(minute), Number(second));
    if (capturedAt !== null) {
      const timestamp = capturedAt.replace(/\D/g, '');
      return [candidate('closing-comment', 'the closing "FILE ARCHIVED ON" comment', { timestamp, capturedAt })];
    }
  }
  const digits = CLOSING_DIGITS.exec(html)?.[1];
  if (digits !== undefined) {
    return [candidate('closing-comment', 'the "FILE ARCHIVED ON" script comment', { timestamp: digits })];
  }
  return [];
}

/** Wayback URLs the page states about itself: browser and SingleFile save headers, <BASE HREF>, the print banner, canonical links. */
function statedUrlCandidates(html: string): EvidenceCandidate[] {
  const found: EvidenceCandidate[] = [];
  const head = html.slice(0, 4096);
  for (const [pattern, where] of [
    [SAVED_FROM, 'the browser\'s "saved from url" comment'],
    [HEADER_COMMENT_URL, 'the header comment'],
  ] as const) {
    const url = pattern.exec(head)?.[1];
    const parsed = url === undefined ? null : fromWaybackUrl(url);
    if (parsed) found.push(candidate('wayback-url', where, parsed));
  }
  for (const tag of tagsWhere(html, BASE_OPENER, () => true)) {
    const href = attributeValue(tag.text, HREF_VALUE);
    if (href === null) continue;
    const parsed = fromWaybackUrl(href);
    if (parsed) {
      found.push(candidate('wayback-url', 'the <BASE HREF>', parsed));
      continue;
    }
    // 2007-era replays: <BASE HREF="http://example.com.wstub.archive.org/path">.
    try {
      const url = new URL(href);
      const host = WSTUB_HOST.exec(url.hostname)?.[1];
      if (host !== undefined) {
        url.hostname = host;
        found.push(candidate('wayback-url', 'the <BASE HREF>', { originalUrl: url.href }));
      }
    } catch {
      // Not a URL: nothing to learn.
    }
  }
  const banner = printBannerUrl(html);
  const fromBanner = banner === null ? null : fromWaybackUrl(banner);
  if (fromBanner) found.push(candidate('wayback-url', 'the toolbar\'s "The Wayback Machine -" line', fromBanner));
  found.push(...toolbarCandidates(html));
  const canonical = tagsWhere(html, LINK_OPENER, (tag) => CANONICAL_REL.test(tag.text))[0];
  const ogUrl = tagsWhere(html, META_OPENER, (tag) => OG_URL_PROPERTY.test(tag.text))[0];
  for (const [url, where] of [
    [canonical === undefined ? null : attributeValue(canonical.text, HREF_VALUE), 'the canonical link'],
    [ogUrl === undefined ? null : attributeValue(ogUrl.text, CONTENT_VALUE), 'the og:url meta tag'],
  ] as const) {
    const parsed = url === null ? null : fromWaybackUrl(url);
    if (parsed) found.push(candidate('wayback-url', where, parsed));
  }
  return found;
}

/** What the toolbar's scripts and form say about the capture they sit in. */
function toolbarCandidates(html: string): EvidenceCandidate[] {
  const found: EvidenceCandidate[] = [];
  const bt = TOOLBAR_BT.exec(html);
  if (bt) {
    const time = bt[2] ?? '';
    const originalUrl = cleanUrl(bt[1] ?? '');
    found.push(
      time.length === 14
        ? candidate('wayback-url', 'the toolbar script', { timestamp: time, originalUrl })
        : {
            ...candidate('wayback-url', 'the toolbar script', { capturedAt: `${time}T00:00:00Z`, originalUrl }),
            timestamp: time.replace(/-/g, ''),
            partial: true,
          },
    );
  }
  const current = TOOLBAR_CURRENT_URL.exec(html)?.[1];
  if (current !== undefined) {
    const date = TOOLBAR_DATE_FIELD.exec(html)?.[1] ?? null;
    found.push(
      candidate('wayback-url', 'the toolbar script', {
        timestamp: date,
        originalUrl: cleanUrl(current.replace(/\\\//g, '/')),
      }),
    );
  }
  return found;
}

/** The URL in the toolbar's print line: `<div id="wm-ipp-print">The Wayback Machine - <url></div>`. */
function printBannerUrl(html: string): string | null {
  const tag = tagsWhere(html, DIV_OPENER, (div) => PRINT_BANNER_ID.test(div.text))[0];
  if (tag === undefined) return null;
  return PRINT_BANNER_TEXT.exec(html.slice(tag.end, tag.end + 512))?.[1] ?? null;
}

function mostCommon<T>(counts: Map<T, number>): T | null {
  let best: T | null = null;
  let bestCount = 0;
  for (const [value, count] of counts) {
    if (count > bestCount) {
      best = value;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The replay rewrites every link with the page's own timestamp, so the most
 * common full timestamp among `/web/<ts>/` links is the capture's, and the
 * most common host among those links is (usually) the site's own. Partial
 * timestamps count only when no link has a full one.
 */
function linkCandidates(html: string): EvidenceCandidate[] {
  const full = new Map<string, number>();
  const partial = new Map<string, number>();
  const hostsByTimestamp = new Map<string, Map<string, number>>();
  for (const match of html.matchAll(LINK_IN_PAGE)) {
    const timestamp = match[1] ?? '';
    const counts = timestamp.length === 14 ? full : partial;
    counts.set(timestamp, (counts.get(timestamp) ?? 0) + 1);
    const host = hostOf(cleanUrl(match[2] ?? ''));
    if (host === null) continue;
    const hosts = hostsByTimestamp.get(timestamp) ?? new Map<string, number>();
    hosts.set(host, (hosts.get(host) ?? 0) + 1);
    hostsByTimestamp.set(timestamp, hosts);
  }
  const timestamp = mostCommon(full.size > 0 ? full : partial);
  if (timestamp === null) return [];
  const hosts = hostsByTimestamp.get(timestamp);
  const host = hosts ? mostCommon(hosts) : null;
  return [candidate('wayback-url', LINKS, { timestamp, host })];
}

function withoutToolbars(html: string): string {
  const stripped = without(html, toolbarInsertSpans(html));
  return without(stripped, toolbarDivSpans(stripped));
}

function describeTime(chosen: EvidenceCandidate): string {
  return `only a partial capture time was found (${chosen.where}: ${chosen.timestamp ?? ''}); it is taken as the start of that period`;
}

/**
 * What a page and its file name tell about the capture, each source tried in
 * order of trust: the file name (a 14-digit timestamp, or a Wayback URL in a
 * saved-page name), the `__wm.wombat(url, "<ts>", …)` call, the closing
 * "FILE ARCHIVED ON …" comment (to the second, UTC), Wayback URLs the page
 * states about itself (save headers, `<BASE HREF>`, canonical link), and
 * finally the most common `/web/<ts>/` timestamp among its links with their
 * most common host. Partial timestamps (`/web/2018/…`, a date-only file name)
 * are used only when no source gives a full one, padded to the start of the
 * period, and said so in `notes`.
 *
 * @param fileName the file's name or path (a Wayback URL in it may span folders, as wget saves it).
 */
export function findCaptureEvidence(html: string, fileName: string): CaptureEvidence {
  const candidates = [
    ...fileNameCandidates(fileName),
    ...wombatCandidates(html),
    ...closingCommentCandidates(html),
    ...statedUrlCandidates(html),
    ...linkCandidates(withoutToolbars(html)),
  ];
  const timed = candidates.filter((c) => c.capturedAt !== null);
  const chosen = timed.find((c) => !c.partial) ?? timed[0] ?? null;
  const withUrl = candidates.find((c) => c.originalUrl !== null) ?? null;
  const withHost = candidates.find((c) => c.host !== null) ?? null;
  const notes: string[] = [];
  if (chosen?.partial) notes.push(describeTime(chosen));
  const originalUrl = withUrl?.originalUrl ?? null;
  const host = withUrl?.host ?? withHost?.host ?? null;
  const hostGuessed = originalUrl === null && withHost !== null && withHost.where === LINKS;
  if (hostGuessed && host !== null) notes.push(`the site ${host} is guessed from the page's links`);
  const timestamp = chosen?.capturedAt ? chosen.capturedAt.replace(/\D/g, '') : null;
  return {
    capturedAt: chosen?.capturedAt ?? null,
    timestampSource: chosen?.source ?? null,
    timestamp,
    partialTimestamp: chosen?.partial ?? false,
    originalUrl,
    host,
    hostGuessed,
    waybackUrl:
      timestamp !== null && originalUrl !== null && !chosen?.partial
        ? `https://web.archive.org/web/${timestamp}/${originalUrl}`
        : null,
    notes,
    candidates,
  };
}

// ---------------------------------------------------------------------------
// Recognising replayed pages and the replay's own notices

/** Markup only the Wayback replay writes (toolbars, rewrite includes, closing comments, rewritten links). */
const REPLAY_MARKER =
  /<!--\s*(?:BEGIN WAYBACK TOOLBAR INSERT|End Wayback Rewrite JS Include)|\bid\s*=\s*["']?wm-ipp|__wm\.(?:init|wombat|bt)\(|__wbhack\.init|WB_wombat_Init|FILE ARCHIVED ON\s+\d|\bsWayBackCGI\b|<base\b[^>]{0,256}\bhref\s*=\s*["']?https?:\/\/(?:web\.)?archive\.org\/web\/\d|\b(?:href|src)\s*=\s*["']?\/web\/\d{14}(?:[a-z]{2}_)?\/https?:/i;
/** A save header naming a Wayback URL (browser "saved from url", SingleFile, or any leading comment). */
const WAYBACK_SAVE_HEADER =
  /^\uFEFF?\s*(?:<!doctype[^>]{0,256}>\s*)?<!--[^>]{0,300}?(?:https?:)?\/\/(?:web\.)?archive\.org\/web\/\d{4,14}/i;
const REDIRECT_PLACEHOLDER = /Got an HTTP (30\d) response at crawl time/i;
const REDIRECT_TARGET = /Redirecting to\.{3}\s*<\/p>\s*<p\b[^>]{0,256}>\s*([^<\s]+)/i;
const WAYBACK_ERROR =
  /Wayback Machine (?:doesn[’']t|does not) have that page archived|The Wayback Machine has not archived that URL|This URL has been excluded from the Wayback Machine|Page cannot be (?:crawled or )?displayed due to robots\.txt|This snapshot cannot be displayed|>\s*Hrm\.?\s*<\/(?:h2|p)>/i;

/**
 * Whether a page carries markup the Wayback Machine's replay adds (toolbar,
 * rewrite includes, wombat calls, closing comments, `/web/<ts>/` links), or
 * begins with a save header naming a Wayback URL (a raw `id_` capture saved by
 * a browser). Cheap: one linear scan.
 */
export function hasWaybackMarkers(html: string): boolean {
  return WAYBACK_SAVE_HEADER.test(html.slice(0, 2048)) || REPLAY_MARKER.test(html);
}

/**
 * Why a page is a notice of the Wayback Machine rather than a capture: a
 * redirect placeholder ("Got an HTTP 301 response at crawl time", naming where
 * it redirects) or an error page ("Hrm.", "Wayback Machine doesn't have that
 * page archived", robots.txt exclusions). Null for ordinary pages.
 */
export function replayNoticeReason(html: string): string | null {
  const redirect = REDIRECT_PLACEHOLDER.exec(html);
  if (redirect) {
    const target = REDIRECT_TARGET.exec(html)?.[1];
    const to = target === undefined ? '' : ` to ${decodeHtmlEntities(target)}`;
    return `Wayback redirect placeholder (HTTP ${redirect[1] ?? '30x'} at crawl time${to}), not a policy`;
  }
  const error = WAYBACK_ERROR.exec(html);
  if (error) {
    const what = /Hrm/i.test(error[0]) ? 'the page was not archived' : error[0].replace(/\s+/g, ' ');
    return `Wayback Machine error page (${what}), not a capture`;
  }
  return null;
}

const HTTP_EQUIV_REFRESH = /\bhttp-equiv\s*=\s*["']?refresh\b/i;
const REFRESH_URL = /\bcontent\s*=\s*["']?\s*\d*(?:\.\d+)?\s*[;,]?\s*url\s*=\s*['"]?([^"'>\s]+)/i;

/**
 * Whether the page asks the browser to go elsewhere with `<meta
 * http-equiv="refresh">`, and where: `{ target: null }` when it names no URL,
 * null when there is no such tag.
 */
export function metaRefresh(html: string): { target: string | null } | null {
  const tag = tagsWhere(html, META_OPENER, (meta) => HTTP_EQUIV_REFRESH.test(meta.text))[0];
  if (tag === undefined) return null;
  const target = REFRESH_URL.exec(tag.text)?.[1];
  return { target: target === undefined ? null : decodeHtmlEntities(target) };
}
