import { mixSeed, mulberry32, type Random } from '../corpus/prng';
import { isHeading, splitSentences, type SeedPool } from '../corpus/seedTexts';
import type { PairGroup, TextPair } from './textPair';

/** What to generate: an older text of about `targetBytes`, and a newer one with `editRate` of its words edited. */
export interface GeneratedPairSpec {
  targetBytes: number;
  /** Share of the older text's words touched by edits, 0–1 (0.01, 0.1, 0.5 in the benchmark). */
  editRate: number;
  seed: number;
  group: PairGroup;
}

/** A generated pair and what was done to it. */
export interface GeneratedPair extends TextPair {
  /** Words of the older text touched (replaced, inserted, deleted or moved) ÷ its word count. */
  editedShare: number;
  edits: Record<EditKind, number>;
}

/** Edits a real revision makes: reworded words, added or removed sentences, paragraphs that moved. */
export type EditKind = 'replace-words' | 'insert-sentence' | 'delete-sentence' | 'move-paragraph';

/** Weights: word changes are the most common, moves the rarest. */
const EDIT_WEIGHTS: ReadonlyArray<readonly [EditKind, number]> = [
  ['replace-words', 45],
  ['insert-sentence', 20],
  ['delete-sentence', 25],
  ['move-paragraph', 10],
];

/**
 * Generate one pair from real policy text: the older side is real sample
 * paragraphs (the latest version of each sampled document, in an order and
 * from a start the seed picks) up to `targetBytes`; the newer side applies
 * random edits until `editRate` of the older side's words are touched.
 * The same pool, spec and seed always give the same pair.
 */
export function generatePair(pool: SeedPool, spec: GeneratedPairSpec): GeneratedPair {
  const random = mulberry32(mixSeed(spec.seed, spec.targetBytes, Math.round(spec.editRate * 1000)));
  const older = baseChunks(pool, spec.targetBytes, random);
  const newer = [...older];
  const totalWords = wordCount(older.join(' '));
  const target = Math.max(1, Math.round(spec.editRate * totalWords));
  const edits: Record<EditKind, number> = {
    'replace-words': 0,
    'insert-sentence': 0,
    'delete-sentence': 0,
    'move-paragraph': 0,
  };
  let touched = 0;
  // A bound on attempts: an edit can fail (no paragraph fits), and a text can run out of sentences.
  for (let attempt = 0; touched < target && attempt < target * 20 + 100; attempt++) {
    const kind = pickKind(random);
    const cost = EDITS[kind](newer, pool, random, target - touched);
    if (cost > 0) {
      touched += cost;
      edits[kind]++;
    }
  }
  return {
    group: spec.group,
    label: `${Math.round(spec.targetBytes / 1024)} KB, ${Math.round(spec.editRate * 100)} % edits`,
    a: older.join('\n\n') + '\n',
    b: newer.join('\n\n') + '\n',
    editedShare: touched / totalWords,
    edits,
  };
}

/** The benchmark's generated pairs: 20 KB and 200 KB (KB = 1024 bytes), each with 1 %, 10 % and 50 % edits. */
export function generatedPairs(pool: SeedPool, seed: number): GeneratedPair[] {
  const pairs: GeneratedPair[] = [];
  for (const [targetBytes, group] of [
    [20 * 1024, 'generated-20k'],
    [200 * 1024, 'generated-200k'],
  ] as const) {
    for (const editRate of [0.01, 0.1, 0.5]) pairs.push(generatePair(pool, { targetBytes, editRate, seed, group }));
  }
  return pairs;
}

/**
 * Real paragraphs up to `targetBytes`: the latest seed of each document
 * (first and last versions of one history would repeat most paragraphs,
 * which no real single version does), rotated to a random start, cycling
 * if the pool is smaller than the target.
 */
function baseChunks(pool: SeedPool, targetBytes: number, random: Random): string[] {
  const latest = new Map<string, string[]>();
  for (const seed of pool.seeds) latest.set(seed.name.slice(0, seed.name.lastIndexOf('/')), seed.chunks);
  const documents = [...latest.values()].filter((chunks) => chunks.length > 0);
  if (documents.length === 0) throw new Error('The seed pool holds no text to generate pairs from.');
  const start = random.int(0, documents.length - 1);
  const chunks: string[] = [];
  let bytes = 0;
  for (let index = 0; bytes < targetBytes; index++) {
    for (const chunk of documents[(start + index) % documents.length]!) {
      if (bytes >= targetBytes) break;
      chunks.push(chunk);
      bytes += Buffer.byteLength(chunk) + 2;
    }
  }
  return chunks;
}

