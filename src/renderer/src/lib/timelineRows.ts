import type { SnapshotSummary } from '../../../shared/domain';

/** One capture in a document's timeline. */
export interface TimelineRow {
  snapshot: SnapshotSummary;
  /** 1-based number of the distinct text this capture shows, counted from the oldest. */
  version: number;
  /** The text is identical to the capture before it (the policy did not change). */
  sameAsPrevious: boolean;
}

/** A document's captures, newest first, numbered by distinct version. */
export function timelineRows(snapshots: readonly SnapshotSummary[]): TimelineRow[] {
  const oldestFirst = [...snapshots].sort((a, b) => a.capturedAt.localeCompare(b.capturedAt) || a.id - b.id);
  const rows: TimelineRow[] = [];
  let version = 0;
  let previousHash: string | null = null;
  for (const snapshot of oldestFirst) {
    const sameAsPrevious = snapshot.contentHash === previousHash;
    if (!sameAsPrevious) version += 1;
    rows.push({ snapshot, version, sameAsPrevious });
    previousHash = snapshot.contentHash;
  }
  return rows.reverse();
}
