/**
 * The IPC contract: every channel between renderer and main is declared here
 * once, with a schema for its arguments (validated in main before use) and the
 * type of its result. Main registers one handler per channel from a single
 * table, the preload exposes them through `createApi`, and the CLI and the
 * test bridge call the same handler table.
 *
 * To add a channel: add its argument schema to `channelArgs`, its result type
 * to `ChannelResults`, a method to `createApi` (src/shared/api.ts), and a
 * handler to src/main/handlers.ts. TypeScript reports any place you missed.
 */
import { z } from 'zod';
import type {
  AcrossEvent,
  ArchiveInfo,
  DiffResult,
  DocumentTimeline,
  ReferenceEvent,
  SearchResult,
  SnapshotDetail,
  VendorSummary,
  VendorTimeline,
} from './domain';
import type { DocumentType, PhraseHistory, SearchVersionsResult, SwitcherEntry, Trend } from './searchDomain';
import type { LibraryVendor, MergeResult, OriginalPage, SnapshotAnnotations, TagCount } from './libraryDomain';
import type { ArchiveCheckReport, BackupResult, RestoreResult } from './maintenanceDomain';

export { eventNames, type EventName, type EventPayloads } from './events';

const rowId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const filePath = z.string().min(1).max(4096);
/** ISO date or date-time as typed by a user: `2018`, `2018-05`, `2018-05-25`, `2018-05-25T10:00:00Z`. */
const isoDateInput = z
  .string()
  .max(40)
  .regex(/^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'expected an ISO date');

const searchQuery = z.string().max(1000);

/** SearchFilters in searchDomain.ts (what each one means is documented there). */
export const searchFiltersSchema = z.strictObject({
  vendorIds: z.array(rowId).max(100_000).optional(),
  documentKeys: z.array(z.string().min(1).max(200)).max(1000).optional(),
  capturedFrom: isoDateInput.optional(),
  capturedTo: isoDateInput.optional(),
  latestOnly: z.boolean().optional(),
  inForceOn: isoDateInput.optional(),
});

export const searchRequestSchema = z.strictObject({
  query: searchQuery,
  /** Hits per page (one per document), 1–1000, default 50. */
  limit: z.number().int().min(1).max(1000).optional(),
  /** Documents to skip (paging through a long result). */
  offset: z.number().int().min(0).max(1_000_000).optional(),
  filters: searchFiltersSchema.optional(),
});

/** Every version of one document that matches (a search hit expanded). */
export const searchVersionsRequestSchema = z.strictObject({
  query: searchQuery,
  documentId: rowId,
  filters: searchFiltersSchema.optional(),
});

/** Per document, when the query appeared and disappeared. */
export const phraseHistoryRequestSchema = z.strictObject({
  query: searchQuery,
  filters: searchFiltersSchema.optional(),
});

/** Per period, the share of vendors whose in-force policy contains the query, plus length and readability. */
export const trendRequestSchema = z.strictObject({
  /** May be empty: then only length and readability are computed. */
  query: searchQuery,
  by: z.enum(['year', 'half-year']),
  filters: searchFiltersSchema.optional(),
});

