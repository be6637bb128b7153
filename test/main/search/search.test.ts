import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { findVendor, getSnapshot } from '../../../src/main/archive/queries';
import { searchArchive } from '../../../src/main/search/search';
import type { SearchRequest } from '../../../src/shared/contract';
import { HIGHLIGHT_END, HIGHLIGHT_START, type SearchResult } from '../../../src/shared/domain';
import { aCapture, heading, openTermsCaptures, paragraph, vendor } from '../archive/captureBuilder';
import { tempArchive } from '../archive/tempArchive';
import { acmeVersions, globex, storeCaptures } from './searchFixture';

let archive: ReturnType<typeof tempArchive>;
let db: Database.Database;
let acmeIds: number[];

beforeEach(() => {
  archive = tempArchive();
  db = archive.db;
  acmeIds = storeCaptures(db, acmeVersions);
  storeCaptures(db, [globex]);
});
afterEach(() => archive.dispose());

const vendorsOf = (result: SearchResult): string[] => result.hits.map((hit) => hit.vendorName).sort();
const plain = (snippet: string): string => snippet.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '');
const search = (query: string, extra: Omit<SearchRequest, 'query'> = {}): SearchResult =>
  searchArchive(db, { query, ...extra });

describe('query syntax', () => {
  it('finds blocks containing all the words, with stemming', () => {
    expect(vendorsOf(search('cookies preferences'))).toEqual(['Acme']);
    expect(vendorsOf(search('cookie'))).toEqual(['Acme', 'Globex']);
    expect(search('cookies zeppelin').hits).toEqual([]);
  });

  it('matches "exact phrases" only in that order', () => {
    expect(vendorsOf(search('"sale of personal information"'))).toEqual(['Acme']);
    expect(search('"information personal sale"').hits).toEqual([]);
  });

  it('accepts either side of OR', () => {
    expect(vendorsOf(search('zeppelin OR track'))).toEqual(['Globex']);
    expect(vendorsOf(search('advertisers OR browser'))).toEqual(['Acme', 'Globex']);
  });

  it('leaves out blocks with an excluded word', () => {
    // Globex's cookie sentence also talks about personal data; Acme's does not.
    expect(vendorsOf(search('cookies -personal'))).toEqual(['Acme']);
    expect(vendorsOf(search('cookies NOT "personal data"'))).toEqual(['Acme']);
  });

  it('matches word prefixes', () => {
    expect(vendorsOf(search('advertis*'))).toEqual(['Acme']);
    expect(vendorsOf(search('retent*'))).toEqual(['Globex']);
  });

  it('finds a prefix cut inside a word stem, and says how it was read', () => {
    // "advertisers" is indexed as the stem "advertis": "advertise*" and "advertisi*" match no stem as typed.
    const result = search('advertisi*');
    expect(vendorsOf(result)).toEqual(['Acme']);
    expect(result.interpretedAs).toBe('"advertis"*');
    expect(result.explanation).toContain(
      'advertisi* matched no stored word stem (words are indexed by their stem): read as advertis*',
    );
    expect(search('zebrafish*').hits).toEqual([]);
  });

  it('finds words near each other', () => {
    expect(vendorsOf(search('NEAR(honour browser, 6)'))).toEqual(['Globex']);
    expect(search('NEAR(honour browser, 1)').hits).toEqual([]);
  });

  it('reads awkward input sensibly instead of failing', () => {
    expect(search('opt-out').hits[0]?.snippet).toContain('opt-out');
    expect(plain(search("don't sell").hits[0]!.snippet)).toBe("We don't sell data to advertisers.");
    expect(vendorsOf(search('Do-Not-Track'))).toEqual(['Globex']);
    expect(vendorsOf(search('"do not track'))).toEqual(['Globex']);
    expect(vendorsOf(search('(cookies preferences'))).toEqual(['Acme']);
    expect(vendorsOf(search('OR fax OR'))).toEqual(['Acme']);
    for (const odd of ['section: 5', '"', '((', 'NEAR(', '-', 'OR OR', '*', "'", 'AND', 'c++ / c#', '^x', '{}']) {
      expect(() => search(odd)).not.toThrow();
    }
  });

  it('says in words how the input was read', () => {
    const result = search('"opt-out OR cookies -fax');
    expect(result.interpretedAs).toBe('("opt-out" OR "cookies") NOT "fax"');
    expect(result.explanation).toEqual([
      'either: opt-out OR cookies',
      'not: fax',
      'ignored: a quote (") with no closing quote: the words after it are read one by one',
    ]);
  });

  it('returns nothing for an empty query', () => {
    expect(search('   ')).toMatchObject({
      query: '   ',
      interpretedAs: '',
      explanation: [],
      hits: [],
      totalDocuments: 0,
      totalExact: true,
    });
    expect(search('-cookies')).toMatchObject({ hits: [], totalDocuments: 0 });
  });
});