function pickKind(random: Random): EditKind {
  const total = EDIT_WEIGHTS.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [kind, weight] of EDIT_WEIGHTS) {
    roll -= weight;
    if (roll < 0) return kind;
  }
  return 'replace-words';
}

/** An edit changes `chunks` in place and returns the words it touched (0: nothing done). */
type Edit = (chunks: string[], pool: SeedPool, random: Random, budget: number) => number;

const EDITS: Record<EditKind, Edit> = {
  'replace-words': (chunks, pool, random) => {
    const index = pickChunk(chunks, random, (chunk) => !isHeading(chunk) && wordCount(chunk) >= 5);
    if (index < 0 || pool.words.length === 0) return 0;
    const words = chunks[index]!.split(' ');
    const count = random.int(1, 3);
    const start = random.int(0, Math.max(0, words.length - count));
    let replaced = 0;
    for (let at = start; at < Math.min(words.length, start + count); at++) {
      // Keep markup and punctuation around the word so the Markdown stays what it was.
      const next = words[at]!.replace(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/u, random.pick(pool.words));
      if (next !== words[at]) replaced++;
      words[at] = next;
    }
    chunks[index] = words.join(' ');
    return replaced;
  },
  'insert-sentence': (chunks, pool, random) => {
    if (pool.sentences.length === 0) return 0;
    const sentence = random.pick(pool.sentences);
    const index = pickChunk(chunks, random, isParagraph);
    if (index < 0 || random.chance(0.3)) {
      // Sometimes a new paragraph of its own.
      chunks.splice(random.int(0, chunks.length), 0, sentence);
    } else {
      const sentences = splitSentences(chunks[index]!);
      sentences.splice(random.int(0, sentences.length), 0, sentence);
      chunks[index] = sentences.join(' ');
    }
    return wordCount(sentence);
  },
  'delete-sentence': (chunks, _pool, random, budget) => {
    const index = pickChunk(chunks, random, isParagraph);
    if (index < 0) return 0;
    const sentences = splitSentences(chunks[index]!);
    if (sentences.length <= 1) {
      // A one-sentence paragraph goes whole, if the edit budget allows.
      const words = wordCount(chunks[index]!);
      if (words > budget * 2) return 0;
      chunks.splice(index, 1);
      return words;
    }
    const [removed] = sentences.splice(random.int(0, sentences.length - 1), 1);
    chunks[index] = sentences.join(' ');
    return wordCount(removed!);
  },
  'move-paragraph': (chunks, _pool, random, budget) => {
    const index = pickChunk(chunks, random, (chunk) => !isHeading(chunk) && wordCount(chunk) <= budget * 2);
    if (index < 0 || chunks.length < 4) return 0;
    const [moved] = chunks.splice(index, 1);
    // Somewhere else, at least a couple of paragraphs away (a real move, not a swap of neighbours).
    let to = random.int(0, chunks.length);
    if (Math.abs(to - index) < 2) to = (index + Math.floor(chunks.length / 2)) % (chunks.length + 1);
    chunks.splice(to, 0, moved!);
    return wordCount(moved!);
  },
};

/** A paragraph of running text with at least one sentence end. */
function isParagraph(chunk: string): boolean {
  return !isHeading(chunk) && !/^(\||```|\s{4})/.test(chunk) && !chunk.includes('\n') && /[.!?]/.test(chunk);
}

/** A random chunk satisfying `accept`, tried from a random start (−1 when none does). */
function pickChunk(chunks: readonly string[], random: Random, accept: (chunk: string) => boolean): number {
  if (chunks.length === 0) return -1;
  const start = random.int(0, chunks.length - 1);
  for (let step = 0; step < chunks.length; step++) {
    const index = (start + step) % chunks.length;
    if (accept(chunks[index]!)) return index;
  }
  return -1;
}

function wordCount(text: string): number {
  return text.match(/[\p{L}\p{N}]+/gu)?.length ?? 0;
}
