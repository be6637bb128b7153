import type { Block } from '../domain';
import { ignoresAnything, type ResolvedDiffOptions } from './options';
import { tokenize, type Token } from './tokenize';

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
  tokens: Token[];
  /** Indexes into `tokens` of the units, in order. */
  units: number[];
  /** The comparison key of each unit (its text, case-folded under ignoreCase). */
  keys: string[];
}

function isUnit(token: Token, options: KeyOptions): boolean {
  switch (token.kind) {
    case 'word':
    case 'symbol':
      return true;
    case 'punct':
      return !options.ignorePunctuation;
    default:
      return false;
  }
}

/** Split a text into units and gaps under the options. */
export function textUnits(text: string, options: KeyOptions): TextUnits {
  const tokens = tokenize(text, options.ignoreFormatting);
  const units: number[] = [];
  const keys: string[] = [];
  tokens.forEach((token, index) => {
    if (!isUnit(token, options)) return;
    units.push(index);
    const key = token.key ?? token.text;
    // Upper then lower case folds more pairs together ("ß" and "SS") than lower case alone.
    keys.push(options.ignoreCase ? key.toUpperCase().toLowerCase() : key);
  });
  return { tokens, units, keys };
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
export function gapKey(tokens: readonly Token[], from: number, to: number, options: KeyOptions): string {
  if (options.ignoreWhitespace) return '';
  let whitespace = '';
  let punctuation = false;
  let markup = false;
  for (let index = from; index < to; index++) {
    const token = tokens[index]!;
    if (token.kind === 'space') {
      whitespace += token.key ?? token.text;
    } else if (token.kind === 'markup') {
      markup = true;
      if (token.key) whitespace += token.key;
    } else {
      punctuation = true;
    }
  }
  const edge = from === 0 || to === tokens.length;
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
  const { tokens, units, keys } = textUnits(block.text, options);
  let key = prefix;
  let position = 0;
  units.forEach((index, unit) => {
    key += gapKey(tokens, position, index, options) + SEPARATOR + keys[unit]! + SEPARATOR;
    position = index + 1;
  });
  return key + gapKey(tokens, position, tokens.length, options);
}
