/**
 * The importers' front door: given a file's path and bytes, decide what it is
 * and read it into captures. Pure: no database, no file-system writes.
 */
import { extname } from 'node:path';
import type { Block, SourceFormat } from '../../shared/domain';
import { implausibleCaptureTimeReason } from '../extract/captureTime';
import { decodeHtml, decodeText, looksBinary, type DecodedText } from '../extract/charset';
import { extractHtml } from '../extract/htmlBlocks';
import { markdownBlocks } from '../extract/markdownBlocks';
import { plainTextBlocks, separatesParagraphsWithBlankLines } from '../extract/plainTextBlocks';
import { missingTextReason } from '../extract/policyText';
import type { Capture, CaptureOverrides } from './capture';
import { SkipFile } from './capture';
import { headerlessCapture } from './headerless';
import { isHtmlMediaType, mediaTypeOf } from './httpResponse';
import type { CaptureHints } from './importUnit';
import { isWaybackHtml, waybackHtmlCapture } from './waybackHtml';
import { matchOpenTermsArchivePath, openTermsArchiveCapture } from './openTermsArchive';
import { detectPrincetonForm, parsePrincetonHeader, princetonCapture } from './princeton';

/** What an import needs besides the file: the user's overrides and the vendors already archived. */
export interface ImportContext {
  overrides: CaptureOverrides;
  knownVendors: Array<{ key: string; displayName: string }>;
}

/** File extensions the importers read; everything else is skipped as unsupported. */
export const IMPORTABLE_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt', '.html', '.htm'];
const HTML_EXTENSIONS = new Set(['.html', '.htm']);
const SNIFF_CHARS = 8192;
const STARTS_LIKE_MARKUP = /^\uFEFF?\s*</;
const STARTS_LIKE_HTML = /^\uFEFF?\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b/i;

function startsLikeMarkup(bytes: Buffer): boolean {
  return STARTS_LIKE_MARKUP.test(bytes.subarray(0, 256).toString('latin1'));
}

/**
 * The source format of a file, from its extension, path and first bytes,
 * without extracting it; null when the importers cannot read it (unsupported
 * type, binary content). Header-less HTML counts as `headerless-text`.
 */
export function formatOf(path: string, bytes: Buffer): SourceFormat | null {
  const extension = extname(path).toLowerCase();
  const head = bytes.subarray(0, SNIFF_CHARS).toString('utf8');
  const princeton = detectPrincetonForm(head);
  if (!IMPORTABLE_EXTENSIONS.includes(extension) && !princeton) return null;
  if (looksBinary(bytes)) return null;
  if (princeton) return princeton;
  if (extension === '.md' && matchOpenTermsArchivePath(path)) return 'open-terms-archive';
  return 'headerless-text';
}

function textBlocks(text: string): Block[] {
  return separatesParagraphsWithBlankLines(text) ? markdownBlocks(text) : plainTextBlocks(text);
}

/** The charset parameter of an HTTP Content-Type, if any. */
function charsetOf(contentType: string | undefined): string | undefined {
  return contentType ? /charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] : undefined;
}

/**
 * The capture with the page it was read from attached, for the reader's
 * original-page view: the decoded text, its media type (the container's, when
 * it said an HTML one) and the encoding it was decoded from.
 */
function withOriginal(capture: Capture, decoded: DecodedText, hints: CaptureHints | undefined): Capture {
  const stated = mediaTypeOf(hints?.contentType);
  const mediaType = stated !== null && isHtmlMediaType(stated) ? stated : 'text/html';
  return { ...capture, original: { html: decoded.text, mediaType, charset: decoded.encoding } };
}