/** A text file the user saves (CSV exports): the app asks where, with this name suggested. */
export const saveTextRequestSchema = z.strictObject({
  defaultName: z
    .string()
    .min(1)
    .max(200)
    .refine(
      (name) => !/[/\\:*?"<>|]/.test(name) && [...name].every((char) => char.charCodeAt(0) >= 0x20),
      'expected a file name without a folder',
    ),
  text: z.string().max(64 * 1024 * 1024),
  kind: z.enum(['csv']),
});

export const importRequestSchema = z.strictObject({
  paths: z.array(filePath).min(1).max(10_000),
  /** Vendor for files whose header does not name one (domain or service name). */
  vendor: z.string().min(1).max(253).optional(),
  /** Capture date for files whose header does not state one. */
  capturedAt: isoDateInput.optional(),
  /** Original URL for files that do not say it (plain copies of a page). */
  originalUrl: z.string().max(4096).url().optional(),
  /** Import every HTML page of a web archive, not only policy and terms pages. */
  allPages: z.boolean().optional(),
});

/** What counts as a change in a diff (DiffIgnoreOptions in domain.ts). */
export const diffOptionsSchema = z.strictObject({
  ignoreWhitespace: z.boolean().optional(),
  ignoreCase: z.boolean().optional(),
  ignorePunctuation: z.boolean().optional(),
  ignoreFormatting: z.boolean().optional(),
});

export const chooseImportSchema = z.strictObject({ mode: z.enum(['files', 'folder']) });

export const externalUrlSchema = z
  .string()
  .max(8192)
  .refine((value) => {
    try {
      const url = new URL(value);
      return url.protocol === 'https:' || url.protocol === 'http:';
    } catch {
      return false;
    }
  }, 'only http(s) URLs may be opened');

const tagName = z
  .string()
  .trim()
  .min(1)
  .max(60)
  .refine((name) => [...name].every((char) => char.charCodeAt(0) >= 0x20), 'tags cannot hold control characters');
/** A full set of tags (replaces the previous set); duplicates are ignored. */
export const tagListSchema = z.array(tagName).max(50);
export const vendorNameSchema = z.string().trim().min(1).max(200);
export const mergeVendorsSchema = z.strictObject({
  /** The vendor that remains. */
  targetId: rowId,
  /** Vendors merged into it (their documents and snapshots move; the vendors are removed). */
  sourceIds: z.array(rowId).min(1).max(100),
});
/** A note on a snapshot; empty text removes it. */
export const noteTextSchema = z.string().max(20_000);

/** What a diff report covers (ReportSubject in report/reportTypes.ts). */
export const reportSubjectSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('pair'), snapshotA: rowId, snapshotB: rowId }),
  z.strictObject({ kind: z.literal('history'), documentId: rowId }),
  z.strictObject({ kind: z.literal('across'), documentId: rowId, eventId: z.string().min(1).max(64) }),
]);

/** Export a diff report (PDF, self-contained HTML or Markdown): the app asks where to save it. */
export const reportExportRequestSchema = z.strictObject({
  subject: reportSubjectSchema,
  format: z.enum(['pdf', 'html', 'markdown']),
  /** ReportOptions in report/reportTypes.ts. */
  options: z.strictObject({
    pageSize: z.enum(['A4', 'Letter']),
    layout: z.enum(['inline', 'side-by-side']),
    includeUnchanged: z.boolean(),
    ignore: diffOptionsSchema,
  }),
});

/** "Check archive": `repair` rebuilds the search index and block lists when they are out of step. */
export const checkArchiveRequestSchema = z.strictObject({ repair: z.boolean() });

export type SearchRequest = z.infer<typeof searchRequestSchema>;
export type ReportExportRequest = z.infer<typeof reportExportRequestSchema>;
export type SearchVersionsRequest = z.infer<typeof searchVersionsRequestSchema>;
export type PhraseHistoryRequest = z.infer<typeof phraseHistoryRequestSchema>;
export type TrendRequest = z.infer<typeof trendRequestSchema>;
export type SaveTextRequest = z.infer<typeof saveTextRequestSchema>;

