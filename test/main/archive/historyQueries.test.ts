import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src/main/archive/database';
import {
  historyCaptures,
  estimateMatchingPairs,
  textsContaining,
  type HistoryCaptureRow,
} from '../../../src/main/archive/historyQueries';
import { runImport } from '../../../src/main/importers/pipeline';
import { parseQuery } from '../../../src/main/search/queryParser';
import { samplesDir, tempDir } from '../../support/paths';

/*
 * The two ways of finding the texts that contain a query (following the
 * matching blocks, or walking each text) must agree exactly; which one runs
 * is a matter of speed only.
 */

let cleanup: () => void;
let db: Database.Database;

beforeAll(async () => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  db = openArchive(join(temp.dir, 'archive.sqlite'));
  await runImport(db, [
    join(samplesDir, 'princeton'),
    join(samplesDir, 'princeton-history'),
    join(samplesDir, 'open-terms-archive'),
  ]);
});
afterAll(() => {
  db.close();
  cleanup();
});

const QUERIES = [
  '"legitimate interest"',
  'cookies -analytics',
  'we',
  'biometric*',
  '"data protection officer"',
  'NEAR(sell data, 5)',
];
const scope = { from: null, to: null };

/** Captures of documents with at least one containing capture (the per-text walk lists the others too). */
function containingDocuments(rows: HistoryCaptureRow[]): HistoryCaptureRow[] {
  const documents = new Set(rows.filter((row) => row[3] === 1).map((row) => row[0]));
  return rows.filter((row) => documents.has(row[0]));
}

describe('historyCaptures', () => {
  it.each(QUERIES)('gives the same history of %s either way', (query) => {
    const { fts } = parseQuery(query);
    const fromBlocks = historyCaptures(db, fts, scope, 'from-blocks');
    const perText = containingDocuments(historyCaptures(db, fts, scope, 'per-text'));
    expect(perText).toEqual(fromBlocks);
    expect(fromBlocks.some((row) => row[3] === 1)).toBe(true);
  });

  it('applies vendor, document type and capture-range scopes the same way either way', () => {
    const vendorIds = db.prepare('SELECT id FROM vendors ORDER BY id LIMIT 3').pluck().all() as number[];
    const scopes = [
      { vendorIds, from: null, to: null },
      { documentKeys: ['privacy-policy'], from: null, to: null },
      { from: '2016-01-01T00:00:00Z', to: '2019-06-30T23:59:59Z' },
      { vendorIds, documentKeys: ['privacy-policy', 'none-such'], from: '2018-05-25T00:00:00Z', to: null },
    ];
    for (const scoped of scopes) {
      const { fts } = parseQuery('"personal data" OR cookies');
      const fromBlocks = historyCaptures(db, fts, scoped, 'from-blocks');
      expect(containingDocuments(historyCaptures(db, fts, scoped, 'per-text'))).toEqual(fromBlocks);
      expect(fromBlocks.length).toBeGreaterThan(0);
    }
  });

  it('lists each document’s captures in time order', () => {
    const rows = historyCaptures(db, parseQuery('privacy').fts, scope);
    const times = db.prepare('SELECT id, captured_at FROM snapshots').raw().all() as Array<[number, string]>;
    const capturedAt = new Map(times);
    for (let i = 1; i < rows.length; i++) {
      if (rows[i]![0] !== rows[i - 1]![0]) continue;
      expect(capturedAt.get(rows[i]![1])! >= capturedAt.get(rows[i - 1]![1])!).toBe(true);
    }
  });
});

describe('textsContaining', () => {
  it.each(QUERIES)('finds the same texts containing %s either way', (query) => {
    const { fts } = parseQuery(query);
    const all = db.prepare('SELECT id FROM texts').pluck().all() as number[];
    const fromBlocks = textsContaining(db, fts, all, 'from-blocks');
    expect(textsContaining(db, fts, all, 'per-text')).toEqual(fromBlocks);
    expect(fromBlocks.size).toBeGreaterThan(0);
    // Only texts that were asked about.
    expect(textsContaining(db, fts, all.slice(0, 3), 'from-blocks').size).toBeLessThanOrEqual(3);
  });
});

describe('estimateMatchingPairs', () => {
  it('estimates how many (matching block, text) pairs a query has: many for "we", few for a rare phrase', () => {
    const exact = (query: string) =>
      db
        .prepare(
          `SELECT count(*) FROM blocks_fts f JOIN text_blocks tb ON tb.block_id = f.rowid WHERE blocks_fts MATCH ?`,
        )
        .pluck()
        .get(parseQuery(query).fts) as number;
    const common = estimateMatchingPairs(db, parseQuery('we').fts);
    const rare = estimateMatchingPairs(db, parseQuery('"data protection officer"').fts);
    expect(common.pairs).toBeGreaterThan(rare.pairs * 10);
    // A sample of ~300 blocks: within a factor of two of the exact count.
    for (const [query, estimate] of [
      ['we', common],
      ['"data protection officer"', rare],
    ] as const) {
      expect(estimate.pairs).toBeGreaterThan(exact(query) / 2);
      expect(estimate.pairs).toBeLessThan(exact(query) * 2);
    }
    expect(estimateMatchingPairs(db, parseQuery('zzzyzzy').fts)).toEqual({ blocks: 0, pairs: 0 });
  });
});