describe('results', () => {
  it('lists each document once, in the newest snapshot holding a matching block, with the count of matching snapshots', () => {
    const result = search('preferences');
    expect(result.hits).toHaveLength(1);
    const [hit] = result.hits;
    expect(hit).toMatchObject({ vendorName: 'Acme', documentTitle: 'Privacy Policy', matchingSnapshotCount: 3 });
    expect(hit!.snapshot.id).toBe(acmeIds[2]);
    expect(result).toMatchObject({ totalDocuments: 1, totalExact: true, offset: 0 });
  });

  it('shows an old wording in the snapshot that still had it', () => {
    const [hit] = search('fax machine').hits;
    expect(hit?.snapshot.id).toBe(acmeIds[0]);
    expect(hit?.snapshot.capturedAt).toBe('2018-01-01T00:00:00Z');
    expect(hit?.matchingSnapshotCount).toBe(1);
    const [changed] = search("don't sell").hits;
    expect(changed?.snapshot.id).toBe(acmeIds[1]);
    expect(changed?.matchingSnapshotCount).toBe(2);
  });

  it('shows the newest matching snapshot with its own matching block', () => {
    // "sell" is in the 2018–2019 wording and in the reworded 2020 sentence: the hit shows 2020's.
    const [hit] = search('sell').hits;
    expect(hit?.snapshot.id).toBe(acmeIds[2]);
    expect(plain(hit!.snippet)).toBe('We never sell data to advertisers or data brokers.');
    expect(hit?.matchingSnapshotCount).toBe(3);
  });

  it('gives the heading path of the matching block', () => {
    expect(search('opt-out').hits[0]?.headingPath).toEqual(['Privacy Policy', 'Your choices']);
    expect(search('honour').hits[0]?.headingPath).toEqual(['Globex Privacy Notice', 'Data retention']);
    // A heading's own path holds only the headings above it.
    expect(search('"your choices"').hits[0]?.headingPath).toEqual(['Privacy Policy']);
  });

  it('wraps every matched term in highlight markers in the block text', () => {
    const [hit] = search('cookies preferences').hits;
    expect(hit?.snippet).toBe(
      `We use ${HIGHLIGHT_START}cookies${HIGHLIGHT_END} to remember your ${HIGHLIGHT_START}preferences${HIGHLIGHT_END}.`,
    );
  });

  it('cuts a long block down to the part around the match', () => {
    const filler = Array.from({ length: 150 }, (_, index) => `filler${index}`).join(' ');
    storeCaptures(db, [aCapture({ vendor: vendor('Initech'), blocks: [paragraph(`${filler} xylophone ${filler}`)] })]);
    const [hit] = search('xylophone').hits;
    expect(hit?.snippet).toContain(`${HIGHLIGHT_START}xylophone${HIGHLIGHT_END}`);
    expect(hit!.snippet.length).toBeLessThan(600);
    expect(hit?.snippet).toContain('…');
  });

  it('honours the limit while reporting how many documents matched', () => {
    const result = search('data', { limit: 1 });
    expect(result.hits).toHaveLength(1);
    expect(result.totalDocuments).toBe(2);
    expect(result.elapsedMs).toBeGreaterThanOrEqual(0);
  });

  it('orders hits best first by score', () => {
    const { hits } = search('data OR cookies OR policy');
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));
  });
});

