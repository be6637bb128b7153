/**
 * Builders for the domain objects the renderer's helpers take: diff blocks as
 * the diff engine emits them, and timeline versions as the timeline handler
 * returns them.
 */
import type { DiffBlock, DiffSpan, SnapshotSummary, TimelineVersion } from '../../../src/shared/domain';

type Path = string[];

export const equal = (text: string, headingPath: Path = [], kind: DiffBlock['kind'] = 'paragraph'): DiffBlock => ({
  change: 'equal',
  kind,
  level: kind === 'heading' ? headingPath.length + 1 : 0,
  headingPath,
  spans: [{ op: 'equal', text }],
});

export const heading = (text: string, headingPath: Path = [], change: DiffBlock['change'] = 'equal'): DiffBlock => ({
  change,
  kind: 'heading',
  level: headingPath.length + 1,
  headingPath,
  spans: [{ op: change === 'insert' ? 'insert' : change === 'delete' ? 'delete' : 'equal', text }],
});

export const inserted = (text: string, headingPath: Path = []): DiffBlock => ({
  change: 'insert',
  kind: 'paragraph',
  level: 0,
  headingPath,
  spans: [{ op: 'insert', text }],
});

export const deleted = (text: string, headingPath: Path = []): DiffBlock => ({
  change: 'delete',
  kind: 'paragraph',
  level: 0,
  headingPath,
  spans: [{ op: 'delete', text }],
});

/** A changed paragraph: `replaced(['We ', ['-', 'never'], ['+', 'often'], ' share'])`. */
export const replaced = (parts: Array<string | ['+' | '-', string]>, headingPath: Path = []): DiffBlock => ({
  change: 'replace',
  kind: 'paragraph',
  level: 0,
  headingPath,
  spans: parts.map((part): DiffSpan =>
    typeof part === 'string'
      ? { op: 'equal', text: part }
      : { op: part[0] === '+' ? 'insert' : 'delete', text: part[1] },
  ),
});

export const moved = (
  moveId: number,
  moveRole: 'from' | 'to',
  text: string,
  headingPath: Path = [],
  spans?: DiffSpan[],
): DiffBlock => ({
  change: 'move',
  kind: 'paragraph',
  level: 0,
  headingPath,
  spans: spans ?? [{ op: 'equal', text }],
  moveId,
  moveRole,
});

export function snapshot(id: number, capturedAt: string, overrides: Partial<SnapshotSummary> = {}): SnapshotSummary {
  return {
    id,
    documentId: 1,
    vendorId: 1,
    vendorName: 'example.com',
    documentTitle: 'Privacy Policy',
    capturedAt,
    originalUrl: null,
    waybackUrl: null,
    effectiveDate: null,
    sourcePath: `/in/${id}.html`,
    sourceFormat: 'wayback-html',
    inferred: [],
    contentHash: `content-${id}`,
    formattingHash: `words-${id}`,
    wordCount: 100,
    origin: 'file',
    capturedAtSource: 'wayback-url',
    ...overrides,
  };
}

/** A version seen over `captures` (capture times, oldest first; ids start at `firstId`). */
export function version(
  number: number,
  captures: string[],
  changeRatio: number | null,
  firstId = number * 100,
): TimelineVersion {
  const ids = captures.map((_, index) => firstId + index);
  return {
    number,
    snapshot: snapshot(firstId, captures[0]!),
    snapshotIds: ids,
    firstSeen: captures[0]!,
    lastSeen: captures.at(-1)!,
    effectiveDate: null,
    tags: [],
    hasNote: false,
    change:
      changeRatio === null
        ? null
        : { wordsAdded: 10, wordsRemoved: 5, wordsMoved: 0, changeRatio, sectionsTouched: ['Cookies'] },
  };
}
