import type { Random } from './prng';
import { isHeading, isProse, splitSentences, type SeedPool } from './seedTexts';

/** The kinds of edit real policies go through between two captures. */
export type EditKind =
  'rewrite-sentence' | 'insert-sentence' | 'delete-sentence' | 'insert-section' | 'delete-section' | 'move-section';

/** Weights: sentence-level edits are far more common than section-level ones. */
const EDIT_WEIGHTS: Array<[EditKind, number]> = [
  ['rewrite-sentence', 40],
  ['insert-sentence', 20],
  ['delete-sentence', 15],
  ['insert-section', 10],
  ['delete-section', 7],
  ['move-section', 8],
];

/** Word swaps that keep a sentence plausible (both directions are used). */
const SWAPS: Array<[string, string]> = [
  ['may', 'will'],
  ['personal information', 'personal data'],
  ['third parties', 'service providers'],
  ['website', 'services'],
  ['collect', 'process'],
  ['use', 'process'],
  ['share', 'disclose'],
  ['we', 'the company'],
  ['reasonable', 'appropriate'],
  ['promptly', 'without undue delay'],
  ['email', 'e-mail'],
  ['cookies', 'cookies and similar technologies'],
];

const LAST_UPDATED = /^(\*|_)?Last updated: [^\n]*$/;

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** `March 5, 2016` for a `YYYY-MM-DD` date. */
export function longDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  return `${MONTHS[month! - 1]} ${day}, ${year}`;
}

/** Set (or add, after the title) the "Last updated" line. */
export function setLastUpdated(chunks: string[], isoDate: string): void {
  const line = `Last updated: ${longDate(isoDate)}`;
  const index = chunks.findIndex((chunk) => LAST_UPDATED.test(chunk));
  if (index >= 0) chunks[index] = line;
  else chunks.splice(chunks.length > 0 && isHeading(chunks[0]!) ? 1 : 0, 0, line);
}

/** Apply one random edit of a random kind; returns its kind, or null if the text offered nothing to edit. */
export function applyRandomEdit(chunks: string[], pool: SeedPool, random: Random): EditKind | null {
  const total = EDIT_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  let kind: EditKind = 'rewrite-sentence';
  for (const [candidate, weight] of EDIT_WEIGHTS) {
    roll -= weight;
    if (roll < 0) {
      kind = candidate;
      break;
    }
  }
  return EDITS[kind](chunks, pool, random)
    ? kind
    : EDITS['rewrite-sentence'](chunks, pool, random)
      ? 'rewrite-sentence'
      : null;
}

const EDITS: Record<EditKind, (chunks: string[], pool: SeedPool, random: Random) => boolean> = {
  'rewrite-sentence': (chunks, pool, random) => {
    const at = randomProse(chunks, random);
    if (at === null) return false;
    const sentences = splitSentences(chunks[at]!);
    const which = random.int(0, sentences.length - 1);
    sentences[which] = rewrite(sentences[which]!, pool, random);
    chunks[at] = sentences.join(' ');
    return true;
  },
  'insert-sentence': (chunks, pool, random) => {
    const at = randomProse(chunks, random);
    if (at === null || pool.sentences.length === 0) return false;
    const sentences = splitSentences(chunks[at]!);
    sentences.splice(random.int(0, sentences.length), 0, random.pick(pool.sentences));
    chunks[at] = sentences.join(' ');
    return true;
  },
  'delete-sentence': (chunks, _pool, random) => {
    const candidates = chunks.flatMap((chunk, index) =>
      isProse(chunk) && splitSentences(chunk).length > 1 ? [index] : [],
    );
    if (candidates.length === 0) return false;
    const at = random.pick(candidates);
    const sentences = splitSentences(chunks[at]!);
    sentences.splice(random.int(0, sentences.length - 1), 1);
    chunks[at] = sentences.join(' ');
    return true;
  },
  'insert-section': (chunks, pool, random) => {
    if (pool.sections.length === 0) return false;
    const at = random.pick(sectionStarts(chunks).concat(chunks.length));
    chunks.splice(at, 0, ...random.pick(pool.sections));
    return true;
  },
  'delete-section': (chunks, _pool, random) => {
    const starts = sectionStarts(chunks).filter((index) => index > 0);
    if (starts.length < 3) return false;
    const start = random.pick(starts);
    chunks.splice(start, sectionEnd(chunks, start) - start);
    return true;
  },
  'move-section': (chunks, _pool, random) => {
    const starts = sectionStarts(chunks).filter((index) => index > 0);
    if (starts.length < 3) return false;
    const start = random.pick(starts);
    const section = chunks.splice(start, sectionEnd(chunks, start) - start);
    const targets = sectionStarts(chunks).filter((index) => index > 0 && index !== start);
    const to = targets.length > 0 ? random.pick(targets) : chunks.length;
    chunks.splice(to, 0, ...section);
    return true;
  },
};

function rewrite(sentence: string, pool: SeedPool, random: Random): string {
  for (const index of shuffledIndexes(SWAPS.length, random)) {
    const [x, y] = SWAPS[index]!;
    const [from, to] = random.chance(0.5) ? [x, y] : [y, x];
    const pattern = new RegExp(`\\b${from}\\b`);
    if (pattern.test(sentence)) return sentence.replace(pattern, to);
  }
  // No known phrase: replace one longer word with a word from the seed vocabulary.
  const words = sentence.split(' ');
  const candidates = words.flatMap((word, index) => (/^[a-z]{4,}$/.test(word) ? [index] : []));
  if (candidates.length > 0 && pool.words.length > 0) {
    const index = random.pick(candidates);
    let replacement = random.pick(pool.words);
    if (replacement === words[index]) replacement = `${replacement}s`;
    words[index] = replacement;
    return words.join(' ');
  }
  return `${sentence} This applies to all users.`;
}

/** 0…length-1 in random order (Fisher–Yates: the same on every engine, unlike sort with a random comparator). */
function shuffledIndexes(length: number, random: Random): number[] {
  const indexes = Array.from({ length }, (_, index) => index);
  for (let i = length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes;
}

function randomProse(chunks: string[], random: Random): number | null {
  const candidates = chunks.flatMap((chunk, index) => (isProse(chunk) ? [index] : []));
  return candidates.length > 0 ? random.pick(candidates) : null;
}

function sectionStarts(chunks: string[]): number[] {
  return chunks.flatMap((chunk, index) => (isHeading(chunk) ? [index] : []));
}

function sectionEnd(chunks: string[], start: number): number {
  let end = start + 1;
  while (end < chunks.length && !isHeading(chunks[end]!)) end++;
  return end;
}