function readOne(path: string, bytes: Buffer, context: ImportContext, hints: CaptureHints | undefined): Capture {
  // Units from containers (WARC records, git versions) have labels, not file names: their
  // format comes from the container's hints and the bytes, never from an extension.
  const fromContainer = hints !== undefined && hints.origin !== 'file';
  const extension = fromContainer ? '' : extname(path).toLowerCase();
  const supported = fromContainer || IMPORTABLE_EXTENSIONS.includes(extension);
  if (!supported && !detectPrincetonForm(bytes.subarray(0, SNIFF_CHARS).toString('utf8'))) {
    throw new SkipFile(`unsupported file type: ${extension === '' ? '(no extension)' : extension}`);
  }
  if (looksBinary(bytes)) throw new SkipFile('binary file, not text');
  const markup = startsLikeMarkup(bytes) || /html/i.test(hints?.contentType ?? '');
  const decoded = markup ? decodeHtml(bytes, charsetOf(hints?.contentType)) : decodeText(bytes);
  const text = decoded.text;

  const header = parsePrincetonHeader(text);
  if (header) {
    const capture = princetonCapture(path, text, header);
    return header.form === 'html' ? withOriginal(capture, decoded, hints) : capture;
  }

  if (hints?.format === 'open-terms-archive' && hints.vendor && hints.document && hints.capturedAt) {
    const where = { service: hints.vendor.displayName, termsType: hints.document.title, capturedAt: hints.capturedAt };
    return openTermsArchiveCapture(path, text, where, hints.capturedAtSource ?? 'commit-date');
  }
  const version = extension === '.md' ? matchOpenTermsArchivePath(path) : null;
  if (version) return openTermsArchiveCapture(path, text, version);

  const html = HTML_EXTENSIONS.has(extension) || markup || STARTS_LIKE_HTML.test(text.slice(0, SNIFF_CHARS));
  const userGaveUrl = (context.overrides.originalUrl ?? '').trim() !== '';
  if (html && (fromContainer || hints?.capturedAt !== undefined || userGaveUrl || isWaybackHtml(text, path))) {
    return withOriginal(waybackHtmlCapture(path, text, context, hints), decoded, hints);
  }
  if (html) {
    const page = extractHtml(text);
    const reason = missingTextReason(page.blocks);
    if (reason) throw new SkipFile(reason);
    const capture = headerlessCapture(path, page.blocks, 'headerless-text', context.overrides, context.knownVendors, {
      canonicalUrl: page.canonicalUrl,
    });
    return withOriginal(capture, decoded, hints);
  }
  const blocks = textBlocks(text);
  const reason = missingTextReason(blocks);
  if (reason) throw new SkipFile(reason);
  return headerlessCapture(path, blocks, 'headerless-text', context.overrides, context.knownVendors);
}

/**
 * Read one file or container unit into captures: a Princeton dataset file
 * (Markdown, plain or HTML header), an Open Terms Archive version (recognised
 * by its path, or by `hints` from a versions repository), an archived HTML page
 * (Wayback markers, a download tool's folder layout, or a WARC/WACZ record:
 * see waybackHtml.ts), or a header-less policy in text, Markdown or HTML.
 * `hints` carry what the container knows (URL, date, content type, origin).
 *
 * @throws SkipFile with a user-facing reason for files that are not policies
 *   or cannot be imported (unsupported type, binary, empty, redirect notice).
 * @throws Error whose message starts with the path and names the problem, for
 *   malformed files (a header with an impossible date, a capture time before
 *   1991 or in the future) and for header-less
 *   files whose vendor or date cannot be told.
 */
export function readCaptures(path: string, bytes: Buffer, context: ImportContext, hints?: CaptureHints): Capture[] {
  let capture: Capture;
  try {
    capture = readOne(path, bytes, context, hints);
    const implausible = implausibleCaptureTimeReason(capture.capturedAt);
    if (implausible) throw new Error(implausible);
  } catch (error) {
    if (error instanceof SkipFile) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`${path}: ${message}`, { cause: error });
  }
  const reason = missingTextReason(capture.blocks);
  if (reason) throw new SkipFile(reason);
  return [{ ...capture, origin: hints?.origin ?? capture.origin }];
}
