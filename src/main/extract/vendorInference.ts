/**
 * Guessing the vendor of a policy that has no header, from its own text.
 * Every guess is reported as inferred; callers never present it as read.
 */
import type { Block } from '../../shared/domain';
import { domainKey, vendorKeyOf } from './vendorKey';

/** A vendor already in the archive (`knownVendors(db)`). */
export interface KnownVendor {
  key: string;
  displayName: string;
}

/** A guessed vendor and the evidence for it, worded for users. */
export interface VendorGuess {
  key: string;
  displayName: string;
  evidence: string;
}

const WORD = /[\p{L}\p{N}]+/gu;
const NON_ALPHANUMERIC = /[^\p{L}\p{N}]+/gu;
const MAX_NAME_WORDS = 4;
const MIN_MENTIONS = 2;
const MIN_SQUASHED_LENGTH = 2;
/** A longer name replaces a shorter one it contains when it is at least this share as frequent. */
const LONGER_NAME_SHARE = 0.5;

// Words that start or end no company name but sit next to one in
// "…statement of Ultimaker B.V. (" or "offered by us and …".
const STOPWORDS = new Set(
  (
    'a an and any are as at be by for from in is it its of on or our that the their these this those to ' +
    'us we you your when where which who with mention refer referring means privacy policy website websites ' +
    'site sites service services company companies group entity entities personal data information cookies ' +
    'terms use users user app apps products product here hereinafter collectively together each all other ' +
    'such including include also may not no if than then so what how why about'
  ).split(' '),
);
// Company-form suffixes are dropped from the end of a name ("Ultimaker B.V." → "Ultimaker").
const LEGAL_SUFFIXES = new Set(
  'inc incorporated llc ltd limited gmbh ag bv b v nv sa sarl s a r l sas srl spa plc co corp corporation pty kk ab oy as'.split(
    ' ',
  ),
);
// Second-level labels that are not the name in `bbc.co.uk`.
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'ac', 'gov', 'edu', 'ltd', 'plc']);
// Top-level domains a policy's own site plausibly uses. A closed list, because
// "Mistral AI.Our" or "e.g." in running text must not read as domains.
const TOP_LEVEL_DOMAINS = new Set(
  (
    'com net org info biz io ai co app dev me tv cc xyz online site tech store shop cloud eu us uk de nl fr be lu ' +
    'ch at it es pt ie dk se no fi is pl cz sk hu ro bg gr tr ru ua ca mx br ar cl au nz jp cn hk tw kr sg in id ' +
    'my th vn ph za il ae sa edu gov'
  ).split(' '),
);

const NAME_WORDS = String.raw`((?:[\p{L}\p{N}&.'’-]+[ \t]+){0,${MAX_NAME_WORDS - 1}}[\p{L}\p{N}&.'’-]+)`;
const QUOTE = `["“”'‘’]`;
/** Name followed by a parenthesised quoted alias: `Formlabs Inc. (“Formlabs”, “we”)`. */
const BEFORE_ALIAS = new RegExp(String.raw`${NAME_WORDS}\s*,?\s*\(\s*(?:hereinafter\s+)?(?:the\s+)?${QUOTE}`, 'giu');
/** Name followed by a quoted "we": `“3d hubs,” "we"` or `"Ultimaker" or "we"`. */
const BEFORE_WE = new RegExp(
  String.raw`${NAME_WORDS}\s*,?\s*${QUOTE}?\s*,?\s*(?:or\s+|and\s+)?${QUOTE}(?:we|us|our)${QUOTE}`,
  'giu',
);
/** Name after a phrase that introduces the operator: `offered by X`, `welcome to X`. */
const AFTER_INTRO = new RegExp(
  String.raw`\b(?:offered|operated|provided|owned|run)\s+by\s+${NAME_WORDS}|\bwelcome\s+to\s+${NAME_WORDS}`,
  'giu',
);
const DOMAIN_IN_TEXT =
  /(?<![\p{L}\p{N}-])((?:[\p{L}\p{N}][\p{L}\p{N}-]*\.)+\p{L}{2,12})(?![\p{L}\p{N}-]|\.[\p{L}\p{N}])/gu;

