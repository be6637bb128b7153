import { describe, expect, it } from 'vitest';
import { isPlainWords, quotedQuery, readingOf } from '../../../src/renderer/src/lib/queryReading';

describe('how the query was read', () => {
  it('is not worth a line for plain words', () => {
    expect(isPlainWords('sell personal information')).toBe(true);
    expect(isPlainWords('  biometric  ')).toBe(true);
    expect(isPlainWords('données personnelles 2018')).toBe(true);
    expect(readingOf('cookies', ['the word cookies'])).toBeNull();
  });

  it('is shown for anything the search had to interpret', () => {
    for (const query of [
      'opt-out "sell',
      "don't",
      'cookies OR trackers',
      '-children data',
      'advertis*',
      'NEAR(sell data)',
      'a:b',
    ]) {
      expect(isPlainWords(query), query).toBe(false);
    }
    expect(readingOf('opt-out "sell', ['the phrase "opt out"', 'the word "sell"'])).toBe(
      'the phrase "opt out" · the word "sell"',
    );
  });

  it('runs a line that introduces others into them', () => {
    expect(readingOf('opt-out "sell', ['all of these in the same paragraph:', 'word: opt-out', 'word: sell'])).toBe(
      'all of these in the same paragraph: word: opt-out · word: sell',
    );
  });

  it('shows nothing when there is no explanation to show', () => {
    expect(readingOf('"sell', [])).toBeNull();
  });
});

describe('quotedQuery', () => {
  it('puts a query in typographic quotes without doubling the quotes of a single phrase', () => {
    expect(quotedQuery('"biometric templates"')).toBe('“biometric templates”');
    expect(quotedQuery('  cookies ')).toBe('“cookies”');
    expect(quotedQuery('"opt out" sell')).toBe('“"opt out" sell”');
  });
});
