import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../src/main/extract/charset';
import { waybackTimestampToIso } from '../../../src/main/extract/waybackUrl';
import type { Capture, CaptureOverrides } from '../../../src/main/importers/capture';
import { SkipFile } from '../../../src/main/importers/capture';
import { downloadLayoutHints } from '../../../src/main/importers/downloadLayouts';
import type { CaptureHints } from '../../../src/main/importers/importUnit';
import type { ImportContext } from '../../../src/main/importers/readCaptures';
import { documentFromUrl, isWaybackHtml, waybackHtmlCapture } from '../../../src/main/importers/waybackHtml';
import { fixturesDir, princetonManifest } from './samplePaths';

const fixturePath = (...parts: string[]): string => resolve(fixturesDir, 'wayback', ...parts);
const decoded = (path: string) => decodeHtml(readFileSync(path));
const context = (
  overrides: CaptureOverrides = {},
  knownVendors: ImportContext['knownVendors'] = [],
): ImportContext => ({
  overrides,
  knownVendors,
});
const textOf = (capture: Capture): string => capture.blocks.map((block) => block.text).join('\n');

/** Read a fixture as the pipeline would: decoded bytes, plus the folder layout's hints. */
function read(path: string, overrides: CaptureOverrides = {}, hints?: CaptureHints): Capture {
  return waybackHtmlCapture(
    path,
    decoded(path).text,
    context(overrides),
    hints ?? downloadLayoutHints(path) ?? undefined,
  );
}

function skipReason(path: string): string {
  try {
    read(path);
  } catch (error) {
    if (error instanceof SkipFile) return error.message;
    throw error;
  }
  throw new Error(`${path} was not skipped`);
}

const CONTOSO = fixturePath(
  'wayback-machine-downloader',
  'websites',
  'www.contoso-cloud.com',
  '20210315084500',
  'legal',
  'privacy',
  'index.html',
);

