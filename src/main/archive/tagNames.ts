/**
 * How tag names are cleaned and ordered, the same for vendor and snapshot
 * tags: trimmed, inner whitespace collapsed, one tag per spelling ignoring
 * case (the first spelling given wins), sorted case-insensitively.
 */

/** The key two spellings of one tag share ("GDPR" and "gdpr"). */
export function tagKey(name: string): string {
  return name.toLowerCase();
}

/** Case-insensitive order, then by exact spelling so the order is total. */
export function compareTagNames(a: string, b: string): number {
  const ka = tagKey(a);
  const kb = tagKey(b);
  if (ka !== kb) return ka < kb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Trimmed, whitespace-collapsed, without empty names or case-insensitive duplicates, sorted. */
export function normalizeTags(names: readonly string[]): string[] {
  const byKey = new Map<string, string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (name && !byKey.has(tagKey(name))) byKey.set(tagKey(name), name);
  }
  return [...byKey.values()].sort(compareTagNames);
}
