/**
 * Types of the library (vendors with their documents, tags, notes, merging
 * and renaming) and of the reader's original-page view. Argument schemas are
 * in contract.ts.
 */
import type { VendorSummary } from './domain';

/** A document as the library sidebar lists it. */
export interface LibraryDocument {
  id: number;
  key: string;
  title: string;
  snapshotCount: number;
  /** Distinct texts (versions, not captures). */
  versionCount: number;
  firstCapturedAt: string | null;
  lastCapturedAt: string | null;
  /** First capture of the newest version: when the text last changed (null with one version). */
  lastChangedAt: string | null;
}

/** A vendor as the library sidebar lists it: counts, span, last change, tags and documents. */
export interface LibraryVendor extends VendorSummary {
  /** Newest lastChangedAt among its documents. */
  lastChangedAt: string | null;
  tags: string[];
  documents: LibraryDocument[];
}

/** A tag and how often it is used. */
export interface TagCount {
  name: string;
  vendorCount: number;
  snapshotCount: number;
}

/** What the user wrote about a snapshot (a version): tags and a note, stored in the archive. */
export interface SnapshotAnnotations {
  snapshotId: number;
  tags: string[];
  note: string | null;
  /** ISO UTC time of the last note edit. */
  noteUpdatedAt: string | null;
}

/** What merging vendors did. */
export interface MergeResult {
  /** The vendor the others were merged into, as it is now. */
  vendor: VendorSummary;
  documentsMoved: number;
  snapshotsMoved: number;
  /** Captures that already existed in the target (same document, time and text) and were dropped. */
  duplicatesDropped: number;
}

/**
 * The archived page a snapshot was read from, sanitized: no scripts, styles,
 * event handlers, embeds, forms or live links (links are kept as text with
 * their address shown), for display in a sandboxed frame only.
 */
export interface OriginalPage {
  snapshotId: number;
  /** A complete, inert HTML document. */
  html: string;
  /** The page's original URL, when known. */
  sourceUrl: string | null;
  /** Size of the stored original in bytes (before sanitizing). */
  originalBytes: number;
  /** What sanitizing removed, so the view can say so. */
  removed: { scripts: number; styles: number; eventHandlers: number; embeds: number; links: number };
}
