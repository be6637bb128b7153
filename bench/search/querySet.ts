/**
 * The fixed query set of the search benchmark, drawn from the corpus
 * vocabulary (the seed texts every generated policy grows from) with a seeded
 * PRNG, so every run and every machine times the same queries.
 */
import { mixSeed, mulberry32, type Random } from '../corpus/prng';
import { isProse, type SeedText } from '../corpus/seedTexts';

/** The query classes, in the order the report lists them. */
export const QUERY_CLASSES = [
  'term-rare',
  'term-common',
  'phrase',
  'prefix',
  'boolean',
  'filter-vendor',
  'filter-dates',
  'filter-latest',
  'filter-in-force',
] as const;
export type QueryClass = (typeof QUERY_CLASSES)[number];

/** What each class holds, for the report. */
export const QUERY_CLASS_DESCRIPTIONS: Record<QueryClass, string> = {
  'term-rare': 'one word found in one seed text',
  'term-common': 'one word found in most seed texts',
  phrase: '"2–4 word phrase" (policy phrases and phrases from the corpus)',
  prefix: 'word prefix*',
  boolean: 'a OR b, a -b',
  'filter-vendor': 'term or phrase, 1 or 5 vendors',
  'filter-dates': 'term or phrase, capture date range of 1–3 years',
  'filter-latest': 'term or phrase, latest version only',
  'filter-in-force': 'term or phrase, versions in force on a date',
};

/**
 * Filters as the query set states them. Vendors are corpus vendor numbers
 * (vendor k is `vendor000k.example` at every size); the bench looks up their ids.
 */
export interface BenchFilters {
  vendorNumbers?: number[];
  capturedFrom?: string;
  capturedTo?: string;
  latestOnly?: boolean;
  inForceOn?: string;
}

export interface BenchQuery {
  /** What a user would type. */
  query: string;
  filters?: BenchFilters;
}

export type QuerySet = Record<QueryClass, BenchQuery[]>;

export interface QuerySetOptions {
  seed: number;
  /** Queries in each class. */
  perClass: number;
  /** Vendor filters pick vendor numbers below this (the vendor count of the smallest archive). */
  vendorRange: number;
}

/** Phrases people search policies for (from the issue and common policy language). */
const POLICY_PHRASES = [
  'sell your personal information',
  'legitimate interest',
  'personal data',
  'third parties',
  'opt out',
  'do not track',
  'data protection officer',
  'California residents',
  'similar technologies',
  'children under the age',
];

/** Words too common to be a realistic search, or not content at all. */
const STOPWORDS = new Set(
  (
    'the a an and or of to in on for with by as at from that this these those is are was were be been being it its ' +
    'we our us you your they their them he she his her not no any all such may will can which who whom whose what when ' +
    'where how if than then also other more most some each into about over under only have has had do does did so ' +
    'would should could shall must upon within without between through including include includes there here'
  ).split(' '),
);

/** Letters only: what FTS5 and `rg -w` both see as one word. */
const WORD = /^[a-z]{4,14}$/;

/** Per word, in how many seed texts it occurs and how often. */
interface WordStats {
  word: string;
  seeds: number;
  count: number;
}

/** Word statistics over the seeds' running text (links and markup ignored). */
export function wordStats(seeds: readonly SeedText[]): WordStats[] {
  const stats = new Map<string, WordStats>();
  for (const seed of seeds) {
    const seen = new Set<string>();
    for (const chunk of seed.chunks) {
      const text = chunk.replace(/\]\([^)]*\)/g, ']').replace(/https?:\/\/\S+/g, ' ');
      for (const token of text.toLowerCase().split(/[^a-z]+/)) {
        if (!WORD.test(token) || STOPWORDS.has(token)) continue;
        const entry = stats.get(token) ?? { word: token, seeds: 0, count: 0 };
        entry.count += 1;
        if (!seen.has(token)) {
          seen.add(token);
          entry.seeds += 1;
        }
        stats.set(token, entry);
      }
    }
  }
  return [...stats.values()].sort((a, b) => b.seeds - a.seeds || b.count - a.count || a.word.localeCompare(b.word));
}

/**
 * Runs of 2–4 plain words, separated by single spaces, from the seeds' prose:
 * text that is in the corpus byte for byte, so ripgrep's fixed-string search
 * and FTS5's phrase match find the same snapshots. Sorted and distinct.
 */
