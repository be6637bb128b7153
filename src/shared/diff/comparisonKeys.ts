import type { Block } from '../domain';
import { ignoresAnything, type ResolvedDiffOptions } from './options';
import {
  formattedTokens,
  KIND_NAMES,
  MARKUP_KIND,
  PUNCT_KIND,
  SPACE_KIND,
  plainTokens,
  SYMBOL_KIND,
  WORD_KIND,
} from './tokenize';

// Module-level copies of the kind codes: they are read per token, and some loaders turn imported
// bindings into getter calls.
const WORD = WORD_KIND;
const PUNCT = PUNCT_KIND;
const SYMBOL = SYMBOL_KIND;
const SPACE = SPACE_KIND;
const MARKUP = MARKUP_KIND;

type KeyOptions = Pick<
  ResolvedDiffOptions,
  'ignoreCase' | 'ignoreWhitespace' | 'ignorePunctuation' | 'ignoreFormatting'
>;

/**
 * A text as the diff compares it: its tokens, split into *units* (compared one
 * by one: words, symbols, and punctuation unless ignored) and the *gaps*
 * between them (whitespace, plus ignored punctuation and formatting markup),
 * which ride along and are compared by `gapKey`.
 */
export interface TextUnits {
  /** The text (under ignoreFormatting: its tokens joined, which give it back). */
  text: string;
  /** Where each token ends in `text`; each starts where the one before it ends. */
  ends: number[];
  /** Each token's kind, as an index into `KIND_NAMES`. */
  kinds: number[];
  /** What each token stands for where it differs from its text (an HTML entity's character); absent when none does. */
  tokenKeys?: Array<string | undefined>;
  /** Token indexes of the units, in order. */
  units: number[];
  /**
   * The comparison key of each unit (its text, case-folded under ignoreCase).
   * Absent while `keysAreTexts` (a key is then its unit's text): read it with
   * `unitKeys`, so profiles can intern units by offset without a string per unit.
   */
  keys?: string[];
  /** True when every unit's key is its text (no case folding, no entities). */
  keysAreTexts: boolean;
  /** `countWords` of the text, when tokenizing found it on the way. */
  words?: number;
}

function isUnit(kind: number, options: KeyOptions): boolean {
  return kind === WORD || kind === SYMBOL || (kind === PUNCT && !options.ignorePunctuation);
}

/** Split a text into units and gaps under the options. */
export function textUnits(text: string, options: KeyOptions): TextUnits {
  let ends: number[];
  let kinds: number[];
  let tokenKeys: Array<string | undefined> | undefined;
  let words: number | undefined;
  if (options.ignoreFormatting) {
    const tokens = formattedTokens(text);
    text = tokens.map((token) => token.text).join('');
    let end = 0;
    ends = tokens.map((token) => (end += token.text.length));
    kinds = tokens.map((token) => KIND_NAMES.indexOf(token.kind));
    tokenKeys = tokens.map((token) => token.key);
  } else {
    ({ ends, kinds, words } = plainTokens(text));
  }
  const keysAreTexts = !options.ignoreCase && !tokenKeys;
  const units: number[] = [];
  const keys: string[] | undefined = keysAreTexts ? undefined : [];
  let start = 0;
  for (let index = 0; index < ends.length; index++) {
    const end = ends[index]!;
    if (isUnit(kinds[index]!, options)) {
      units.push(index);
      if (keys) {
        const key = tokenKeys?.[index] ?? text.slice(start, end);
        // Upper then lower case folds more pairs together ("ß" and "SS") than lower case alone.
        keys.push(options.ignoreCase ? key.toUpperCase().toLowerCase() : key);
      }
    }
    start = end;
  }
  const result: TextUnits = { text, ends, kinds, units, keysAreTexts };
  if (keys) result.keys = keys;
  if (tokenKeys) result.tokenKeys = tokenKeys;
  if (words !== undefined) result.words = words;
  return result;
}

/** The comparison key of every unit (see `TextUnits.keys`), computed once when they are the units' texts. */
export function unitKeys(tokens: TextUnits): string[] {
  if (tokens.keys) return tokens.keys;
  const { ends, units, text } = tokens;
  const keys = new Array<string>(units.length);
  for (let unit = 0; unit < units.length; unit++) {
    const index = units[unit]!;
    keys[unit] = text.slice(index === 0 ? 0 : ends[index - 1], ends[index]);
  }
  return (tokens.keys = keys);
}

/** The text of tokens `from..to` (exclusive) joined. */
export function joinTokens(tokens: TextUnits, from: number, to: number): string {
  if (from >= to) return '';
  const { ends } = tokens;
  return tokens.text.slice(from === 0 ? 0 : ends[from - 1], ends[to - 1]);
}

/**
 * The comparison key of the gap `tokens[from..to)` between two units (or
 * before the first / after the last one). Two gaps count as unchanged when
 * their keys are equal:
 * - under ignoreWhitespace every gap is the same;
 * - plain whitespace compares exactly;
 * - ignored punctuation separates units, so a gap holding some only says that
 *   it separates them (" " between units, "" at the text's edges): "a, b",
 *   "a b" and "a — b" are the same, and so are "“a”" and "a". In scripts
 *   written without spaces this makes "中、文" differ from "中文" unless
 *   whitespace is ignored too;
 * - ignored markup is glued to the text around it, so it vanishes (block tags
 *   such as `<br>` count as a space) and the whitespace around it collapses:
 *   "**a**." is "a." and "a <b>b</b>" is "a b".
 */
export function gapKey(tokens: TextUnits, from: number, to: number, options: KeyOptions): string {
  if (options.ignoreWhitespace) return '';
  const { kinds, tokenKeys } = tokens;
  let whitespace = '';
  let punctuation = false;
  let markup = false;
  for (let index = from; index < to; index++) {
    const kind = kinds[index]!;
    const key = tokenKeys?.[index];
    if (kind === SPACE) {
      whitespace += key ?? joinTokens(tokens, index, index + 1);
    } else if (kind === MARKUP) {
      markup = true;
      if (key) whitespace += key;
    } else {
      punctuation = true;
    }
  }
  const edge = from === 0 || to === kinds.length;
  if (punctuation) return edge ? '' : ' ';
  if (markup) return edge || whitespace === '' ? '' : ' ';
  return whitespace;
}

const SEPARATOR = '\u0001';

/**
 * A block's identity for the alignment and for exact moves: kind, level and
 * text, compared under the ignore options. Two blocks with equal keys have no
 * word-level change between them. Under ignoreFormatting the kind and level do
 * not count (a heading that became a bold paragraph is the same block).
 */
export function blockKey(block: Block, options: ResolvedDiffOptions): string {
  const prefix = options.ignoreFormatting ? '' : `${block.kind}\u0000${block.level}\u0000`;
  if (!ignoresAnything(options)) return prefix + block.text;
  const units = textUnits(block.text, options);
  const keys = unitKeys(units);
  let key = prefix;
  let position = 0;
  units.units.forEach((index, unit) => {
    key += gapKey(units, position, index, options) + SEPARATOR + keys[unit]! + SEPARATOR;
    position = index + 1;
  });
  return key + gapKey(units, position, units.kinds.length, options);
}
