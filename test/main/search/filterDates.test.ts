import { describe, expect, it } from 'vitest';
import { captureBounds, FilterDateError } from '../../../src/main/search/filterDates';

describe('captureBounds', () => {
  it('covers a whole year, month or day', () => {
    expect(captureBounds('capturedFrom', '2018')).toEqual({
      first: '2018-01-01T00:00:00Z',
      last: '2018-12-31T23:59:59Z',
    });
    expect(captureBounds('capturedFrom', '2018-02')).toEqual({
      first: '2018-02-01T00:00:00Z',
      last: '2018-02-28T23:59:59Z',
    });
    expect(captureBounds('capturedFrom', '2020-02').last).toBe('2020-02-29T23:59:59Z');
    expect(captureBounds('capturedTo', '2018-05-31')).toEqual({
      first: '2018-05-31T00:00:00Z',
      last: '2018-05-31T23:59:59Z',
    });
  });

  it('reads a time with a zone as that instant in UTC, to the second', () => {
    expect(captureBounds('inForceOn', '2018-05-31T10:00+02:00')).toEqual({
      first: '2018-05-31T08:00:00Z',
      last: '2018-05-31T08:00:00Z',
    });
    expect(captureBounds('inForceOn', '2018-05-31 23:59:59.5Z').last).toBe('2018-05-31T23:59:59Z');
  });

  it('refuses dates that do not exist, naming the filter', () => {
    expect(() => captureBounds('capturedFrom', '2018-13')).toThrow(FilterDateError);
    expect(() => captureBounds('capturedFrom', '2018-13')).toThrow(
      'capturedFrom "2018-13" is not a date: no such month',
    );
    expect(() => captureBounds('capturedTo', '2018-02-30')).toThrow(
      'capturedTo "2018-02-30" is not a date: no such day',
    );
    expect(() => captureBounds('inForceOn', '2018-05-31T25:00Z')).toThrow('no such time');
    expect(() => captureBounds('inForceOn', 'yesterday')).toThrow('expected YYYY, YYYY-MM, YYYY-MM-DD');
  });
});
