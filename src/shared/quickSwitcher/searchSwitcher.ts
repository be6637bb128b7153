import lunr from 'lunr';
import type { SwitcherEntry, SwitcherEntryKind } from '../searchDomain';
import type { SwitcherIndex } from './switcherIndex';
import { queryTokens, searchableText } from './switcherText';

/** Results shown when the caller does not say. */
export const DEFAULT_SWITCHER_LIMIT = 50;

/**
 * How much each way of matching a typed word counts in lunr's query: the word
 * itself, a word it begins (`formlab` → `formlabs`), a word one edit away
 * (`privcy` → `privacy`) or two; each index word counts in its best way.
 */
export const MATCH_BOOSTS = { exact: 10, prefix: 4, oneTypo: 2, twoTypos: 1 } as const;

/** Most index words one typed word stands for (see queryWord). */
const MAX_TERMS_PER_WORD = 300;

/** Weight of an entry whose label begins with what was typed (`form` → `formlabs.com`). */
const LABEL_START_WEIGHT = 1.5;

/**
 * lunr also weighs a match by the rarity of the word matched, so a rare word
 * two typos away could outscore a common one a single typo away; each typed
 * word's score is therefore also scaled by how close the entry's closest
 * matching word is, so exact > prefix > one typo > two typos holds.
 */
const CLOSENESS = { exact: 1, prefix: 0.7, oneTypo: 0.4, twoTypos: 0.15 } as const;

/**
 * When two entries match as well, vendors come first, then documents, then
 * headings (a vendor or a document is the broader place to go); kinds also
 * weigh a little, so a vendor whose name matches beats a heading that merely
 * contains the same word among others.
 */
const KIND_ORDER: Record<SwitcherEntryKind, number> = { vendor: 0, document: 1, heading: 2 };
const KIND_WEIGHT: Record<SwitcherEntryKind, number> = { vendor: 1.3, document: 1.15, heading: 1 };

/** Shortest word given typo tolerance, and the length from which two typos are allowed. */
const FUZZY_MIN_LENGTH = 3;
const TWO_TYPOS_MIN_LENGTH = 6;
/** Longer words are matched exactly or as a prefix only: fuzzy automata grow with the word. */
const FUZZY_MAX_LENGTH = 20;

/** One result: the entry and how well it matched (higher is better; only the order means anything). */
export interface SwitcherMatch {
  entry: SwitcherEntry;
  score: number;
}

/**
 * A word that matches a vendor's name also matches the vendor's documents and
 * headings, this much more weakly than their own words would (`formlabs
 * cookies` → formlabs.com's Cookies section; `formlab` → formlabs.com's
 * Privacy Policy after the vendor itself).
 */
const VENDOR_CONTEXT_WEIGHT = 0.1;

/**
 * The entries that best match what the user typed, best first.
 *
 * Each word is looked up on its own (exact, as a prefix, and within one typo,
 * two for words of six letters or more); an entry must match every word,
 * unless no entry does, in which case the entries matching the most words
 * are shown. A document or heading matches a word through its own label or
 * through its vendor's name. Never throws: the query is reduced to letters
 * and digits before lunr sees it, and terms go through lunr's query builder,
 * not its query parser (which rejects input such as `title:` or a lone `-`).
 */
