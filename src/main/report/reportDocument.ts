import type Database from 'better-sqlite3';
import { diffBlocks } from '../../shared/diff/diffBlocks';
import type { SnapshotDetail, SnapshotSummary, TimelineVersion } from '../../shared/domain';
import { REFERENCE_EVENTS, referenceEvent } from '../../shared/referenceEvents';
import { reportSections } from '../../shared/report/reportSections';
import type {
  ReportComparison,
  ReportDocument,
  ReportMeta,
  ReportOptions,
  ReportSubject,
  ReportTimelineRow,
} from '../../shared/report/reportTypes';
import { getSnapshot } from '../archive/queries';
import { acrossEvent, documentTimeline } from '../timeline/documentTimeline';

/**
 * Build a report: read the versions from the archive, diff each pair with the
 * report's ignore options and collect what the renderers show (cover facts,
 * statistics, changed sections, the full diff).
 *
 * - `pair`: snapshot A against snapshot B, in that order (as the diff view).
 * - `history`: every consecutive pair of the document's distinct versions
 *   (`documentTimeline`: captures with the same words are one version; each
 *   version is represented by its first capture), with a timeline summary.
 * - `across`: the last version before the event and the first on or after it
 *   (`acrossEvent`).
 *
 * Throws an Error naming what is missing: an unknown snapshot, document or
 * event, snapshots of different documents, a history with a single version,
 * or no version on one side of the event.
 */
export function buildReportDocument(
  db: Database.Database,
  subject: ReportSubject,
  options: ReportOptions,
  meta: ReportMeta,
): ReportDocument {
  switch (subject.kind) {
    case 'pair':
      return pairReport(db, subject.snapshotA, subject.snapshotB, options, meta);
    case 'history':
      return historyReport(db, subject.documentId, options, meta);
    case 'across':
      return acrossReport(db, subject.documentId, subject.eventId, options, meta);
  }
}

function pairReport(
  db: Database.Database,
  snapshotA: number,
  snapshotB: number,
  options: ReportOptions,
  meta: ReportMeta,
): ReportDocument {
  const a = snapshotOrThrow(db, snapshotA);
  const b = snapshotOrThrow(db, snapshotB);
  const comparison = compare('c1', a, b, null, null, options);
  return {
    kind: 'pair',
    title: `${a.vendorName} — ${a.documentTitle}: changes ${day(a.capturedAt)} → ${day(b.capturedAt)}`,
    vendorName: a.vendorName,
    documentTitle: a.documentTitle,
    documentId: a.documentId,
    event: null,
    timeline: null,
    comparisons: [comparison],
    options,
    meta,
  };
}

function historyReport(
  db: Database.Database,
  documentId: number,
  options: ReportOptions,
  meta: ReportMeta,
): ReportDocument {
  const timeline = documentTimeline(db, documentId);
  if (!timeline) throw new Error(`Document ${documentId} not found in the archive`);
  const { versions } = timeline;
  if (versions.length < 2) {
    throw new Error(
      `Document ${documentId} (${timeline.document.title}) has only ${versions.length} distinct version: nothing to compare`,
    );
  }
  let older = snapshotOrThrow(db, versions[0]!.snapshot.id);
  const comparisons: ReportComparison[] = [];
  for (let index = 1; index < versions.length; index++) {
    const newer = snapshotOrThrow(db, versions[index]!.snapshot.id);
    comparisons.push(compare(`c${index}`, older, newer, versions[index - 1]!.number, versions[index]!.number, options));
    older = newer;
  }
  const rows: ReportTimelineRow[] = versions.map((version, index) => timelineRow(version, comparisons[index - 1]));
  const first = versions[0]!.snapshot;
  const last = versions.at(-1)!.snapshot;
  return {
    kind: 'history',
    title: `${first.vendorName} — ${first.documentTitle}: history ${day(first.capturedAt)} → ${day(last.capturedAt)}`,
    vendorName: first.vendorName,
    documentTitle: first.documentTitle,
    documentId,
    event: null,
    timeline: rows,
    comparisons,
    options,
    meta,
  };
}

function acrossReport(
  db: Database.Database,
  documentId: number,
  eventId: string,
  options: ReportOptions,
  meta: ReportMeta,
): ReportDocument {
  const event = referenceEvent(eventId);
  if (!event) {
    const known = REFERENCE_EVENTS.map((known) => known.id).join(', ');
    throw new Error(`Unknown reference event "${eventId}" (known: ${known})`);
  }
  const across = acrossEvent(db, documentId, event);
  if (!across) throw new Error(`Document ${documentId} not found in the archive`);
  if (!across.before || !across.after) {
    const side = across.before ? 'on or after' : 'before';
    throw new Error(`Document ${documentId} has no version captured ${side} ${event.label} (${event.date})`);
  }
  const a = snapshotOrThrow(db, across.before.snapshot.id);
  const b = snapshotOrThrow(db, across.after.snapshot.id);
  const comparison = compare('c1', a, b, across.before.number, across.after.number, options);
  return {
    kind: 'across',
    title: `${a.vendorName} — ${a.documentTitle}: changes across ${event.label} (${event.date})`,
    vendorName: a.vendorName,
    documentTitle: a.documentTitle,
    documentId,
    event,
    timeline: null,
    comparisons: [comparison],
    options,
    meta,
  };
}

/** Diff two snapshots into a comparison with its changed sections. */
function compare(
  id: string,
  a: SnapshotDetail,
  b: SnapshotDetail,
  aVersion: number | null,
  bVersion: number | null,
  options: ReportOptions,
): ReportComparison {
  const { blocks, stats } = diffBlocks(a.blocks, b.blocks, options.ignore);
  const label =
    aVersion !== null && bVersion !== null
      ? `Version ${aVersion} → version ${bVersion}`
      : `${day(a.capturedAt)} → ${day(b.capturedAt)}`;
  return {
    id,
    label,
    a: summaryOf(a),
    b: summaryOf(b),
    aVersion,
    bVersion,
    blocks,
    stats,
    sections: reportSections(blocks, id),
  };
}

function timelineRow(version: TimelineVersion, comparison: ReportComparison | undefined): ReportTimelineRow {
  const stats = comparison?.stats;
  return {
    version: version.number,
    snapshot: version.snapshot,
    firstSeen: version.firstSeen,
    lastSeen: version.lastSeen,
    captureCount: version.snapshotIds.length,
    effectiveDate: version.effectiveDate,
    change: stats
      ? {
          wordsAdded: stats.wordsAdded,
          wordsRemoved: stats.wordsRemoved,
          wordsMoved: stats.wordsMoved,
          changeRatio: stats.changeRatio,
          sectionsTouched: stats.sectionsTouched,
        }
      : null,
  };
}

function snapshotOrThrow(db: Database.Database, snapshotId: number): SnapshotDetail {
  const snapshot = getSnapshot(db, snapshotId);
  if (!snapshot) throw new Error(`Snapshot ${snapshotId} not found in the archive`);
  return snapshot;
}

function summaryOf(snapshot: SnapshotDetail): SnapshotSummary {
  const { blocks: _blocks, ...summary } = snapshot;
  return summary;
}

/** The UTC day of an ISO capture time. */
function day(iso: string): string {
  return iso.slice(0, 10);
}
