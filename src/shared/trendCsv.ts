/**
 * A trend as CSV, the same file from the app's export and the CLI's `--csv`.
 *
 * RFC 4180: a header row, then one row per period; fields holding a comma,
 * a double quote, CR or LF are quoted with inner quotes doubled; every line,
 * the last included, ends with CRLF (what the RFC and spreadsheet programs
 * expect; other readers accept it too). Numbers are plain (`.` decimal point,
 * no thousands separator, no percent sign): `share` is a fraction from 0 to 1
 * with at most 6 decimals, `median_readability` has at most 2 decimals.
 * A field with no value (no query, no policy in force) is empty.
 *
 * Every row carries the query as typed and as interpreted, so a file stands
 * alone and files of several queries can be concatenated. Text is written as
 * is: a query starting with `-` or `=` is not altered to defuse spreadsheet
 * formulas, because that would change the data other readers see.
 */
import type { Trend } from './searchDomain';

/** Column names, in order. */
export const TREND_CSV_COLUMNS = [
  'query',
  'interpreted_as',
  'period',
  'start',
  'end',
  'vendors_with_policy',
  'vendors_matching',
  'share',
  'median_words',
  'median_readability',
] as const;

const NEEDS_QUOTES = /[",\r\n]/;

/** The trend as an RFC 4180 CSV document (CRLF line ends). */
export function trendToCsv(trend: Trend): string {
  const rows: string[][] = [[...TREND_CSV_COLUMNS]];
  for (const period of trend.periods) {
    rows.push([
      trend.query,
      trend.interpretedAs,
      period.label,
      period.start,
      period.end,
      number(period.vendorsWithPolicy),
      number(period.vendorsMatching),
      number(period.share, 6),
      number(period.medianWords, 1),
      number(period.medianReadability, 2),
    ]);
  }
  return rows.map((row) => row.map(field).join(',') + '\r\n').join('');
}

function field(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A number rounded to at most `decimals` places, without trailing zeros or exponent; empty for null. */
function number(value: number | null, decimals = 0): string {
  if (value === null || !Number.isFinite(value)) return '';
  const rounded = Number(value.toFixed(decimals));
  // -0 (a tiny negative readability rounded) prints as 0.
  return String(rounded === 0 ? 0 : rounded);
}