function squash(text: string): string {
  return text.toLowerCase().replace(NON_ALPHANUMERIC, '');
}

/** How often each run of 1–3 consecutive words occurs, keyed by the run with spaces and punctuation removed. */
function countWordRuns(text: string): Map<string, number> {
  const words = text.toLowerCase().match(WORD) ?? [];
  const counts = new Map<string, number>();
  for (let i = 0; i < words.length; i++) {
    let run = '';
    for (let n = 0; n < 3 && i + n < words.length; n++) {
      run += words[i + n];
      counts.set(run, (counts.get(run) ?? 0) + 1);
    }
  }
  return counts;
}

/** The label of a domain that names its owner: `3dhubs` in `www.3dhubs.com`, `bbc` in `bbc.co.uk`. */
function domainName(domain: string): string {
  const labels = domainKey(domain).split('.');
  labels.pop();
  if (labels.length > 1 && SECOND_LEVEL.has(labels[labels.length - 1] ?? '')) labels.pop();
  return labels[labels.length - 1] ?? '';
}

function isUsableName(squashed: string): boolean {
  return squashed.length >= MIN_SQUASHED_LENGTH && !STOPWORDS.has(squashed) && !/^\d+$/.test(squashed);
}

/** Known vendors named in the text (as `3d hubs`, `3dhubs` or `3dhubs.com`), most mentioned first. */
function matchKnownVendor(runs: Map<string, number>, knownVendors: readonly KnownVendor[]): VendorGuess | null {
  let best: { vendor: KnownVendor; count: number; name: string } | null = null;
  for (const vendor of knownVendors) {
    const names = new Set([squash(vendor.key), squash(vendor.displayName), squash(domainName(vendor.key))]);
    for (const name of names) {
      if (!isUsableName(name) || name.length < 3) continue;
      const count = runs.get(name) ?? 0;
      if (count >= MIN_MENTIONS && (!best || count > best.count)) best = { vendor, count, name };
    }
  }
  if (!best) return null;
  return {
    key: best.vendor.key,
    displayName: best.vendor.displayName,
    evidence: `the text names ${best.vendor.displayName} ${best.count} times`,
  };
}

interface Candidate {
  words: string[];
  display: string;
  squashed: string;
  count: number;
}

function trimName(words: string[]): string[] {
  const trimmed = words.map((word) => word.replace(/^[.'’-]+|[.'’-]+$/g, '')).filter((word) => word !== '');
  while (trimmed.length > 0 && LEGAL_SUFFIXES.has(squash(trimmed[trimmed.length - 1] ?? ''))) trimmed.pop();
  return trimmed;
}

function addCandidate(
  pool: Map<string, Candidate>,
  words: string[],
  runs: Map<string, number>,
  capitalised: boolean,
): void {
  if (words.length === 0) return;
  // In text that uses capitals, names start with one (or a digit: "3D Hubs").
  if (capitalised && !/^[\p{Lu}\p{N}]/u.test(words[0] ?? '')) return;
  const first = squash(words[0] ?? '');
  const last = squash(words[words.length - 1] ?? '');
  if (STOPWORDS.has(first) || STOPWORDS.has(last)) return;
  const squashed = squash(words.join(''));
  if (!isUsableName(squashed) || pool.has(squashed)) return;
  const count = runs.get(squashed) ?? 0;
  if (count > 0) pool.set(squashed, { words, display: words.join(' '), squashed, count });
}

/** Names from `X ("we")`, `X, "we"`, `offered by X`, `welcome to X`: every run of words ending (or starting) the capture. */
function nameCandidates(text: string, runs: Map<string, number>): Map<string, Candidate> {
  const pool = new Map<string, Candidate>();
  const capitalised = /\p{Lu}/u.test(text);
  for (const pattern of [BEFORE_ALIAS, BEFORE_WE]) {
    for (const match of text.matchAll(pattern)) {
      const words = trimName((match[1] ?? '').split(/\s+/));
      for (let start = words.length - 1; start >= 0; start--) addCandidate(pool, words.slice(start), runs, capitalised);
    }
  }
  for (const match of text.matchAll(AFTER_INTRO)) {
    const words = (match[1] ?? match[2] ?? '').split(/\s+/);
    for (let end = 1; end <= words.length; end++) addCandidate(pool, trimName(words.slice(0, end)), runs, capitalised);
  }
  return pool;
}

