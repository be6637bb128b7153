import type { SnapshotSummary } from '../../../shared/domain';

/** One capture in a document's timeline. */
export interface TimelineRow {
  snapshot: SnapshotSummary;
  /** 1-based number of the distinct text this capture shows, counted from the oldest. */
  version: number;
  /**
   * The words are those of the capture before it (the policy did not change): the text is
   * identical, or only its whitespace, structure or markup differ (see `formattingOnly`).
   */
  sameAsPrevious: boolean;
  /** Same words as the capture before, but different formatting. */
  formattingOnly: boolean;
}

/**
 * A document's captures, newest first, numbered by distinct version. A capture
 * that only reformatted the previous one keeps its version number, so the
 * timeline folds it with its neighbour.
 */
export function timelineRows(snapshots: readonly SnapshotSummary[]): TimelineRow[] {
  const oldestFirst = [...snapshots].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id - b.id);
  const rows: TimelineRow[] = [];
  let version = 0;
  let previous: SnapshotSummary | null = null;
  for (const snapshot of oldestFirst) {
    const sameAsPrevious = previous !== null && snapshot.formattingHash === previous.formattingHash;
    const formattingOnly = sameAsPrevious && snapshot.contentHash !== previous?.contentHash;
    if (!sameAsPrevious) version += 1;
    rows.push({ snapshot, version, sameAsPrevious, formattingOnly });
    previous = snapshot;
  }
  return rows.reverse();
}
