/**
 * Word tokens for the word-level diff.
 *
 * jsdiff's own word tokenizer only knows Latin letters (a Cyrillic or Greek word
 * becomes one token per letter), so we tokenize with Unicode classes and hand
 * token ids to the sequence diff. Han, Hiragana and Katakana have no spaces
 * between words, so each of their characters is a token of its own.
 */

/**
 * - `word`: letters, marks and digits (or one Han/Kana character);
 * - `punct`: one Unicode punctuation character (\p{P}: quotes, dashes, `_`…);
 * - `symbol`: any other single character (`$`, `%`, `©`, `+`…);
 * - `space`: a run of whitespace;
 * - `markup`: a formatting artefact (emphasis markers, HTML tags, a leading
 *   `#`/`>`/bullet…), only produced when tokenizing for `ignoreFormatting`.
 */
export type TokenKind = 'word' | 'punct' | 'symbol' | 'space' | 'markup';

/** One token; joining every token's text gives the input back. */
export interface Token {
  text: string;
  kind: TokenKind;
  /** What the token stands for when it differs from its text (an HTML entity's character). */
  key?: string;
}

const BASE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{M}\p{N}]+|\s+|[^\p{L}\p{M}\p{N}\s]/gu;

/**
 * Formatting artefacts first (HTML comments and tags, entities, emphasis
 * runs, backslash escapes, pilcrows and invisible format characters), then the
 * ordinary tokens.
 */
const FORMATTED = new RegExp(
  [
    '<!--[\\s\\S]*?-->',
    '</?[A-Za-z][A-Za-z0-9:-]*(?:\\s[^<>]*)?/?>',
    '&(?:#[0-9]{1,7}|#[xX][0-9A-Fa-f]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});',
    '\\*+|_+|`+|~~+|¶',
    '\\\\(?=[!-/:-@\\[-`{-~])',
    '[\\u00AD\\u200B-\\u200D\\u2060\\uFEFF]',
    BASE.source,
  ].join('|'),
  'gu',
);
const LEADING_SPACE = /\s+/uy;
/** A Markdown heading, quote or bullet marker at the start of a block. */
const LEADING_MARKER = /(?:#{1,6}|>+|[-+•·◦▪‣])(?=\s|$)/uy;

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  hellip: '…',
  copy: '©',
  reg: '®',
  trade: '™',
  shy: '\u00AD',
};

const BLOCK_TAGS = new Set([
  'br',
  'p',
  'div',
  'li',
  'ul',
  'ol',
  'tr',
  'td',
  'th',
  'table',
  'hr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'header',
  'footer',
  'blockquote',
  'dt',
  'dd',
]);
const WORD_START = /^[\p{L}\p{M}\p{N}]/u;
/** The ASCII characters that are symbols (\p{S}) rather than punctuation (\p{P}). */
const ASCII_SYMBOLS = '$+<=>^`|~';
const SPACE = /^\s/u;
const PUNCT = /^\p{P}/u;

/** Token kinds as small numbers, for token lists kept as parallel arrays (index = code). */
export const KIND_NAMES: readonly TokenKind[] = ['word', 'punct', 'symbol', 'space', 'markup'];
export const WORD_KIND = 0;
export const PUNCT_KIND = 1;
export const SYMBOL_KIND = 2;
export const SPACE_KIND = 3;
export const MARKUP_KIND = 4;

function kindOf(text: string): TokenKind {
  return KIND_NAMES[kindCode(text)]!;
}

function kindCode(text: string): number {
  const code = text.charCodeAt(0);
  if (code < 0x80) {
    // ASCII fast path: the regexes below give the same answers.
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))
      return WORD_KIND;
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return SPACE_KIND;
    if (code < 0x20 || code === 0x7f) return SYMBOL_KIND;
    return ASCII_SYMBOLS.includes(text[0]!) ? SYMBOL_KIND : PUNCT_KIND;
  }
  if (WORD_START.test(text)) return WORD_KIND;
  if (SPACE.test(text)) return SPACE_KIND;
  return PUNCT.test(text) ? PUNCT_KIND : SYMBOL_KIND;
}

/**
 * Split text into tokens; joining every token's text gives the input back.
 * With `formatting`, Markdown/HTML artefacts become `markup` tokens (and HTML
 * entities carry their character as `key`), so they can be ignored.
 */
export function tokenize(text: string, formatting = false): Token[] {
  if (formatting) return formattedTokens(text);
  const { ends, kinds } = plainTokens(text);
  return ends.map((end, index) => ({
    text: text.slice(index === 0 ? 0 : ends[index - 1], end),
    kind: KIND_NAMES[kinds[index]!]!,
  }));
}

