/**
 * The dates of search filters as capture-time bounds.
 *
 * Capture times are stored as `YYYY-MM-DDTHH:MM:SSZ` (UTC, second precision),
 * which sort as strings, so a date filter becomes a string comparison. A
 * partial date covers its whole period: `2018` is 2018-01-01T00:00:00Z …
 * 2018-12-31T23:59:59Z, `2018-05` the month, `2018-05-31` the day. A full
 * time with a zone is converted to UTC and used to the second.
 */

/** A filter date that is not a real date (`2018-13`, `2018-02-30`); the message names the filter. */
export class FilterDateError extends Error {
  constructor(filter: string, value: string, reason: string) {
    super(`${filter} "${value}" is not a date: ${reason}`);
    this.name = 'FilterDateError';
  }
}

/** First and last second covered by a date (`YYYY-MM-DDTHH:MM:SSZ`, inclusive). */
export interface CaptureBounds {
  first: string;
  last: string;
}

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const WITH_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * The capture-time range a filter date stands for. `filter` names the filter
 * in error messages (e.g. `capturedFrom`). Throws FilterDateError for a date
 * that does not exist.
 */
export function captureBounds(filter: string, value: string): CaptureBounds {
  const trimmed = value.trim();
  const partial = PARTIAL.exec(trimmed);
  if (partial) {
    const year = Number(partial[1]);
    const month = partial[2] === undefined ? null : Number(partial[2]);
    const day = partial[3] === undefined ? null : Number(partial[3]);
    if (month !== null && (month < 1 || month > 12)) throw new FilterDateError(filter, value, 'no such month');
    const lastDay = daysInMonth(year, month ?? 12);
    if (day !== null && (day < 1 || day > daysInMonth(year, month!))) {
      throw new FilterDateError(filter, value, 'no such day');
    }
    const first = `${pad(year, 4)}-${pad(month ?? 1)}-${pad(day ?? 1)}T00:00:00Z`;
    const last = `${pad(year, 4)}-${pad(month ?? 12)}-${pad(day ?? lastDay)}T23:59:59Z`;
    return { first, last };
  }
  const timed = WITH_TIME.exec(trimmed);
  if (timed) {
    const [, y, mo, d, h, mi, s] = timed;
    const zone = timed[7] ?? 'Z';
    const month = Number(mo);
    const day = Number(d);
    if (month < 1 || month > 12) throw new FilterDateError(filter, value, 'no such month');
    if (day < 1 || day > daysInMonth(Number(y), month)) throw new FilterDateError(filter, value, 'no such day');
    if (Number(h) > 23 || Number(mi) > 59 || Number(s ?? 0) > 59)
      throw new FilterDateError(filter, value, 'no such time');
    const normalizedZone = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.slice(-2)}`;
    const instant = Date.parse(`${y}-${mo}-${d}T${h}:${mi}:${s ?? '00'}${normalizedZone}`);
    if (Number.isNaN(instant)) throw new FilterDateError(filter, value, 'not a valid time');
    const second = new Date(instant).toISOString().replace(/\.\d{3}Z$/, 'Z');
    return { first: second, last: second };
  }
  throw new FilterDateError(filter, value, 'expected YYYY, YYYY-MM, YYYY-MM-DD or an ISO date and time');
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}
