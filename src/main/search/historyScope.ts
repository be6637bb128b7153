import type { SnapshotScope } from '../archive/snapshotScope';
import type { SearchFilters } from '../../shared/searchDomain';
import { captureBounds } from './filterDates';

/**
 * The snapshots a phrase history or a trend is made of: the vendor, document
 * type and capture-date filters (dates at the precision typed, both ends
 * inclusive, as in search). `latestOnly` and `inForceOn` pick one snapshot per
 * document, which leaves no history or trend to tell, so they are not used.
 * Throws FilterDateError for a date that does not exist.
 */
export function historyScope(filters: SearchFilters | undefined): SnapshotScope {
  return {
    vendorIds: filters?.vendorIds,
    documentKeys: filters?.documentKeys,
    from: filters?.capturedFrom === undefined ? null : captureBounds('capturedFrom', filters.capturedFrom).first,
    to: filters?.capturedTo === undefined ? null : captureBounds('capturedTo', filters.capturedTo).last,
  };
}
