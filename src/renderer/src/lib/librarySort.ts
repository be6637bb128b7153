/** The orders the library sidebar offers. */
export type LibrarySort = 'name' | 'last-change' | 'versions' | 'captures';

/** The choices of the sort menu, in the order shown. */
export const LIBRARY_SORTS: ReadonlyArray<{ value: LibrarySort; label: string }> = [
  { value: 'name', label: 'Name' },
  { value: 'last-change', label: 'Last change' },
  { value: 'versions', label: 'Most versions' },
  { value: 'captures', label: 'Most captures' },
];

/** The fields of a vendor the sort looks at. */
export interface SortableVendor {
  id: number;
  displayName: string;
  versionCount: number;
  snapshotCount: number;
  lastChangedAt: string | null;
}

export function isLibrarySort(value: unknown): value is LibrarySort {
  return LIBRARY_SORTS.some((sort) => sort.value === value);
}

// One collator for every comparison: thousands of vendors are sorted on each keystroke-free reload.
const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function byName(a: SortableVendor, b: SortableVendor): number {
  return collator.compare(a.displayName, b.displayName) || a.id - b.id;
}

/**
 * A sorted copy. Name: alphabetical, ignoring case and accents, numbers in
 * numeric order. Last change: the vendor whose text changed most recently
 * first; vendors with a single version (never changed) last. Most versions /
 * most captures: largest first. Ties fall back to the name, so the order is
 * stable across reloads.
 */
export function sortVendors<T extends SortableVendor>(vendors: readonly T[], sort: LibrarySort): T[] {
  const sorted = [...vendors];
  switch (sort) {
    case 'name':
      return sorted.sort(byName);
    case 'last-change':
      return sorted.sort((a, b) => {
        if (a.lastChangedAt !== b.lastChangedAt) {
          if (a.lastChangedAt === null) return 1;
          if (b.lastChangedAt === null) return -1;
          return b.lastChangedAt.localeCompare(a.lastChangedAt);
        }
        return byName(a, b);
      });
    case 'versions':
      return sorted.sort((a, b) => b.versionCount - a.versionCount || byName(a, b));
    case 'captures':
      return sorted.sort((a, b) => b.snapshotCount - a.snapshotCount || byName(a, b));
  }
}
