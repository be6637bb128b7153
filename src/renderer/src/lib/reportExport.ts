/**
 * What the "Export…" controls send to main: the report subject for what is
 * on screen, and report options taken from the diff view's current settings,
 * so a report shows what the user was looking at.
 */
import type { DiffIgnoreOptions } from '../../../shared/domain';
import type { ReportExportRequest } from '../../../shared/contract';
import type { ReportSubject } from '../../../shared/report/reportTypes';
import type { DiffLayout, DiffRequest } from './diffState.svelte';

export type ReportFormat = ReportExportRequest['format'];
export type ReportPageSize = ReportExportRequest['options']['pageSize'];

/** The formats offered, in menu order. */
export const REPORT_FORMATS: ReadonlyArray<{ format: ReportFormat; label: string }> = [
  { format: 'pdf', label: 'PDF' },
  { format: 'html', label: 'HTML (self-contained)' },
  { format: 'markdown', label: 'Markdown' },
];

export const PAGE_SIZES: readonly ReportPageSize[] = ['A4', 'Letter'];

/** The report subject of a comparison: the two snapshots, or the document across the event. */
export function subjectOfDiff(request: DiffRequest): ReportSubject {
  return request.kind === 'pair'
    ? { kind: 'pair', snapshotA: request.olderId, snapshotB: request.newerId }
    : { kind: 'across', documentId: request.documentId, eventId: request.eventId };
}

/** The diff view's settings that shape a report. */
export interface DiffViewSettings {
  layout: DiffLayout;
  onlyChanges: boolean;
  options: DiffIgnoreOptions;
}

/**
 * The export request for a subject: the diff view's layout, its ignore
 * options (only those switched on), and the full text unless the view shows
 * only changes.
 */
export function exportRequest(
  subject: ReportSubject,
  format: ReportFormat,
  pageSize: ReportPageSize,
  view: DiffViewSettings,
): ReportExportRequest {
  const ignore: DiffIgnoreOptions = {};
  for (const [name, value] of Object.entries(view.options) as Array<[keyof DiffIgnoreOptions, boolean | undefined]>) {
    if (value) ignore[name] = true;
  }
  return { subject, format, options: { pageSize, layout: view.layout, includeUnchanged: !view.onlyChanges, ignore } };
}

/** The page size people around the user print on: Letter in the US and Canada, A4 elsewhere. */
export function defaultPageSize(locale: string): ReportPageSize {
  const region = /[-_]([A-Z]{2})\b/.exec(locale)?.[1];
  return region === 'US' || region === 'CA' ? 'Letter' : 'A4';
}
