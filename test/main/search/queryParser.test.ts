import { describe, expect, it } from 'vitest';
import { isPlainQuery, MAX_QUERY_TERMS, parseQuery } from '../../../src/main/search/queryParser';

const fts = (input: string): string => parseQuery(input).fts;
const explain = (input: string): string[] => parseQuery(input).explanation;

// What users see as "interpreted as" and, in words, under the search box.
describe('parseQuery: the syntax the search box documents', () => {
  it('requires every word, quoting each so no word is read as syntax', () => {
    expect(parseQuery('cookie policy')).toMatchObject({ fts: '"cookie" AND "policy"', terms: ['cookie', 'policy'] });
    expect(explain('cookie policy')).toEqual([
      'all of these in the same paragraph, list item or heading:',
      'word: cookie',
      'word: policy',
    ]);
  });

  it('keeps "exact phrases" together', () => {
    expect(fts('"sale of personal information" opt')).toBe('"sale of personal information" AND "opt"');
    expect(explain('"sale of personal information"')).toEqual(['phrase: "sale of personal information"']);
  });

  it('groups OR alternatives before requiring the next word', () => {
    expect(fts('cookies OR trackers advertising')).toBe('("cookies" OR "trackers") AND "advertising"');
    expect(fts('a OR b OR c')).toBe('("a" OR "b" OR "c")');
    expect(explain('cookies OR "local storage"')).toEqual(['either: cookies OR "local storage"']);
  });

  it('turns -word and NOT word into exclusions after the required part', () => {
    expect(fts('privacy -cookies')).toBe('"privacy" NOT "cookies"');
    expect(fts('privacy NOT cookies')).toBe('"privacy" NOT "cookies"');
    expect(fts('a -"do not track" b')).toBe('("a" AND "b") NOT "do not track"');
    expect(parseQuery('privacy -cookies').terms).toEqual(['privacy']);
    expect(explain('privacy -"do not track"')).toEqual(['word: privacy', 'not: "do not track"']);
  });

  it('supports prefix* on words and phrases', () => {
    expect(fts('advertis*')).toBe('"advertis"*');
    expect(fts('"third part"*')).toBe('"third part"*');
    expect(explain('advertis*')).toEqual(['prefix: advertis* (words starting with "advertis")']);
    expect(explain('"third part"*')).toEqual(['prefix: "third part"* (the phrase, its last word as a prefix)']);
  });

  it('supports NEAR groups with an optional distance, saying how near', () => {
    expect(fts('NEAR(sell data)')).toBe('NEAR("sell" "data")');
    expect(fts('NEAR(sell "personal data", 5) -children')).toBe('NEAR("sell" "personal data", 5) NOT "children"');
    expect(explain('NEAR(sell data)')).toEqual(['near: sell, data (within 10 words of each other)']);
    expect(explain('NEAR(sell "personal data", 5)')).toEqual([
      'near: sell, "personal data" (within 5 words of each other)',
    ]);
  });
});