/** Tokens as offsets and kind codes (no string or object per token). */
export interface PlainTokens {
  /** Where each token ends in the text; each starts where the one before it ends. */
  ends: number[];
  /** `KIND_NAMES` index of each token. */
  kinds: number[];
  /** `countWords` of the text (every word it counts is one word token here). */
  words: number;
}

/** `tokenize(text)` without formatting, as offsets and kinds, plus its word count. */
export function plainTokens(text: string): PlainTokens {
  // A hand-rolled scan equal to `text.matchAll(BASE)`, without a match object per token.
  const ends: number[] = [];
  const kinds: number[] = [];
  let words = 0;
  const length = text.length;
  let position = 0;
  while (position < length) {
    const code = text.codePointAt(position)!;
    const flags = classOf(code);
    let end = position + (code > 0xffff ? 2 : 1);
    let kind: number;
    if (flags & HAN_KANA) {
      // One character per token.
      words++;
      kind = flags & (LETTER_OR_DIGIT | MARK) ? WORD_KIND : flags & PUNCTUATION ? PUNCT_KIND : SYMBOL_KIND;
    } else if (flags & (LETTER_OR_DIGIT | MARK)) {
      const runEnd = scanWhile(text, end, LETTER_OR_DIGIT | MARK);
      // A run starting with a letter or digit is one word; one starting with marks is rare and
      // tricky (marks alone are no word, a Han-script mark is one), so count it as countWords does.
      if (flags & LETTER_OR_DIGIT) words++;
      else words += countWords(text.slice(position, runEnd));
      end = runEnd;
      kind = WORD_KIND;
    } else if (flags & WHITESPACE) {
      end = scanWhile(text, end, WHITESPACE);
      kind = SPACE_KIND;
    } else if (code < 0x80) {
      kind = code < 0x20 || code === 0x7f || ASCII_SYMBOLS.includes(text[position]!) ? SYMBOL_KIND : PUNCT_KIND;
    } else {
      kind = flags & PUNCTUATION ? PUNCT_KIND : SYMBOL_KIND;
    }
    ends.push(end);
    kinds.push(kind);
    position = end;
  }
  return { ends, kinds, words };
}

/** `tokenize(text, true)`. */
export function formattedTokens(text: string): Token[] {
  const tokens: Token[] = [];
  let position = 0;
  // Block-start markers: "## Title", "> quoted", "- item", "> - item".
  for (;;) {
    LEADING_SPACE.lastIndex = position;
    const space = LEADING_SPACE.exec(text);
    if (space) {
      tokens.push({ text: space[0], kind: 'space' });
      position += space[0].length;
    }
    LEADING_MARKER.lastIndex = position;
    const marker = LEADING_MARKER.exec(text);
    if (!marker) break;
    tokens.push({ text: marker[0], kind: 'markup' });
    position += marker[0].length;
  }
  for (const match of text.slice(position).matchAll(FORMATTED)) tokens.push(formattedToken(match[0]));
  markClosingHashes(tokens);
  markTablePipes(tokens);
  return tokens;
}

