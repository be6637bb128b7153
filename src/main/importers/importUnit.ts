import type { SourceFormat, SourceOrigin, TimestampSource } from '../../shared/domain';

/**
 * Metadata a container or layout knows about a capture before its bytes are
 * parsed: a WARC record's target URI and date, a download tool's folder names,
 * a git commit's date. Parsers use what the bytes themselves do not say, and
 * record where each field came from.
 */
export interface CaptureHints {
  origin: SourceOrigin;
  originalUrl?: string;
  /** ISO 8601 UTC, second precision. */
  capturedAt?: string;
  capturedAtSource?: TimestampSource;
  vendor?: { key: string; displayName: string };
  document?: { key: string; title: string };
  /** A page title known from the container (WACZ pages.jsonl). */
  title?: string;
  /** HTTP Content-Type of the response, with its charset parameter when sent. */
  contentType?: string;
  /** The content format when the container already knows it. */
  format?: SourceFormat;
}

/**
 * One thing the import pipeline reads, parses and records: a file on disk, a
 * WARC record, a file at one git commit. Units are consumed in order, and
 * `read()` is called at most once, before the next unit is requested, so a
 * container can stream (a multi-GB WARC never sits in memory).
 */
export interface ImportUnit {
  /**
   * Stable identity across runs, used to resume an interrupted import:
   * the absolute path for a file, `<path>#<offset>` for a WARC record,
   * `<repo>@<commit>:<file>` for a git version.
   */
  key: string;
  /** What the import report and progress show (a path, or `container › detail`). */
  label: string;
  /** Approximate bytes, for progress. */
  size: number;
  hints?: CaptureHints;
  /** When set, the unit is not read: it is reported as skipped with this reason (an image in a WARC…). */
  skip?: string;
  read(): Promise<Buffer>;
}

/** What the listing found under the user's paths. Containers expand into many units. */
export type ImportEntry =
  | { kind: 'file'; path: string; size: number }
  | { kind: 'warc'; path: string; size: number }
  | { kind: 'wacz'; path: string; size: number }
  | { kind: 'git'; path: string; size: number };

export interface ExpandOptions {
  signal?: AbortSignal;
  /** Import every HTML page of a web archive, not only those that look like policies or terms. */
  allPages?: boolean;
}

/** Turns one entry into the units it holds, lazily and in order. */
export type Expander = (entry: ImportEntry, options: ExpandOptions) => AsyncIterable<ImportUnit>;
