import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openArchive } from '../../../src/main/archive/database';
import { listVendors } from '../../../src/main/archive/queries';
import { phraseHistory } from '../../../src/main/search/phraseHistory';
import type { DocumentPhraseHistory } from '../../../src/shared/searchDomain';
import type { Capture } from '../../../src/main/importers/capture';
import { aCapture, heading, paragraph, vendor } from '../archive/captureBuilder';
import { samplesDir, tempDir } from '../../support/paths';
import { useImportedArchive } from '../../support/importedArchive';
import { storeCaptures } from './searchFixture';

const LEGITIMATE = paragraph('We process your data where we have a legitimate interest in doing so.');
const BASIS = paragraph('We process your data to provide the service.');
const CONTACT = paragraph('Contact us at privacy@example.com.');

function version(
  who: Capture['vendor'],
  capturedAt: string,
  body: ReturnType<typeof paragraph>[],
  key = 'privacy-policy',
): Capture {
  return aCapture({
    vendor: who,
    document: { key, title: key === 'privacy-policy' ? 'Privacy Policy' : 'Cookie Policy' },
    capturedAt,
    blocks: [heading(key === 'privacy-policy' ? 'Privacy Policy' : 'Cookie Policy', 1), ...body],
  });
}

const acme = vendor('Acme');
const beta = vendor('Beta');
const gamma = vendor('Gamma');
const delta = vendor('Delta');

/**
 * Acme: v1 2015 without the phrase; v2 2016 introduces it (captured twice: one version);
 * v3 2017 keeps it (reworded elsewhere); v4 2018 drops it; v5 2019 still without; v6 2020
 * brings it back; v7 2021 keeps it. Beta has it from its first version (2014) and never drops
 * it. Gamma never has it. Delta has it in its cookie policy only.
 */
const captures: Capture[] = [
  version(acme, '2015-03-01T00:00:00Z', [BASIS, CONTACT]),
  version(acme, '2016-03-01T00:00:00Z', [BASIS, LEGITIMATE, CONTACT]),
  version(acme, '2016-09-01T00:00:00Z', [BASIS, LEGITIMATE, CONTACT]),
  version(acme, '2017-03-01T00:00:00Z', [BASIS, LEGITIMATE, paragraph('Write to us at privacy@example.com.')]),
  version(acme, '2018-03-01T00:00:00Z', [BASIS, CONTACT]),
  version(acme, '2019-03-01T00:00:00Z', [BASIS, CONTACT, paragraph('We updated this policy.')]),
  version(acme, '2020-03-01T00:00:00Z', [BASIS, LEGITIMATE]),
  version(acme, '2021-03-01T00:00:00Z', [BASIS, LEGITIMATE, paragraph('Cookies are described elsewhere.')]),
  version(beta, '2014-06-01T00:00:00Z', [LEGITIMATE]),
  version(beta, '2019-06-01T00:00:00Z', [LEGITIMATE, CONTACT]),
  version(gamma, '2016-01-01T00:00:00Z', [BASIS]),
  version(gamma, '2020-01-01T00:00:00Z', [BASIS, CONTACT]),
  version(delta, '2017-01-01T00:00:00Z', [BASIS]),
  version(
    delta,
    '2017-01-01T00:00:00Z',
    [paragraph('Cookies help us; our legitimate interest is security.')],
    'cookie-policy',
  ),
];

let dir: string;
let cleanup: () => void;
let db: Database.Database;
let ids: number[];

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  db = openArchive(join(dir, 'archive.sqlite'));
  ids = storeCaptures(db, captures);
});
afterAll(() => {
  db.close();
  cleanup();
});

const vendorId = (name: string): number => listVendors(db).find((v) => v.displayName === name)!.id;
const ref = (index: number) => ({ snapshotId: ids[index]!, capturedAt: captures[index]!.capturedAt });
const byVendor = (documents: DocumentPhraseHistory[], name: string) =>
  documents.filter((document) => document.vendorName === name);

