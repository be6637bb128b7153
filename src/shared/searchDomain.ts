/**
 * Types of the search features beyond one ranked query: filters, every
 * matching version of a document, the history of a phrase, trends across the
 * archive and the quick switcher's entries. Shared by main, the renderer and
 * the CLI; the argument schemas are in contract.ts.
 */
import type { PartialDate, SnapshotSummary } from './domain';

/**
 * Which snapshots a search looks at. A snapshot must pass every filter given:
 * - `vendorIds`: only these vendors' documents;
 * - `documentKeys`: only documents of these types (DocumentType.key, e.g. `privacy-policy`);
 * - `capturedFrom` / `capturedTo`: captured in this range (inclusive; a date
 *   without a time means the whole day, a year or month the whole period);
 * - `latestOnly`: only each document's newest snapshot;
 * - `inForceOn`: only the snapshot of each document in force on that date
 *   (its newest capture on or before the end of that day).
 */
export interface SearchFilters {
  vendorIds?: number[] | undefined;
  documentKeys?: string[] | undefined;
  capturedFrom?: string | undefined;
  capturedTo?: string | undefined;
  latestOnly?: boolean | undefined;
  inForceOn?: string | undefined;
}

/** A kind of document in the archive (privacy policy, terms…), for the document-type filter. */
export interface DocumentType {
  /** documents.key, e.g. `privacy-policy`. */
  key: string;
  /** The title most documents of this key carry, e.g. `Privacy Policy`. */
  title: string;
  documentCount: number;
}

/** One version (a run of captures with the same text) of a document that matches a query. */
export interface SearchVersionHit {
  /** The first capture of the version. */
  snapshot: SnapshotSummary;
  /** The last capture with the same text (ISO UTC). */
  lastCapturedAt: string;
  /** Captures in the run. */
  captureCount: number;
  /** Best-matching block of this version, terms wrapped in HIGHLIGHT_START/END. */
  snippet: string;
  headingPath: string[];
}

export interface SearchVersionsResult {
  documentId: number;
  /** Newest version first. */
  versions: SearchVersionHit[];
  elapsedMs: number;
}

/** A version named in a phrase history: its first capture. */
export interface PhraseVersionRef {
  snapshotId: number;
  capturedAt: string;
  effectiveDate: PartialDate | null;
}

/**
 * A run of consecutive versions of a document that contain the query.
 * `before` is the version just before `first` (which did not contain it; null
 * when the query was there from the first captured version): the diff
 * before → first is the change that introduced it. `after` is the version
 * just after `last` (which dropped it; null while it is still there).
 */
export interface PhraseSpan {
  first: PhraseVersionRef;
  last: PhraseVersionRef;
  before: PhraseVersionRef | null;
  after: PhraseVersionRef | null;
}

/** When a document contained the query: one span per stretch of versions, oldest first. */
export interface DocumentPhraseHistory {
  documentId: number;
  vendorId: number;
  vendorName: string;
  documentTitle: string;
  /** Distinct versions of the document (within the filters). */
  versionCount: number;
  /** How many of them contain the query. */
  containingVersionCount: number;
  spans: PhraseSpan[];
  /** The newest version contains the query. */
  presentInLatest: boolean;
}

export interface PhraseHistory {
  query: string;
  interpretedAs: string;
  /** Documents that ever contained the query, earliest first appearance first. */
  documents: DocumentPhraseHistory[];
  elapsedMs: number;
}

export type TrendBucket = 'year' | 'half-year';

/**
 * One period of a trend. A vendor counts in a period when one of its policies
 * is known to be in force then (see src/main/search/trend.ts for the exact rule).
 */
export interface TrendPeriod {
  /** `2018` or `2018 H1`. */
  label: string;
  /** First day of the period, `YYYY-MM-DD`. */
  start: string;
  /** Last day of the period, `YYYY-MM-DD`. */
  end: string;
  vendorsWithPolicy: number;
  /** Vendors whose in-force policy contains the query (null when no query was given). */
  vendorsMatching: number | null;
  /** vendorsMatching / vendorsWithPolicy, 0–1 (null without a query or without vendors). */
  share: number | null;
  /** Median length in words of the in-force policies. */
  medianWords: number | null;
  /** Median Flesch reading ease of the in-force policies (higher is easier; English formula). */
  medianReadability: number | null;
}

export interface Trend {
  query: string;
  interpretedAs: string;
  by: TrendBucket;
  periods: TrendPeriod[];
  elapsedMs: number;
}

export type SwitcherEntryKind = 'vendor' | 'document' | 'heading';

/** Something the quick switcher can jump to. */
export interface SwitcherEntry {
  /** Unique across entries, e.g. `v:12`, `d:40`, `h:40:7`. */
  id: string;
  kind: SwitcherEntryKind;
  /** What is matched and shown: the vendor name, document title or heading text. */
  label: string;
  /** Context shown beside it, e.g. `formlabs.com · Privacy Policy`. */
  detail: string;
  vendorId: number;
  documentId: number | null;
  /** For headings: the snapshot to open (the document's newest) and the heading's block position in it. */
  snapshotId: number | null;
  position: number | null;
}
