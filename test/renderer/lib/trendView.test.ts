import { describe, expect, it } from 'vitest';
import type { Trend, TrendPeriod } from '../../../src/shared/searchDomain';
import {
  querySlug,
  readabilityText,
  seriesSummary,
  shareText,
  trendFileName,
  trendRow,
  trendSeries,
  wordsText,
} from '../../../src/renderer/src/lib/trendView';

/** The file-name rule of the save dialog's request (contract.ts saveTextRequestSchema). */
// eslint-disable-next-line no-control-regex -- the contract's rule forbids control characters
const FILE_NAME = /^[^/\\:*?"<>|\u0000-\u001f]+$/;

describe('trend export file name', () => {
  it('turns a query into a short, safe slug', () => {
    expect(querySlug('Sell your personal information')).toBe('sell-your-personal-information');
    expect(querySlug('opt-out "sell')).toBe('opt-out-sell');
    expect(querySlug('  "données personnelles" ')).toBe('données-personnelles');
    expect(querySlug('a/b\\c:d*e?f|g<h>')).toBe('a-b-c-d-e-f-g-h');
    expect(querySlug('')).toBe('all');
    expect(querySlug('"*"')).toBe('all');
  });

  it('keeps long queries to 40 characters without a trailing hyphen', () => {
    const slug = querySlug('we do not sell your personal information to third parties for money');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).not.toMatch(/-$/);
    expect(slug.startsWith('we-do-not-sell-your-personal')).toBe(true);
  });

  it('names the file after the query and the period, always a valid file name', () => {
    expect(trendFileName('biometric', 'year')).toBe('trend-biometric-by-year.csv');
    expect(trendFileName('', 'half-year')).toBe('trend-all-by-half-year.csv');
    for (const query of ['C:\\evil', '../../etc/passwd', 'tab\there', '"quoted"?', 'x'.repeat(500)]) {
      expect(trendFileName(query, 'year')).toMatch(FILE_NAME);
    }
  });
});

const period = (label: string, overrides: Partial<TrendPeriod> = {}): TrendPeriod => ({
  label,
  start: `${label.slice(0, 4)}-01-01`,
  end: `${label.slice(0, 4)}-12-31`,
  vendorsWithPolicy: 7,
  vendorsMatching: 3,
  share: 3 / 7,
  medianWords: 2345.5,
  medianReadability: 38.26,
  ...overrides,
});

describe('trend table and charts', () => {
  it('shows each period with the same numbers in readable form', () => {
    expect(trendRow(period('2018'))).toEqual({
      label: '2018',
      range: '2018-01-01 – 2018-12-31',
      vendorsWithPolicy: '7',
      vendorsMatching: '3',
      share: '42.9%',
      medianWords: '2,346',
      medianReadability: '38.3',
    });
  });

  it('shows a dash for what is unknown, never 0', () => {
    const row = trendRow(
      period('2015', { vendorsMatching: null, share: null, medianWords: null, medianReadability: null }),
    );
    expect([row.vendorsMatching, row.share, row.medianWords, row.medianReadability]).toEqual(['—', '—', '—', '—']);
    expect(shareText(0)).toBe('0.0%');
    expect(wordsText(0)).toBe('0');
    expect(readabilityText(-12.34)).toBe('-12.3');
  });

  it('charts the share as a percentage only when a query was given', () => {
    const trend: Trend = {
      query: 'sell',
      interpretedAs: '"sell"',
      by: 'year',
      periods: [period('2017', { share: 0.5 }), period('2018', { share: null })],
      elapsedMs: 3,
    };
    const series = trendSeries(trend);
    expect(series.labels).toEqual(['2017', '2018']);
    expect(series.sharePercent).toEqual([50, null]);
    expect(series.medianWords).toEqual([2345.5, 2345.5]);
    expect(trendSeries({ ...trend, query: '' }).sharePercent).toBeNull();
  });

  it('sums a series up in one sentence for screen readers', () => {
    const format = (value: number) => `${value}%`;
    expect(seriesSummary(['2015', '2016', '2017'], [null, 10, 40], format)).toBe('from 10% in 2016 to 40% in 2017');
    expect(seriesSummary(['2015'], [5], format)).toBe('5% in 2015');
    expect(seriesSummary(['2015'], [null], format)).toBe('no data');
  });
});
