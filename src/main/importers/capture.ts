import type {
  Block,
  InferredField,
  PartialDate,
  SourceFormat,
  SourceOrigin,
  TimestampSource,
} from '../../shared/domain';

/**
 * One policy capture read from a source file, ready for the archive.
 * Importers produce these; they never touch the database.
 */
export interface Capture {
  vendor: {
    /** Stable identity: a lower-cased domain (`formlabs.com`) or service name (`chatgpt`). */
    key: string;
    /** What users see: `formlabs.com`, `ChatGPT`. */
    displayName: string;
  };
  document: {
    /** Identity within the vendor, e.g. `privacy-policy` (type of terms). */
    key: string;
    /** What users see: `Privacy Policy`. */
    title: string;
  };
  /** ISO 8601 UTC, second precision: `2018-08-13T14:21:16Z`. */
  capturedAt: string;
  /** Where `capturedAt` was read from. */
  capturedAtSource: TimestampSource;
  originalUrl: string | null;
  waybackUrl: string | null;
  /** Effective / last-updated date stated in the text, as precise as stated. */
  effectiveDate: PartialDate | null;
  sourcePath: string;
  sourceFormat: SourceFormat;
  /** What held the source: a plain file, a folder layout, a WARC/WACZ, a git history. */
  origin: SourceOrigin;
  /** Fields not read from a header (supplied by the user are NOT inferred). */
  inferred: InferredField[];
  /** Normalized structured text; never empty. */
  blocks: Block[];
  /**
   * The page the text was extracted from, for the reader's "original page"
   * view (HTML sources only: Princeton `.html`, Wayback pages, download-tool
   * pages, WARC/WACZ records, plain HTML pages). Absent for Markdown and text.
   */
  original?: CaptureOriginal;
}

/** The markup of an archived page as the importer decoded it. */
export interface CaptureOriginal {
  /** The whole page as decoded text (stored as UTF-8, whatever its source encoding). */
  html: string;
  /** `text/html` or `application/xhtml+xml`. */
  mediaType: string;
  /** The encoding the source bytes were decoded from (`utf-8`, `windows-1252`…). */
  charset: string;
}

/** Options the caller supplies for files whose header lacks vendor or date. */
export interface CaptureOverrides {
  vendor?: string;
  /** ISO date or date-time. */
  capturedAt?: string;
  /** The page's original URL, for files that do not say it. */
  originalUrl?: string;
}

/** An expected, user-facing reason to not import a file (not a policy, unknown format…). */
export class SkipFile extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'SkipFile';
  }
}
