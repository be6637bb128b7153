/**
 * Bytes → text. Old policy pages are often windows-1252, iso-8859-1 or
 * shift_jis, and text copies may carry a BOM; everything is decoded to a JS
 * string here so the extractors only ever see text.
 */
import { detect } from 'chardet';
import iconv from 'iconv-lite';

/**
 * How the encoding of a file was decided, for diagnostics and tests:
 * `http-header` is the charset of the HTTP response that carried the page
 * (a WARC record's Content-Type), `declared` the page's own `<meta>`.
 */
export type CharsetSource = 'bom' | 'utf-8' | 'http-header' | 'declared' | 'detected';

export interface DecodedText {
  text: string;
  /** Encoding used to decode, as iconv-lite names it (`utf-8`, `windows-1252`…). */
  encoding: string;
  source: CharsetSource;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });
const DECLARED_CHARSET = /<meta\b[^>]*?charset\s*=\s*["']?\s*([-\w.:]+)/i;
const SNIFF_BYTES = 4096;
const DETECT_BYTES = 64 * 1024;
const BINARY_SAMPLE_BYTES = 8192;
/** How much of a page is scanned to tell mostly-UTF-8 from a legacy encoding. */
const UTF8_SHARE_BYTES = 4 * 1024 * 1024;
// eslint-disable-next-line no-control-regex -- NUL is exactly what must go.
const NUL = /\u0000/g;

// WHATWG encoding labels that do not mean what iconv-lite would read them as:
// browsers decode every "latin1" page as windows-1252 (smart quotes live in
// 0x80–0x9F), gb2312 as gbk, and so on. Matching them keeps our text identical
// to what the page showed.
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  iso8859_1: 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  l1: 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  cp819: 'windows-1252',
  'iso-8859-9': 'windows-1254',
  latin5: 'windows-1254',
  'tis-620': 'windows-874',
  'iso-8859-11': 'windows-874',
  gb2312: 'gbk',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  utf8: 'utf-8',
};

/** Map a charset label to an encoding iconv-lite can decode, or null if unknown. */
export function resolveEncoding(label: string): string | null {
  const lower = label.trim().toLowerCase();
  const name = LABEL_ALIASES[lower] ?? lower;
  // A page cannot declare UTF-16 in a <meta> it was able to write in ASCII; browsers read such pages as UTF-8.
  if (name.startsWith('utf-16') || name === 'unicode') return 'utf-8';
  return iconv.encodingExists(name) ? name : null;
}

function bomOf(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  return null;
}

function tryUtf8(bytes: Uint8Array): string | null {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return null;
  }
}

/** The charset a page declares in `<meta charset>` or `<meta http-equiv="Content-Type" content="…; charset=…">`. */
export function declaredCharset(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, SNIFF_BYTES)).toString('latin1');
  return DECLARED_CHARSET.exec(head)?.[1] ?? null;
}

