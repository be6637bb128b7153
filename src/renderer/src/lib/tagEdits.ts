import type { TagCount } from '../../../shared/libraryDomain';

/** Limits the archive enforces on tags (see `tagListSchema` in src/shared/contract.ts). */
export const MAX_TAG_LENGTH = 60;
export const MAX_TAGS = 50;

/** A tag as typed, cleaned (trimmed, inner spaces collapsed), or the reason it cannot be used. */
export type TagCheck = { ok: true; tag: string } | { ok: false; reason: string };

/** Check a tag the user typed against the archive's rules, so the editor can say what is wrong before saving. */
export function checkTag(raw: string, current: readonly string[]): TagCheck {
  const tag = raw.trim().replace(/\s+/g, ' ');
  if (tag.length === 0) return { ok: false, reason: 'Type a tag first.' };
  if ([...tag].some((char) => char.charCodeAt(0) < 0x20))
    return { ok: false, reason: 'Tags cannot hold control characters.' };
  if (tag.length > MAX_TAG_LENGTH) return { ok: false, reason: `Tags are at most ${MAX_TAG_LENGTH} characters.` };
  if (hasTag(current, tag)) return { ok: false, reason: `“${tag}” is already there.` };
  if (current.length >= MAX_TAGS) return { ok: false, reason: `At most ${MAX_TAGS} tags.` };
  return { ok: true, tag };
}

/** Whether the list holds this tag, ignoring case (the filter treats `GDPR` and `gdpr` alike). */
export function hasTag(tags: readonly string[], tag: string): boolean {
  const wanted = tag.toLowerCase();
  return tags.some((candidate) => candidate.toLowerCase() === wanted);
}

/** The tags without this one (ignoring case). */
export function withoutTag(tags: readonly string[], tag: string): string[] {
  const unwanted = tag.toLowerCase();
  return tags.filter((candidate) => candidate.toLowerCase() !== unwanted);
}

/**
 * Tags offered while typing: tags already used in the archive that this item
 * does not have, those starting with what was typed first, then those
 * containing it, the most used first within each group.
 */
export function tagSuggestions(
  all: readonly TagCount[],
  current: readonly string[],
  typed: string,
  limit = 8,
): string[] {
  const needle = typed.trim().toLowerCase();
  const usage = (tag: TagCount): number => tag.vendorCount + tag.snapshotCount;
  const candidates = all.filter((tag) => !hasTag(current, tag.name) && tag.name.toLowerCase().includes(needle));
  const rank = (tag: TagCount): number => (needle.length > 0 && tag.name.toLowerCase().startsWith(needle) ? 0 : 1);
  return candidates
    .sort((a, b) => rank(a) - rank(b) || usage(b) - usage(a) || a.name.localeCompare(b.name))
    .slice(0, limit)
    .map((tag) => tag.name);
}
