import { describe, expect, it } from 'vitest';
import { MAX_QUERY_TERMS, parseQuery } from '../../../src/main/search/queryParser';

// What users see as "interpreted as", for the syntax the search box documents.
describe('parseQuery', () => {
  it('requires every word, quoting each so no word is read as syntax', () => {
    expect(parseQuery('cookie policy')).toEqual({ fts: '"cookie" AND "policy"', terms: ['cookie', 'policy'] });
  });

  it('keeps "exact phrases" together', () => {
    expect(parseQuery('"sale of personal information" opt').fts).toBe('"sale of personal information" AND "opt"');
  });

  it('groups OR alternatives before requiring the next word', () => {
    expect(parseQuery('cookies OR trackers advertising').fts).toBe('("cookies" OR "trackers") AND "advertising"');
    expect(parseQuery('a OR b OR c').fts).toBe('("a" OR "b" OR "c")');
  });

  it('turns -word and NOT word into exclusions after the required part', () => {
    expect(parseQuery('privacy -cookies').fts).toBe('"privacy" NOT "cookies"');
    expect(parseQuery('privacy NOT cookies').fts).toBe('"privacy" NOT "cookies"');
    expect(parseQuery('a -"do not track" b').fts).toBe('("a" AND "b") NOT "do not track"');
    expect(parseQuery('privacy -cookies').terms).toEqual(['privacy']);
  });

  it('supports prefix* on words and phrases', () => {
    expect(parseQuery('advertis*').fts).toBe('"advertis"*');
    expect(parseQuery('"third part"*').fts).toBe('"third part"*');
  });

  it('supports NEAR groups with an optional distance', () => {
    expect(parseQuery('NEAR(sell data)').fts).toBe('NEAR("sell" "data")');
    expect(parseQuery('NEAR(sell "personal data", 5) -children').fts).toBe(
      'NEAR("sell" "personal data", 5) NOT "children"',
    );
    expect(parseQuery('NEAR(alone)').fts).toBe('"alone"');
  });

  it('reads hyphens, apostrophes and colons as part of the words they join', () => {
    expect(parseQuery('opt-out').fts).toBe('"opt-out"');
    expect(parseQuery("don't sell").fts).toBe('"don\'t" AND "sell"');
    expect(parseQuery('section: 5').fts).toBe('"section" AND "5"');
    expect(parseQuery('e-mail: address').fts).toBe('"e-mail" AND "address"');
  });

  it('ignores stray quotes, parentheses, dangling operators and punctuation', () => {
    expect(parseQuery('"unclosed phrase').fts).toBe('"unclosed" AND "phrase"');
    expect(parseQuery('(cookies)) OR').fts).toBe('"cookies"');
    expect(parseQuery('OR AND NOT').fts).toBe('');
    expect(parseQuery('NEAR(unclosed').fts).toBe('"NEAR" AND "unclosed"');
    expect(parseQuery('— & * ""').fts).toBe('');
  });

  it('returns nothing to search for empty input or exclusions alone', () => {
    expect(parseQuery('')).toEqual({ fts: '', terms: [] });
    expect(parseQuery('   ')).toEqual({ fts: '', terms: [] });
    expect(parseQuery('-cookies')).toEqual({ fts: '', terms: [] });
  });

  it('drops control characters, including the highlight markers', () => {
    expect(parseQuery('coo\u0000kies \u0002data\u0003').fts).toBe('"coo" AND "kies" AND "data"');
  });

  it('caps the number of terms', () => {
    const words = Array.from({ length: 100 }, (_, index) => `w${index}`).join(' ');
    expect(parseQuery(words).terms).toHaveLength(MAX_QUERY_TERMS);
  });
});
