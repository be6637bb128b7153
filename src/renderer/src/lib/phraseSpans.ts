import type { PhraseSpan, PhraseVersionRef } from '../../../shared/searchDomain';
import { dayOf } from './dates';

/** Two snapshots to compare, older first. */
export interface SnapshotPair {
  olderId: number;
  newerId: number;
}

/** How a stretch of versions containing a phrase began and ended, in the words the history view uses. */
export interface SpanStory {
  /** Day of the first version that contains it. */
  firstDay: string;
  /** Day of the last version that contains it. */
  lastDay: string;
  /** The change that introduced it (before → first), or null when it was there in the first captured version. */
  introduced: (SnapshotPair & { day: string; fromDay: string }) | null;
  /** The change that dropped it (last → after), or null while it is still there. */
  dropped: (SnapshotPair & { day: string; fromDay: string }) | null;
}

const day = (ref: PhraseVersionRef): string => dayOf(ref.capturedAt);

/** Read a span: when the phrase appeared and disappeared, and which diffs show it. */
export function spanStory(span: PhraseSpan): SpanStory {
  return {
    firstDay: day(span.first),
    lastDay: day(span.last),
    introduced: span.before
      ? {
          olderId: span.before.snapshotId,
          newerId: span.first.snapshotId,
          day: day(span.first),
          fromDay: day(span.before),
        }
      : null,
    dropped: span.after
      ? { olderId: span.last.snapshotId, newerId: span.after.snapshotId, day: day(span.after), fromDay: day(span.last) }
      : null,
  };
}

/** `1 version`, `3 versions`. */
export function versionsText(count: number): string {
  return `${count} ${count === 1 ? 'version' : 'versions'}`;
}
