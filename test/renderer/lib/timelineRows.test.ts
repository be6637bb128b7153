import { describe, expect, it } from 'vitest';
import type { SnapshotSummary } from '../../../src/shared/domain';
import { timelineRows } from '../../../src/renderer/src/lib/timelineRows';

function snapshot(id: number, capturedAt: string, contentHash: string, formattingHash: string): SnapshotSummary {
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
    contentHash,
    formattingHash,
    wordCount: 100,
    origin: 'warc',
    capturedAtSource: 'warc-date',
  };
}

describe('timelineRows', () => {
  it('folds identical and reformatted captures into the version before them, newest first', () => {
    const rows = timelineRows([
      snapshot(3, '2019-01-01T00:00:00Z', 'c', 'y'),
      snapshot(1, '2017-01-01T00:00:00Z', 'a', 'x'),
      snapshot(2, '2018-01-01T00:00:00Z', 'b', 'x'),
      snapshot(4, '2020-01-01T00:00:00Z', 'c', 'y'),
    ]);
    expect(rows.map((row) => [row.snapshot.id, row.version, row.sameAsPrevious, row.formattingOnly])).toEqual([
      [4, 2, true, false],
      [3, 2, false, false],
      [2, 1, true, true],
      [1, 1, false, false],
    ]);
  });
});
