/**
 * Capture times: every capture is stored as ISO 8601 UTC with second
 * precision (`2018-08-13T14:21:16Z`), whatever form the date came in.
 */
import type { PartialDate } from '../../shared/domain';

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/i;

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

/** Whether year, month (1–12) and day exist in the calendar (no 2018-02-30). */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(2000, month - 1, day));
  date.setUTCFullYear(year);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Whether `text` is a `YYYY-MM-DD` date that exists in the calendar. */
export function isCalendarDate(text: string): boolean {
  const match = CALENDAR_DATE.exec(text);
  return match !== null && isRealDate(Number(match[1]), Number(match[2]), Number(match[3]));
}

function iso(date: Date): string {
  return `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}Z`;
}

/**
 * Date and time parts (month 1–12) as a UTC capture time, or null when the
 * date does not exist or the time is out of range. Every source of capture
 * times (Wayback timestamps, dataset file names, user input) goes through here.
 */
export function utcCaptureTime(
  year: number,
  month: number,
  day: number,
  hour = 0,
  minute = 0,
  second = 0,
): string | null {
  if (!isRealDate(year, month, day) || hour > 23 || minute > 59 || second > 59) return null;
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`;
}

/**
 * The start of a partial date as a capture time: `2020-05` → `2020-05-01T00:00:00Z`,
 * `2019` → `2019-01-01T00:00:00Z`. Null when the date does not exist.
 */
export function partialDateToCaptureTime(date: PartialDate): string | null {
  const match = PARTIAL_DATE.exec(date);
  if (!match) return null;
  const year = Number(match[1]);
  const month = match[2] === undefined ? 1 : Number(match[2]);
  const day = match[3] === undefined ? 1 : Number(match[3]);
  return utcCaptureTime(year, month, day);
}

/**
 * A date or date-time typed by a user (`2020-05-01`, `2020-05`,
 * `2020-05-01T10:00:00+02:00`) as a UTC capture time; null when it is not one.
 * Times without a zone are read as UTC, so a capture date never depends on
 * the machine that imports it.
 */
export function captureTimeFromInput(input: string): string | null {
  const text = input.trim();
  if (PARTIAL_DATE.test(text)) return partialDateToCaptureTime(text);
  const match = DATE_TIME.exec(text);
  if (!match) return null;
  const [year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0] = [1, 2, 3, 4, 5, 6].map((i) =>
    Number(match[i] ?? 0),
  );
  const local = utcCaptureTime(year, month, day, hour, minute, second);
  if (!local) return null;
  const zone = (match[7] ?? 'Z').toUpperCase();
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.replace(':', '');
    const offsetHours = Number(digits.slice(1, 3));
    const offsetRest = Number(digits.slice(3, 5));
    // `+99:99` is no zone at all; an hour offset above 23 is not one either (ISO 8601 / RFC 3339).
    if (offsetHours > 23 || offsetRest > 59) return null;
    offsetMinutes = (offsetHours * 60 + offsetRest) * (digits.startsWith('-') ? -1 : 1);
  }
  if (offsetMinutes === 0) return local;
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  const utc = new Date(date.getTime() - offsetMinutes * 60_000);
  // A zone can carry 0000-01-01 into year -1 or 9999-12-31 into 10000: neither is a
  // four-digit year, and capture times must stay fixed-width so they sort as text.
  const utcYear = utc.getUTCFullYear();
  if (utcYear < 0 || utcYear > 9999) return null;
  return iso(utc);
}

/** The first web site went online in 1991: no capture of a web page is older. */
const EARLIEST_CAPTURE = '1991-01-01T00:00:00Z';
/** Clocks and zones disagree by hours, never by more than a day. */
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;

/**
 * Why `capturedAt` (ISO 8601 UTC) cannot be when a page was captured — before
 * the web existed, or in the future — or null when it can. Such times come
 * from hostile or broken sources (a Wayback timestamp of year 0 or 9999).
 */
export function implausibleCaptureTimeReason(capturedAt: string, now: number = Date.now()): string | null {
  if (capturedAt < EARLIEST_CAPTURE) return `capture time ${capturedAt} is before the web existed (1991)`;
  const time = Date.parse(capturedAt);
  if (Number.isNaN(time)) return `capture time ${capturedAt} is not a date`;
  if (time > now + FUTURE_TOLERANCE_MS) return `capture time ${capturedAt} is in the future`;
  return null;
}
