/**
 * Domain types shared by main, preload, renderer and CLI.
 *
 * Pure types only: no Node, no Electron, no DOM. Dates travel as ISO strings
 * so they cross IPC and JSON unchanged.
 */

/** Structural role of one block of normalized policy text. */
export type BlockKind = 'heading' | 'paragraph' | 'list-item' | 'table-row' | 'preformatted' | 'quote';

/**
 * One unit of normalized text: a heading, paragraph, list item or table row.
 * Blocks are content-addressed in the archive (hash of kind, level and text),
 * so consecutive versions of a policy share the blocks they did not change.
 */
export interface Block {
  kind: BlockKind;
  /** Heading level 1–6 for headings, nesting depth (1-based) for list items, 0 otherwise. */
  level: number;
  /** Normalized text: NFC, whitespace collapsed, trimmed, no markup. Never empty. */
  text: string;
}

/** Fields of a snapshot's metadata that were inferred rather than read from a header. */
export type InferredField = 'vendor' | 'capturedAt' | 'effectiveDate' | 'originalUrl';

/** The content format a snapshot was read from, as recorded in the archive. */
export type SourceFormat =
  | 'princeton-markdown'
  | 'princeton-html'
  | 'princeton-plain'
  | 'headerless-text'
  | 'open-terms-archive'
  /** An archived HTML page with Wayback metadata (raw `id_` bytes or saved through the replay). */
  | 'wayback-html'
  /** An HTML page whose vendor, URL and date come from the user or its container. */
  | 'html-page';

/** What held the file: a plain file, a download tool's folder layout, a web archive or a git history. */
export type SourceOrigin =
  'file' | 'waybackpack-folder' | 'wayback-machine-downloader-folder' | 'warc' | 'wacz' | 'git';

/** Where a snapshot's capture time was read from. */
export type TimestampSource =
  /** The Princeton header's archive date (no Wayback timestamp in it). */
  | 'header-date'
  /** A Wayback URL's 14-digit timestamp (in a header, the page's links, or its <BASE HREF>). */
  | 'wayback-url'
  | 'wombat-call'
  | 'closing-comment'
  | 'file-name'
  | 'folder-name'
  | 'warc-date'
  | 'commit-date'
  /** Given by the user (--date, the import options). */
  | 'user'
  /** Guessed from the effective date stated in the text (also listed in `inferred`). */
  | 'stated-date';

/**
 * A date as precise as the source states it: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 * Sorts correctly as a string.
 */
export type PartialDate = string;

export interface VendorSummary {
  id: number;
  key: string;
  displayName: string;
  documentCount: number;
  snapshotCount: number;
  /** Distinct texts across the vendor's snapshots (versions, not captures). */
  versionCount: number;
  firstCapturedAt: string | null;
  lastCapturedAt: string | null;
}

export interface DocumentSummary {
  id: number;
  vendorId: number;
  key: string;
  title: string;
  snapshotCount: number;
}

export interface SnapshotSummary {
  id: number;
  documentId: number;
  vendorId: number;
  vendorName: string;
  documentTitle: string;
  /** ISO 8601 UTC, e.g. `2018-08-13T14:21:16Z`. */
  capturedAt: string;
  originalUrl: string | null;
  waybackUrl: string | null;
  effectiveDate: PartialDate | null;
  sourcePath: string;
  sourceFormat: SourceFormat;
  inferred: InferredField[];
  /** Hex SHA-256 of the normalized text; equal hashes mean identical versions. */
  contentHash: string;
  /**
   * Hash of the words with whitespace and structure ignored: equal values with
   * different contentHash mean a version that changed only its formatting.
   */
  formattingHash: string;
  wordCount: number;
  origin: SourceOrigin;
  /** Where capturedAt was read from (null for archives written before this was recorded). */
  capturedAtSource: TimestampSource | null;
}

export interface SnapshotDetail extends SnapshotSummary {
  blocks: Block[];
}

export interface VendorTimeline {
  vendor: VendorSummary;
  documents: Array<DocumentSummary & { snapshots: SnapshotSummary[] }>;
}

export interface ArchiveInfo {
  path: string;
  schemaVersion: number;
  vendorCount: number;
  documentCount: number;
  snapshotCount: number;
  textCount: number;
  blockCount: number;
  /** Size of the SQLite file (and WAL) in bytes. */
  sizeBytes: number;
}

/** Markers that delimit a highlighted term inside a snippet (never present in policy text). */
export const HIGHLIGHT_START = '\u0002';
export const HIGHLIGHT_END = '\u0003';

export interface SearchHit {
  documentId: number;
  vendorId: number;
  vendorName: string;
  documentTitle: string;
  /** The newest snapshot of the document whose text contains the best-matching block. */
  snapshot: SnapshotSummary;
  /** Text of the best-matching block with terms wrapped in HIGHLIGHT_START/END. */
  snippet: string;
  /** Heading path of the matching block in that snapshot (outermost first). */
  headingPath: string[];
  /** bm25 score of the best block (lower is better, as SQLite reports it). */
  score: number;
  /** How many snapshots of this document contain a matching block. */
  matchingSnapshotCount: number;
}

