import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPrincetonForm, parsePrincetonHeader } from '../../../src/main/importers/princeton';
import { readCaptures } from '../../../src/main/importers/readCaptures';
import type { ImportContext } from '../../../src/main/importers/readCaptures';
import { princetonManifest, sampleBytes, samplePath } from './samplePaths';

const context: ImportContext = { overrides: {}, knownVendors: [] };
const read = (path: string, bytes: Buffer) => {
  const captures = readCaptures(path, bytes, context);
  expect(captures).toHaveLength(1);
  return captures[0]!;
};

/** Effective dates as the documents state them (read by eye from each file's text). */
const statedEffectiveDates: Record<string, string | null> = {
  'protolabs.com/2012-12-31.html': '2008-05-20', // "This Privacy Policy was last revised on May 20, 2008."
  'protolabs.com/2016-11-06.html': '2016-06-01', // "Updated: June 1, 2016"
  'protolabs.com/2016-11-06.md': '2016-06-01',
  'formlabs.com/2015-05-04.html': '2014-06-10', // "Effective Date – June 10, 2014"
  'formlabs.com/2016-05-09.md': '2015-10-15', // "Effective Date – Oct. 15, 2015"
  'formlabs.com/2017-02-11.md': '2015-10-15',
  'formlabs.com/2017-02-11.html': '2015-10-15',
  '3dhubs.com/2014-04-11.md': '2013-11-08', // "Last updated: November 8th 2013"
  '3dhubs.com/2014-04-11.html': '2013-11-08',
  'ultimaker.com/2019-09-25.md': '2019-04-12', // "This Statement was last updated on April 12, 2019"
  'ultimaker.com/2019-09-25.html': '2019-04-12',
  'artec3d.com/2017-02-17.md': null, // only "This Privacy Policy was posted in September, 2015"
  'artec3d.com/2017-02-17.html': null,
  'artec3d.com/2019-11-19.md': '2018-05-25', // "Effective Date: 25 May 2018"
};

describe('Princeton history samples (checked against MANIFEST.tsv)', () => {
  const manifest = princetonManifest();

  it('covers every file of the manifest', () => {
    expect(manifest).toHaveLength(14);
    expect(Object.keys(statedEffectiveDates).sort()).toEqual(
      manifest.map((row) => `${row.domain}/${row.archiveDate}.${row.kind}`).sort(),
    );
  });

  it.each(manifest.map((row) => [`${row.domain}/${row.archiveDate}.${row.kind}`, row] as const))('%s', (name, row) => {
    const capture = read(row.path, sampleBytes('princeton-history', row.domain, `${row.archiveDate}.${row.kind}`));
    const timestamp = /\/web\/(\d{14})/.exec(row.waybackUrl)![1]!;
    expect(capture.vendor).toEqual({ key: row.domain, displayName: row.domain });
    expect(capture.document).toEqual({ key: 'privacy-policy', title: 'Privacy Policy' });
    expect(capture.waybackUrl).toBe(row.waybackUrl);
    expect(capture.capturedAt.slice(0, 10)).toBe(row.archiveDate);
    expect(capture.capturedAt.replace(/\D/g, '')).toBe(timestamp);
    expect(capture.originalUrl).toBe(decodeURIComponent(row.waybackUrl.slice(row.waybackUrl.indexOf('id_/') + 4)));
    expect(capture.originalUrl).toMatch(/^https?:\/\/[^%]+$/);
    expect(capture.sourceFormat).toBe(row.kind === 'md' ? 'princeton-markdown' : 'princeton-html');
    expect(capture.effectiveDate).toBe(statedEffectiveDates[name]);
    expect(capture.inferred).toEqual([]);
    expect(capture.blocks.length).toBeGreaterThan(10);
    expect(capture.blocks.some((block) => /following text is extracted|downloaded HTML source/i.test(block.text))).toBe(
      false,
    );
  });

  it.each([
    ['3dhubs.com', '2014-04-11'],
    ['artec3d.com', '2017-02-17'],
    ['formlabs.com', '2017-02-11'],
    ['protolabs.com', '2016-11-06'],
    ['ultimaker.com', '2019-09-25'],
  ])('Markdown and HTML of %s %s land on the same vendor, document and capture time', (domain, date) => {
    const md = read(
      samplePath('princeton-history', domain, `${date}.md`),
      sampleBytes('princeton-history', domain, `${date}.md`),
    );
    const html = read(
      samplePath('princeton-history', domain, `${date}.html`),
      sampleBytes('princeton-history', domain, `${date}.html`),
    );
    expect(html.vendor).toEqual(md.vendor);
    expect(html.document).toEqual(md.document);
    expect(html.capturedAt).toBe(md.capturedAt);
    expect(html.effectiveDate).toBe(md.effectiveDate);
    // Same policy text: most Markdown blocks appear verbatim in the HTML extraction.
    const htmlTexts = new Set(html.blocks.map((block) => block.text));
    const shared = md.blocks.filter((block) => htmlTexts.has(block.text)).length;
    expect(shared / md.blocks.length).toBeGreaterThan(0.6);
  });
});

