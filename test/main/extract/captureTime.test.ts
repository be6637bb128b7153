import { describe, expect, it } from 'vitest';
import { captureTimeFromInput, isCalendarDate, partialDateToCaptureTime } from '../../../src/main/extract/captureTime';

describe('capture times', () => {
  it('knows which dates exist', () => {
    expect(isCalendarDate('2016-02-29')).toBe(true);
    expect(isCalendarDate('2018-02-29')).toBe(false);
    expect(isCalendarDate('2018-13-45')).toBe(false);
    expect(isCalendarDate('2018-1-5')).toBe(false);
  });

  it('starts partial dates at their first day', () => {
    expect(partialDateToCaptureTime('2020-05')).toBe('2020-05-01T00:00:00Z');
    expect(partialDateToCaptureTime('2019')).toBe('2019-01-01T00:00:00Z');
    expect(partialDateToCaptureTime('2018-05-25')).toBe('2018-05-25T00:00:00Z');
    expect(partialDateToCaptureTime('2018-02-30')).toBeNull();
  });

  it('reads user input as UTC, converting offsets', () => {
    expect(captureTimeFromInput('2020-05-01')).toBe('2020-05-01T00:00:00Z');
    expect(captureTimeFromInput('2018-05-25T10:00')).toBe('2018-05-25T10:00:00Z');
    expect(captureTimeFromInput('2018-05-25T01:30:00+02:00')).toBe('2018-05-24T23:30:00Z');
    expect(captureTimeFromInput('2018-05-25 10:00:00.123Z')).toBe('2018-05-25T10:00:00Z');
    expect(captureTimeFromInput('May 2020')).toBeNull();
    expect(captureTimeFromInput('2018-05-25T25:00')).toBeNull();
  });
});