const CONTENT_TYPE_CHARSET = /;\s*charset\s*=\s*["']?\s*([-\w.:]+)/i;

/**
 * The charset of an HTTP hint: a `Content-Type` value (`text/html; charset=ISO-8859-1`)
 * or a bare label (`windows-1252`); null when it names none.
 */
export function charsetFromContentType(hint: string | null | undefined): string | null {
  if (!hint) return null;
  const fromParameter = CONTENT_TYPE_CHARSET.exec(hint)?.[1];
  if (fromParameter !== undefined) return fromParameter;
  const bare = hint.trim();
  return /^[-\w.:]+$/.test(bare) && !bare.includes('/') ? bare : null;
}

/**
 * Valid multi-byte UTF-8 sequences and invalid bytes in `bytes` (ASCII counts
 * as neither). A page with more of the first than the second is UTF-8 with
 * damage (a truncated download, a pasted-in latin1 paragraph), not a legacy
 * encoding: in windows-1252 text, valid multi-byte sequences are accidents.
 */
function utf8Evidence(bytes: Uint8Array): { valid: number; invalid: number } {
  let valid = 0;
  let invalid = 0;
  const end = Math.min(bytes.length, UTF8_SHARE_BYTES);
  let at = 0;
  while (at < end) {
    const lead = bytes[at] ?? 0;
    if (lead < 0x80) {
      at += 1;
      continue;
    }
    const length =
      lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    let ok = length > 0 && at + length <= bytes.length;
    for (let i = 1; ok && i < length; i++) ok = ((bytes[at + i] ?? 0) & 0xc0) === 0x80;
    if (ok) {
      valid += 1;
      at += length;
    } else {
      invalid += 1;
      at += 1;
    }
  }
  return { valid, invalid };
}

const lossyUtf8 = new TextDecoder('utf-8');

/** Decoded text without NUL characters: browsers drop them from pages, and they have no place in an archive's text. */
function withoutNul(decoded: DecodedText): DecodedText {
  return decoded.text.includes('\u0000') ? { ...decoded, text: decoded.text.replace(NUL, '') } : decoded;
}

function decodeWith(bytes: Uint8Array, declared: string | null, http: string | null = null): DecodedText {
  return withoutNul(decodeBytes(bytes, declared, http));
}

function decodeBytes(bytes: Uint8Array, declared: string | null, http: string | null): DecodedText {
  const bom = bomOf(bytes);
  if (bom) {
    return { text: iconv.decode(bytes.subarray(bom.length), bom.encoding), encoding: bom.encoding, source: 'bom' };
  }
  const utf8 = tryUtf8(bytes);
  // Bytes that form valid multi-byte UTF-8 almost never come from a legacy
  // encoding, while pages re-saved as UTF-8 that still declare latin1 are
  // common (and servers that label every page ISO-8859-1 by default); so
  // valid UTF-8 wins over a declaration. (Pure ASCII reads the same in every
  // ASCII-compatible encoding.)
  if (utf8 !== null) {
    return { text: utf8, encoding: 'utf-8', source: 'utf-8' };
  }
  // Mostly valid UTF-8 with a few broken bytes: UTF-8, the broken bytes becoming U+FFFD,
  // rather than mojibake for every correct character.
  const evidence = utf8Evidence(bytes);
  if (evidence.valid > evidence.invalid) {
    return { text: lossyUtf8.decode(bytes), encoding: 'utf-8', source: 'detected' };
  }
  // As in browsers, the HTTP header outranks the page's <meta>; a UTF-8 label
  // on bytes that are not UTF-8 is wrong and falls through to the next source.
  for (const [label, source] of [
    [http, 'http-header'],
    [declared, 'declared'],
  ] as const) {
    const encoding = label === null ? null : resolveEncoding(label);
    if (encoding !== null && encoding !== 'utf-8') {
      return { text: iconv.decode(bytes, encoding), encoding, source };
    }
  }
  const guess = detect(bytes.subarray(0, DETECT_BYTES));
  const detected = (guess === null ? null : resolveEncoding(guess)) ?? 'windows-1252';
  return { text: iconv.decode(bytes, detected), encoding: detected, source: 'detected' };
}

/** Decode a text or Markdown file: BOM, else UTF-8 when valid, else the encoding chardet detects. */
export function decodeText(bytes: Uint8Array): DecodedText {
  return decodeWith(bytes, null);
}

/**
 * Decode an HTML page: BOM, else valid UTF-8, else the charset of the HTTP
 * response that carried it (`httpCharset`: a Content-Type value or a bare
 * label, from a WARC record), else the `<meta>` declaration, else the
 * encoding chardet detects (windows-1252 when it cannot tell).
 */
export function decodeHtml(bytes: Uint8Array, httpCharset?: string | null): DecodedText {
  return decodeWith(bytes, declaredCharset(bytes), charsetFromContentType(httpCharset));
}

/**
 * Whether bytes are binary rather than text in some encoding: more than 1%
 * NUL bytes or 5% control characters in the first 8 KB. UTF-16 (with a BOM)
 * is text; a stray NUL or two in a page is damage, not a sign of binary (the
 * decoders drop NULs).
 */
export function looksBinary(bytes: Uint8Array): boolean {
  const bom = bomOf(bytes);
  if (bom && bom.encoding.startsWith('utf-16')) return false;
  const sample = bytes.subarray(0, BINARY_SAMPLE_BYTES);
  let controls = 0;
  let nuls = 0;
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i] ?? 0;
    if (byte === 0) {
      nuls++;
      continue;
    }
    // Tab, LF, VT, FF, CR and ESC (used by ISO-2022 encodings) occur in text; other C0 controls do not.
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b) || byte === 0x7f) controls++;
  }
  return sample.length > 0 && (nuls / sample.length > 0.01 || controls / sample.length > 0.05);
}
