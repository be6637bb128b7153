import type { SearchCatalogue } from '../archive/searchCatalogue';
import type { SnapshotFilter } from './snapshotFilter';

/**
 * A SnapshotFilter as a test on a snapshot id, answered from the search
 * catalogue without SQL: the walk over matching texts asks it for every
 * snapshot it reaches. This is where search gives the filters their meaning
 * (SearchFilters in src/shared/searchDomain.ts): vendors and document keys by
 * the snapshot's document; capture time within [capturedFrom, capturedTo];
 * latestOnly = the document's newest snapshot (capture time, then id);
 * inForceAt = the document's newest snapshot captured at or before that time.
 * Returns null when nothing is filtered.
 */
export function snapshotPredicate(
  catalogue: SearchCatalogue,
  filter: SnapshotFilter,
): ((snapshotId: number) => boolean) | null {
  const tests: Array<(snapshotId: number, documentId: number) => boolean> = [];
  const { snapshotDocument, snapshotTime, documentStart, documentSnapshots } = catalogue;

  if (filter.vendorIds) {
    const vendors = new Set(filter.vendorIds);
    tests.push((_, documentId) => vendors.has(catalogue.documentVendor[documentId]!));
  }
  if (filter.documentKeys) {
    const keys = new Set(filter.documentKeys.map((key) => catalogue.keys.indexOf(key)).filter((index) => index >= 0));
    tests.push((_, documentId) => keys.has(catalogue.documentKey[documentId]!));
  }
  if (filter.capturedFrom !== undefined) {
    const from = unixSeconds(filter.capturedFrom);
    tests.push((snapshotId) => snapshotTime[snapshotId]! >= from);
  }
  if (filter.capturedTo !== undefined) {
    const to = unixSeconds(filter.capturedTo);
    tests.push((snapshotId) => snapshotTime[snapshotId]! <= to);
  }
  if (filter.latestOnly) {
    tests.push((snapshotId, documentId) => documentSnapshots[documentStart[documentId + 1]! - 1] === snapshotId);
  }
  if (filter.inForceAt !== undefined) {
    const at = unixSeconds(filter.inForceAt);
    // Per document, the snapshot in force (0: none yet); -1 = not looked up.
    const inForce = new Map<number, number>();
    tests.push((snapshotId, documentId) => {
      let found = inForce.get(documentId);
      if (found === undefined) {
        found = lastAtOrBefore(
          documentSnapshots,
          snapshotTime,
          documentStart[documentId]!,
          documentStart[documentId + 1]!,
          at,
        );
        inForce.set(documentId, found);
      }
      return found === snapshotId;
    });
  }
  if (tests.length === 0) return null;
  return (snapshotId) => {
    const documentId = snapshotDocument[snapshotId]!;
    for (const test of tests) if (!test(snapshotId, documentId)) return false;
    return true;
  };
}

/** The last snapshot in list[from…to) (sorted by time) with time ≤ at, or 0. */
function lastAtOrBefore(list: Int32Array, time: Float64Array, from: number, to: number, at: number): number {
  let low = from;
  let high = to;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (time[list[middle]!]! <= at) low = middle + 1;
    else high = middle;
  }
  return low > from ? list[low - 1]! : 0;
}

function unixSeconds(iso: string): number {
  return Date.parse(iso) / 1000;
}