describe('parseQuery: awkward input is read sensibly and the reading is explained', () => {
  it('reads hyphenated words as the words in a row', () => {
    expect(fts('opt-out')).toBe('"opt-out"');
    expect(explain('opt-out')).toEqual(['word: opt-out (the words "opt out" in a row)']);
    expect(fts('Do-Not-Track')).toBe('"Do-Not-Track"');
  });

  it('keeps apostrophes inside words', () => {
    expect(fts("don't sell")).toBe('"don\'t" AND "sell"');
    expect(explain("don't")).toEqual(['word: don\'t (the words "don t" in a row)']);
    // A quote inside a phrase is doubled, as FTS5 strings need.
    expect(fts('"it\'s "')).toBe('"it\'s"');
  });

  it('drops a trailing colon and says that searching a part by name is not supported', () => {
    expect(fts('section: 5')).toBe('"section" AND "5"');
    expect(explain('heading: cookies')).toContain(
      'ignored: the ":" after heading (searching one part of a policy by name is not supported)',
    );
    // Inside a word a colon only separates words.
    expect(fts('e-mail:address')).toBe('"e-mail:address"');
  });

  it('reads the words after a stray quote one by one', () => {
    expect(fts('"unclosed phrase')).toBe('"unclosed" AND "phrase"');
    expect(explain('"unclosed phrase')).toContain(
      'ignored: a quote (") with no closing quote: the words after it are read one by one',
    );
    expect(fts('cookies"')).toBe('"cookies"');
    expect(explain('""')).toEqual(['ignored: "" (no letters or digits)', 'nothing to search for']);
  });

  it('ignores an OR with nothing on one side, naming where it was', () => {
    expect(fts('OR cookies')).toBe('"cookies"');
    expect(explain('OR cookies')).toEqual(['word: cookies', 'ignored: OR at the start']);
    expect(fts('cookies OR')).toBe('"cookies"');
    expect(explain('cookies OR')).toEqual(['word: cookies', 'ignored: OR with nothing after it']);
    expect(fts('a OR OR b')).toBe('("a" OR "b")');
    expect(explain('a OR OR b')).toContain('ignored: OR repeated');
    expect(fts('-a OR b')).toBe('"b" NOT "a"');
    expect(explain('-a OR b')).toContain('ignored: OR after an excluded word');
    expect(explain('a OR -b')).toContain('ignored: OR before an excluded word');
  });

  it('ignores a NOT or AND with nothing to apply to', () => {
    expect(fts('cookies NOT')).toBe('"cookies"');
    expect(explain('cookies NOT')).toContain('ignored: NOT with nothing after it');
    expect(fts('AND cookies AND')).toBe('"cookies"');
    expect(explain('AND cookies')).toContain('ignored: AND with nothing to join');
    expect(fts('OR AND NOT')).toBe('');
    expect(explain('OR AND NOT')).toContain('nothing to search for');
  });

  it('ignores a lone "-"', () => {
    expect(fts('-')).toBe('');
    expect(explain('-')).toEqual(['ignored: a lone "-" with no word after it', 'nothing to search for']);
    expect(fts('cookies - tracking')).toBe('"cookies" AND "tracking"');
  });

  it('says that parentheses do not group, and searches the words inside them', () => {
    expect(fts('(cookies OR trackers) ads')).toBe('("cookies" OR "trackers") AND "ads"');
    for (const unbalanced of ['((cookies', 'cookies))', ')(cookies']) {
      expect(fts(unbalanced)).toBe('"cookies"');
      expect(explain(unbalanced)).toContain(
        'ignored: parentheses: grouping is not supported, each word counts on its own',
      );
    }
  });

  it('reads a malformed NEAR as plain words and says why', () => {
    expect(fts('NEAR(unclosed words')).toBe('"unclosed" AND "words"');
    expect(explain('NEAR(unclosed words')).toContain(
      'ignored: NEAR( without a closing ")": the words after it are read one by one',
    );
    expect(fts('NEAR()')).toBe('');
    expect(explain('NEAR()')).toContain('ignored: NEAR() with no words in it');
    expect(fts('NEAR(alone)')).toBe('"alone"');
    expect(explain('NEAR(alone)')).toContain('ignored: NEAR(…) around one word only: alone is searched on its own');
    expect(fts('NEAR(a b, 99999)')).toBe('NEAR("a" "b", 1000)');
    expect(explain('NEAR(a b, 99999)')).toContain('ignored: NEAR distance 99999: lowered to 1000');
    expect(fts('NEAR(a OR b)')).toBe('NEAR("a" "b")');
    expect(explain('NEAR(a OR b)')).toContain('ignored: OR inside NEAR(…)');
    // Lower-case "near" is an ordinary word.
    expect(fts('near(a b)')).toBe('"near" AND "a" AND "b"');
  });

  it('lists punctuation with no letters or digits as ignored', () => {
    expect(fts('— & * ""')).toBe('');
    expect(explain('— & * ""')).toEqual(['ignored: — & * "" (no letters or digits)', 'nothing to search for']);
    expect(fts('c++ & c#')).toBe('"c" AND "c"');
  });

  it('explains that exclusions alone cannot be searched', () => {
    expect(parseQuery('-cookies')).toMatchObject({ fts: '', terms: [] });
    expect(explain('-cookies')).toEqual([
      'not: cookies',
      'nothing to search for: an excluded word needs at least one word to look for',
    ]);
  });

  it('returns nothing, and no explanation, for empty input', () => {
    expect(parseQuery('')).toMatchObject({ fts: '', terms: [], explanation: [] });
    expect(parseQuery('  \t\n ')).toMatchObject({ fts: '', explanation: [] });
  });

  it('drops control characters, including the highlight markers', () => {
    expect(fts('coo\u0000kies \u0002data\u0003')).toBe('"coo" AND "kies" AND "data"');
    expect(explain('data\u0002')).toContain('ignored: control characters');
  });

  it('searches words in any script and with accents', () => {
    expect(fts('数据 保护')).toBe('"数据" AND "保护"');
    expect(fts('données personnelles')).toBe('"données" AND "personnelles"');
    expect(fts('e\u0301te\u0301')).toBe('"e\u0301te\u0301"');
    expect(explain('数据')).toEqual(['word: 数据']);
  });

  it('caps the number of terms in very long input and says so', () => {
    const words = Array.from({ length: 100 }, (_, index) => `w${index}`).join(' ');
    const parsed = parseQuery(words);
    expect(parsed.terms).toHaveLength(MAX_QUERY_TERMS);
    expect(parsed.explanation).toContain(`ignored: everything after the first ${MAX_QUERY_TERMS} words and phrases`);
    const long = parseQuery('x'.repeat(1000));
    expect(long.fts).toBe(`"${'x'.repeat(1000)}"`);
  });
});

describe('isPlainQuery', () => {
  it('is true only for words between spaces, which need no explanation', () => {
    expect(isPlainQuery('cookie policy')).toBe(true);
    expect(isPlainQuery('données 2018')).toBe(true);
    for (const read of ['opt-out', '"cookie policy"', 'a OR b', 'advertis*', '-cookies', 'section:', 'NOT x']) {
      expect(isPlainQuery(read)).toBe(false);
    }
  });
});