describe('waybackHtmlCapture', () => {
  describe('a page saved through the replay (both toolbars, wombat call, closing comment, rewritten links)', () => {
    const capture = read(fixturePath('replay-saved-northwind-privacy.html'));

    it('dates it from the wombat call and names the page it archived', () => {
      expect(capture).toMatchObject({
        vendor: { key: 'northwind-outfitters.com', displayName: 'northwind-outfitters.com' },
        document: { key: 'privacy-policy', title: 'Privacy Policy' },
        capturedAt: '2016-03-14T09:35:12Z',
        capturedAtSource: 'wombat-call',
        originalUrl: 'https://www.northwind-outfitters.com/legal/privacy',
        waybackUrl: 'https://web.archive.org/web/20160314093512/https://www.northwind-outfitters.com/legal/privacy',
        effectiveDate: '2016-02-01',
        sourceFormat: 'wayback-html',
        origin: 'file',
        inferred: [],
      });
    });

    it('keeps the policy’s structure and none of the toolbar, menu or footer', () => {
      expect(capture.blocks).toContainEqual({ kind: 'heading', level: 2, text: 'Cookies and Similar Technologies' });
      expect(capture.blocks).toContainEqual({
        kind: 'list-item',
        level: 1,
        text: 'Your preferences, wish lists and the reviews you post on our product pages.',
      });
      const text = textOf(capture);
      for (const noise of ['captures', 'Wayback', 'About this capture', 'Camping & Hiking', 'Careers', '© 2016'])
        expect(text).not.toContain(noise);
    });

    it('lets the container’s metadata, then the user’s, win over the page', () => {
      const path = fixturePath('replay-saved-northwind-privacy.html');
      const fromWarc = read(
        path,
        { capturedAt: '2020-01-01' },
        {
          origin: 'warc',
          capturedAt: '2016-03-14T09:35:14Z',
          capturedAtSource: 'warc-date',
          originalUrl: 'https://www.northwind-outfitters.com/legal/privacy',
        },
      );
      expect(fromWarc).toMatchObject({
        capturedAt: '2016-03-14T09:35:14Z',
        capturedAtSource: 'warc-date',
        origin: 'warc',
      });
      const fromUser = read(path, { capturedAt: '2016-03-15T10:00:00+01:00' });
      expect(fromUser).toMatchObject({ capturedAt: '2016-03-15T09:00:00Z', capturedAtSource: 'user', inferred: [] });
    });

    it('a WARC record of the replay itself is dated by its Wayback URL, not by when the replay was fetched', () => {
      const path = fixturePath('replay-saved-northwind-privacy.html');
      const capture = read(
        path,
        {},
        {
          origin: 'warc',
          originalUrl: 'https://web.archive.org/web/20160314093512/https://www.northwind-outfitters.com/legal/privacy',
          capturedAt: '2023-06-05T14:02:44Z',
          capturedAtSource: 'warc-date',
        },
      );
      expect(capture).toMatchObject({
        capturedAt: '2016-03-14T09:35:12Z',
        capturedAtSource: 'wayback-url',
        originalUrl: 'https://www.northwind-outfitters.com/legal/privacy',
        origin: 'warc',
      });
    });

    it('files captures under an archive vendor already known by that domain', () => {
      const path = fixturePath('replay-saved-northwind-privacy.html');
      const capture = waybackHtmlCapture(
        path,
        decoded(path).text,
        context({}, [{ key: 'northwind-outfitters.com', displayName: 'Northwind Outfitters' }]),
      );
      expect(capture.vendor).toEqual({ key: 'northwind-outfitters.com', displayName: 'Northwind Outfitters' });
    });
  });

  it('reads a 2008 replay in windows-1252: time from the script comment, URL from <BASE HREF>, characters intact', () => {
    const path = fixturePath('2008-harbourview-privacy.htm');
    expect(decoded(path)).toMatchObject({ encoding: 'windows-1252', source: 'declared' });
    const capture = read(path);
    expect(capture).toMatchObject({
      vendor: { key: 'harbourview-books.co.uk' },
      document: { key: 'privacy-policy' },
      capturedAt: '2008-04-12T15:30:00Z',
      capturedAtSource: 'closing-comment',
      originalUrl: 'http://www.harbourview-books.co.uk/privacy.htm',
      sourceFormat: 'wayback-html',
    });
    const text = textOf(capture);
    for (const phrase of [
      '“Harbourview”',
      'café on the quay',
      'Mr J. Müller',
      'a small “cookie”',
      '1998, please',
      '– a fee of £10',
    ])
      expect(text).toContain(phrase);
    expect(text).not.toMatch(/New Titles|Maritime History|sWayBackCGI|Ã/);
  });

  it('reads an undeclared ISO-8859-1 page from a waybackpack --raw folder: date and URL from the folders', () => {
    const path = fixturePath('waybackpack-raw', '20110704120000', 'www.bergschuh-versand.de', 'datenschutz.html');
    expect(decoded(path).source).toBe('detected');
    const capture = read(path);
    expect(capture).toMatchObject({
      vendor: { key: 'bergschuh-versand.de' },
      document: { key: 'privacy-policy', title: 'Privacy Policy' },
      capturedAt: '2011-07-04T12:00:00Z',
      capturedAtSource: 'folder-name',
      originalUrl: 'http://www.bergschuh-versand.de/datenschutz.html',
      waybackUrl: 'https://web.archive.org/web/20110704120000/http://www.bergschuh-versand.de/datenschutz.html',
      origin: 'waybackpack-folder',
      sourceFormat: 'wayback-html',
      inferred: [],
    });
    const text = textOf(capture);
    for (const phrase of [
      'Datenschutzerklärung',
      'ausschließlich',
      'für unser Café',
      'Renée Müller',
      '„Cookies“',
      '“Session-Cookies”',
    ])
      expect(text).toContain(phrase);
  });

  it('reads a raw id_ capture saved by a browser from its “saved from url” header', () => {
    const capture = read(fixturePath('Privacy Notice - Acme Widgets.html'));
    expect(capture).toMatchObject({
      vendor: { key: 'acme-widgets.com' },
      capturedAt: '2019-06-07T12:13:14Z',
      capturedAtSource: 'wayback-url',
      originalUrl: 'https://www.acme-widgets.com/privacy',
      effectiveDate: '2019-05-24',
      sourceFormat: 'wayback-html',
      inferred: [],
    });
    expect(capture.blocks).toContainEqual({ kind: 'table-row', level: 0, text: 'Support tickets | 24 months' });
  });

  it('dates a raw page whose only date is its file name, and marks the URL and vendor from <link rel=canonical> inferred', () => {
    const capture = read(fixturePath('20180525000000_privacy.html'));
    expect(capture).toMatchObject({
      vendor: { key: 'fabrikam.io' },
      capturedAt: '2018-05-25T00:00:00Z',
      capturedAtSource: 'file-name',
      originalUrl: 'https://fabrikam.io/legal/privacy-policy/',
      waybackUrl: null,
      sourceFormat: 'wayback-html',
    });
    expect(capture.inferred.sort()).toEqual(['originalUrl', 'vendor']);
  });

  describe('keeps only the policy text of a page heavy with cookie banners, menus and footers', () => {
    const capture = read(CONTOSO);
    const text = textOf(capture);

    it('takes date and URL from the wayback-machine-downloader folders', () => {
      expect(capture).toMatchObject({
        vendor: { key: 'contoso-cloud.com' },
        capturedAt: '2021-03-15T08:45:00Z',
        capturedAtSource: 'folder-name',
        origin: 'wayback-machine-downloader-folder',
        effectiveDate: '2021-03-01',
      });
    });

    it('keeps every section, including one whose heading id Readability would drop ("contact")', () => {
      for (const heading of [
        '1. Information we collect',
        '2. How we use information',
        '3. Data retention',
        '4. Your rights',
        '5. Contact',
      ])
        expect(capture.blocks).toContainEqual({ kind: 'heading', level: 2, text: heading });
      expect(capture.blocks).toContainEqual({ kind: 'table-row', level: 0, text: 'Billing records | 7 years' });
      expect(text).toContain('30 Finsbury Square, London EC2A 1AG');
    });

    it('drops banners, navigation, sidebars, widgets and footers', () => {
      for (const noise of [
        'Skip to main content',
        'This website uses cookies',
        'We and our partners',
        'recognise your repeat visits',
        'Kubernetes Engine',
        'Start free trial',
        'Legal Center',
        'Data Processing Addendum',
        'Was this page helpful',
        'Back to top',
        'Contoso newsletter',
        'All rights reserved',
        'Cookie settings',
        'I Accept',
      ])
        expect(text).not.toContain(noise);
    });
  });

  it('drops a 2012 cookie-law notice with no telling class, breadcrumbs and "Back to top", but keeps the cookie policy saying the same', () => {
    const capture = read(fixturePath('2012-brightwater-cookie-policy.html'));
    expect(capture).toMatchObject({
      vendor: { key: 'brightwatergardens.co.uk' },
      document: { key: 'cookie-policy', title: 'Cookie Policy' },
      capturedAt: '2012-06-01T10:05:33Z',
      capturedAtSource: 'closing-comment',
      originalUrl: 'http://www.brightwatergardens.co.uk/cookie-policy.aspx',
      inferred: [],
    });
    const text = textOf(capture);
    expect(text).toContain('Our website uses cookies to distinguish you from other users of our website.');
    expect(text).toContain('By continuing to browse the site, you are agreeing to our use of cookies.');
    expect(capture.blocks).toContainEqual({ kind: 'heading', level: 2, text: 'Blocking cookies' });
    for (const noise of [
      'This site uses cookies.',
      'Find out more',
      'Customer Service',
      'Back to top',
      'About us',
      'captures',
      'Close',
    ])
      expect(text).not.toContain(noise);
    expect(capture.blocks.map((block) => block.text)).not.toContain('OK');
  });

  it('decodes a WARC record by its HTTP charset when the page declares none', () => {
    const path = fixturePath('waybackpack-raw', '20110704120000', 'www.bergschuh-versand.de', 'datenschutz.html');
    const bytes = readFileSync(path);
    const decodedByHeader = decodeHtml(bytes, 'text/html; charset=ISO-8859-1');
    expect(decodedByHeader).toMatchObject({ encoding: 'windows-1252', source: 'http-header' });
    // A header that claims UTF-8 for bytes that are not is ignored, as a wrong <meta> is.
    expect(decodeHtml(bytes, 'text/html; charset=utf-8').source).toBe('detected');
    const capture = waybackHtmlCapture(
      'archive.warc.gz › http://www.bergschuh-versand.de/datenschutz.html',
      decodedByHeader.text,
      context(),
      {
        origin: 'warc',
        originalUrl: 'http://www.bergschuh-versand.de/datenschutz.html',
        capturedAt: '2011-07-04T12:00:00Z',
        capturedAtSource: 'warc-date',
        contentType: 'text/html; charset=ISO-8859-1',
      },
    );
    expect(capture).toMatchObject({
      origin: 'warc',
      capturedAtSource: 'warc-date',
      vendor: { key: 'bergschuh-versand.de' },
    });
    expect(textOf(capture)).toContain('„Cookies“');
  });

  describe('skips what is not a capture of a policy, saying why', () => {
    it('a Wayback redirect placeholder', () => {
      expect(skipReason(fixturePath('redirect-placeholder.html'))).toBe(
        'Wayback redirect placeholder (HTTP 301 at crawl time to https://www.northwind-outfitters.com/legal/privacy), not a policy',
      );
    });

    it('the Wayback Machine’s “Hrm.” page', () => {
      expect(skipReason(fixturePath('wayback-not-archived.html'))).toMatch(/^Wayback Machine error page/);
    });

    it('a site’s own “Page not found” page archived as a capture (soft 404)', () => {
      expect(skipReason(fixturePath('soft-404-northwind.html'))).toBe(
        'error page ("Page Not Found | Northwind Outfitters"), not a policy',
      );
    });

    it('a page that only redirects with <meta http-equiv="refresh">', () => {
      expect(skipReason(fixturePath('meta-refresh-only.html'))).toBe(
        'redirect page (meta refresh to https://www.contoso-cloud.com/legal/privacy), not a policy',
      );
    });

    it('a page with (almost) no text', () => {
      const page = '<html><head><title>Privacy</title></head><body><p>Loading…</p></body></html>';
      expect(() => waybackHtmlCapture('20200101000000.html', page, context())).toThrow(SkipFile);
    });
  });

  describe('plain pages whose vendor, URL and date the user gives (format 7)', () => {
    const page = decoded(CONTOSO).text;

    it('fails with the option to pass when nothing dates the page', () => {
      expect(() => waybackHtmlCapture('/tmp/privacy.html', page, context())).toThrow(
        'no capture date in the page or its name — pass --date',
      );
    });

    it('records what the user gave as given, not inferred', () => {
      const capture = waybackHtmlCapture(
        '/tmp/privacy.html',
        page,
        context({
          vendor: 'Contoso Cloud',
          originalUrl: 'https://www.contoso-cloud.com/legal/privacy/',
          capturedAt: '2021-03-15',
        }),
      );
      expect(capture).toMatchObject({
        vendor: { key: 'contoso-cloud', displayName: 'Contoso Cloud' },
        document: { key: 'privacy-policy' },
        capturedAt: '2021-03-15T00:00:00Z',
        capturedAtSource: 'user',
        originalUrl: 'https://www.contoso-cloud.com/legal/privacy/',
        waybackUrl: null,
        sourceFormat: 'html-page',
        origin: 'file',
        inferred: [],
      });
    });

    it('names the vendor by the given URL’s host when no vendor is given', () => {
      const capture = waybackHtmlCapture(
        '/tmp/page.html',
        page,
        context({ originalUrl: 'www.Contoso-Cloud.com:443/legal/terms-of-service', capturedAt: '2021-03-15' }),
      );
      expect(capture).toMatchObject({
        vendor: { key: 'contoso-cloud.com' },
        document: { key: 'terms-of-service', title: 'Terms of Service' },
        originalUrl: 'http://www.contoso-cloud.com:443/legal/terms-of-service',
        inferred: [],
      });
    });

    it('rejects a date or URL that is not one, naming it', () => {
      expect(() => waybackHtmlCapture('/tmp/p.html', page, context({ capturedAt: 'last May' }))).toThrow(
        'capture date "last May" is not an ISO date',
      );
      expect(() =>
        waybackHtmlCapture('/tmp/p.html', page, context({ capturedAt: '2021-03-15', originalUrl: 'mailto:x@y.z' })),
      ).toThrow('original URL "mailto:x@y.z" is not a web address');
    });
  });

  it('reads the real Princeton HTML captures (raw id_ bytes) with the time and URL of their Wayback header', () => {
    for (const row of princetonManifest().filter((r) => r.kind === 'html')) {
      const capture = waybackHtmlCapture(row.path, decoded(row.path).text, context());
      const timestamp = /\/web\/(\d{14})/.exec(row.waybackUrl)?.[1] ?? '';
      expect(capture.capturedAt, row.path).toBe(waybackTimestampToIso(timestamp));
      expect(capture.vendor.key, row.path).toBe(row.domain);
      expect(capture.document.key, row.path).toBe('privacy-policy');
      expect(capture.originalUrl, row.path).toMatch(/^https?:\/\//);
      expect(capture.blocks.length, row.path).toBeGreaterThan(10);
    }
  });
});

describe('documentFromUrl', () => {
  it('gives every form of one page’s URL the same document', () => {
    const forms = [
      'http://northwind-outfitters.com/legal/privacy',
      'https://www.Northwind-Outfitters.com/legal/privacy/',
      'https://www.northwind-outfitters.com/legal/privacy/index.html',
      'http://www.northwind-outfitters.com:80/Legal/Privacy.aspx',
    ];
    for (const form of forms)
      expect(documentFromUrl(new URL(form)), form).toEqual({ key: 'privacy-policy', title: 'Privacy Policy' });
  });

  it('tells privacy, cookie and terms pages apart, also by query string and in other languages', () => {
    expect(documentFromUrl(new URL('https://x.de/datenschutz.html')).key).toBe('privacy-policy');
    expect(documentFromUrl(new URL('https://x.com/legal.php?page=privacy')).key).toBe('privacy-policy');
    expect(documentFromUrl(new URL('https://x.com/cookie-policy')).key).toBe('cookie-policy');
    expect(documentFromUrl(new URL('https://x.com/tos')).key).toBe('terms-of-service');
    expect(documentFromUrl(new URL('https://x.de/agb/')).key).toBe('terms-of-service');
  });

  it('keys other pages by their path', () => {
    expect(documentFromUrl(new URL('https://x.com/legal/data-processing-addendum/'))).toEqual({
      key: 'legal-data-processing-addendum',
      title: 'Data Processing Addendum',
    });
    expect(documentFromUrl(new URL('https://x.com/'))).toEqual({ key: 'home', title: 'Home Page' });
  });
});

describe('isWaybackHtml', () => {
  it('is true for replayed pages and raw id_ saves with a Wayback header', () => {
    expect(isWaybackHtml(decoded(fixturePath('replay-saved-northwind-privacy.html')).text)).toBe(true);
    expect(isWaybackHtml(decoded(fixturePath('2008-harbourview-privacy.htm')).text)).toBe(true);
    expect(isWaybackHtml(decoded(fixturePath('Privacy Notice - Acme Widgets.html')).text)).toBe(true);
  });

  it('is true for a page whose file name holds a Wayback timestamp, false for an ordinary page', () => {
    const raw = decoded(fixturePath('20180525000000_privacy.html')).text;
    expect(isWaybackHtml(raw)).toBe(false);
    expect(isWaybackHtml(raw, '/downloads/20180525000000_privacy.html')).toBe(true);
    expect(isWaybackHtml(raw, '/downloads/privacy-2018-05-25.html')).toBe(false);
    expect(isWaybackHtml(decoded(CONTOSO).text, 'index.html')).toBe(false);
  });
});
