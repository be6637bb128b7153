/**
 * Policies with no header: copies of policy text (often lower-cased, one
 * sentence per line) and bare HTML pages. Vendor and capture date come from
 * the user when given, else are inferred from the text and marked inferred;
 * when they cannot be told at all the file fails with a message saying what
 * to pass. Nothing is guessed silently.
 */
import type { Block, InferredField } from '../../shared/domain';
import { captureTimeFromInput, partialDateToCaptureTime } from '../extract/captureTime';
import { findEffectiveDate } from '../extract/effectiveDate';
import { looksLikePolicy } from '../extract/policyText';
import { domainKey } from '../extract/vendorKey';
import { parseWaybackUrl } from '../extract/waybackUrl';
import { inferVendor, vendorFromUserInput } from '../extract/vendorInference';
import type { KnownVendor } from '../extract/vendorInference';
import type { Capture, CaptureOverrides } from './capture';
import { SkipFile } from './capture';
import { documentFromUrl } from './waybackHtml';

/** What a header-less file offers besides its blocks (from HTML pages). */
export interface HeaderlessHints {
  /** The page's `<link rel="canonical">` / `og:url`, if any. */
  canonicalUrl?: string | null;
}

const LEADING_BLOCKS_FOR_TITLE = 10;
const MENTIONS_PRIVACY = /\bprivacy\b|\bpersonal (?:data|information)\b|\bdata protection\b/i;
const MENTIONS_TERMS = /\bterms (?:of (?:service|use)|and conditions)\b/i;
const MENTIONS_COOKIES = /\bcookies? (?:policy|notice|statement)\b/i;

/** Which document a header-less text is, from the words at its top. */
function documentOf(blocks: readonly Block[]): Capture['document'] {
  const top = blocks
    .slice(0, LEADING_BLOCKS_FOR_TITLE)
    .map((block) => block.text)
    .join('\n');
  if (MENTIONS_PRIVACY.test(top)) return { key: 'privacy-policy', title: 'Privacy Policy' };
  if (MENTIONS_TERMS.test(top)) return { key: 'terms-of-service', title: 'Terms of Service' };
  if (MENTIONS_COOKIES.test(top)) return { key: 'cookie-policy', title: 'Cookie Policy' };
  return { key: 'privacy-policy', title: 'Privacy Policy' };
}

/** An absolute http(s) URL; a Wayback replay URL stands for the page it archived. */
function httpUrl(value: string | null | undefined): URL | null {
  if (!value) return null;
  try {
    const url = new URL(parseWaybackUrl(value)?.originalUrl ?? value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Build the capture of a header-less policy.
 *
 * Vendor: `overrides.vendor` (not inferred), else the host of the page's
 * canonical URL, else {@link inferVendor} over the text and the archive's
 * known vendors (both inferred). Capture time: `overrides.capturedAt` (not
 * inferred), else the effective date stated in the text (inferred; the 1st
 * of the month when only the month is stated). The effective date itself is
 * read from the text, not inferred.
 *
 * @throws SkipFile when the text does not read like a policy or terms.
 * @throws Error naming the missing field (and the option to pass) when vendor or date cannot be told.
 */
export function headerlessCapture(
  path: string,
  blocks: Block[],
  format: Capture['sourceFormat'],
  overrides: CaptureOverrides,
  knownVendors: readonly KnownVendor[],
  hints: HeaderlessHints = {},
): Capture {
  if (!looksLikePolicy(blocks)) throw new SkipFile('does not look like a privacy policy or terms document');
  const inferred: InferredField[] = [];
  const effective = findEffectiveDate(blocks);
  const canonical = httpUrl(hints.canonicalUrl);

  // A URL the user gives is taken as is; a page's canonical link is a guess.
  const userUrl = httpUrl(overrides.originalUrl);
  if (overrides.originalUrl !== undefined && overrides.originalUrl.trim() !== '' && !userUrl) {
    throw new Error(`URL "${overrides.originalUrl}" is not an http(s) URL`);
  }

  let vendor: Capture['vendor'] | null;
  if (overrides.vendor !== undefined && overrides.vendor.trim() !== '') {
    vendor = vendorFromUserInput(overrides.vendor, knownVendors);
    if (!vendor) throw new Error(`vendor "${overrides.vendor}" has no letters or digits to name a vendor by`);
  } else if (userUrl && domainKey(userUrl.hostname) !== '') {
    const host = domainKey(userUrl.hostname);
    vendor = knownVendors.find((candidate) => candidate.key === host) ?? { key: host, displayName: host };
    vendor = { key: vendor.key, displayName: vendor.displayName };
  } else {
    const host = canonical ? domainKey(canonical.hostname) : '';
    const known = host === '' ? undefined : knownVendors.find((candidate) => candidate.key === host);
    vendor = host === '' ? inferVendor(blocks, knownVendors) : (known ?? { key: host, displayName: host });
    if (!vendor) throw new Error('no header; cannot tell the vendor — pass --vendor');
    vendor = { key: vendor.key, displayName: vendor.displayName };
    inferred.push('vendor');
  }

  let capturedAt: string | null;
  let capturedAtSource: Capture['capturedAtSource'];
  if (overrides.capturedAt !== undefined && overrides.capturedAt.trim() !== '') {
    capturedAt = captureTimeFromInput(overrides.capturedAt);
    if (capturedAt === null)
      throw new Error(`capture date "${overrides.capturedAt}" is not an ISO date such as 2020-05-01`);
    capturedAtSource = 'user';
  } else {
    capturedAt = effective ? partialDateToCaptureTime(effective.date) : null;
    if (capturedAt === null) throw new Error('no header; cannot tell the capture date — pass --date');
    capturedAtSource = 'stated-date';
    inferred.push('capturedAt');
  }

  const originalUrl = userUrl ?? canonical;
  if (!userUrl && canonical) inferred.push('originalUrl');
  return {
    vendor,
    // A page's URL names its document, so .txt and .html copies of one page meet on one document.
    document: userUrl ? documentFromUrl(userUrl) : documentOf(blocks),
    capturedAt,
    capturedAtSource,
    originalUrl: originalUrl ? originalUrl.href : null,
    waybackUrl: null,
    effectiveDate: effective?.date ?? null,
    sourcePath: path,
    sourceFormat: format,
    origin: 'file',
    inferred,
    blocks,
  };
}
