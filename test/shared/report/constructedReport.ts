import { diffBlocks } from '../../../src/shared/diff/diffBlocks';
import type { Block, SnapshotSummary } from '../../../src/shared/domain';
import { reportSections } from '../../../src/shared/report/reportSections';
import type { ReportDocument, ReportOptions } from '../../../src/shared/report/reportTypes';

/** A snapshot summary with the given fields over plausible defaults. */
export function summary(fields: Partial<SnapshotSummary>): SnapshotSummary {
  return {
    id: 1,
    documentId: 1,
    vendorId: 1,
    vendorName: 'example.com',
    documentTitle: 'Privacy Policy',
    capturedAt: '2018-01-01T00:00:00Z',
    originalUrl: 'https://example.com/privacy',
    waybackUrl: 'https://web.archive.org/web/20180101000000/https://example.com/privacy',
    effectiveDate: null,
    sourcePath: '/tmp/x.md',
    sourceFormat: 'princeton-markdown',
    inferred: [],
    contentHash: 'a'.repeat(64),
    formattingHash: 'b'.repeat(64),
    wordCount: 100,
    origin: 'file',
    capturedAtSource: 'wayback-url',
    ...fields,
  };
}

export const heading = (text: string, level = 2): Block => ({ kind: 'heading', level, text });
export const paragraph = (text: string): Block => ({ kind: 'paragraph', level: 0, text });

/** A one-comparison report of two block lists, built the way buildReportDocument builds one. */
export function constructedReport(
  older: Block[],
  newer: Block[],
  fields: Partial<ReportDocument> = {},
  snapshots: { a?: Partial<SnapshotSummary>; b?: Partial<SnapshotSummary> } = {},
  options: Partial<ReportOptions> = {},
): ReportDocument {
  const { blocks, stats } = diffBlocks(older, newer);
  return {
    kind: 'pair',
    title: 'example.com — Privacy Policy: changes',
    vendorName: 'example.com',
    documentTitle: 'Privacy Policy',
    documentId: 1,
    event: null,
    timeline: null,
    comparisons: [
      {
        id: 'c1',
        label: 'Version 1 → version 2',
        a: summary({ id: 1, capturedAt: '2017-03-01T10:00:00Z', contentHash: '1'.repeat(64), ...snapshots.a }),
        b: summary({ id: 2, capturedAt: '2018-06-01T10:00:00Z', contentHash: '2'.repeat(64), ...snapshots.b }),
        aVersion: 1,
        bVersion: 2,
        blocks,
        stats,
        sections: reportSections(blocks, 'c1'),
      },
    ],
    options: { pageSize: 'A4', layout: 'inline', includeUnchanged: false, ignore: {}, ...options },
    meta: { appVersion: '0.1.0', generatedAt: '2026-05-01T12:00:00Z' },
    ...fields,
  };
}