export interface SearchResult {
  query: string;
  /** The FTS5 expression actually run, so users see how their input was read. */
  interpretedAs: string;
  /** How the input was read, in words, one line per part (e.g. `the phrase "opt out"`, `not: children`). */
  explanation: string[];
  /** The page of hits asked for (offset, limit). */
  hits: SearchHit[];
  offset: number;
  /** Total matching documents (hits may be truncated by the limit). */
  totalDocuments: number;
  /** False when totalDocuments is a lower bound (a very common term; see src/main/search/README.md). */
  totalExact: boolean;
  elapsedMs: number;
}

export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffSpan {
  op: DiffOp;
  text: string;
}

/**
 * What counts as a change. The options never change the text shown: unchanged
 * spans show the newer version's text.
 */
export interface DiffIgnoreOptions {
  /** Whitespace between words. */
  ignoreWhitespace?: boolean;
  /** Letter case. */
  ignoreCase?: boolean;
  /** Punctuation, and quote and dash styles (“ ” ‘ ’ « » vs " ', – — vs -). */
  ignorePunctuation?: boolean;
  /** Markdown/HTML formatting artefacts: emphasis markers, stray markup, a heading that became bold text, list vs paragraph. */
  ignoreFormatting?: boolean;
}

export interface DiffBlock {
  /**
   * `move`: the block (or a reworded version of it) left one place and arrived
   * at another. It appears twice, as `moveRole` 'from' at its old place and
   * 'to' at its new one, linked by `moveId`; the 'to' block carries the word
   * spans of any rewording.
   */
  change: 'equal' | 'insert' | 'delete' | 'replace' | 'move';
  kind: BlockKind;
  level: number;
  /** Heading path (outermost first) of the section that holds the block, in the newer version when present. */
  headingPath: string[];
  /**
   * Word-level spans. The newer text is every block except 'delete' and move 'from' blocks, reading
   * their non-delete spans; the older text is every block except 'insert' and move 'to' blocks,
   * reading their non-insert spans. A move's 'from' block holds the older text (equal + delete
   * where it was reworded), its 'to' block the newer text (equal + insert).
   */
  spans: DiffSpan[];
  /** For moves: the same id on the source and the destination block. */
  moveId?: number;
  moveRole?: 'from' | 'to';
}

export interface DiffStats {
  wordsAdded: number;
  wordsRemoved: number;
  /** Words in the unchanged spans of move destinations (rewording inside a move counts as added/removed). */
  wordsMoved: number;
  blocksInserted: number;
  blocksDeleted: number;
  blocksChanged: number;
  blocksMoved: number;
  blocksUnchanged: number;
  /**
   * Sections (heading paths joined with ' › ') holding any change, in document order. A changed
   * heading counts under its own (new) name; changes before the first heading are not listed.
   */
  sectionsTouched: string[];
  /** (added + removed) / (words in the older + newer version): 0 = identical, 1 = nothing in common. */
  changeRatio: number;
  /** True when a bound was hit and part of the diff fell back to whole-block changes. */
  coarse: boolean;
}

export interface DiffResult {
  a: SnapshotSummary;
  b: SnapshotSummary;
  blocks: DiffBlock[];
  stats: DiffStats;
}

/** A date that matters to privacy law, drawn on timelines. */
export interface ReferenceEvent {
  id: string;
  label: string;
  /** `YYYY-MM-DD`. */
  date: string;
  description: string;
}

/** One distinct version of a document: a run of captures with the same words. */
export interface TimelineVersion {
  /** 1-based, oldest first. */
  number: number;
  /** The first capture of the run (what a diff opens). */
  snapshot: SnapshotSummary;
  /** Tags the user gave this version (its first capture), sorted. */
  tags: string[];
  /** The user wrote a note on this version (its first capture). */
  hasNote: boolean;
  /** Every capture in the run, oldest first (identical or formatting-only changes). */
  snapshotIds: number[];
  /** Seen from the first capture to the last one of the run (ISO UTC). */
  firstSeen: string;
  lastSeen: string;
  effectiveDate: PartialDate | null;
  /** Against the previous version; null for the first. */
  change: {
    wordsAdded: number;
    wordsRemoved: number;
    wordsMoved: number;
    changeRatio: number;
    sectionsTouched: string[];
  } | null;
}

export interface DocumentTimeline {
  document: DocumentSummary;
  versions: TimelineVersion[];
}

/** "What changed across this event?": the last version before it and the first after. */
export interface AcrossEvent {
  event: ReferenceEvent;
  documentId: number;
  before: TimelineVersion | null;
  after: TimelineVersion | null;
}

export type ImportPhase = 'scanning' | 'importing' | 'done' | 'cancelled' | 'failed';

export interface ImportProgress {
  importId: string;
  phase: ImportPhase;
  filesDone: number;
  filesTotal: number;
  currentFile: string | null;
  snapshotsAdded: number;
  bytesDone: number;
  bytesTotal: number;
}

export type ImportOutcome = 'imported' | 'duplicate' | 'skipped' | 'failed';

export interface ImportFileResult {
  path: string;
  outcome: ImportOutcome;
  /** Why the file was skipped or failed; which fields were inferred when imported. */
  reason: string | null;
  snapshotIds: number[];
}

export interface ImportReport {
  importId: string;
  cancelled: boolean;
  startedAt: string;
  finishedAt: string;
  filesTotal: number;
  imported: number;
  duplicates: number;
  skipped: number;
  failed: number;
  snapshotsAdded: number;
  files: ImportFileResult[];
}
