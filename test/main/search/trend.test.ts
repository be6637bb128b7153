import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src/main/archive/database';
import { listVendors } from '../../../src/main/archive/queries';
import { fleschReadingEase, textReadingCounts } from '../../../src/main/extract/readability';
import type { Capture } from '../../../src/main/importers/capture';
import { searchTrend } from '../../../src/main/search/trend';
import type { Block } from '../../../src/shared/domain';
import type { TrendPeriod } from '../../../src/shared/searchDomain';
import { aCapture, paragraph, vendor } from '../archive/captureBuilder';
import { samplesDir, tempDir } from '../../support/paths';
import { useImportedArchive } from '../../support/importedArchive';
import { storeCaptures } from './searchFixture';

/** A text of exactly `words` words; with the phrase, its first sentence names a legitimate interest. */
function text(words: number, withPhrase: boolean, style: 'plain' | 'legal'): Block[] {
  const opening = withPhrase ? 'We rely on legitimate interest.' : 'We rely on your consent.';
  const filler =
    style === 'plain'
      ? 'We keep it safe.'
      : 'Processing notwithstanding aforementioned jurisdictional obligations and contractual determinations';
  const fillerWords = filler.split(' ');
  const rest: string[] = [];
  while (rest.length < words - 5) rest.push(fillerWords[rest.length % fillerWords.length]!);
  return [paragraph(opening), paragraph(`${rest.join(' ')}.`)];
}

const texts = {
  A1: text(10, false, 'plain'),
  A2: text(20, true, 'legal'),
  B1: text(30, true, 'plain'),
  C1: text(40, false, 'legal'),
  Ck: text(50, true, 'plain'),
  D1: text(60, false, 'plain'),
};
type TextName = keyof typeof texts;

function capture(name: string, capturedAt: string, textName: TextName, key = 'privacy-policy'): Capture {
  return aCapture({
    vendor: vendor(name),
    document: { key, title: key === 'privacy-policy' ? 'Privacy Policy' : 'Cookie Policy' },
    capturedAt,
    blocks: texts[textName],
  });
}

/**
 * A: 2016-03 A1, 2018-06 A2 (has the phrase), 2020-01 A2 again.
 * B: 2017-02 and 2017-11, B1 (has it); never seen again.
 * C: privacy policy 2016-05 and 2019-05 (C1); cookie policy (has it) captured once, 2018-01.
 * D: 2016-01 and 2020-12 (D1), nothing in between.
 */
const archive: Capture[] = [
  capture('A', '2016-03-01T00:00:00Z', 'A1'),
  capture('A', '2018-06-15T00:00:00Z', 'A2'),
  capture('A', '2020-01-10T00:00:00Z', 'A2'),
  capture('B', '2017-02-01T00:00:00Z', 'B1'),
  capture('B', '2017-11-01T00:00:00Z', 'B1'),
  capture('C', '2016-05-01T00:00:00Z', 'C1'),
  capture('C', '2019-05-01T00:00:00Z', 'C1'),
  capture('C', '2018-01-20T00:00:00Z', 'Ck', 'cookie-policy'),
  capture('D', '2016-01-05T00:00:00Z', 'D1'),
  capture('D', '2020-12-01T00:00:00Z', 'D1'),
];

const score = (name: TextName): number => fleschReadingEase(textReadingCounts(texts[name]))!;
const mid = (a: number, b: number): number => (a + b) / 2;

let dir: string;
let cleanup: () => void;
let db: Database.Database;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  db = openArchive(join(dir, 'archive.sqlite'));
  storeCaptures(db, archive);
});
afterAll(() => {
  db.close();
  cleanup();
});

const vendorId = (name: string): number => listVendors(db).find((v) => v.displayName === name)!.id;
const row = (period: TrendPeriod) => [period.label, period.vendorsWithPolicy, period.vendorsMatching, period.share];

describe('searchTrend by year', () => {
  it('counts, per year, the vendors with a policy in force and those whose policy contains the query', () => {
    const trend = searchTrend(db, { query: '"legitimate interest"', by: 'year' });
    expect(trend.interpretedAs).toBe('"legitimate interest"');
    expect(trend.periods.map(row)).toEqual([
      // A1, C1, D1: none has it.
      ['2016', 3, 0, 0],
      // B appears (B1 has it); A, C, D unchanged.
      ['2017', 4, 1, 0.25],
      // B was last seen in 2017: it stops counting. A2 and C's cookie policy have it;
      // C counts once although two of its documents are in force.
      ['2018', 3, 2, 2 / 3],
      // C's cookie policy was last seen in January 2018; D counts although not captured since 2016.
      ['2019', 3, 1, 1 / 3],
      // C was last seen in 2019.
      ['2020', 2, 1, 0.5],
    ]);
  });

  it('gives each year its first and last day', () => {
    const [first] = searchTrend(db, { query: '', by: 'year' }).periods;
    expect(first).toMatchObject({ label: '2016', start: '2016-01-01', end: '2016-12-31' });
  });

  it('gives the median length and readability of the documents in force', () => {
    const periods = searchTrend(db, { query: '', by: 'year' }).periods;
    expect(periods.map((p) => p.medianWords)).toEqual([40, 35, 45, 40, 40]);
    const readability = periods.map((p) => p.medianReadability);
    // 2016: A1, C1, D1 — the middle one; 2020: A2 and D1 — their mean.
    const sorted2016 = [score('A1'), score('C1'), score('D1')].sort((a, b) => a - b);
    expect(readability[0]).toBeCloseTo(sorted2016[1]!, 6);
    expect(readability[4]).toBeCloseTo(mid(score('A2'), score('D1')), 6);
    // The legal-style texts read harder than the plain ones.
    expect(score('C1')).toBeLessThan(score('D1'));
  });

  it('reports no match counts without a query', () => {
    for (const period of searchTrend(db, { query: '', by: 'year' }).periods) {
      expect(period.vendorsMatching).toBeNull();
      expect(period.share).toBeNull();
    }
  });
});