/** Argument schemas, one tuple per channel (`domain:verb`). */
export const channelArgs = {
  'archive:info': z.tuple([]),
  'vendors:list': z.tuple([]),
  'vendors:timeline': z.tuple([rowId]),
  'snapshots:get': z.tuple([rowId]),
  'search:query': z.tuple([searchRequestSchema]),
  'search:versions': z.tuple([searchVersionsRequestSchema]),
  'search:history': z.tuple([phraseHistoryRequestSchema]),
  'search:trend': z.tuple([trendRequestSchema]),
  'documents:types': z.tuple([]),
  'library:vendors': z.tuple([]),
  'vendors:rename': z.tuple([rowId, vendorNameSchema]),
  'vendors:merge': z.tuple([mergeVendorsSchema]),
  'vendors:setTags': z.tuple([rowId, tagListSchema]),
  'tags:list': z.tuple([]),
  'snapshots:annotations': z.tuple([rowId]),
  'snapshots:setTags': z.tuple([rowId, tagListSchema]),
  'snapshots:setNote': z.tuple([rowId, noteTextSchema]),
  'snapshots:original': z.tuple([rowId]),
  'switcher:entries': z.tuple([]),
  'diff:compare': z.tuple([rowId, rowId, diffOptionsSchema.optional()]),
  'timeline:document': z.tuple([rowId]),
  'timeline:events': z.tuple([]),
  'timeline:acrossEvent': z.tuple([rowId, z.string().min(1).max(64), diffOptionsSchema.optional()]),
  'import:choose': z.tuple([chooseImportSchema]),
  'import:start': z.tuple([importRequestSchema]),
  'import:cancel': z.tuple([z.string().min(1).max(64)]),
  'app:openExternal': z.tuple([externalUrlSchema]),
  'app:saveText': z.tuple([saveTextRequestSchema]),
  'report:export': z.tuple([reportExportRequestSchema]),
  'archive:backup': z.tuple([]),
  'archive:restore': z.tuple([]),
  'archive:check': z.tuple([checkArchiveRequestSchema]),
} as const;

/** Result types, one per channel. */
export interface ChannelResults {
  'archive:info': ArchiveInfo;
  'vendors:list': VendorSummary[];
  'vendors:timeline': VendorTimeline;
  'snapshots:get': SnapshotDetail;
  'search:query': SearchResult;
  'search:versions': SearchVersionsResult;
  'search:history': PhraseHistory;
  'search:trend': Trend;
  'documents:types': DocumentType[];
  'library:vendors': LibraryVendor[];
  'vendors:rename': VendorSummary;
  'vendors:merge': MergeResult;
  /** The vendor's tags as stored (trimmed, de-duplicated, sorted). */
  'vendors:setTags': string[];
  'tags:list': TagCount[];
  'snapshots:annotations': SnapshotAnnotations;
  'snapshots:setTags': SnapshotAnnotations;
  'snapshots:setNote': SnapshotAnnotations;
  /** Null when no original page is stored for the snapshot (Markdown and text sources, older imports). */
  'snapshots:original': OriginalPage | null;
  'switcher:entries': SwitcherEntry[];
  'diff:compare': DiffResult;
  'timeline:document': DocumentTimeline;
  'timeline:events': ReferenceEvent[];
  /** The versions either side of the event, and their diff when both exist. */
  'timeline:acrossEvent': AcrossEvent & { diff: DiffResult | null };
  'import:choose': string[];
  'import:start': { importId: string };
  'import:cancel': boolean;
  'app:openExternal': void;
  /** Where the file was saved, or null when the user cancelled. */
  'app:saveText': string | null;
  /** Where the report was saved, or null when the user cancelled. */
  'report:export': string | null;
  /** Main asks where to save (a save dialog); null when the user cancelled. Progress: the `archive:maintenance` event. */
  'archive:backup': BackupResult | null;
  /**
   * Main asks for the backup (an open dialog) and for confirmation, then replaces the archive's content
   * (refused while an import runs); null when the user cancelled. Views reload on `archive:changed`.
   */
  'archive:restore': RestoreResult | null;
  'archive:check': ArchiveCheckReport;
}

export type Channel = keyof typeof channelArgs;
export type ChannelArgs<C extends Channel> = z.infer<(typeof channelArgs)[C]>;
export type ChannelResult<C extends Channel> = ChannelResults[C];

export const channels = Object.keys(channelArgs) as Channel[];

/** Error thrown by main for arguments that fail the contract; the message names the channel. */
export class ContractError extends Error {
  constructor(channel: string, detail: string) {
    super(`Invalid arguments for ${channel}: ${detail}`);
    this.name = 'ContractError';
  }
}

/** Validate raw IPC arguments against a channel's schema; throws ContractError. */
export function parseArgs<C extends Channel>(channel: C, raw: unknown[]): ChannelArgs<C> {
  const schema = channelArgs[channel];
  if (!schema) throw new ContractError(String(channel), 'unknown channel');
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    throw new ContractError(channel, `${first?.message ?? 'invalid'}${where}`);
  }
  return parsed.data as ChannelArgs<C>;
}

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(channelArgs, value);
}
