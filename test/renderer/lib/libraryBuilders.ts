/**
 * Builders for the library's domain objects (vendors with their documents),
 * shaped as `library:vendors` answers them.
 */
import type { LibraryDocument, LibraryVendor } from '../../../src/shared/libraryDomain';

let nextId = 1000;

/** A document: `captures` capture times (ISO), `changes` the first capture of each later version. */
export function libraryDocument(
  key: string,
  options: { title?: string; captures?: string[]; versions?: number; lastChangedAt?: string | null } = {},
): LibraryDocument {
  const captures = options.captures ?? ['2018-01-01T00:00:00Z'];
  return {
    id: nextId++,
    key,
    title: options.title ?? key.replace(/-/g, ' ').replace(/^./, (char) => char.toUpperCase()),
    snapshotCount: captures.length,
    versionCount: options.versions ?? 1,
    firstCapturedAt: captures[0] ?? null,
    lastCapturedAt: captures.at(-1) ?? null,
    lastChangedAt: options.lastChangedAt ?? null,
  };
}

/** A vendor whose counts, span and last change add up from its documents, as the archive reports them. */
export function libraryVendor(
  displayName: string,
  documents: LibraryDocument[] = [libraryDocument('privacy-policy')],
  options: { key?: string; tags?: string[]; id?: number } = {},
): LibraryVendor {
  const firsts = documents.flatMap((document) => document.firstCapturedAt ?? []).sort();
  const lasts = documents.flatMap((document) => document.lastCapturedAt ?? []).sort();
  const changes = documents.flatMap((document) => document.lastChangedAt ?? []).sort();
  return {
    id: options.id ?? nextId++,
    key: options.key ?? displayName.toLowerCase().replace(/\s+/g, '-'),
    displayName,
    documentCount: documents.length,
    snapshotCount: documents.reduce((sum, document) => sum + document.snapshotCount, 0),
    versionCount: documents.reduce((sum, document) => sum + document.versionCount, 0),
    firstCapturedAt: firsts[0] ?? null,
    lastCapturedAt: lasts.at(-1) ?? null,
    lastChangedAt: changes.at(-1) ?? null,
    tags: options.tags ?? [],
    documents,
  };
}