describe('searchTrend by half-year', () => {
  it('splits each year at July 1st, from the first capture to the last', () => {
    const trend = searchTrend(db, { query: '"legitimate interest"', by: 'half-year' });
    expect(trend.periods.map((p) => p.label)).toEqual([
      '2016 H1',
      '2016 H2',
      '2017 H1',
      '2017 H2',
      '2018 H1',
      '2018 H2',
      '2019 H1',
      '2019 H2',
      '2020 H1',
      '2020 H2',
    ]);
    const h = (label: string) => trend.periods.find((p) => p.label === label)!;
    expect(h('2018 H2')).toMatchObject({ start: '2018-07-01', end: '2018-12-31' });
    expect(h('2018 H1')).toMatchObject({ start: '2018-01-01', end: '2018-06-30' });
    // A2 (June 15th) and C's cookie policy (January) are both in force in the first half…
    expect(row(h('2018 H1'))).toEqual(['2018 H1', 3, 2, 2 / 3]);
    // …but the cookie policy was not seen after January: only A matches in the second half.
    expect(row(h('2018 H2'))).toEqual(['2018 H2', 3, 1, 1 / 3]);
    // C was last seen in May 2019.
    expect(row(h('2019 H2'))).toEqual(['2019 H2', 2, 1, 0.5]);
  });
});

describe('searchTrend filters', () => {
  it('counts only the chosen vendors, over the years they span', () => {
    const trend = searchTrend(db, {
      query: '"legitimate interest"',
      by: 'year',
      filters: { vendorIds: [vendorId('A'), vendorId('B')] },
    });
    expect(trend.periods.map(row)).toEqual([
      ['2016', 1, 0, 0],
      ['2017', 2, 1, 0.5],
      ['2018', 1, 1, 1],
      ['2019', 1, 1, 1],
      ['2020', 1, 1, 1],
    ]);
  });

  it('counts only the chosen document types', () => {
    const trend = searchTrend(db, {
      query: '"legitimate interest"',
      by: 'year',
      filters: { documentKeys: ['cookie-policy'] },
    });
    expect(trend.periods.map(row)).toEqual([['2018', 1, 1, 1]]);
    expect(trend.periods[0]!.medianWords).toBe(50);
  });

  it('looks only at captures in the date range', () => {
    const trend = searchTrend(db, { query: '"legitimate interest"', by: 'year', filters: { capturedFrom: '2018' } });
    // D's 2016 capture is outside the range: D is only known from its 2020 capture.
    expect(trend.periods.map(row)).toEqual([
      ['2018', 2, 2, 1],
      ['2019', 2, 1, 0.5],
      ['2020', 2, 1, 0.5],
    ]);
  });

  it('has no periods when nothing is in scope', () => {
    const trend = searchTrend(db, { query: 'anything', by: 'year', filters: { capturedTo: '2015' } });
    expect(trend.periods).toEqual([]);
  });

  it('ignores latestOnly and inForceOn', () => {
    const plain = searchTrend(db, { query: 'legitimate', by: 'year' });
    const filtered = searchTrend(db, {
      query: 'legitimate',
      by: 'year',
      filters: { latestOnly: true, inForceOn: '2017' },
    });
    expect(filtered.periods).toEqual(plain.periods);
  });
});

describe('searchTrend on the real samples', () => {
  const real = useImportedArchive([join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')]);

  it('shows formlabs.com adopting "legitimate interest" in 2018, not before', () => {
    const formlabs = listVendors(real()).find((v) => v.key === 'formlabs.com')!;
    const trend = searchTrend(real(), {
      query: '"legitimate interest"',
      by: 'year',
      filters: { vendorIds: [formlabs.id] },
    });
    expect(trend.periods.map((p) => [p.label, p.vendorsMatching])).toEqual([
      ['2015', 0],
      ['2016', 0],
      ['2017', 0],
      ['2018', 1],
    ]);
    for (const period of trend.periods) {
      expect(period.medianWords).toBeGreaterThan(500);
      // Privacy policies read as fairly difficult prose.
      expect(period.medianReadability).toBeGreaterThan(0);
      expect(period.medianReadability).toBeLessThan(60);
    }
  });
});
