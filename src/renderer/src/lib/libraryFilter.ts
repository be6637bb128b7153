/**
 * The library's filter box: plain words match a vendor's name or key, and
 * `tag:gdpr` (or `tag:"needs review"`) keeps vendors carrying that tag. Tag
 * chips toggle `tag:` terms in the same text, so what the box says is always
 * the whole filter.
 */

/** What a filter text asks for. Words and tags are lower-cased; every one must match. */
export interface LibraryFilter {
  words: string[];
  tags: string[];
}

/** The fields of a vendor the filter looks at. */
export interface FilterableVendor {
  displayName: string;
  key: string;
  tags: readonly string[];
}

const TAG_PREFIX = 'tag:';

/** Split on spaces, keeping `"…"` together (quotes removed); an unclosed quote runs to the end. */
function tokens(text: string): string[] {
  const found: string[] = [];
  let current = '';
  let quoted = false;
  let started = false;
  for (const char of text) {
    if (char === '"') {
      quoted = !quoted;
      started = true;
    } else if (!quoted && /\s/.test(char)) {
      if (started) found.push(current);
      current = '';
      started = false;
    } else {
      current += char;
      started = true;
    }
  }
  if (started) found.push(current);
  return found;
}

/**
 * Read a filter text. `tag:` with nothing after it (while the user is still
 * typing) asks for nothing; `TAG:GDPR` is the same as `tag:gdpr`.
 */
export function parseLibraryFilter(text: string): LibraryFilter {
  const words: string[] = [];
  const tags: string[] = [];
  for (const token of tokens(text)) {
    const lower = token.toLowerCase();
    if (lower.startsWith(TAG_PREFIX)) {
      const tag = lower.slice(TAG_PREFIX.length).trim();
      if (tag.length > 0 && !tags.includes(tag)) tags.push(tag);
    } else if (lower.trim().length > 0) {
      words.push(lower.trim());
    }
  }
  return { words, tags };
}

/** Whether the filter asks for anything at all. */
export function isEmptyFilter(filter: LibraryFilter): boolean {
  return filter.words.length === 0 && filter.tags.length === 0;
}

/** Every word is part of the vendor's name or key, and the vendor carries every tag (case-insensitive). */
export function matchesLibraryFilter(vendor: FilterableVendor, filter: LibraryFilter): boolean {
  if (filter.tags.length > 0) {
    const own = new Set(vendor.tags.map((tag) => tag.toLowerCase()));
    if (!filter.tags.every((tag) => own.has(tag))) return false;
  }
  if (filter.words.length === 0) return true;
  const name = vendor.displayName.toLowerCase();
  const key = vendor.key.toLowerCase();
  return filter.words.every((word) => name.includes(word) || key.includes(word));
}

/** The filter term for a tag: `tag:gdpr`, or `tag:"needs review"` when it holds a space or a quote. */
export function tagTerm(tag: string): string {
  return /[\s"]/.test(tag) ? `${TAG_PREFIX}"${tag.replaceAll('"', '')}"` : `${TAG_PREFIX}${tag}`;
}

/** Whether the filter text asks for this tag. */
export function filterHasTag(text: string, tag: string): boolean {
  return parseLibraryFilter(text).tags.includes(tag.toLowerCase());
}

/**
 * A tag chip was pressed: add `tag:x` to the filter text, or remove every
 * term asking for it when it is there already. The rest of the text is kept.
 */
export function toggleTagInFilter(text: string, tag: string): string {
  const wanted = tag.toLowerCase();
  if (!filterHasTag(text, tag)) {
    const trimmed = text.trimEnd();
    return trimmed.length === 0 ? tagTerm(tag) : `${trimmed} ${tagTerm(tag)}`;
  }
  const kept = tokens(text).filter((token) => {
    const lower = token.toLowerCase();
    return !(lower.startsWith(TAG_PREFIX) && lower.slice(TAG_PREFIX.length).trim() === wanted);
  });
  return kept.map((token) => (/[\s"]/.test(token) ? quoteTerm(token) : token)).join(' ');
}

/** Put quotes back around a term that had them (`tag:needs review` → `tag:"needs review"`, `a b` → `"a b"`). */
function quoteTerm(token: string): string {
  const lower = token.toLowerCase();
  return lower.startsWith(TAG_PREFIX) ? tagTerm(token.slice(TAG_PREFIX.length)) : `"${token.replaceAll('"', '')}"`;
}
