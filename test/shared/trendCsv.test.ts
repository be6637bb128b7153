import { describe, expect, it } from 'vitest';
import { TREND_CSV_COLUMNS, trendToCsv } from '../../src/shared/trendCsv';
import type { Trend, TrendPeriod } from '../../src/shared/searchDomain';

function period(overrides: Partial<TrendPeriod> = {}): TrendPeriod {
  return {
    label: '2018',
    start: '2018-01-01',
    end: '2018-12-31',
    vendorsWithPolicy: 3,
    vendorsMatching: 2,
    share: 2 / 3,
    medianWords: 2450.5,
    medianReadability: 38.123456,
    ...overrides,
  };
}

function trend(overrides: Partial<Trend> = {}): Trend {
  return { query: 'cookies', interpretedAs: '"cookies"', by: 'year', periods: [period()], elapsedMs: 3, ...overrides };
}

/** A minimal RFC 4180 reader, to check that what is written reads back as the same fields. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i += 1;
    } else field += char;
  }
  return rows;
}

describe('trendToCsv', () => {
  it('writes a header and one CRLF-terminated row per period, with plain numbers', () => {
    const csv = trendToCsv(
      trend({ periods: [period(), period({ label: '2019', start: '2019-01-01', end: '2019-12-31' })] }),
    );
    const lines = csv.split('\r\n');
    expect(lines).toHaveLength(4);
    expect(lines.at(-1)).toBe('');
    expect(lines[0]).toBe(TREND_CSV_COLUMNS.join(','));
    expect(lines[0]).toBe(
      'query,interpreted_as,period,start,end,vendors_with_policy,vendors_matching,share,median_words,median_readability',
    );
    expect(lines[1]).toBe('cookies,"""cookies""",2018,2018-01-01,2018-12-31,3,2,0.666667,2450.5,38.12');
    expect(lines[2]!.startsWith('cookies,"""cookies""",2019,')).toBe(true);
  });

  it('quotes fields with commas, quotes and line breaks so they read back unchanged', () => {
    const query = 'sell, "share"\nor rent';
    const csv = trendToCsv(trend({ query, interpretedAs: '"sell" AND "share"' }));
    const [header, row] = parseCsv(csv);
    expect(header).toEqual([...TREND_CSV_COLUMNS]);
    expect(row![0]).toBe(query);
    expect(row![1]).toBe('"sell" AND "share"');
    expect(row).toHaveLength(TREND_CSV_COLUMNS.length);
  });

  it('leaves fields empty where there is no value, and writes no query as an empty field', () => {
    const csv = trendToCsv(
      trend({
        query: '',
        interpretedAs: '',
        periods: [
          period({
            vendorsWithPolicy: 0,
            vendorsMatching: null,
            share: null,
            medianWords: null,
            medianReadability: null,
          }),
        ],
      }),
    );
    expect(csv.split('\r\n')[1]).toBe(',,2018,2018-01-01,2018-12-31,0,,,,');
  });

  it('writes negative readability and whole shares without exponent or trailing zeros', () => {
    const csv = trendToCsv(trend({ periods: [period({ share: 1, medianReadability: -12.345678, medianWords: 812 })] }));
    expect(csv.split('\r\n')[1]).toMatch(/,1,812,-12\.35$/);
  });

  it('writes only the header for a trend without periods', () => {
    expect(trendToCsv(trend({ periods: [] }))).toBe(`${TREND_CSV_COLUMNS.join(',')}\r\n`);
  });
});