/** Domains and e-mail domains written in the text, with how often each (or its name) occurs. */
function domainCandidates(text: string, runs: Map<string, number>): Map<string, number> {
  const domains = new Map<string, number>();
  for (const match of text.matchAll(DOMAIN_IN_TEXT)) {
    const written = match[1] ?? '';
    const tld = written.slice(written.lastIndexOf('.') + 1);
    if (!TOP_LEVEL_DOMAINS.has(tld)) continue; // also rejects "AI.Our": written domains end in lower case
    const domain = domainKey(written);
    const name = domainName(domain);
    if (name.length < 2 || !isUsableName(squash(name))) continue;
    domains.set(domain, (domains.get(domain) ?? 0) + 1);
  }
  // A domain also counts every mention of its name: "3D Hubs" for 3dhubs.com.
  for (const [domain, count] of domains) domains.set(domain, count + (runs.get(squash(domainName(domain))) ?? 0));
  return domains;
}

/**
 * Guess who publishes a policy from its text: first a vendor already in the
 * archive whose name the text repeats (`3d hubs` → `3dhubs.com`), else the most
 * frequent name introduced as the operator (`X ("we")`, `X, "we"`,
 * `offered by X`, `welcome to X`) or domain written in the text. Null when the
 * text gives no usable hint: callers must then ask the user, never guess further.
 */
export function inferVendor(blocks: readonly Block[], knownVendors: readonly KnownVendor[] = []): VendorGuess | null {
  const text = blocks.map((block) => block.text).join('\n');
  const runs = countWordRuns(text);
  const known = matchKnownVendor(runs, knownVendors);
  if (known) return known;

  const names = [...nameCandidates(text, runs).values()].filter((candidate) => candidate.count >= MIN_MENTIONS);
  const domains = [...domainCandidates(text, runs)].filter(([, count]) => count >= MIN_MENTIONS);
  let bestName = names.reduce<Candidate | null>((best, c) => (!best || c.count > best.count ? c : best), null);
  if (bestName) {
    // "3d hubs" over "3d" when most mentions of "3d" are of "3d hubs".
    const winner: Candidate = bestName;
    const longer = names
      .filter((c) => c.words.length > winner.words.length && c.squashed.includes(winner.squashed))
      .filter((c) => c.count >= LONGER_NAME_SHARE * winner.count)
      .sort((a, b) => b.words.length - a.words.length || b.count - a.count);
    bestName = longer[0] ?? winner;
  }
  const bestDomain = domains.reduce<[string, number] | null>((best, d) => (!best || d[1] > best[1] ? d : best), null);

  if (bestDomain && (!bestName || bestDomain[1] >= bestName.count)) {
    return {
      key: bestDomain[0],
      displayName: bestDomain[0],
      evidence: `the text mentions ${bestDomain[0]} ${bestDomain[1]} times`,
    };
  }
  if (!bestName) return null;
  const sameDomain = domains.find(([domain]) => squash(domainName(domain)) === bestName.squashed);
  if (sameDomain) {
    return {
      key: sameDomain[0],
      displayName: sameDomain[0],
      evidence: `the text names ${bestName.display} ${bestName.count} times`,
    };
  }
  const key = vendorKeyOf(bestName.display);
  if (key === '') return null;
  return { key, displayName: bestName.display, evidence: `the text names ${bestName.display} ${bestName.count} times` };
}

/**
 * The vendor a user named (`--vendor`): an archive vendor with that key or
 * display name when there is one, else a new vendor keyed by the domain or
 * slug of the input. Null when the input has nothing usable in it.
 */
export function vendorFromUserInput(
  input: string,
  knownVendors: readonly KnownVendor[] = [],
): { key: string; displayName: string } | null {
  const key = vendorKeyOf(input);
  if (key === '') return null;
  const wanted = input.trim().toLowerCase();
  const known = knownVendors.find((vendor) => vendor.key === key || vendor.displayName.toLowerCase() === wanted);
  return known ? { key: known.key, displayName: known.displayName } : { key, displayName: input.trim() };
}
