/**
 * Which snapshots a phrase history or a trend looks at, as SQL conditions
 * over `documents d` and `snapshots s` with named parameters. The lists travel
 * as one JSON parameter each (read with json_each), so the statement text never
 * depends on the input and stays cached.
 */

/** Vendors, document types and a capture-time range; an absent or empty list means "all". */
export interface SnapshotScope {
  vendorIds?: readonly number[] | undefined;
  documentKeys?: readonly string[] | undefined;
  /** Inclusive lower bound on captured_at (ISO UTC seconds); null = none. */
  from: string | null;
  /** Inclusive upper bound on captured_at; null = none. */
  to: string | null;
}

/** Named parameters for DOCUMENT_IN_SCOPE and CAPTURE_IN_SCOPE. */
export interface ScopeParams {
  vendorIds: string | null;
  documentKeys: string | null;
  from: string | null;
  to: string | null;
}

/** Condition on `documents d`: the document's vendor and type pass the filters. */
export const DOCUMENT_IN_SCOPE = `
  (:vendorIds IS NULL OR d.vendor_id IN (SELECT value FROM json_each(:vendorIds)))
  AND (:documentKeys IS NULL OR d.key IN (SELECT value FROM json_each(:documentKeys)))`;

/** Condition on `snapshots s`: captured within the range. */
export const CAPTURE_IN_SCOPE = `
  (:from IS NULL OR s.captured_at >= :from) AND (:to IS NULL OR s.captured_at <= :to)`;

export function scopeParams(scope: SnapshotScope): ScopeParams {
  const list = (values: readonly unknown[] | undefined): string | null =>
    values && values.length > 0 ? JSON.stringify(values) : null;
  return {
    vendorIds: list(scope.vendorIds),
    documentKeys: list(scope.documentKeys),
    from: scope.from,
    to: scope.to,
  };
}