describe('phraseHistory', () => {
  it('reads a prefix cut inside a word stem as search does ("legitim*" finds "legitimate")', () => {
    // The index stores "legitim" for "legitimate"; "legitima*" matches no stem unless widened.
    const widened = phraseHistory(db, { query: 'legitima*' });
    expect(widened.interpretedAs).toBe('"legitim"*');
    expect(widened.documents.map((document) => document.vendorName).sort()).toEqual(['Acme', 'Beta', 'Delta']);
  });

  it('finds where a phrase was introduced, dropped and reintroduced, with the snapshots to diff', () => {
    const history = phraseHistory(db, { query: '"legitimate interest"' });
    expect(history.interpretedAs).toBe('"legitimate interest"');
    const [acmeHistory] = byVendor(history.documents, 'Acme');
    expect(acmeHistory).toBeDefined();
    // Eight captures, seven versions (the two 2016 captures share a text).
    expect(acmeHistory!.versionCount).toBe(7);
    expect(acmeHistory!.containingVersionCount).toBe(4);
    expect(acmeHistory!.presentInLatest).toBe(true);
    expect(acmeHistory!.spans).toEqual([
      {
        before: expect.objectContaining(ref(0)),
        first: expect.objectContaining(ref(1)),
        last: expect.objectContaining(ref(3)),
        after: expect.objectContaining(ref(4)),
      },
      {
        before: expect.objectContaining(ref(5)),
        first: expect.objectContaining(ref(6)),
        last: expect.objectContaining(ref(7)),
        after: null,
      },
    ]);
    expect(acmeHistory!.spans[0]!.first.effectiveDate).toBe('2018-05-25');
  });

  it('says when a phrase was there from the first captured version and never dropped', () => {
    const [betaHistory] = byVendor(phraseHistory(db, { query: 'legitimate interest' }).documents, 'Beta');
    expect(betaHistory!.spans).toEqual([
      { before: null, first: expect.objectContaining(ref(8)), last: expect.objectContaining(ref(9)), after: null },
    ]);
    expect(betaHistory!.presentInLatest).toBe(true);
  });

  it('lists only documents that contained it, earliest first appearance first, each document on its own', () => {
    const history = phraseHistory(db, { query: '"legitimate interest"' });
    expect(history.documents.map((d) => `${d.vendorName} · ${d.documentTitle}`)).toEqual([
      'Beta · Privacy Policy',
      'Acme · Privacy Policy',
      'Delta · Cookie Policy',
    ]);
  });

  it('matches stemmed words and block-level exclusions the way search does', () => {
    // "interests" stems to "interest"; Delta's block also mentions cookies, so it is excluded.
    const history = phraseHistory(db, { query: 'interests -cookies' });
    expect(history.documents.map((d) => d.vendorName)).toEqual(['Beta', 'Acme']);
  });

  it('restricts the history to the chosen vendors and document types', () => {
    const onlyBeta = phraseHistory(db, { query: '"legitimate interest"', filters: { vendorIds: [vendorId('Beta')] } });
    expect(onlyBeta.documents.map((d) => d.vendorName)).toEqual(['Beta']);
    const cookies = phraseHistory(db, { query: '"legitimate interest"', filters: { documentKeys: ['cookie-policy'] } });
    expect(cookies.documents.map((d) => d.vendorName)).toEqual(['Delta']);
    const none = phraseHistory(db, { query: '"legitimate interest"', filters: { vendorIds: [vendorId('Gamma')] } });
    expect(none.documents).toEqual([]);
  });

  it('tells the history within a capture range, whole years inclusive', () => {
    const from2017 = phraseHistory(db, {
      query: '"legitimate interest"',
      filters: { capturedFrom: '2017', vendorIds: [vendorId('Acme')] },
    });
    const [acmeHistory] = from2017.documents;
    // 2017 is now the first version seen: the phrase is "there from the start" of the range.
    expect(acmeHistory!.versionCount).toBe(5);
    expect(acmeHistory!.spans[0]).toMatchObject({ before: null, first: ref(3), after: ref(4) });

    const until2016 = phraseHistory(db, {
      query: '"legitimate interest"',
      filters: { capturedTo: '2016', vendorIds: [vendorId('Acme')] },
    });
    // Both 2016 captures are in (to = end of that year): two versions, the phrase never dropped.
    expect(until2016.documents[0]!.versionCount).toBe(2);
    expect(until2016.documents[0]!.spans).toEqual([
      {
        before: expect.objectContaining(ref(0)),
        first: expect.objectContaining(ref(1)),
        last: expect.objectContaining(ref(1)),
        after: null,
      },
    ]);

    const before2014 = phraseHistory(db, { query: '"legitimate interest"', filters: { capturedTo: '2013-12-31' } });
    expect(before2014.documents).toEqual([]);
  });

  it('ignores latestOnly and inForceOn, which leave no history to tell', () => {
    const plain = phraseHistory(db, { query: '"legitimate interest"' });
    const filtered = phraseHistory(db, {
      query: '"legitimate interest"',
      filters: { latestOnly: true, inForceOn: '2019-01-01' },
    });
    expect(filtered.documents).toEqual(plain.documents);
  });

  it('answers nothing, without an error, for a query with nothing to search for', () => {
    expect(phraseHistory(db, { query: '  "" -- ' }).documents).toEqual([]);
    expect(phraseHistory(db, { query: 'NEAR( "unclosed' }).documents).toEqual([]);
  });

  it('refuses a capture date that does not exist, naming it', () => {
    expect(() => phraseHistory(db, { query: 'data', filters: { capturedFrom: '2018-02-30' } })).toThrow(
      /capturedFrom "2018-02-30" is not a date/,
    );
  });
});

describe('phraseHistory on the real formlabs.com samples', () => {
  const real = useImportedArchive([join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')]);

  it('shows "legitimate interest" arriving in formlabs.com\'s policy with the GDPR, in 2018', () => {
    const formlabs = listVendors(real()).find((v) => v.key === 'formlabs.com')!;
    const history = phraseHistory(real(), { query: '"legitimate interest"', filters: { vendorIds: [formlabs.id] } });
    expect(history.documents).toHaveLength(1);
    const [document] = history.documents;
    expect(document!.versionCount).toBeGreaterThanOrEqual(3);
    expect(document!.spans).toHaveLength(1);
    const span = document!.spans[0]!;
    expect(span.first.capturedAt.slice(0, 4)).toBe('2018');
    // The version before is a pre-GDPR one (2015–2017): `diff before first` shows the change.
    expect(span.before).not.toBeNull();
    expect(Number(span.before!.capturedAt.slice(0, 4))).toBeLessThan(2018);
    expect(span.after).toBeNull();
    expect(document!.presentInLatest).toBe(true);
  });
});