export function searchSwitcher(
  switcher: SwitcherIndex,
  query: string,
  limit: number = DEFAULT_SWITCHER_LIMIT,
): SwitcherMatch[] {
  const tokens = queryTokens(query);
  if (tokens.length === 0 || !(limit > 0)) return [];

  const words = tokens.map((token) => lookUp(switcher, token));
  // Words typed apart may be one word in a name (`3d hubs` → `3dhubs.com`, `le chat` → `lechat`).
  const joined = tokens.length > 1 ? lookUp(switcher, tokens.join('')) : null;

  const candidates = new Set<number>();
  for (const word of [...words, ...(joined ? [joined] : [])]) {
    for (const position of word.entries.keys()) candidates.add(position);
  }
  // A vendor's documents and headings, for the vendors that match best. Only those: an entry found
  // through a weaker vendor would rank below that vendor and every better one, past `limit`.
  for (const vendorId of bestVendors(words, joined, limit)) {
    for (const position of switcher.byVendor.get(vendorId) ?? []) candidates.add(position);
  }

  const found: Array<{ entry: SwitcherEntry; position: number; score: number; words: number }> = [];
  let mostWords = 0;
  for (const position of candidates) {
    const entry = switcher.entries[position];
    if (!entry) continue;
    let score = 0;
    let matched = 0;
    for (const word of words) {
      const hit = scoreOf(word, position, entry);
      if (hit > 0) {
        score += hit;
        matched += 1;
      }
    }
    const whole = joined ? scoreOf(joined, position, entry) : 0;
    if (whole > 0) {
      score += whole;
      matched = tokens.length;
    }
    if (matched === 0) continue;
    mostWords = Math.max(mostWords, matched);
    found.push({ entry, position, score, words: matched });
  }

  const first = tokens[0] ?? '';
  const ranked: Ranked[] = [];
  for (const { entry, position, score, words: matched } of found) {
    if (matched < mostWords) continue;
    const start = searchableLabelStarts(entry.label, first) ? LABEL_START_WEIGHT : 1;
    ranked.push({ entry, position, score: score * KIND_WEIGHT[entry.kind] * start });
  }
  return ranked
    .sort(byRank)
    .slice(0, Math.floor(limit))
    .map(({ entry, score }) => ({ entry, score }));
}

/** What one typed word matches: entries by their own words, and vendors by their name. */
interface WordMatches {
  /** Entry position → score. */
  entries: Map<number, number>;
  /** Vendor id → score of the vendor's own match. */
  vendors: Map<number, number>;
}

function lookUp(switcher: SwitcherIndex, token: string): WordMatches {
  const matches: WordMatches = { entries: new Map(), vendors: new Map() };
  for (const result of matchWord(switcher.index, token)) {
    const target = switcher.targets[Number(result.ref)];
    if (!target) continue;
    for (const position of target.entries) matches.entries.set(position, result.score);
    if (target.vendorId !== null) matches.vendors.set(target.vendorId, result.score);
  }
  return matches;
}

/** How well an entry matches one word: through its own label, else (weaker) through its vendor's name. */
function scoreOf(word: WordMatches, position: number, entry: SwitcherEntry): number {
  const own = word.entries.get(position);
  if (own !== undefined) return own;
  if (entry.kind === 'vendor') return 0;
  return (word.vendors.get(entry.vendorId) ?? 0) * VENDOR_CONTEXT_WEIGHT;
}

/** The `limit` vendors matching the most words, best scores first. */
function bestVendors(words: WordMatches[], joined: WordMatches | null, limit: number): number[] {
  const vendors = new Map<number, { words: number; score: number }>();
  const count = (word: WordMatches, weight: number): void => {
    for (const [vendorId, score] of word.vendors) {
      const sofar = vendors.get(vendorId) ?? { words: 0, score: 0 };
      vendors.set(vendorId, { words: sofar.words + weight, score: sofar.score + score });
    }
  };
  for (const word of words) count(word, 1);
  if (joined) count(joined, words.length);
  return [...vendors]
    .sort(([, a], [, b]) => b.words - a.words || b.score - a.score)
    .slice(0, Math.max(1, Math.floor(limit)))
    .map(([vendorId]) => vendorId);
}

/** Whether a label, read as searchable words, begins with `token`. */
function searchableLabelStarts(label: string, token: string): boolean {
  return token !== '' && searchableText(label.slice(0, token.length * 2 + 8)).startsWith(token);
}

/** Entries matching one typed word, with lunr's score scaled by how closely they match. */
function matchWord(index: lunr.Index, token: string): lunr.Index.Result[] {
  const results = queryWord(index, token);
  for (const result of results) {
    let closeness = 0;
    for (const term of Object.keys(result.matchData.metadata))
      closeness = Math.max(closeness, closenessOf(token, term));
    result.score *= closeness;
  }
  return results;
}

