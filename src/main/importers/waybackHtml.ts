/**
 * Archived HTML pages: raw `id_` captures, pages saved through the Wayback
 * Machine's replay, download tools' files (waybackpack, wayback-machine-
 * downloader), WARC/WACZ records, and plain pages whose vendor, URL and date
 * the user gives. The replay's markup is stripped, the main content
 * extracted, and the capture's time and URL taken from the most trustworthy
 * place that states them, which is recorded.
 */
import type { InferredField, SourceFormat, TimestampSource } from '../../shared/domain';
import { captureTimeFromInput } from '../extract/captureTime';
import { findEffectiveDate } from '../extract/effectiveDate';
import { extractHtml } from '../extract/htmlBlocks';
import type { HtmlExtraction } from '../extract/htmlBlocks';
import { errorPageReason, missingTextReason, wordCountOf } from '../extract/policyText';
import { normalizeText } from '../extract/normalizeText';
import { inferVendor, vendorFromUserInput } from '../extract/vendorInference';
import { domainKey, isDomain } from '../extract/vendorKey';
import {
  findCaptureEvidence,
  hasWaybackMarkers,
  metaRefresh,
  replayNoticeReason,
  stripReplayMarkup,
} from '../extract/waybackReplay';
import type { CaptureEvidence } from '../extract/waybackReplay';
import { parseWaybackUrl, waybackTimestampToIso } from '../extract/waybackUrl';
import type { Capture } from './capture';
import { SkipFile } from './capture';
import type { CaptureHints } from './importUnit';
import type { ImportContext } from './readCaptures';

/** A page that only redirects has a sentence or two besides its title ("If you are not redirected…"). */
const REDIRECT_PAGE_MAX_WORDS = 40;
const URL_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;
const OTHER_SCHEME = /^[a-z][a-z0-9+.-]*:(?!\d)/i;

const PRIVACY_PATH =
  /privacy|privacidad|privacidade|datenschutz|confidentialit|privacybeleid|integritetspolicy|gizlilik/;
const COOKIE_PATH = /cookie/;
const TERMS_PATH =
  /terms|(?:^|[/_.-])tos(?:$|[/_.-])|conditions|(?:^|[/_.-])agb(?:$|[/_.-])|nutzungsbedingungen|user-?agreement|eula/;
const PAGE_SUFFIX = /(?:\/index)?\.(?:s?html?|php\d?|aspx?|jsp|cfm)$/;
const NOT_SLUG = /[^\p{L}\p{N}]+/gu;
const TOP_BLOCKS_FOR_KIND = 10;
const MENTIONS_PRIVACY = /\bprivacy\b|\bpersonal (?:data|information)\b|\bdata protection\b|\bdatenschutz/i;
const MENTIONS_TERMS = /\bterms (?:of (?:service|use)|and conditions)\b/i;
const MENTIONS_COOKIES = /\bcookies? (?:policy|notice|statement)\b/i;

const PRIVACY_POLICY: Capture['document'] = { key: 'privacy-policy', title: 'Privacy Policy' };
const TERMS_OF_SERVICE: Capture['document'] = { key: 'terms-of-service', title: 'Terms of Service' };
const COOKIE_POLICY: Capture['document'] = { key: 'cookie-policy', title: 'Cookie Policy' };

/** Where each container's date comes from when its hints do not say. */
const HINT_TIME_SOURCE: Record<CaptureHints['origin'], TimestampSource> = {
  file: 'file-name',
  'waybackpack-folder': 'folder-name',
  'wayback-machine-downloader-folder': 'folder-name',
  warc: 'warc-date',
  wacz: 'warc-date',
  git: 'commit-date',
};
/** Layouts whose files are Wayback Machine captures even when the bytes carry no replay markup. */
const WAYBACK_ORIGINS = new Set<CaptureHints['origin']>(['waybackpack-folder', 'wayback-machine-downloader-folder']);

/**
 * Whether a page should be read as an archived Wayback capture: it carries
 * replay markup or a save header naming a Wayback URL, or (when `fileName` is
 * given) its name holds a 14-digit Wayback timestamp or a Wayback URL.
 */
export function isWaybackHtml(text: string, fileName?: string): boolean {
  if (hasWaybackMarkers(text)) return true;
  if (fileName === undefined) return false;
  return findCaptureEvidence('', fileName).candidates.some((c) => c.capturedAt !== null && !c.partial);
}

