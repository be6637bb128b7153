import type { LibraryDocument, LibraryVendor } from '../../../shared/libraryDomain';

/** One document of a vendor being merged, and where it goes. */
export interface MergeMove {
  document: LibraryDocument;
  from: LibraryVendor;
  /**
   * The target's document with the same key, which this one's captures join
   * (one Privacy Policy, not two); null when it moves over as a document of its own.
   */
  joins: LibraryDocument | null;
}

/** What merging `sources` into `target` will do, worked out from the library before asking for it. */
export interface MergePreview {
  target: LibraryVendor;
  /** The vendors that will be merged (and removed), without the target and without repeats. */
  sources: LibraryVendor[];
  moves: MergeMove[];
  /** Captures that move to the target (identical ones already there are dropped by the merge). */
  capturesMoving: number;
  /** Documents the target will have afterwards. */
  documentsAfter: number;
  /** Captures the target will have afterwards, at most (duplicates are dropped). */
  capturesAfterAtMost: number;
  firstCapturedAt: string | null;
  lastCapturedAt: string | null;
  /** The merged vendors' tags the target does not have yet (it gets them). */
  tagsAdded: string[];
}

function earliest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a <= b ? a : b;
}

function latest(a: string | null, b: string | null): string | null {
  if (a === null) return b;
  if (b === null) return a;
  return a >= b ? a : b;
}

/**
 * The preview the merge dialog shows, following what the archive does
 * (src/main/archive/vendorEdits.ts): sources in order; a document whose key
 * the target already has (or a document of an earlier source has) joins that
 * document; the others move over as they are; the sources' tags are added.
 */
export function mergePreview(target: LibraryVendor, sources: readonly LibraryVendor[]): MergePreview {
  const seen = new Set<number>([target.id]);
  const merging = sources.filter((source) => {
    if (seen.has(source.id)) return false;
    seen.add(source.id);
    return true;
  });
  const byKey = new Map<string, LibraryDocument>(target.documents.map((document) => [document.key, document]));
  const moves: MergeMove[] = [];
  let capturesMoving = 0;
  const tagKeys = new Set(target.tags.map((tag) => tag.toLowerCase()));
  const tagsAdded: string[] = [];
  let first = target.firstCapturedAt;
  let last = target.lastCapturedAt;
  for (const source of merging) {
    for (const document of source.documents) {
      const joins = byKey.get(document.key) ?? null;
      if (!joins) byKey.set(document.key, document);
      moves.push({ document, from: source, joins });
      capturesMoving += document.snapshotCount;
    }
    for (const tag of source.tags) {
      if (tagKeys.has(tag.toLowerCase())) continue;
      tagKeys.add(tag.toLowerCase());
      tagsAdded.push(tag);
    }
    first = earliest(first, source.firstCapturedAt);
    last = latest(last, source.lastCapturedAt);
  }
  return {
    target,
    sources: merging,
    moves,
    capturesMoving,
    documentsAfter: byKey.size,
    capturesAfterAtMost: target.snapshotCount + capturesMoving,
    firstCapturedAt: first,
    lastCapturedAt: last,
    tagsAdded,
  };
}