function closenessOf(token: string, term: string): number {
  if (term === token) return CLOSENESS.exact;
  if (term.startsWith(token)) return CLOSENESS.prefix;
  return withinOneEdit(token, term) ? CLOSENESS.oneTypo : CLOSENESS.twoTypos;
}

/**
 * Whether one insertion, deletion, substitution or swap of neighbours turns
 * `a` into `b` (or they are equal): lunr's fuzzy matching counts a swap as one edit.
 */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i += 1;
  const restA = a.slice(i + 1);
  const restB = b.slice(i + 1);
  if (restA === restB || a.slice(i) === restB || restA === b.slice(i)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/** The parts of lunr 2.3 that @types/lunr declares wrongly (static methods, the index's vocabulary). */
interface TokenSetStatics {
  fromString(text: string): lunr.TokenSet;
  fromFuzzyString(text: string, editDistance: number): lunr.TokenSet;
}
const tokenSets = lunr.TokenSet as unknown as TokenSetStatics;
const vocabularyOf = (index: lunr.Index): lunr.TokenSet => (index as unknown as { tokenSet: lunr.TokenSet }).tokenSet;

/**
 * lunr's matches for one typed word. The index words it may stand for are
 * found here (the word itself, words it begins, shortest first, words one or
 * two edits away), at most MAX_TERMS_PER_WORD of them, and queried as plain
 * terms: lunr scores by comparing each entry with a vector of every term
 * queried, so a short prefix of thousands of words (`vendor0001` …
 * `vendor4999`) would otherwise cost thousands of times more.
 */
function queryWord(index: lunr.Index, token: string): lunr.Index.Result[] {
  const length = [...token].length;
  const vocabulary = vocabularyOf(index);
  const terms = new Map<string, number>();
  const add = (found: lunr.TokenSet, boost: number, order?: (a: string, b: string) => number): void => {
    const words = found.toArray();
    if (order) words.sort(order);
    for (const word of words) {
      if (terms.size >= MAX_TERMS_PER_WORD) return;
      if (!terms.has(word)) terms.set(word, boost);
    }
  };
  add(vocabulary.intersect(tokenSets.fromString(token)), MATCH_BOOSTS.exact);
  add(vocabulary.intersect(tokenSets.fromString(`${token}*`)), MATCH_BOOSTS.prefix, (a, b) => a.length - b.length);
  if (length >= FUZZY_MIN_LENGTH && length <= FUZZY_MAX_LENGTH) {
    add(vocabulary.intersect(tokenSets.fromFuzzyString(token, 1)), MATCH_BOOSTS.oneTypo);
  }
  if (length >= TWO_TYPOS_MIN_LENGTH && length <= FUZZY_MAX_LENGTH) {
    add(vocabulary.intersect(tokenSets.fromFuzzyString(token, 2)), MATCH_BOOSTS.twoTypos);
  }
  if (terms.size === 0) return [];
  return index.query((query) => {
    for (const [term, boost] of terms) {
      // One letter begins too many words to rank them all on every keystroke: only names and titles.
      const fields = length === 1 && term !== token ? { fields: ['label', 'terms'] } : {};
      query.term(term, { boost, usePipeline: false, ...fields });
    }
  });
}

/** A match and its entry's position in the index (the archive's order: vendors by name, and so on). */
interface Ranked extends SwitcherMatch {
  position: number;
}

/**
 * Better score first; on a tie (to four decimals) vendors, then documents,
 * then headings, then the archive's order (vendors by name, a vendor's
 * documents by title, a document's headings in reading order). Numbers only:
 * thousands of documents named "Privacy Policy" tie on every keystroke.
 */
function byRank(a: Ranked, b: Ranked): number {
  return (
    Math.round(b.score * 1e4) - Math.round(a.score * 1e4) ||
    KIND_ORDER[a.entry.kind] - KIND_ORDER[b.entry.kind] ||
    a.position - b.position
  );
}
