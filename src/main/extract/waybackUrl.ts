/**
 * Wayback Machine URLs: `https://web.archive.org/web/<timestamp><flag>/<original url>`.
 */
import { utcCaptureTime } from './captureTime';

/** The parts of a Wayback Machine URL. */
export interface WaybackUrl {
  /** 4 to 14 digits, as in the URL (`20180813142116`, or partial `2018`). */
  timestamp: string;
  /** Replay flag such as `id_`, `if_`, `im_`; '' when none. */
  flag: string;
  /** The archived page's URL, percent-decoded when the whole URL was percent-encoded (`https%3A//…`). */
  originalUrl: string;
}

const WAYBACK = /^https?:\/\/(?:web\.|www\.|wayback\.)?archive\.org\/web\/(\d{1,14})([a-z]{2}_)?\/(.+)$/i;
const ENCODED_SCHEME = /^[a-z][a-z0-9+.-]*%3a/i;
const TIMESTAMP = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
// A URL holds no raw control characters; escapes such as %0A or %00 must stay escaped.
const CONTROL_CHAR = /\p{Cc}/u;

/**
 * Undo the percent-encoding the Princeton dataset applied to whole URLs
 * (`https%3A//formlabs.com/support/privacy-policy`). URLs that were not
 * encoded that way are returned unchanged, so their own escapes survive; so
 * are URLs whose decoding would be broken UTF-8 or bring in control
 * characters (a `%0A` or `%00` would otherwise end up as a raw line break or
 * NUL in the stored address).
 */
export function decodeOriginalUrl(url: string): string {
  if (!ENCODED_SCHEME.test(url)) return url;
  try {
    const decoded = decodeURIComponent(url);
    return CONTROL_CHAR.test(decoded) ? url : decoded;
  } catch {
    return url;
  }
}

/** Split a Wayback Machine URL into timestamp, flag and original URL; null if it is not one. */
export function parseWaybackUrl(url: string): WaybackUrl | null {
  const match = WAYBACK.exec(url.trim());
  if (!match) return null;
  return {
    timestamp: match[1] ?? '',
    flag: (match[2] ?? '').toLowerCase(),
    originalUrl: decodeOriginalUrl(match[3] ?? ''),
  };
}

/**
 * A 14-digit Wayback timestamp as ISO 8601 UTC (`20180813142116` →
 * `2018-08-13T14:21:16Z`); null for partial timestamps or impossible dates.
 */
export function waybackTimestampToIso(timestamp: string): string | null {
  const match = TIMESTAMP.exec(timestamp);
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number);
  return utcCaptureTime(year, month, day, hour, minute, second);
}