export function corpusPhrases(seeds: readonly SeedText[]): string[] {
  const phrases = new Set<string>();
  for (const seed of seeds) {
    for (const chunk of seed.chunks) {
      if (!isProse(chunk)) continue;
      const tokens = chunk.split(' ');
      for (let start = 0; start < tokens.length; start++) {
        for (let length = 2; length <= 4 && start + length <= tokens.length; length++) {
          const words = tokens.slice(start, start + length);
          if (!words.every((word) => /^[A-Za-z]+$/.test(word))) break;
          const first = words[0]!.toLowerCase();
          const last = words[words.length - 1]!.toLowerCase();
          // A phrase people would type starts and ends with a content word.
          if (STOPWORDS.has(first) || STOPWORDS.has(last) || first.length < 4 || last.length < 4) continue;
          phrases.add(words.join(' '));
        }
      }
    }
  }
  return [...phrases].sort();
}

/** `count` distinct items of `items`, in the order drawn. */
function draw<T>(items: readonly T[], count: number, random: Random): T[] {
  const pool = [...items];
  const drawn: T[] = [];
  while (drawn.length < count && pool.length > 0) {
    const index = Math.floor(random.next() * pool.length);
    drawn.push(pool[index]!);
    pool.splice(index, 1);
  }
  return drawn;
}

/**
 * Build the query set: `perClass` queries in every class of QUERY_CLASSES.
 * Common words are the most widespread across seed texts, rare ones occur in
 * exactly one seed once; phrases mix POLICY_PHRASES with corpus phrases.
 * Deterministic for the same seeds and options.
 */
export function buildQuerySet(seeds: readonly SeedText[], options: QuerySetOptions): QuerySet {
  const random = mulberry32(mixSeed(options.seed, 0x5ea7c4));
  const n = options.perClass;
  const stats = wordStats(seeds);
  const commonPool = stats.slice(0, Math.max(n * 2, 10)).map((entry) => entry.word);
  const rarePool = stats
    .filter((entry) => entry.seeds === 1 && entry.count === 1 && entry.word.length >= 6)
    .map((entry) => entry.word)
    .sort();
  const common = draw(commonPool, n, random);
  const rare = draw(rarePool, n, random);
  const curated = POLICY_PHRASES.slice(0, Math.ceil(n / 3));
  const phrases = [...curated, ...draw(corpusPhrases(seeds), n - curated.length, random)];

  const prefixWords = draw(
    [...commonPool, ...rarePool].filter((word) => word.length >= 6),
    n,
    random,
  );
  const prefix = prefixWords.map((word) => `${word.slice(0, Math.max(4, Math.ceil(word.length * 0.6)))}*`);

  const boolean: string[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b] = draw(commonPool, 2, random);
    boolean.push(i % 2 === 0 ? `${a} OR ${random.pick(rarePool)}` : `${a} -${b}`);
  }

  // Filtered queries: a common word or a phrase, alternately.
  const base = (i: number): string => (i % 2 === 0 ? random.pick(common) : `"${random.pick(phrases)}"`);
  const filtered = (make: (i: number) => BenchFilters): BenchQuery[] =>
    Array.from({ length: n }, (_, i) => ({ query: base(i), filters: make(i) }));
  const vendorNumber = (): number => random.int(0, Math.max(0, options.vendorRange - 1));
  const pad = (value: number): string => String(value).padStart(2, '0');

  return {
    'term-rare': rare.map((query) => ({ query })),
    'term-common': common.map((query) => ({ query })),
    phrase: phrases.map((phrase) => ({ query: `"${phrase}"` })),
    prefix: prefix.map((query) => ({ query })),
    boolean: boolean.map((query) => ({ query })),
    'filter-vendor': filtered((i) => ({
      vendorNumbers: Array.from({ length: i % 4 < 2 ? 1 : 5 }, vendorNumber),
    })),
    'filter-dates': filtered(() => {
      const from = random.int(2009, 2017);
      return { capturedFrom: `${from}-01-01`, capturedTo: `${from + random.int(0, 2)}-12-31` };
    }),
    'filter-latest': filtered(() => ({ latestOnly: true })),
    'filter-in-force': filtered(() => ({
      inForceOn: `${random.int(2010, 2020)}-${pad(random.int(1, 12))}-${pad(random.int(1, 28))}`,
    })),
  };
}
