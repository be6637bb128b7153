import { describe, expect, it } from 'vitest';
import { decodeOriginalUrl, parseWaybackUrl, waybackTimestampToIso } from '../../../src/main/extract/waybackUrl';

describe('Wayback URLs', () => {
  it('splits timestamp, flag and the percent-decoded original URL', () => {
    expect(
      parseWaybackUrl('https://web.archive.org/web/20180813142116id_/https%3A//formlabs.com/support/privacy-policy'),
    ).toEqual({
      timestamp: '20180813142116',
      flag: 'id_',
      originalUrl: 'https://formlabs.com/support/privacy-policy',
    });
    expect(parseWaybackUrl('http://web.archive.org/web/2018/https://example.com/a?b=c')).toEqual({
      timestamp: '2018',
      flag: '',
      originalUrl: 'https://example.com/a?b=c',
    });
    expect(parseWaybackUrl('https://example.com/web/2018/x')).toBeNull();
  });

  it('decodes whole-URL percent-encoding only, keeping escapes of URLs that were not encoded that way', () => {
    expect(decodeOriginalUrl('http%3A//www.example.com/p.php%3Fid%3D3')).toBe('http://www.example.com/p.php?id=3');
    expect(decodeOriginalUrl('https://example.com/a%20b')).toBe('https://example.com/a%20b');
    expect(decodeOriginalUrl('http%3A//bad%E0%A4%A.com')).toBe('http%3A//bad%E0%A4%A.com');
  });

  it('turns 14-digit timestamps into ISO UTC and refuses partial or impossible ones', () => {
    expect(waybackTimestampToIso('20180813142116')).toBe('2018-08-13T14:21:16Z');
    expect(waybackTimestampToIso('2018081314')).toBeNull();
    expect(waybackTimestampToIso('20181345142116')).toBeNull();
    expect(waybackTimestampToIso('20180813246116')).toBeNull();
  });
});