/**
 * An http(s) URL from user input or a container: a Wayback URL stands for its
 * original; a bare host gets `http://`. Null when there is none or (for a
 * container's URL) it is not a web address; a user's bad URL is an Error.
 */
function normalizeUrl(value: string | undefined, fromUser: boolean): string | null {
  if (value === undefined || value.trim() === '') return null;
  const raw = value.trim();
  const original = parseWaybackUrl(raw)?.originalUrl ?? raw;
  // `example.com:8080/x` has a port, not a scheme; `mailto:` and `ftp://` are schemes that are not the web.
  const withScheme = URL_SCHEME.test(original) || OTHER_SCHEME.test(original) ? original : `http://${original}`;
  try {
    const url = new URL(withScheme);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '') return url.href;
  } catch {
    // Not a URL: reported below for users, ignored for containers.
  }
  if (!fromUser) return null;
  throw new Error(`original URL "${raw}" is not a web address such as https://example.com/privacy`);
}

function parsedUrl(url: string | null): URL | null {
  if (url === null) return null;
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** Same page: same host (without `www.`), path (without trailing `/` or `index.html`) and query. */
function samePage(a: URL, b: URL): boolean {
  const path = (url: URL): string => url.pathname.replace(/\/index\.html?$/i, '/').replace(/\/+$/, '');
  return domainKey(a.hostname) === domainKey(b.hostname) && path(a) === path(b);
}

function humanize(segment: string): string {
  return segment
    .split(/[-_.\s]+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join(' ');
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Which document of the vendor a URL is, so every capture of one page lands
 * on one document whatever its scheme, `www.`, trailing slash, `index.html`
 * or case: privacy pages → `privacy-policy`, cookie pages → `cookie-policy`,
 * terms → `terms-of-service`, anything else a slug of its path.
 */
export function documentFromUrl(url: URL): Capture['document'] {
  const path = safeDecode(url.pathname).toLowerCase().replace(PAGE_SUFFIX, '').replace(/\/+$/, '');
  const query = safeDecode(url.search).toLowerCase();
  const says = (pattern: RegExp): boolean => pattern.test(path) || pattern.test(query);
  if (says(PRIVACY_PATH)) return PRIVACY_POLICY;
  if (says(COOKIE_PATH)) return COOKIE_POLICY;
  if (says(TERMS_PATH)) return TERMS_OF_SERVICE;
  const segments = path.split('/').filter((segment) => segment !== '');
  const key = segments
    .join('-')
    .replace(NOT_SLUG, '-')
    .replace(/^-+|-+$/g, '');
  if (key === '') return { key: 'home', title: 'Home Page' };
  return { key, title: humanize(segments[segments.length - 1] ?? key) };
}

/** Which document a page is when no URL names it, from the words at its top. */
function documentFromText(page: HtmlExtraction): Capture['document'] {
  const top = page.blocks
    .slice(0, TOP_BLOCKS_FOR_KIND)
    .map((block) => block.text)
    .join('\n');
  if (MENTIONS_PRIVACY.test(top)) return PRIVACY_POLICY;
  if (MENTIONS_TERMS.test(top)) return TERMS_OF_SERVICE;
  if (MENTIONS_COOKIES.test(top)) return COOKIE_POLICY;
  return PRIVACY_POLICY;
}

function skipIfNotACapture(html: string, stripped: string, page: HtmlExtraction): void {
  const notice = replayNoticeReason(html);
  if (notice) throw new SkipFile(notice);
  const refresh = metaRefresh(stripped);
  if (refresh && wordCountOf(page.blocks.slice(page.title === '' ? 0 : 1)) < REDIRECT_PAGE_MAX_WORDS) {
    throw new SkipFile(
      `redirect page (meta refresh${refresh.target === null ? '' : ` to ${refresh.target}`}), not a policy`,
    );
  }
  const error = errorPageReason(page.blocks, page.title);
  if (error) throw new SkipFile(error);
  const missing = missingTextReason(page.blocks);
  if (missing) throw new SkipFile(missing);
}

interface ChosenTime {
  capturedAt: string;
  source: TimestampSource;
  inferred: boolean;
}

function chooseTime(context: ImportContext, hints: CaptureHints | undefined, evidence: CaptureEvidence): ChosenTime {
  // A container record of a Wayback replay URL (a WARC crawled from web.archive.org):
  // the record's date is when the replay was fetched, the URL's timestamp when the page was.
  const replayed = hints?.originalUrl === undefined ? null : parseWaybackUrl(hints.originalUrl);
  const replayedAt = replayed === null ? null : waybackTimestampToIso(replayed.timestamp);
  if (replayedAt !== null) return { capturedAt: replayedAt, source: 'wayback-url', inferred: false };
  if (hints?.capturedAt !== undefined) {
    return {
      capturedAt: hints.capturedAt,
      source: hints.capturedAtSource ?? HINT_TIME_SOURCE[hints.origin],
      inferred: false,
    };
  }
  const given = context.overrides.capturedAt;
  if (given !== undefined && given.trim() !== '') {
    const capturedAt = captureTimeFromInput(given);
    if (capturedAt === null) throw new Error(`capture date "${given}" is not an ISO date such as 2020-05-01`);
    return { capturedAt, source: 'user', inferred: false };
  }
  if (evidence.capturedAt !== null && evidence.timestampSource !== null) {
    return { capturedAt: evidence.capturedAt, source: evidence.timestampSource, inferred: evidence.partialTimestamp };
  }
  throw new Error('no capture date in the page or its name — pass --date');
}

interface ChosenUrl {
  url: string | null;
  inferred: boolean;
}

function chooseUrl(
  context: ImportContext,
  hints: CaptureHints | undefined,
  evidence: CaptureEvidence,
  page: HtmlExtraction,
): ChosenUrl {
  const fromHints = normalizeUrl(hints?.originalUrl, false);
  if (fromHints !== null) {
    // Folder layouts rebuild the URL without scheme or query; the page's own
    // Wayback metadata states it exactly when it names the same page.
    const hinted = parsedUrl(fromHints);
    const stated = parsedUrl(evidence.originalUrl);
    if (hinted && stated && hints?.origin !== 'warc' && hints?.origin !== 'wacz' && samePage(hinted, stated)) {
      return { url: stated.href, inferred: false };
    }
    return { url: fromHints, inferred: false };
  }
  const given = normalizeUrl(context.overrides.originalUrl, true);
  if (given !== null) return { url: given, inferred: false };
  if (evidence.originalUrl !== null) return { url: evidence.originalUrl, inferred: false };
  const canonical = parsedUrl(
    page.canonicalUrl === null ? null : (parseWaybackUrl(page.canonicalUrl)?.originalUrl ?? page.canonicalUrl),
  );
  if (canonical && (canonical.protocol === 'http:' || canonical.protocol === 'https:')) {
    return { url: canonical.href, inferred: true };
  }
  return { url: null, inferred: false };
}

interface ChosenVendor {
  vendor: Capture['vendor'];
  inferred: boolean;
}

function chooseVendor(
  context: ImportContext,
  hints: CaptureHints | undefined,
  url: ChosenUrl,
  evidence: CaptureEvidence,
  page: HtmlExtraction,
): ChosenVendor {
  if (hints?.vendor) return { vendor: { ...hints.vendor }, inferred: false };
  const given = context.overrides.vendor;
  if (given !== undefined && given.trim() !== '') {
    const vendor = vendorFromUserInput(given, context.knownVendors);
    if (!vendor) throw new Error(`vendor "${given}" has no letters or digits to name a vendor by`);
    return { vendor, inferred: false };
  }
  const urlHost = parsedUrl(url.url)?.hostname ?? '';
  const host = urlHost !== '' ? domainKey(urlHost) : evidence.host;
  if (host !== null && host !== '') {
    const known = context.knownVendors.find((vendor) => vendor.key === host);
    return {
      vendor: known ? { key: known.key, displayName: known.displayName } : { key: host, displayName: host },
      inferred: urlHost !== '' ? url.inferred : evidence.hostGuessed,
    };
  }
  const guess = inferVendor(page.blocks, context.knownVendors);
  if (guess) return { vendor: { key: guess.key, displayName: guess.displayName }, inferred: true };
  throw new Error('no original URL or vendor in the page or its name — pass --vendor');
}

function chooseDocument(
  hints: CaptureHints | undefined,
  url: string | null,
  page: HtmlExtraction,
): Capture['document'] {
  if (hints?.document) return { ...hints.document };
  const parsed = parsedUrl(url);
  return parsed && isDomain(parsed.hostname) ? documentFromUrl(parsed) : documentFromText(page);
}

function chooseFormat(text: string, hints: CaptureHints | undefined, evidence: CaptureEvidence): SourceFormat {
  if (hints?.format === 'wayback-html' || hints?.format === 'html-page') return hints.format;
  const fromWayback =
    (hints !== undefined && WAYBACK_ORIGINS.has(hints.origin)) ||
    evidence.candidates.some((c) => !(c.source === 'file-name' && c.partial)) ||
    hasWaybackMarkers(text);
  return fromWayback ? 'wayback-html' : 'html-page';
}

/** The Wayback URL of the capture, when it is one and its timestamp is known to the second. */
function waybackUrlOf(
  format: SourceFormat,
  time: ChosenTime,
  url: ChosenUrl,
  evidence: CaptureEvidence,
): string | null {
  if (format !== 'wayback-html' || url.url === null || url.inferred || time.inferred) return null;
  if (evidence.waybackUrl !== null && evidence.capturedAt === time.capturedAt && evidence.originalUrl === url.url) {
    return evidence.waybackUrl;
  }
  const timestamp = time.capturedAt.replace(/\D/g, '');
  return waybackTimestampToIso(timestamp) === null ? null : `https://web.archive.org/web/${timestamp}/${url.url}`;
}

/**
 * Read one archived HTML page into a capture.
 *
 * The page's replay markup is stripped ({@link stripReplayMarkup}) and its
 * main content extracted (Readability plus rules for banners, menus and
 * footers). Wayback redirect placeholders, Wayback error pages, meta-refresh
 * pages, HTTP error pages (soft 404s included) and near-empty pages throw
 * {@link SkipFile} with the reason.
 *
 * Capture time and original URL: `hints` from the container or folder layout
 * first, then the user's `context.overrides` (`--date`, `--url`; recorded as
 * `user`, not inferred), then what the page and its name state
 * ({@link findCaptureEvidence}: file name, `__wm.wombat` call, closing
 * comment, Wayback URLs, links); `capturedAtSource` says which. Vendor:
 * `hints.vendor`, else `--vendor`, else the host of the original URL
 * (normalised: no scheme, `www.`, case or port), else a guess from the text.
 * Document: from the URL's path (privacy / terms / cookies / a path slug),
 * else from the words at the top of the text. Guessed fields (canonical URL,
 * host from links, padded partial timestamps, vendor from the text) are
 * listed in `inferred`.
 *
 * @throws SkipFile when the page is not a capture of a policy (see above).
 * @throws Error "no capture date in the page or its name — pass --date" when
 *   nothing dates it, and errors naming a malformed `--date`, `--url` or `--vendor`.
 */
export function waybackHtmlCapture(path: string, text: string, context: ImportContext, hints?: CaptureHints): Capture {
  const stripped = stripReplayMarkup(text);
  const page = extractHtml(stripped);
  const containerTitle = normalizeText(hints?.title ?? '');
  if (page.title === '' && containerTitle !== '')
    page.blocks.unshift({ kind: 'heading', level: 1, text: containerTitle });
  skipIfNotACapture(text, stripped, page);

  const evidence = findCaptureEvidence(text, path);
  const time = chooseTime(context, hints, evidence);
  const url = chooseUrl(context, hints, evidence, page);
  const { vendor, inferred: vendorInferred } = chooseVendor(context, hints, url, evidence, page);
  const sourceFormat = chooseFormat(text, hints, evidence);

  const inferred: InferredField[] = [];
  if (vendorInferred) inferred.push('vendor');
  if (time.inferred) inferred.push('capturedAt');
  if (url.inferred) inferred.push('originalUrl');
  return {
    vendor,
    document: chooseDocument(hints, url.url, page),
    capturedAt: time.capturedAt,
    capturedAtSource: time.source,
    originalUrl: url.url,
    waybackUrl: waybackUrlOf(sourceFormat, time, url, evidence),
    effectiveDate: findEffectiveDate(page.blocks)?.date ?? null,
    sourcePath: path,
    sourceFormat,
    origin: hints?.origin ?? 'file',
    inferred,
    blocks: page.blocks,
  };
}
