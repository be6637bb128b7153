import type { SearchFilters } from '../../shared/searchDomain';
import { captureBounds } from './filterDates';

/** Search filters resolved to what is compared (see resolveFilters and snapshotPredicate.ts). */
export interface SnapshotFilter {
  /** Only these vendors (non-empty when present). */
  vendorIds?: readonly number[];
  /** Only documents with these keys (non-empty when present). */
  documentKeys?: readonly string[];
  /** First capture second included, `YYYY-MM-DDTHH:MM:SSZ`. */
  capturedFrom?: string;
  /** Last capture second included. */
  capturedTo?: string;
  /** Only each document's newest snapshot. */
  latestOnly?: boolean;
  /** Only each document's newest snapshot captured at or before this second. */
  inForceAt?: string;
}

/**
 * SearchFilters (as the app and the CLI send them) resolved to what
 * snapshotPredicate compares: dates become capture-time bounds (a year or month covers the
 * whole period, a day the whole day), `inForceOn` the last second of that
 * day. An empty vendor or type list means no filter, as an empty
 * multi-select does. Throws FilterDateError for a date that does not exist.
 */
export function resolveFilters(filters: SearchFilters | undefined): SnapshotFilter {
  if (!filters) return {};
  const resolved: SnapshotFilter = {};
  if (filters.vendorIds && filters.vendorIds.length > 0) resolved.vendorIds = [...new Set(filters.vendorIds)];
  if (filters.documentKeys && filters.documentKeys.length > 0)
    resolved.documentKeys = [...new Set(filters.documentKeys)];
  if (filters.capturedFrom) resolved.capturedFrom = captureBounds('capturedFrom', filters.capturedFrom).first;
  if (filters.capturedTo) resolved.capturedTo = captureBounds('capturedTo', filters.capturedTo).last;
  if (filters.latestOnly) resolved.latestOnly = true;
  if (filters.inForceOn) resolved.inForceAt = captureBounds('inForceOn', filters.inForceOn).last;
  return resolved;
}
