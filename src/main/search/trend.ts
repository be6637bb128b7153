/**
 * Trends across the archive (the `search:trend` channel): per year or
 * half-year, how many vendors have a policy in force, how many of those
 * policies contain the query, and the median length and readability of the
 * policies in force.
 *
 * ## Which policy is in force in a period
 *
 * Per document (a vendor's privacy policy, cookie policy…), within the filters:
 * - its version in force in a period is its newest capture on or before the
 *   period's last day (the last known state at the period's end);
 * - it counts in the period only if it was also captured on or after the
 *   period's first day, at any later date. Together: the document's observed
 *   life, first capture to last capture, overlaps the period.
 *
 * Why: Wayback captures are irregular, often years apart, so requiring a
 * capture inside each period would make the vendor count follow the crawler's
 * schedule rather than the policies; a page seen in 2016 and again in 2020
 * existed in 2018, and its 2016 text is the best knowledge of what was then in
 * force (the same reading the timeline uses). But a page last captured in 2014
 * must not count in 2020: past its last capture it is unknown whether it still
 * exists, so it stops counting there.
 *
 * A vendor counts in a period when any of its documents counts, and matches
 * when any counted document's in-force version contains the query (one of its
 * blocks matches, as in search). `share` = matching vendors / counted vendors.
 * Medians are over the counted documents (one value per document: its
 * in-force version), so a vendor with a privacy and a cookie policy adds two
 * lengths; filter by document type to compare like with like. Readability is
 * Flesch reading ease (English formula, src/main/extract/readability.ts).
 *
 * Filters: vendors, document types and the capture range choose the captures
 * looked at (periods run from the first to the last of them);
 * `latestOnly` and `inForceOn` pick one snapshot per document, which would
 * leave no trend, so they are ignored.
 */
import type Database from 'better-sqlite3';
import type { TrendRequest } from '../../shared/contract';
import type { Trend, TrendBucket, TrendPeriod } from '../../shared/searchDomain';
import { textsContaining } from '../archive/historyQueries';
import { textBlockIndex } from '../archive/textBlockIndex';
import { trendCaptures, type TrendCaptureRow } from '../archive/trendQueries';
import { fleschReadingEase } from '../extract/readability';
import { historyScope } from './historyScope';
import { archiveQuery } from './stemmedPrefixes';

// Fields of a TrendCaptureRow.
const DOCUMENT = 0;
const VENDOR = 1;
const MONTH = 2;
const TEXT = 3;
const WORDS = 4;

/** A period; months are counted as year × 12 + (month − 1), like TrendCaptureRow's. */
interface PeriodBounds {
  label: string;
  start: string;
  end: string;
  startMonth: number;
  /** The first month after the period. */
  endMonth: number;
}

/** A counted document's version in force in a period: the capture that started it. */
type InForce = TrendCaptureRow;

/** The trend of a query (or, with an empty query, of length and readability only). */
export function searchTrend(db: Database.Database, request: TrendRequest): Trend {
  const started = performance.now();
  const { fts } = archiveQuery(db, request.query);
  // The block lists are read (or refreshed) outside the transaction, where they can be cached.
  if (fts) textBlockIndex(db);
  // One read transaction: both queries see the same archive even if an import commits meanwhile.
  const { periods, inForce, containing } = db.transaction(() => {
    const captures = trendCaptures(db, historyScope(request.filters));
    const periods = trendPeriods(captures, request.by);
    const inForce = inForceVersions(captures, periods);
    const textIds = [...new Set(inForce.flatMap((list) => list.map((entry) => entry[TEXT])))];
    return { periods, inForce, containing: fts ? textsContaining(db, fts, textIds) : null };
  })();

  const result: TrendPeriod[] = periods.map((period, index) => {
    const counted = inForce[index]!;
    const vendors = new Set(counted.map((entry) => entry[VENDOR]));
    const matching = containing
      ? new Set(counted.filter((entry) => containing.has(entry[TEXT])).map((entry) => entry[VENDOR]))
      : null;
    return {
      label: period.label,
      start: period.start,
      end: period.end,
      vendorsWithPolicy: vendors.size,
      vendorsMatching: matching ? matching.size : null,
      share: matching && vendors.size > 0 ? matching.size / vendors.size : null,
      medianWords: median(counted.map((entry) => entry[WORDS])),
      medianReadability: median(counted.flatMap(readability)),
    };
  });

  return {
    query: request.query,
    interpretedAs: fts,
    by: request.by,
    periods: result,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/**
 * Per period, the version in force of every document that counts in it: the
 * document's newest capture before the period ends, provided its last
 * capture is not before the period starts. `captures` are ordered by
 * document, then time, so each document is one walk through the periods.
 */
function inForceVersions(captures: readonly TrendCaptureRow[], periods: readonly PeriodBounds[]): InForce[][] {
  const inForce: InForce[][] = periods.map(() => []);
  let first = 0;
  while (first < captures.length) {
    const documentId = captures[first]![DOCUMENT];
    let end = first;
    while (end < captures.length && captures[end]![DOCUMENT] === documentId) end += 1;
    const lastMonth = captures[end - 1]![MONTH];
    let current = first - 1;
    periods.forEach((period, index) => {
      while (current + 1 < end && captures[current + 1]![MONTH] < period.endMonth) current += 1;
      if (current >= first && lastMonth >= period.startMonth) inForce[index]!.push(captures[current]!);
    });
    first = end;
  }
  return inForce;
}

/** Every period from the one holding the first capture to the one holding the last. */
function trendPeriods(captures: readonly TrendCaptureRow[], by: TrendBucket): PeriodBounds[] {
  if (captures.length === 0) return [];
  let firstMonth = Infinity;
  let lastMonth = -Infinity;
  for (const capture of captures) {
    if (capture[MONTH] < firstMonth) firstMonth = capture[MONTH];
    if (capture[MONTH] > lastMonth) lastMonth = capture[MONTH];
  }
  const length = by === 'year' ? 12 : 6;
  const periods: PeriodBounds[] = [];
  for (let startMonth = firstMonth - (firstMonth % length); startMonth <= lastMonth; startMonth += length) {
    const year = String(Math.floor(startMonth / 12)).padStart(4, '0');
    const secondHalf = startMonth % 12 === 6;
    const firstDay = secondHalf ? `${year}-07-01` : `${year}-01-01`;
    const lastDay = by === 'half-year' && !secondHalf ? `${year}-06-30` : `${year}-12-31`;
    periods.push({
      label: by === 'year' ? year : `${year} H${secondHalf ? 2 : 1}`,
      start: firstDay,
      end: lastDay,
      startMonth,
      endMonth: startMonth + length,
    });
  }
  return periods;
}

function readability(capture: TrendCaptureRow): number[] {
  const [, , , , words, sentences, syllables] = capture;
  if (sentences === null || syllables === null) return [];
  const score = fleschReadingEase({ sentences, words, syllables });
  return score === null ? [] : [score];
}

/** The median (mean of the two middle values for an even count); null for none. */
function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = values.sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