describe('Princeton samples as copies circulate (princeton/)', () => {
  it('plain header, no link: protolabs.com 2016-11-06, "Updated: June 1, 2016"', () => {
    const capture = read(
      samplePath('princeton', '000_9ca36c3538ce9d6e.txt'),
      sampleBytes('princeton', '000_9ca36c3538ce9d6e.txt'),
    );
    expect(capture).toMatchObject({
      vendor: { key: 'protolabs.com', displayName: 'protolabs.com' },
      capturedAt: '2016-11-06T00:00:00Z',
      waybackUrl: null,
      originalUrl: null,
      effectiveDate: '2016-06-01',
      sourceFormat: 'princeton-plain',
      inferred: [],
    });
    expect(capture.blocks[0]).toEqual({ kind: 'paragraph', level: 0, text: 'Proto Labs Privacy and Cookie Policy' });
    expect(capture.blocks).toContainEqual({ kind: 'heading', level: 2, text: 'CONTACT INFORMATION' });
  });

  it('Markdown header with link: formlabs.com 2018-08-13, effective 2018-05-25', () => {
    const capture = read(
      samplePath('princeton', '001_670e77c443145c28.txt'),
      sampleBytes('princeton', '001_670e77c443145c28.txt'),
    );
    expect(capture).toMatchObject({
      vendor: { key: 'formlabs.com' },
      capturedAt: '2018-08-13T14:21:16Z',
      waybackUrl: 'https://web.archive.org/web/20180813142116id_/https%3A//formlabs.com/support/privacy-policy',
      originalUrl: 'https://formlabs.com/support/privacy-policy',
      effectiveDate: '2018-05-25',
      sourceFormat: 'princeton-markdown',
    });
    expect(capture.blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Privacy Policy | Formlabs' });
  });

  it('plain header: ultimaker.com 2019-09-25, "last updated on April 12, 2019"', () => {
    const capture = read(
      samplePath('princeton', '003_f6856c98709e1a60.txt'),
      sampleBytes('princeton', '003_f6856c98709e1a60.txt'),
    );
    expect(capture).toMatchObject({
      vendor: { key: 'ultimaker.com' },
      capturedAt: '2019-09-25T00:00:00Z',
      effectiveDate: '2019-04-12',
    });
  });

  it('Markdown header: artec3d.com 2017-02-17, which states no effective date', () => {
    const capture = read(
      samplePath('princeton', '004_f20e8744c5bee47f.txt'),
      sampleBytes('princeton', '004_f20e8744c5bee47f.txt'),
    );
    expect(capture).toMatchObject({
      vendor: { key: 'artec3d.com' },
      capturedAt: '2017-02-17T02:13:50Z',
      originalUrl: 'https://www.artec3d.com/privacy-policy',
      effectiveDate: null,
    });
  });
});

describe('header variants', () => {
  const original = sampleBytes('princeton', '001_670e77c443145c28.txt').toString('utf8');
  const headerLine = original.slice(0, original.indexOf('\n'));
  const body = original.slice(original.indexOf('\n'));
  const readText = (text: string, name = 'variant.md') => read(`/imports/${name}`, Buffer.from(text, 'utf8'));

  it.each([
    ['CRLF line ends', original.replace(/\n/g, '\r\n')],
    ['a UTF-8 BOM', `\ufeff${original}`],
    ['extra whitespace', headerLine.replace(/ /g, '   ').replace('> *', '>  *') + body],
    ['blank lines before the header', `\n\n${original}`],
    [
      'no trailing sentence',
      `> *The following text is extracted and transformed from the formlabs.com privacy policy that was archived on 2018-08-13. [original snapshot](https://web.archive.org/web/20180813142116id_/https%3A//formlabs.com/support/privacy-policy)*${body}`,
    ],
    ['an http Wayback link', original.replace('https://web.archive.org', 'http://web.archive.org')],
    ['the second sentence on its own line', headerLine.replace(' Please check', '\n> Please check') + body],
  ])('reads a Markdown header with %s', (_name, text) => {
    const capture = readText(text);
    expect(capture.vendor.key).toBe('formlabs.com');
    expect(capture.capturedAt).toBe('2018-08-13T14:21:16Z');
    expect(capture.originalUrl).toBe('https://formlabs.com/support/privacy-policy');
    expect(capture.effectiveDate).toBe('2018-05-25');
    expect(capture.blocks[0]?.text).toBe('Privacy Policy | Formlabs');
  });

  it('reads the plain form, taking the archive date at midnight UTC', () => {
    const plain = `The following text is extracted and transformed from the www.Formlabs.com privacy policy that was archived on 2018-08-13. Please check the original snapshot on the Wayback Machine for the most accurate reproduction.${body}`;
    const capture = readText(plain, 'plain.txt');
    expect(capture).toMatchObject({
      vendor: { key: 'formlabs.com' },
      capturedAt: '2018-08-13T00:00:00Z',
      waybackUrl: null,
      sourceFormat: 'princeton-plain',
    });
    // Its body separates paragraphs with blank lines, so it is read as Markdown.
    expect(capture.blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Privacy Policy | Formlabs' });
  });

  it('reads the HTML comment form', () => {
    const html = `<!--The following is the downloaded HTML source of the example.com privacy policy that was archived on 2015-05-04.\r\n Please check the original snapshot on the Wayback Machine (https://web.archive.org/web/20150504133612id_/http%3A//example.com/privacy%3Flang%3Den) for the most accurate reproduction.-->\r\n<html><body><main><h2>Privacy</h2><p>${'We keep your personal information safe. '.repeat(10)}</p></main></body></html>`;
    const capture = readText(html, 'example.com.html');
    expect(capture).toMatchObject({
      vendor: { key: 'example.com' },
      capturedAt: '2015-05-04T13:36:12Z',
      originalUrl: 'http://example.com/privacy?lang=en',
      sourceFormat: 'princeton-html',
    });
  });

  it('names the problem of a header whose date does not exist, with the file', () => {
    const bad = original.replace('archived on 2018-08-13', 'archived on 2018-13-45');
    expect(() => readText(bad, 'bad-date.md')).toThrowError(
      /^\/imports\/bad-date\.md: malformed Princeton header: archive date "2018-13-45" is not a real date$/,
    );
  });

  it.each([
    [
      'a date that is not YYYY-MM-DD',
      original.replace('archived on 2018-08-13', 'archived on 13/08/2018'),
      /archive date "13\/08\/2018" is not a YYYY-MM-DD date/,
    ],
    [
      'no vendor and date',
      '> *The following text is extracted and transformed from the privacy policy.*\n\nText',
      /expected "the <domain> privacy policy that was archived on <YYYY-MM-DD>"/,
    ],
    [
      'a vendor that is not a domain',
      original.replace('the formlabs.com privacy', 'the Formlabs privacy'),
      /vendor "Formlabs" is not a domain name/,
    ],
    [
      'an impossible Wayback timestamp',
      original.replace('20180813142116', '20180813256116'),
      /Wayback timestamp "20180813256116" is not a real date and time/,
    ],
    [
      'an unclosed HTML comment',
      '<!--The following is the downloaded HTML source of the a.com privacy policy that was archived on 2015-05-04.',
      /not closed/,
    ],
  ])('rejects a header with %s', (_name, text, message) => {
    expect(() => readText(text)).toThrowError(message);
  });

  it('detects the form from the opening words alone', () => {
    expect(detectPrincetonForm(original)).toBe('princeton-markdown');
    expect(detectPrincetonForm('The following text is extracted and transformed from the a.com privacy policy')).toBe(
      'princeton-plain',
    );
    expect(detectPrincetonForm('<!-- The following is the downloaded HTML source of the a.com')).toBe('princeton-html');
    expect(detectPrincetonForm('Privacy Policy\nThe following text is extracted')).toBeNull();
  });

  it('returns null for text that does not begin with a header, and only ever throws Errors with a message (property)', () => {
    expect(
      parsePrincetonHeader(
        '# Privacy Policy\n\nThe following text is extracted and transformed from the a.com privacy policy',
      ),
    ).toBeNull();
    const starts = fc.constantFrom(
      '',
      '> *The following text is extracted and transformed from the ',
      'The following text is extracted and transformed from the ',
      '<!--The following is the downloaded HTML source of the ',
      '\ufeff  > *The following text is extracted and transformed from the a.com privacy policy that was archived on ',
    );
    const tails = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({
        unit: fc.constantFrom(
          'a',
          '.',
          'com',
          ' ',
          '2018-',
          '13',
          '45',
          '\n',
          '-->',
          'privacy policy that was archived on ',
          'https://web.archive.org/web/',
          '20180813142116',
          'id_/',
          '%3A',
          '%',
          ')',
          '*',
        ),
      }),
    );
    fc.assert(
      fc.property(starts, tails, (start, tail) => {
        let header: ReturnType<typeof parsePrincetonHeader> = null;
        let thrown: unknown = null;
        try {
          header = parsePrincetonHeader(start + tail);
        } catch (error) {
          thrown = error;
        }
        if (thrown !== null) {
          expect(thrown).toBeInstanceOf(Error);
          expect((thrown as Error).message).toMatch(/^malformed Princeton header: ./);
        } else if (header) {
          expect(header.vendorKey).not.toBe('');
          expect(header.capturedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
          expect(header.bodyStart).toBeLessThanOrEqual((start + tail).length);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
