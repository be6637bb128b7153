import type { DocumentTimeline, ReferenceEvent, TimelineVersion } from '../../../shared/domain';

/** Where a capture sits among its document's versions, for stepping in the reader. */
export interface VersionPosition {
  timeline: DocumentTimeline;
  version: TimelineVersion;
  previous: TimelineVersion | null;
  next: TimelineVersion | null;
}

/** The version holding a capture (any capture of its run), with its neighbours. */
export function versionPosition(timelines: readonly DocumentTimeline[], snapshotId: number): VersionPosition | null {
  for (const timeline of timelines) {
    const index = timeline.versions.findIndex(
      (version) => version.snapshot.id === snapshotId || version.snapshotIds.includes(snapshotId),
    );
    if (index < 0) continue;
    return {
      timeline,
      version: timeline.versions[index]!,
      previous: timeline.versions[index - 1] ?? null,
      next: timeline.versions[index + 1] ?? null,
    };
  }
  return null;
}

/**
 * The reference events a document spans: it has a version first seen before
 * the event and one first seen on or after it, so "what changed across it?"
 * has an answer.
 */
export function eventsSpanned(
  versions: readonly TimelineVersion[],
  events: readonly ReferenceEvent[],
): ReferenceEvent[] {
  return events.filter(
    (event) =>
      versions.some((version) => version.firstSeen.slice(0, 10) < event.date) &&
      versions.some((version) => version.firstSeen.slice(0, 10) >= event.date),
  );
}

/** "seen 2018-08-13" or "seen from 2025-11-11 to 2026-01-09 · 37 captures". */
export function seenText(version: TimelineVersion): string {
  const from = version.firstSeen.slice(0, 10);
  const to = version.lastSeen.slice(0, 10);
  const captures = version.snapshotIds.length;
  const range = from === to ? `seen ${from}` : `seen from ${from} to ${to}`;
  return captures > 1 ? `${range} · ${captures} captures` : range;
}
