/**
 * Readability of a policy: the Flesch reading ease score (the English
 * formula, 206.835 − 1.015 × words per sentence − 84.6 × syllables per word),
 * from sentence, word and syllable counts. Syllables come from the `syllable`
 * package, which knows English only: scores of policies in other languages
 * are computed the same way and mean little. Pure: no database, no I/O.
 *
 * Counts are additive over blocks (a block never continues a sentence of the
 * previous one), so the archive can store them per text and sum them over
 * any set of blocks without re-reading the words.
 */
import { syllable } from 'syllable';

/** What the score is computed from. */
export interface ReadingCounts {
  sentences: number;
  /** Counted exactly as the stored word count (src/main/archive/wordCount.ts): tokens with a letter or digit. */
  words: number;
  syllables: number;
}

const WHITESPACE = /\s+/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
// A run of sentence-ending marks, then optional closing quotes or brackets,
// then whitespace (captured: the next character) or the end of the block.
const SENTENCE_END = /[.!?…。！？]+[”’"')\]]*(?:\s+(\S)|\s*$)/gu;
const LOWERCASE_START = /^\p{Ll}/u;

// Policies reuse a small vocabulary; counting syllables of a word costs a few
// microseconds, a lookup a few dozen nanoseconds. Bounded so a long import
// cannot grow it without limit.
const MAX_CACHED_WORDS = 100_000;
const syllableCache = new Map<string, number>();
// The `syllable` package's patterns take time quadratic in a word's length (a
// 100,000-letter token takes seconds, a 10 MB one hours). No word is this long:
// longer tokens (URLs, base64, hostile filler) count their vowel groups instead.
const MAX_SYLLABLE_WORD = 200;
const VOWEL_GROUP = /[aeiouy]+/g;

/** Syllables of one word; at least 1, so numbers and words in other scripts count as one. */
function wordSyllables(word: string): number {
  const key = word.toLowerCase();
  let count = syllableCache.get(key);
  if (count === undefined) {
    count = Math.max(1, key.length > MAX_SYLLABLE_WORD ? (key.match(VOWEL_GROUP)?.length ?? 0) : syllable(key));
    if (syllableCache.size >= MAX_CACHED_WORDS) syllableCache.clear();
    syllableCache.set(key, count);
  }
  return count;
}

/**
 * Sentences, words and syllables of one block of text.
 *
 * Sentences end at `.`, `!`, `?` (and `…`, CJK stops) followed by a space and
 * a character that is not a lower-case letter (so `e.g. the` and `Inc. is`
 * do not split), or at the end of the block: headings, list items and
 * paragraphs without a final stop are one sentence each, as readers take them.
 * A block without words has no sentence.
 */
export function blockReadingCounts(text: string): ReadingCounts {
  let words = 0;
  let syllables = 0;
  for (const token of text.split(WHITESPACE)) {
    if (!LETTER_OR_DIGIT.test(token)) continue;
    words += 1;
    syllables += wordSyllables(token);
  }
  if (words === 0) return { sentences: 0, words: 0, syllables: 0 };

  let sentences = 0;
  let endsWithStop = false;
  for (const match of text.matchAll(SENTENCE_END)) {
    const next = match[1];
    if (next === undefined) {
      endsWithStop = true;
      sentences += 1;
    } else if (!LOWERCASE_START.test(next)) {
      sentences += 1;
    }
  }
  if (!endsWithStop) sentences += 1;
  return { sentences, words, syllables };
}

/** The counts of a text: the sum over its blocks. */
export function textReadingCounts(blocks: ReadonlyArray<{ text: string }>): ReadingCounts {
  const total: ReadingCounts = { sentences: 0, words: 0, syllables: 0 };
  for (const block of blocks) {
    const counts = blockReadingCounts(block.text);
    total.sentences += counts.sentences;
    total.words += counts.words;
    total.syllables += counts.syllables;
  }
  return total;
}

/**
 * Flesch reading ease (English formula). Higher is easier: 90–100 a child's
 * story, 60–70 plain English, 0–30 academic or legal prose; long legal
 * sentences can push it below 0 (not clamped). Null for a text without words.
 */
export function fleschReadingEase(counts: ReadingCounts): number | null {
  if (counts.words === 0 || counts.sentences === 0) return null;
  return 206.835 - 1.015 * (counts.words / counts.sentences) - 84.6 * (counts.syllables / counts.words);
}
