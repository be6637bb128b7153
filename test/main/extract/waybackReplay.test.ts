import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../src/main/extract/charset';
import { extractHtml } from '../../../src/main/extract/htmlBlocks';
import {
  findCaptureEvidence,
  hasWaybackMarkers,
  metaRefresh,
  replayNoticeReason,
  restoreOriginalLinks,
  stripReplayMarkup,
} from '../../../src/main/extract/waybackReplay';
import { fixturesDir, princetonManifest } from '../importers/samplePaths';

const fixture = (name: string): string => decodeHtml(readFileSync(resolve(fixturesDir, 'wayback', name))).text;
const replaySaved = fixture('replay-saved-northwind-privacy.html');
const page2008 = fixture('2008-harbourview-privacy.htm');
const textOf = (html: string): string =>
  extractHtml(html)
    .blocks.map((block) => block.text)
    .join('\n');

/** Everything the replay adds to a page, as it appears in saved files. */
const REPLAY_MARKERS = [
  'wm-ipp',
  '__wm.',
  'wombat',
  'WAYBACK TOOLBAR INSERT',
  'Wayback Rewrite JS Include',
  'bundle-playback',
  'ruffle',
  'RufflePlayer',
  'archive_analytics',
  '_static/',
  'banner-styles',
  'iconochive',
  'FILE ARCHIVED ON',
  'INTERNET ARCHIVE ON',
  'playback timings',
  'web.archive.org',
  '/web/2016',
  '/web/2014',
  'The Wayback Machine -',
  'captures',
];

