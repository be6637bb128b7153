import type Database from 'better-sqlite3';
import type { AcrossEvent, DocumentTimeline, ReferenceEvent, TimelineVersion } from '../../shared/domain';
import { annotationMarks } from '../archive/annotations';
import { documentCaptures, documentSummary } from '../archive/versionChanges';
import { foldVersions } from './foldVersions';
import { versionChanges } from './versionChangeCache';

/**
 * A document's distinct versions, oldest first, each with the captures that
 * show it ("seen from … to …"), its stated effective date and how much it
 * changed against the version before (words added / removed / moved, change
 * ratio, sections touched). Null when there is no such document.
 *
 * Captures with the same words fold into one version (see foldVersions.ts);
 * change statistics come from the `version_changes` cache, computed with the
 * diff engine on the first request (see versionChangeCache.ts). Each version
 * carries the tags and the note mark of its first capture.
 */
export function documentTimeline(db: Database.Database, documentId: number): DocumentTimeline | null {
  const document = documentSummary(db, documentId);
  if (!document) return null;
  const folded = foldVersions(documentCaptures(db, documentId));
  const pairs = folded.slice(1).map((current, index) => ({ older: folded[index]!.textId, newer: current.textId }));
  const changes = versionChanges(db, pairs);
  // The user's tags and note on a version live on its first capture (what the reader opens for it).
  const marks = annotationMarks(
    db,
    folded.map(({ version }) => version.snapshot.id),
  );
  const versions: TimelineVersion[] = folded.map(({ version }, index) => {
    const mark = marks.get(version.snapshot.id);
    return {
      ...version,
      tags: mark?.tags ?? [],
      hasNote: mark?.hasNote ?? false,
      change: index === 0 ? null : changes[index - 1]!,
    };
  });
  return { document, versions };
}

/**
 * "What changed across this event?": the last version first captured before
 * the event's date and the first version first captured on or after it
 * (either side null when there is none). Versions are placed by their first
 * capture, so a version seen both before and after the date counts as before.
 * Null when there is no such document.
 */
export function acrossEvent(db: Database.Database, documentId: number, event: ReferenceEvent): AcrossEvent | null {
  const timeline = documentTimeline(db, documentId);
  if (!timeline) return null;
  const { versions } = timeline;
  const firstAfter = versions.findIndex((version) => capturedOnOrAfter(version.firstSeen, event.date));
  const before = firstAfter === -1 ? versions.at(-1) : versions[firstAfter - 1];
  const after = firstAfter === -1 ? undefined : versions[firstAfter];
  return { event, documentId, before: before ?? null, after: after ?? null };
}

/** An ISO UTC capture time compared with a `YYYY-MM-DD` date (the event's day counts as on). */
function capturedOnOrAfter(capturedAt: string, date: string): boolean {
  return capturedAt.slice(0, 10) >= date;
}
