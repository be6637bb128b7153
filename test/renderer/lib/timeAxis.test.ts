import { describe, expect, it } from 'vitest';
import { REFERENCE_EVENTS } from '../../../src/shared/referenceEvents';
import { FIRST_VERSION_HEIGHT, magnitudeHeight, timeAxis } from '../../../src/renderer/src/lib/timeAxis';
import { version } from './builders';

// formlabs.com in the samples: three versions between 2015 and 2018, across GDPR.
const versions = [
  version(1, ['2015-05-04T13:36:12Z'], null),
  version(2, ['2016-05-09T14:50:01Z', '2017-02-11T20:13:43Z'], 0.2),
  version(3, ['2018-08-13T14:21:16Z'], 0.45),
];

describe('timeAxis', () => {
  const axis = timeAxis(versions, REFERENCE_EVENTS);

  it('places versions in time order inside the axis, the first and last off its edges', () => {
    const xs = axis.marks.map((mark) => mark.x);
    expect(xs).toEqual([...xs].sort((a, b) => a - b));
    expect(xs[0]).toBeGreaterThan(0);
    expect(axis.marks.at(-1)!.x).toBeLessThan(100);
  });

  it('spaces marks in proportion to the time between them', () => {
    const [first, second, third] = axis.marks.map((mark) => mark.x) as [number, number, number];
    const days = (a: string, b: string): number => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    const expected =
      days('2015-05-04T13:36:12Z', '2016-05-09T14:50:01Z') / days('2016-05-09T14:50:01Z', '2018-08-13T14:21:16Z');
    expect((second - first) / (third - second)).toBeCloseTo(expected, 5);
  });

  it('draws a folded version from its first to its last capture', () => {
    const folded = axis.marks[1]!;
    expect(folded.xEnd).toBeGreaterThan(folded.x);
    expect(axis.marks[0]!.xEnd).toBe(axis.marks[0]!.x);
  });

  it('draws the events the captures span, between the versions around them, and no others', () => {
    expect(axis.events.map((line) => line.event.id)).toEqual(['gdpr']);
    const gdpr = axis.events[0]!.x;
    expect(gdpr).toBeGreaterThan(axis.marks[1]!.xEnd);
    expect(gdpr).toBeLessThan(axis.marks[2]!.x);
  });

  it('labels years on a span of years, months on a span of months', () => {
    expect(axis.ticks.map((tick) => tick.label)).toEqual(['2016', '2017', '2018']);
    const months = timeAxis(
      [version(1, ['2025-11-11T15:22:48Z'], null), version(2, ['2026-03-02T00:00:00Z', '2026-08-17T22:31:33Z'], 0.05)],
      REFERENCE_EVENTS,
    );
    expect(months.ticks.length).toBeGreaterThan(1);
    expect(months.ticks.length).toBeLessThanOrEqual(6);
    // Months by name, and the new year by its number.
    expect(months.ticks.map((tick) => tick.label)).toContain('2026');
    for (const tick of months.ticks)
      expect(tick.label).toMatch(/^(2026|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)$/);
    expect(months.events).toEqual([]);
  });

  it('gives each tick a distinct time even where two share a label (a span of ~18 months: Jul, 2020, Jul)', () => {
    const span = timeAxis(
      [version(1, ['2019-03-01T00:00:00Z'], null), version(2, ['2020-09-01T00:00:00Z'], 0.1)],
      REFERENCE_EVENTS,
    );
    const labels = span.ticks.map((tick) => tick.label);
    expect(new Set(labels).size).toBeLessThan(labels.length);
    expect(new Set(span.ticks.map((tick) => tick.time)).size).toBe(span.ticks.length);
    for (const tick of span.ticks) expect(new Date(tick.time).getUTCDate()).toBe(1);
  });

  it('keeps a single version inside a sensible span instead of dividing by zero', () => {
    const single = timeAxis([version(1, ['2020-06-01T00:00:00Z'], null)], REFERENCE_EVENTS);
    expect(single.marks[0]!.x).toBeCloseTo(50, 5);
    expect(Number.isFinite(single.marks[0]!.xEnd)).toBe(true);
  });

  it('is empty without versions', () => {
    expect(timeAxis([], REFERENCE_EVENTS)).toEqual({ marks: [], events: [], ticks: [] });
  });
});

describe('magnitudeHeight', () => {
  it('grows with the change, stays visible for tiny changes, and reaches the top for a rewrite', () => {
    const change = (changeRatio: number) => ({
      wordsAdded: 1,
      wordsRemoved: 1,
      wordsMoved: 0,
      changeRatio,
      sectionsTouched: [],
    });
    const heights = [0, 0.01, 0.05, 0.2, 1].map((ratio) => magnitudeHeight(change(ratio)));
    expect(heights).toEqual([...heights].sort((a, b) => a - b));
    expect(new Set(heights).size).toBe(heights.length);
    expect(heights[0]).toBeGreaterThan(0.1);
    expect(heights.at(-1)).toBe(1);
    expect(magnitudeHeight(change(3))).toBe(1);
  });

  it('gives the first version (no previous one to differ from) a fixed height', () => {
    expect(magnitudeHeight(null)).toBe(FIRST_VERSION_HEIGHT);
  });
});