describe('stripReplayMarkup', () => {
  describe('a page saved through the replay, with the current and the old toolbar', () => {
    const stripped = stripReplayMarkup(replaySaved);

    it('the fixture really carries both toolbars and every replay marker', () => {
      expect(replaySaved).toContain('<div id="wm-ipp-base"');
      expect(replaySaved).toContain('<div id="wm-ipp" lang="en" style="display:none;">');
      for (const marker of REPLAY_MARKERS) expect(replaySaved).toContain(marker);
    });

    it('removes every replay marker from the HTML', () => {
      for (const marker of REPLAY_MARKERS) expect(stripped).not.toContain(marker);
    });

    it('restores rewritten links to the original URLs, relative and absolute forms alike', () => {
      expect(stripped).toContain('href="https://www.northwind-outfitters.com/legal/terms"');
      expect(stripped).toContain('href="https://www.northwind-outfitters.com/legal/cookies"');
      expect(stripped).toContain('src="https://www.northwind-outfitters.com/assets/img/logo.png"');
      expect(stripped).toContain('href="https://www.northwind-outfitters.com/legal/privacy"'); // the canonical link
    });

    it('keeps the page itself: its head, its own scripts and the whole policy', () => {
      expect(stripped).toContain('<title>Privacy Policy | Northwind Outfitters</title>');
      expect(stripped).toContain('<meta charset="utf-8">');
      expect(stripped).toContain("_gaq.push(['_setAccount', 'UA-1234567-8']);");
      const text = textOf(stripped);
      expect(text).toContain('Sharing With Service Providers');
      expect(text).toContain('privacy@northwind-outfitters.com');
      for (const noise of ['captures', 'About this capture', 'COLLECTED BY', 'TIMESTAMPS', 'Close', 'Help'])
        expect(text).not.toContain(noise);
    });

    it('is idempotent', () => {
      expect(stripReplayMarkup(stripped)).toBe(stripped);
    });
  });

  it('removes the 2008-era <BASE HREF>, script comment and "REWRITTEN BY THE WAYBACK MACHINE" notes', () => {
    const stripped = stripReplayMarkup(page2008);
    for (const marker of [
      'BASE HREF',
      'sWayBackCGI',
      'FILE ARCHIVED ON',
      'xLateUrl',
      'web.archive.org',
      'REWRITTEN BY',
    ])
      expect(stripped).not.toContain(marker);
    expect(stripped).toContain('href="http://www.harbourview-books.co.uk/maritime.htm"');
    expect(textOf(stripped)).toContain('Data Protection Act 1998');
  });

  it('leaves pages without replay markup exactly as they were (the real Princeton HTML captures)', () => {
    const pages = princetonManifest().filter((row) => row.kind === 'html');
    expect(pages.length).toBeGreaterThanOrEqual(7);
    for (const row of pages) {
      const html = decodeHtml(readFileSync(row.path)).text;
      expect(stripReplayMarkup(html), row.path).toBe(html);
    }
  });

  it('a `<!--` inside a script never swallows the policy that follows it', () => {
    const html =
      '<html><body><script>if (a<!--b) { run(); }</script><main><h1>Privacy</h1><p>We keep your data safe.</p></main>' +
      '</body></html>\n<!--\n     FILE ARCHIVED ON 3:42:17 Mar 22, 2015 AND RETRIEVED FROM THE\n     INTERNET ARCHIVE ON 1:33:03 Apr 13, 2017.\n-->';
    const stripped = stripReplayMarkup(html);
    expect(stripped).toContain('We keep your data safe.');
    expect(stripped).not.toContain('FILE ARCHIVED');
  });

  it('removes a toolbar div with everything nested in it, and nothing after it', () => {
    const toolbar = `<div id="wm-ipp-base"><div><div>${'<div class="x">CAPTURE-INFO</div>'.repeat(500)}</div></div></div>`;
    const stripped = stripReplayMarkup(`<body>${toolbar}<div id="content"><p>Policy text stays.</p></div></body>`);
    expect(stripped).toBe('<body><div id="content"><p>Policy text stays.</p></div></body>');
  });

  it('stays linear on hostile input (megabytes of unclosed tags, comments and toolbar openers)', () => {
    const started = Date.now();
    for (const unit of [
      '<div id="wm-ipp"',
      '<script',
      '<!--',
      '<link href="/_static/css/',
      '<base ',
      '/web/2016/http:',
    ]) {
      const html = `<!-- BEGIN WAYBACK TOOLBAR INSERT -->${unit.repeat(200_000)}<p>end</p>`;
      stripReplayMarkup(html);
      findCaptureEvidence(html, 'page.html');
      hasWaybackMarkers(html);
      replayNoticeReason(html);
    }
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe('restoreOriginalLinks', () => {
  it('rewrites /web/<ts><flag>/ prefixes in attributes, srcset and CSS, and leaves the site’s own /web/ paths alone', () => {
    const html =
      '<img srcset="/web/20160314093512im_/https://x.com/a.png 1x, /web/20160314093512im_/https://x.com/b.png 2x">' +
      '<div style="background:url(/web/20160314093512im_/http://x.com/bg.gif)"></div>' +
      '<a href="//web.archive.org/web/20160314093512/http://x.com/about">About</a>' +
      '<a href="/web/design-guide">Design</a>';
    expect(restoreOriginalLinks(html)).toBe(
      '<img srcset="https://x.com/a.png 1x, https://x.com/b.png 2x">' +
        '<div style="background:url(http://x.com/bg.gif)"></div>' +
        '<a href="http://x.com/about">About</a>' +
        '<a href="/web/design-guide">Design</a>',
    );
  });
});

describe('findCaptureEvidence', () => {
  it('reads the __wm.wombat call first: time, original URL and the Wayback URL', () => {
    const evidence = findCaptureEvidence(replaySaved, 'replay-saved-northwind-privacy.html');
    expect(evidence).toMatchObject({
      capturedAt: '2016-03-14T09:35:12Z',
      timestampSource: 'wombat-call',
      originalUrl: 'https://www.northwind-outfitters.com/legal/privacy',
      host: 'northwind-outfitters.com',
      hostGuessed: false,
      partialTimestamp: false,
      waybackUrl: 'https://web.archive.org/web/20160314093512/https://www.northwind-outfitters.com/legal/privacy',
    });
  });

  const withoutWombat = replaySaved.replace(/__wm\.wombat\([^)]*\);/, '');

  it('falls back to the closing "FILE ARCHIVED ON" comment, read to the second in UTC (one-digit hours too)', () => {
    const evidence = findCaptureEvidence(withoutWombat, 'page.html');
    expect(evidence.capturedAt).toBe('2016-03-14T09:35:12Z');
    expect(evidence.timestampSource).toBe('closing-comment');
    const wrapped =
      '<p>x</p><!--\n  FILE ARCHIVED ON 3:42:17 Mar 22, 2015 AND RETRIEVED FROM THE\n  INTERNET ARCHIVE ON 1:33:03 Apr 13, 2017.\n-->';
    expect(findCaptureEvidence(wrapped, 'page.html')).toMatchObject({
      capturedAt: '2015-03-22T03:42:17Z',
      timestampSource: 'closing-comment',
    });
  });

  it('without wombat call and comment, uses the page’s own Wayback URLs (print line, canonical link)', () => {
    const html = withoutWombat.replace(/FILE ARCHIVED ON/g, 'FILED');
    expect(findCaptureEvidence(html, 'page.html')).toMatchObject({
      capturedAt: '2016-03-14T09:35:12Z',
      timestampSource: 'wayback-url',
      originalUrl: 'https://www.northwind-outfitters.com/legal/privacy',
    });
  });

  it('with only rewritten links, takes their most common timestamp and host — not the toolbar’s other captures', () => {
    const html = withoutWombat
      .replace(/FILE ARCHIVED ON/g, 'FILED')
      .replace(/<!-- BEGIN WAYBACK TOOLBAR INSERT -->[\s\S]*?<!-- END WAYBACK TOOLBAR INSERT -->/, '')
      .replace(/<link rel="canonical"[^>]*>/, '')
      .replace(/__wm\.bt\([^)]*\);/g, '');
    // The old toolbar left in the page links to captures of 2014.
    expect(html).toContain('/web/20140412000000/');
    expect(findCaptureEvidence(html, 'page.html')).toMatchObject({
      capturedAt: '2016-03-14T09:35:12Z',
      timestampSource: 'wayback-url',
      originalUrl: null,
      host: 'northwind-outfitters.com',
      hostGuessed: true,
    });
  });

  it('trusts a 14-digit timestamp in the file name over the page, and still reads the URL from the page', () => {
    const evidence = findCaptureEvidence(replaySaved, '/downloads/20160401000000_northwind.html');
    expect(evidence.capturedAt).toBe('2016-04-01T00:00:00Z');
    expect(evidence.timestampSource).toBe('file-name');
    expect(evidence.originalUrl).toBe('https://www.northwind-outfitters.com/legal/privacy');
  });

  it('reads a Wayback URL written into a saved page’s name or a wget mirror’s path', () => {
    expect(
      findCaptureEvidence('<p>x</p>', 'web.archive.org_web_20150322034217_https___www.example.com_privacy.html'),
    ).toMatchObject({ capturedAt: '2015-03-22T03:42:17Z', timestampSource: 'file-name', host: 'example.com' });
    expect(
      findCaptureEvidence(
        '<p>x</p>',
        'mirror/web.archive.org/web/20150322034217/http:/www.example.com/legal/privacy.html',
      ),
    ).toMatchObject({
      capturedAt: '2015-03-22T03:42:17Z',
      timestampSource: 'file-name',
      originalUrl: 'http://www.example.com/legal/privacy.html',
    });
  });

  it('reads the 2008-era script comment (14 digits) and the URL from <BASE HREF>', () => {
    expect(findCaptureEvidence(page2008, '2008-harbourview-privacy.htm')).toMatchObject({
      capturedAt: '2008-04-12T15:30:00Z',
      timestampSource: 'closing-comment',
      originalUrl: 'http://www.harbourview-books.co.uk/privacy.htm',
      host: 'harbourview-books.co.uk',
    });
    const wstub = '<html><head><BASE HREF="http://www.example.org.wstub.archive.org/legal/privacy.html"></head></html>';
    expect(findCaptureEvidence(wstub, 'p.html').originalUrl).toBe('http://www.example.org/legal/privacy.html');
  });

  it('reads the 2012-era toolbar’s current URL and date field when the page has no other URL', () => {
    const html = fixture('2012-brightwater-cookie-policy.html');
    expect(findCaptureEvidence(html, 'page.html')).toMatchObject({
      capturedAt: '2012-06-01T10:05:33Z',
      timestampSource: 'closing-comment',
      originalUrl: 'http://www.brightwatergardens.co.uk/cookie-policy.aspx',
    });
  });

  it('reads the 2015–2018 WB_wombat_Init call (timestamp and host)', () => {
    const html =
      "<script>WB_wombat_Init('https://web.archive.org/web', '20180707155901', 'www.tetrimus.com');</script><p>x</p>";
    expect(findCaptureEvidence(html, 'p.html')).toMatchObject({
      capturedAt: '2018-07-07T15:59:01Z',
      timestampSource: 'wombat-call',
      host: 'tetrimus.com',
      originalUrl: null,
    });
  });

  it('reads a raw id_ capture’s “saved from url” header', () => {
    const evidence = findCaptureEvidence(
      fixture('Privacy Notice - Acme Widgets.html'),
      'Privacy Notice - Acme Widgets.html',
    );
    expect(evidence).toMatchObject({
      capturedAt: '2019-06-07T12:13:14Z',
      timestampSource: 'wayback-url',
      originalUrl: 'https://www.acme-widgets.com/privacy',
    });
  });

  it('uses partial /web/<yyyy>/ timestamps only when nothing better exists, padded to the period’s start, and says so', () => {
    const partialOnly =
      '<a href="/web/2018/https://www.example.com/a">a</a><a href="/web/2018/https://www.example.com/b">b</a>';
    const evidence = findCaptureEvidence(partialOnly, 'page.html');
    expect(evidence).toMatchObject({ capturedAt: '2018-01-01T00:00:00Z', partialTimestamp: true, host: 'example.com' });
    expect(evidence.notes.join(' ')).toMatch(/partial capture time.*2018.*start of that period/);
    const withFull = `${partialOnly}<a href="/web/20180611120000/https://www.example.com/c">c</a>`;
    expect(findCaptureEvidence(withFull, 'page.html')).toMatchObject({
      capturedAt: '2018-06-11T12:00:00Z',
      partialTimestamp: false,
    });
  });

  it('a date-only file name is a partial time, beaten by any full timestamp in the page', () => {
    expect(findCaptureEvidence('<p>x</p>', 'privacy-2018-05-25.html')).toMatchObject({
      capturedAt: '2018-05-25T00:00:00Z',
      timestampSource: 'file-name',
      partialTimestamp: true,
    });
    expect(findCaptureEvidence(replaySaved, 'privacy-2018-05-25.html').timestampSource).toBe('wombat-call');
  });

  it('finds nothing in a page without Wayback metadata', () => {
    expect(findCaptureEvidence('<html><body><p>Privacy</p></body></html>', 'privacy.html')).toMatchObject({
      capturedAt: null,
      timestampSource: null,
      originalUrl: null,
      host: null,
      candidates: [],
    });
  });
});

describe('replay notices and redirects', () => {
  it('names a redirect placeholder and where it redirects', () => {
    expect(replayNoticeReason(fixture('redirect-placeholder.html'))).toBe(
      'Wayback redirect placeholder (HTTP 301 at crawl time to https://www.northwind-outfitters.com/legal/privacy), not a policy',
    );
  });

  it('names the Wayback Machine’s own error page', () => {
    expect(replayNoticeReason(fixture('wayback-not-archived.html'))).toMatch(/^Wayback Machine error page/);
  });

  it('says nothing about an ordinary replayed policy', () => {
    expect(replayNoticeReason(replaySaved)).toBeNull();
  });

  it('reads a meta refresh and its target', () => {
    expect(metaRefresh(fixture('meta-refresh-only.html'))).toEqual({
      target: 'https://www.contoso-cloud.com/legal/privacy',
    });
    expect(metaRefresh(replaySaved)).toBeNull();
  });

  it('recognises replayed pages and raw id_ saves, not ordinary pages', () => {
    expect(hasWaybackMarkers(replaySaved)).toBe(true);
    expect(hasWaybackMarkers(page2008)).toBe(true);
    expect(hasWaybackMarkers(fixture('Privacy Notice - Acme Widgets.html'))).toBe(true);
    expect(hasWaybackMarkers(fixture('20180525000000_privacy.html'))).toBe(false);
    expect(hasWaybackMarkers(fixture('meta-refresh-only.html'))).toBe(false);
  });
});
