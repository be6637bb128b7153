import { describe, expect, it } from 'vitest';
import { defaultPageSize, exportRequest, subjectOfDiff } from '../../../src/renderer/src/lib/reportExport';
import { reportExportRequestSchema } from '../../../src/shared/contract';

describe('report export requests', () => {
  it('reports on the two snapshots compared, or on the document across the event', () => {
    expect(subjectOfDiff({ kind: 'pair', olderId: 4, newerId: 9 })).toEqual({
      kind: 'pair',
      snapshotA: 4,
      snapshotB: 9,
    });
    expect(subjectOfDiff({ kind: 'event', documentId: 3, eventId: 'gdpr' })).toEqual({
      kind: 'across',
      documentId: 3,
      eventId: 'gdpr',
    });
  });

  it('takes layout, folding and the ignore options switched on from the diff view, in a request main accepts', () => {
    const request = exportRequest({ kind: 'history', documentId: 2 }, 'pdf', 'Letter', {
      layout: 'side-by-side',
      onlyChanges: true,
      options: { ignoreCase: true, ignoreWhitespace: false },
    });
    expect(request.options).toEqual({
      pageSize: 'Letter',
      layout: 'side-by-side',
      includeUnchanged: false,
      ignore: { ignoreCase: true },
    });
    expect(reportExportRequestSchema.safeParse(request).success).toBe(true);
    const full = exportRequest({ kind: 'pair', snapshotA: 1, snapshotB: 2 }, 'markdown', 'A4', {
      layout: 'inline',
      onlyChanges: false,
      options: {},
    });
    expect(full.options.includeUnchanged).toBe(true);
    expect(reportExportRequestSchema.safeParse(full).success).toBe(true);
  });

  it('offers Letter in the US and Canada and A4 elsewhere', () => {
    expect(defaultPageSize('en-US')).toBe('Letter');
    expect(defaultPageSize('fr-CA')).toBe('Letter');
    expect(defaultPageSize('en-GB')).toBe('A4');
    expect(defaultPageSize('de')).toBe('A4');
  });
});
