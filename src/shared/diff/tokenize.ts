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
/** The word tokens of BASE that hold a letter or digit (a run of marks alone is not a word). */
const WORDS = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|\p{M}*[\p{L}\p{N}][\p{L}\p{M}\p{N}]*/gu;

function kindOf(text: string): TokenKind {
  const code = text.charCodeAt(0);
  if (code < 0x80) {
    // ASCII fast path: the regexes below give the same answers.
    if ((code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a))
      return 'word';
    if (code === 0x20 || (code >= 0x09 && code <= 0x0d)) return 'space';
    if (code < 0x20 || code === 0x7f) return 'symbol';
    return ASCII_SYMBOLS.includes(text[0]!) ? 'symbol' : 'punct';
  }
  if (WORD_START.test(text)) return 'word';
  if (SPACE.test(text)) return 'space';
  return PUNCT.test(text) ? 'punct' : 'symbol';
}

/**
 * Split text into tokens; joining every token's text gives the input back.
 * With `formatting`, Markdown/HTML artefacts become `markup` tokens (and HTML
 * entities carry their character as `key`), so they can be ignored.
 */
export function tokenize(text: string, formatting = false): Token[] {
  if (!formatting) {
    const tokens: Token[] = [];
    for (const match of text.matchAll(BASE)) tokens.push({ text: match[0], kind: kindOf(match[0]) });
    return tokens;
  }
  return formattedTokens(text);
}

function formattedTokens(text: string): Token[] {
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
  return text.match(WORDS)?.length ?? 0;
}
