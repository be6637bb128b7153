/**
 * The report model: what a diff report (PDF, self-contained HTML, Markdown)
 * says, built once in main (`buildReportDocument`) and rendered by the pure
 * renderers in this folder. Pure types: no Node, DOM or Electron.
 */
import type { DiffBlock, DiffIgnoreOptions, DiffStats, ReferenceEvent, SnapshotSummary } from '../domain';

/** Paper size of the printed report (`@page size` and Chromium's `format`). */
export type ReportPageSize = 'A4' | 'Letter';

/** Inline redline (one column) or the older and newer text side by side (two-column table). */
export type ReportLayout = 'inline' | 'side-by-side';

/** How the report is built and laid out. */
export interface ReportOptions {
  pageSize: ReportPageSize;
  layout: ReportLayout;
  /** Show the full text; otherwise unchanged stretches collapse to "… n unchanged paragraphs …". */
  includeUnchanged: boolean;
  /** What the diff ignores, as in the diff view. Applied when the document is built. */
  ignore: DiffIgnoreOptions;
}

/** Who made the report and when (shown on the cover). */
export interface ReportMeta {
  appVersion: string;
  /** ISO 8601 UTC. */
  generatedAt: string;
}

/**
 * What to report on: two snapshots (A older, B newer, diffed in that order),
 * a document's whole history (every consecutive pair of distinct versions) or
 * the versions either side of a reference event (`gdpr`, `ccpa`, `cpra`).
 */
export type ReportSubject =
  | { kind: 'pair'; snapshotA: number; snapshotB: number }
  | { kind: 'history'; documentId: number }
  | { kind: 'across'; documentId: number; eventId: string };

/** One section with changes, listed on the cover with the page where its first change is printed. */
export interface ReportSection {
  /** Unique in the document and a valid HTML id (`c1-s3`): the anchor of the section's first change. */
  id: string;
  /** Heading path (outermost first). */
  path: string[];
  /** The path joined with ` › ` (as `DiffStats.sectionsTouched`). */
  label: string;
  /** Index in the comparison's `blocks` of the first changed block of the section. */
  blockIndex: number;
}

/** One compared pair of versions with its full diff. */
export interface ReportComparison {
  /** Unique in the document and a valid HTML id (`c1`, `c2`, …). */
  id: string;
  /** E.g. "Version 2 → version 3" or "Older → newer version". */
  label: string;
  a: SnapshotSummary;
  b: SnapshotSummary;
  /** Version numbers in the document's timeline (1 = oldest) when known. */
  aVersion: number | null;
  bVersion: number | null;
  /** Every block of the diff (unchanged ones too: the renderers collapse them unless asked not to). */
  blocks: DiffBlock[];
  stats: DiffStats;
  /** Sections with changes in diff order; their labels equal `stats.sectionsTouched`. */
  sections: ReportSection[];
}

/** One row of a history report's timeline summary. */
export interface ReportTimelineRow {
  version: number;
  snapshot: SnapshotSummary;
  firstSeen: string;
  lastSeen: string;
  captureCount: number;
  effectiveDate: string | null;
  /** Change against the previous version under the report's ignore options; null for the first. */
  change: Pick<DiffStats, 'wordsAdded' | 'wordsRemoved' | 'wordsMoved' | 'changeRatio' | 'sectionsTouched'> | null;
}

/** A complete report, ready to render. */
export interface ReportDocument {
  kind: ReportSubject['kind'];
  /** Shown as the HTML title, the page header and the cover heading. */
  title: string;
  vendorName: string;
  documentTitle: string;
  documentId: number;
  /** The event of an `across` report. */
  event: ReferenceEvent | null;
  /** The timeline summary of a `history` report (every distinct version, oldest first). */
  timeline: ReportTimelineRow[] | null;
  /** One per compared pair: one for `pair` and `across`, versions − 1 for `history`. */
  comparisons: ReportComparison[];
  options: ReportOptions;
  meta: ReportMeta;
}