function formattedToken(text: string): Token {
  if (text.length > 1 && text.startsWith('&') && text.endsWith(';')) {
    const character = entityCharacter(text.slice(1, -1));
    if (character === undefined) return { text, kind: 'symbol' };
    if (character === '\u00AD') return { text, kind: 'markup' };
    if (SPACE.test(character)) return { text, kind: 'space', key: ' ' };
    return { text, kind: kindOf(character), key: character };
  }
  if (text.startsWith('<') && text.length > 1) {
    // Tags that break a line or a block stand for a space between the words around them.
    const name = /^<\/?([A-Za-z][A-Za-z0-9]*)/u.exec(text)?.[1]?.toLowerCase();
    return name && BLOCK_TAGS.has(name) ? { text, kind: 'markup', key: ' ' } : { text, kind: 'markup' };
  }
  if (/^(?:\*+|_+|`+|~~+|¶|\\|[\u00AD\u200B-\u200D\u2060\uFEFF])$/u.test(text)) return { text, kind: 'markup' };
  return { text, kind: kindOf(text) };
}

function entityCharacter(name: string): string | undefined {
  if (name.startsWith('#')) {
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : undefined;
  }
  return NAMED_ENTITIES[name];
}

/** Closing `#`s of an ATX heading ("Title ##") left in the text. */
function markClosingHashes(tokens: Token[]): void {
  let end = tokens.length;
  while (end > 0 && tokens[end - 1]!.kind === 'space') end--;
  let start = end;
  while (start > 0 && tokens[start - 1]!.text === '#') start--;
  if (start === end || (start > 0 && tokens[start - 1]!.kind !== 'space')) return;
  for (let index = start; index < end; index++) tokens[index]!.kind = 'markup';
}

/** Table cell separators (`a | b`): a `|` with whitespace or the text's edge on both sides. */
function markTablePipes(tokens: Token[]): void {
  tokens.forEach((token, index) => {
    if (token.text !== '|') return;
    const before = tokens[index - 1];
    const after = tokens[index + 1];
    if ((!before || before.kind === 'space') && (!after || after.kind === 'space')) token.kind = 'markup';
  });
}

/** Number of words (tokens with a letter or digit) in a piece of text, as the diff stats count them. */
export function countWords(text: string): number {
  // The matches of /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|\p{M}*[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu
  // (the word tokens that hold a letter or digit: marks alone are no word), counted by a hand-rolled
  // scan that is far cheaper than the regex on long texts.
  const length = text.length;
  let count = 0;
  let position = 0;
  while (position < length) {
    const unit = text.charCodeAt(position);
    if (unit < 0x80) {
      // ASCII fast path: a letter or digit starts a word, anything else is skipped.
      if (ASCII_WORD[unit] === 0) {
        position++;
        continue;
      }
      count++;
      position++;
      let next = 0;
      while (position < length && (next = text.charCodeAt(position)) < 0x80 && ASCII_WORD[next] === 1) position++;
      if (position < length && next >= 0x80) position = scanWhile(text, position, LETTER_OR_DIGIT | MARK);
      continue;
    }
    const code = text.codePointAt(position)!;
    const flags = classOf(code);
    const next = position + (code > 0xffff ? 2 : 1);
    if (flags & HAN_KANA) {
      count++;
      position = next;
      continue;
    }
    // Marks, then a letter or digit, then letters, marks and digits; marks alone are no word.
    const start = flags & MARK ? scanWhile(text, next, MARK) : position;
    if (start < length) {
      const first = text.codePointAt(start)!;
      if (classOf(first) & LETTER_OR_DIGIT) {
        count++;
        position = scanWhile(text, start + (first > 0xffff ? 2 : 1), LETTER_OR_DIGIT | MARK);
        continue;
      }
    }
    position = next;
  }
  return count;
}

/** Character classes of the scans above, as bit flags (`CLASSIFIED` marks a cached entry). */
const HAN_KANA = 1;
const MARK = 2;
const LETTER_OR_DIGIT = 4;
const WHITESPACE = 8;
const CLASSIFIED = 16;
const PUNCTUATION = 32;
const HAN_KANA_CHARACTER = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]$/u;
const MARK_CHARACTER = /^\p{M}$/u;
const LETTER_OR_DIGIT_CHARACTER = /^[\p{L}\p{N}]$/u;
const WHITESPACE_CHARACTER = /^\s$/u;
const PUNCTUATION_CHARACTER = /^\p{P}$/u;
/** Classes of the Basic Multilingual Plane, filled on first use; other planes in a map. */
const bmpClasses = new Uint8Array(0x10000);
const astralClasses = new Map<number, number>();

/** 1 for the ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(0x80).map((_, code) => (isAsciiLetterOrDigit(code) ? 1 : 0));

function isAsciiLetterOrDigit(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
}

function classOf(code: number): number {
  if (code < 0x80) {
    if (isAsciiLetterOrDigit(code)) return LETTER_OR_DIGIT;
    return code === 0x20 || (code >= 0x09 && code <= 0x0d) ? WHITESPACE : 0;
  }
  if (code <= 0xffff) {
    const cached = bmpClasses[code]!;
    if (cached !== 0) return cached & ~CLASSIFIED;
    const flags = classify(code);
    bmpClasses[code] = flags | CLASSIFIED;
    return flags;
  }
  let flags = astralClasses.get(code);
  if (flags === undefined) {
    flags = classify(code);
    astralClasses.set(code, flags);
  }
  return flags;
}

function classify(code: number): number {
  const character = String.fromCodePoint(code);
  let flags = 0;
  if (HAN_KANA_CHARACTER.test(character)) flags |= HAN_KANA;
  if (MARK_CHARACTER.test(character)) flags |= MARK;
  if (LETTER_OR_DIGIT_CHARACTER.test(character)) flags |= LETTER_OR_DIGIT;
  if (WHITESPACE_CHARACTER.test(character)) flags |= WHITESPACE;
  if (PUNCTUATION_CHARACTER.test(character)) flags |= PUNCTUATION;
  return flags;
}

/** The end of the run of characters from `position` that have any of `wanted`. */
function scanWhile(text: string, position: number, wanted: number): number {
  const length = text.length;
  while (position < length) {
    const code = text.codePointAt(position)!;
    if (!(classOf(code) & wanted)) break;
    position += code > 0xffff ? 2 : 1;
  }
  return position;
}
