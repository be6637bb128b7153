/**
 * Open Terms Archive released datasets:
 * `<Service>/<Terms type>/YYYY-MM-DDTHH-MM-SSZ.md`, one file per recorded
 * version, the file name being the record time in UTC.
 */
import { basename, dirname, resolve } from 'node:path';
import { findEffectiveDate } from '../extract/effectiveDate';
import { markdownBlocks } from '../extract/markdownBlocks';
import { utcCaptureTime } from '../extract/captureTime';
import { vendorKeyOf } from '../extract/vendorKey';
import type { Capture } from './capture';

/** What the path of an Open Terms Archive version tells. */
export interface OpenTermsArchivePath {
  /** Service folder name as written (`ChatGPT`, `Le Chat`). */
  service: string;
  /** Terms type folder name as written (`Privacy Policy`). */
  termsType: string;
  /** `2025-11-11T15-20-03Z.md` → `2025-11-11T15:20:03Z`. */
  capturedAt: string;
}

const VERSION_FILE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.md$/;
const NOT_SLUG = /[^\p{L}\p{N}]+/gu;

/**
 * Recognise a version file by its path: a `YYYY-MM-DDTHH-MM-SSZ.md` name
 * (a real date and time) inside `<Service>/<Terms type>/`. Null otherwise.
 */
export function matchOpenTermsArchivePath(path: string): OpenTermsArchivePath | null {
  const absolute = resolve(path);
  const match = VERSION_FILE.exec(basename(absolute));
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = match.slice(1).map(Number);
  const capturedAt = utcCaptureTime(year, month, day, hour, minute, second);
  if (!capturedAt) return null;
  const typeFolder = dirname(absolute);
  const serviceFolder = dirname(typeFolder);
  const termsType = basename(typeFolder);
  const service = basename(serviceFolder);
  // At the file-system root there is no service folder: dirname('/') is '/' and its basename ''.
  if (termsType === '' || service === '' || serviceFolder === typeFolder) return null;
  return { service, termsType, capturedAt };
}

/** `Privacy Policy` → `privacy-policy`. */
export function documentKeyOf(termsType: string): string {
  return termsType
    .trim()
    .toLowerCase()
    .replace(NOT_SLUG, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * The capture of one Open Terms Archive version: vendor from the service
 * folder, document from the terms type folder, capture time from the file
 * name, effective date from the text. Nothing is inferred.
 */
export function openTermsArchiveCapture(
  path: string,
  markdown: string,
  where: OpenTermsArchivePath,
  capturedAtSource: Capture['capturedAtSource'] = 'file-name',
): Capture {
  const blocks = markdownBlocks(markdown);
  return {
    vendor: { key: vendorKeyOf(where.service) || where.service.trim().toLowerCase(), displayName: where.service },
    document: { key: documentKeyOf(where.termsType) || 'terms', title: where.termsType },
    capturedAt: where.capturedAt,
    capturedAtSource,
    originalUrl: null,
    waybackUrl: null,
    effectiveDate: findEffectiveDate(blocks)?.date ?? null,
    sourcePath: path,
    sourceFormat: 'open-terms-archive',
    origin: 'file',
    inferred: [],
    blocks,
  };
}
