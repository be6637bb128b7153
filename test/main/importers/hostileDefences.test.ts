/**
 * The defences the hostile-input suite needed, one by one: nesting limited
 * before parsing, mostly-UTF-8 pages decoded as UTF-8, stray NULs tolerated
 * and dropped, implausible capture times named, files named like web
 * archives that are not explained.
 */
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { implausibleCaptureTimeReason } from '../../../src/main/extract/captureTime';
import { decodeHtml, looksBinary } from '../../../src/main/extract/charset';
import { htmlBlocks } from '../../../src/main/extract/htmlBlocks';
import { limitNesting } from '../../../src/main/extract/limitNesting';
import { blockReadingCounts } from '../../../src/main/extract/readability';
import { notAContainerReason } from '../../../src/main/importers/containerSniff';
import { gzip, noise } from '../../hostile/hostileBytes';

describe('limitNesting', () => {
  it('leaves ordinary pages exactly as they are', () => {
    const page = `<html><body>${'<div><p>Para <b>bold</b></p></div>'.repeat(500)}<ul><li>one<li>two</ul></body></html>`;
    expect(limitNesting(page, 256)).toBe(page);
  });

  it('drops the tags beyond the limit but keeps every word', () => {
    const words = 'Some policy words here. '.repeat(20);
    const deep = `${'<div>'.repeat(10_000)}<p>Deep inside.</p>${'</div>'.repeat(10_000)}`;
    const page = `<html><head><title>T</title></head><body><main><h1>Privacy</h1><p>${words}</p>${deep}<p>After.</p></main></body></html>`;
    const limited = limitNesting(page, 256);
    expect(limited.match(/<div>/g)!.length).toBeLessThan(256);
    expect(limited).toContain('Deep inside.');
    const texts = htmlBlocks(limited).map((block) => block.text);
    expect(texts).toEqual(expect.arrayContaining(['Privacy', 'Deep inside.', 'After.']));
  });

  it('does not count tags inside scripts and comments', () => {
    const page = `<body><script>${'document.write("<div>");'.repeat(400)}</script><!-- ${'<div>'.repeat(400)} --><p>Text</p></body>`;
    expect(limitNesting(page, 256)).toBe(page);
  });
});

describe('decoding damaged text', () => {
  it('reads a mostly-UTF-8 page with broken bytes as UTF-8, the broken bytes as U+FFFD', () => {
    const bytes = Buffer.concat([Buffer.from('<p>Grüße — “ok”</p>', 'utf8'), Buffer.from([0xff, 0xc3, 0x28])]);
    const decoded = decodeHtml(bytes);
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Grüße — “ok”');
    expect(decoded.text).toContain('\uFFFD');
  });

  it('still reads a windows-1252 page as windows-1252', () => {
    const decoded = decodeHtml(iconv.encode('<p>Café “crème” à la française</p>', 'windows-1252'));
    expect(decoded.text).toBe('<p>Café “crème” à la française</p>');
  });

  it('takes a stray NUL in a page for damage (dropped), and NUL-heavy bytes for binary', () => {
    const page = Buffer.from(`<p>${'Privacy policy text. '.repeat(20)}pri\u0000vacy</p>`, 'utf8');
    expect(looksBinary(page)).toBe(false);
    expect(decodeHtml(page).text).not.toContain('\u0000');
    expect(decodeHtml(page).text).toContain('privacy</p>');
    expect(looksBinary(iconv.encode('<p>Privacy</p>', 'utf16le'))).toBe(true);
    expect(looksBinary(noise(4096))).toBe(true);
  });
});

describe('other limits', () => {
  it('names capture times before the web or in the future', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(implausibleCaptureTimeReason('1990-12-31T23:59:59Z', now)).toMatch(/before the web existed/);
    expect(implausibleCaptureTimeReason('2026-01-03T00:00:00Z', now)).toMatch(/in the future/);
    expect(implausibleCaptureTimeReason('1996-05-10T00:00:00Z', now)).toBeNull();
    // A zone ahead of the importing machine's clock is not the future.
    expect(implausibleCaptureTimeReason('2026-01-01T12:00:00Z', now)).toBeNull();
  });

  it('counts syllables of an absurdly long token in linear time', () => {
    const counts = blockReadingCounts(`Short words here ${'ab'.repeat(2_000_000)}`);
    expect(counts.words).toBe(4);
    expect(counts.syllables).toBeGreaterThan(3);
  });

  it('explains why a file named like a web archive is not one', () => {
    expect(notAContainerReason('x.warc.gz', Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), noise(200)]))).toMatch(
      /gzip data is corrupt/,
    );
    expect(notAContainerReason('x.warc.gz', gzip('<html>not a warc</html>'))).toMatch(/does not start with a WARC/);
    expect(notAContainerReason('x.wacz', Buffer.from('plain text'))).toMatch(/not a zip file/);
    expect(notAContainerReason('x.warc', Buffer.alloc(0))).toMatch(/empty/);
  });
});