describe('ranking', () => {
  it('ranks a heading above a paragraph with the same words', () => {
    storeCaptures(db, [
      aCapture({ vendor: vendor('Paragraphs Ltd'), blocks: [paragraph('Quokka welfare')] }),
      aCapture({ vendor: vendor('Headings Ltd'), blocks: [heading('Quokka welfare')] }),
    ]);
    expect(search('quokka').hits.map((hit) => hit.vendorName)).toEqual(['Headings Ltd', 'Paragraphs Ltd']);
  });

  it('ranks a document whose title matches the query above one whose passage alone would rank higher', () => {
    const order = (titled: boolean): string[] => {
      const separate = tempArchive();
      try {
        storeCaptures(separate.db, [
          aCapture({ vendor: vendor('Short'), blocks: [paragraph('Our cookie policy.')] }),
          aCapture({
            vendor: vendor('Long'),
            ...(titled ? { document: { key: 'cookie-policy', title: 'Cookie Policy' } } : {}),
            blocks: [paragraph('This cookie policy lists every cookie we set and why we set it.')],
          }),
        ]);
        const result = searchArchive(separate.db, { query: 'cookie policy' });
        return result.hits.map((hit) => hit.vendorName);
      } finally {
        separate.dispose();
      }
    };
    // bm25 prefers the shorter passage…
    expect(order(false)).toEqual(['Short', 'Long']);
    // …unless the longer one is in a document titled "Cookie Policy".
    expect(order(true)).toEqual(['Long', 'Short']);
  });

  it('on real policies, puts the policies with a section named after the query first', () => {
    storeCaptures(
      db,
      ['ChatGPT', 'Claude.ai', 'DeepSeek', 'Grok', 'Le Chat', 'Perplexity', 'Qwen Chat'].flatMap((service) =>
        openTermsCaptures(service),
      ),
    );
    const result = search('children');
    expect(result.hits.length).toBeGreaterThanOrEqual(5);
    // ChatGPT's and Claude's "7. Children" are two-word headings: nothing can match better.
    expect(result.hits.slice(0, 2).map((hit) => plain(hit.snippet))).toEqual(['7. Children', '7. Children']);
    for (const hit of result.hits) expect(hit.snippet).toMatch(new RegExp(`${HIGHLIGHT_START}children`, 'i'));
  });
});

describe('shared text', () => {
  it('reports a paragraph shared by many captures and vendors once per document', () => {
    const boilerplate = paragraph('Questions? Write to our kangaroo desk.');
    const captures = Array.from({ length: 60 }, (_, vendorIndex) =>
      Array.from({ length: 5 }, (_, version) =>
        aCapture({
          vendor: vendor(`Vendor ${vendorIndex}`),
          capturedAt: `201${version}-01-01T00:00:00Z`,
          blocks: [heading('Contact'), paragraph(`Version ${version} of vendor ${vendorIndex}.`), boilerplate],
        }),
      ),
    ).flat();
    storeCaptures(db, captures);

    const result = search('kangaroo', { limit: 20 });
    expect(result).toMatchObject({ totalDocuments: 60, totalExact: true });
    expect(result.hits).toHaveLength(20);
    expect(new Set(result.hits.map((hit) => hit.documentId)).size).toBe(20);
    for (const hit of result.hits) {
      expect(hit.matchingSnapshotCount).toBe(5);
      expect(hit.snapshot.capturedAt).toBe('2014-01-01T00:00:00Z');
      expect(hit.headingPath).toEqual(['Contact']);
    }

    const one = findVendor(db, 'Vendor 7')!;
    const filtered = search('kangaroo', { filters: { vendorIds: [one.id] } });
    expect(filtered.hits.map((hit) => [hit.vendorName, hit.matchingSnapshotCount])).toEqual([['Vendor 7', 5]]);
    expect(filtered.totalDocuments).toBe(1);
  });
});

describe('on real policies', () => {
  it('finds a phrase across services and reports each policy once', () => {
    storeCaptures(db, [...openTermsCaptures('ChatGPT'), ...openTermsCaptures('Grok'), ...openTermsCaptures('Le Chat')]);
    const result = search('"data controller"');
    const names = result.hits.map((hit) => hit.vendorName);
    expect(names).toContain('ChatGPT');
    expect(new Set(result.hits.map((hit) => hit.documentId)).size).toBe(result.hits.length);
    for (const hit of result.hits) {
      // A phrase is highlighted as one span; stemming also matches "data controls".
      expect(hit.snippet.toLowerCase()).toContain(`${HIGHLIGHT_START}data control`);
      expect(hit.matchingSnapshotCount).toBeGreaterThanOrEqual(1);
    }
    const chatgpt = result.hits.find((hit) => hit.vendorName === 'ChatGPT')!;
    expect(chatgpt.headingPath.length).toBeGreaterThan(0);
  });
});

describe('snippets belong to their hit', () => {
  it("shows each hit's own matching block, never another document's", () => {
    storeCaptures(db, [
      ...openTermsCaptures('ChatGPT'),
      ...openTermsCaptures('Claude.ai'),
      ...openTermsCaptures('Grok'),
      ...openTermsCaptures('Perplexity'),
    ]);
    for (const query of ['"personal data"', 'cookies', 'sell OR sale', 'retention']) {
      const result = search(query);
      expect(result.hits.length).toBeGreaterThan(1);
      for (const hit of result.hits) {
        const texts = getSnapshot(db, hit.snapshot.id)!.blocks.map((block) => block.text);
        const shown = plain(hit.snippet).replace(/^…|…$/g, '');
        expect(
          texts.some((text) => text.includes(shown)),
          `${query}: snippet of ${hit.vendorName} not in its snapshot`,
        ).toBe(true);
      }
    }
  });
});
