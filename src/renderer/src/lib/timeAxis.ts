import type { ReferenceEvent, TimelineVersion } from '../../../shared/domain';

/** One version on the axis; positions are percentages of the axis width. */
export interface AxisMark {
  version: TimelineVersion;
  /** Where the version was first seen. */
  x: number;
  /** Where it was last seen (the end of its run of captures). */
  xEnd: number;
  /** Mark height as a fraction of the axis (0–1), growing with the change against the previous version. */
  height: number;
}

export interface AxisEventLine {
  event: ReferenceEvent;
  x: number;
}

export interface AxisTick {
  /** `2018` at a year's start, else the month: `Mar`. Not unique: `Jul` can come twice. */
  label: string;
  /** The tick's time (ms since the epoch): unique, so the one to key a list of ticks by. */
  time: number;
  x: number;
}

export interface TimeAxis {
  marks: AxisMark[];
  /** Reference events within the document's captures, as vertical lines. */
  events: AxisEventLine[];
  ticks: AxisTick[];
}

const DAY_MS = 86_400_000;
/** Shortest span an axis shows, so a single version or a burst of captures does not fill it edge to edge. */
const MIN_SPAN_MS = 60 * DAY_MS;
/** Room left at each end, as a fraction of the span, so the first and last marks are not cut in half. */
const PADDING = 0.04;
/** Height of the smallest change, so every version stays visible and clickable. */
const MIN_HEIGHT = 0.18;
/** Height of the first version's mark (it has no previous version to differ from). */
export const FIRST_VERSION_HEIGHT = 0.45;
const TICK_STEPS_MONTHS = [1, 2, 3, 6, 12, 24, 60, 120];
/** Few enough for the labels to fit a narrow column side by side. */
const MAX_TICKS = 6;
/** Ticks closer to an end than this (percent) are dropped. */
const EDGE = 3;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A year at its start (`2018`), otherwise the month (`Mar`): short enough for six to share a narrow axis. */
function tickLabel(time: number): string {
  const date = new Date(time);
  const month = date.getUTCMonth();
  return month === 0 ? String(date.getUTCFullYear()) : (MONTHS[month] ?? '');
}

/**
 * Mark height for a version's change against the previous one. A square root
 * of the change ratio, so the common small edits (1–5 % of the words) still
 * differ visibly from each other while a rewrite reaches the top.
 */
export function magnitudeHeight(change: TimelineVersion['change']): number {
  if (!change) return FIRST_VERSION_HEIGHT;
  const ratio = Math.min(Math.max(change.changeRatio, 0), 1);
  return MIN_HEIGHT + (1 - MIN_HEIGHT) * Math.sqrt(ratio);
}

function timeOf(iso: string): number {
  const time = Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(time) ? 0 : time;
}

/** Month starts (UTC) every `step` months between two times, aligned to January when the step is a year or more. */
function monthTicks(start: number, end: number, step: number): number[] {
  const from = new Date(start);
  let year = from.getUTCFullYear();
  let month = from.getUTCMonth();
  // Align on the step (every 3 months: Jan, Apr, Jul, Oct), then go forward to the first tick inside.
  month -= month % step;
  if (step > 12) year -= year % (step / 12);
  const ticks: number[] = [];
  for (;;) {
    const time = Date.UTC(year, month, 1);
    if (time > end) break;
    if (time >= start) ticks.push(time);
    month += step;
    year += Math.floor(month / 12);
    month %= 12;
  }
  return ticks;
}

/**
 * Lay out a document's versions on a time axis: one mark per version at the
 * time it was first seen (with its run of captures up to `xEnd`), the reference
 * events that fall between its first and last capture, and calendar ticks
 * (years, or months for short spans; at most six).
 */
export function timeAxis(versions: readonly TimelineVersion[], events: readonly ReferenceEvent[]): TimeAxis {
  if (versions.length === 0) return { marks: [], events: [], ticks: [] };
  const firstSeen = Math.min(...versions.map((version) => timeOf(version.firstSeen)));
  const lastSeen = Math.max(...versions.map((version) => timeOf(version.lastSeen)));
  let start = firstSeen;
  let end = lastSeen;
  if (end - start < MIN_SPAN_MS) {
    const middle = (start + end) / 2;
    start = middle - MIN_SPAN_MS / 2;
    end = middle + MIN_SPAN_MS / 2;
  }
  const padding = (end - start) * PADDING;
  start -= padding;
  end += padding;
  const x = (time: number): number => ((time - start) / (end - start)) * 100;

  const marks = versions.map((version) => ({
    version,
    x: x(timeOf(version.firstSeen)),
    xEnd: x(timeOf(version.lastSeen)),
    height: magnitudeHeight(version.change),
  }));
  const lines = events
    .filter((event) => timeOf(event.date) >= firstSeen && timeOf(event.date) <= lastSeen)
    .map((event) => ({ event, x: x(timeOf(event.date)) }));

  const spanMonths = (end - start) / (30.44 * DAY_MS);
  const step = TICK_STEPS_MONTHS.find((months) => spanMonths / months <= MAX_TICKS) ?? 120;
  const ticks = monthTicks(start, end, step)
    .map((time) => ({ label: tickLabel(time), time, x: x(time) }))
    // A label centred on the very edge would be cut in half.
    .filter((tick) => tick.x >= EDGE && tick.x <= 100 - EDGE);
  return { marks, events: lines, ticks };
}
