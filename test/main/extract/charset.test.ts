import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import {
  declaredCharset,
  decodeHtml,
  decodeText,
  looksBinary,
  resolveEncoding,
} from '../../../src/main/extract/charset';
import { fixturesDir } from '../importers/samplePaths';

const fixture = (name: string) => readFileSync(resolve(fixturesDir, 'charset', name));
const SENTENCE = '“Your privacy matters,” says the café’s owner – we collect your e-mail address and the € amount';

describe('charset', () => {
  it('the windows-1252 fixtures really are not UTF-8 (smart quotes and é as single bytes)', () => {
    const bytes = fixture('windows-1252-declared.html');
    expect(bytes.includes(Buffer.from([0x93]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xe9]))).toBe(true);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });

  it('honours <meta charset="windows-1252">', () => {
    const decoded = decodeHtml(fixture('windows-1252-declared.html'));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', source: 'declared' });
    expect(decoded.text).toContain(SENTENCE);
  });

  it('reads an http-equiv ISO-8859-1 declaration as windows-1252, as browsers do (smart quotes survive)', () => {
    expect(declaredCharset(fixture('latin1-http-equiv.html'))).toBe('ISO-8859-1');
    const decoded = decodeHtml(fixture('latin1-http-equiv.html'));
    expect(decoded.source).toBe('declared');
    expect(decoded.text).toContain(SENTENCE);
  });

  it('detects windows-1252 when nothing is declared', () => {
    const decoded = decodeHtml(fixture('windows-1252-undeclared.html'));
    expect(decoded.source).toBe('detected');
    expect(decoded.text).toContain(SENTENCE);
  });

  it('honours a UTF-8 or UTF-16 byte order mark and drops it', () => {
    const utf8 = decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('café', 'utf8')]));
    expect(utf8).toEqual({ text: 'café', encoding: 'utf-8', source: 'bom' });
    const utf16 = decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('privacy café', 'utf-16le')]));
    expect(utf16.text).toBe('privacy café');
    expect(looksBinary(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('text', 'utf-16le')]))).toBe(false);
  });

  it('prefers valid UTF-8 over a stale latin1 declaration', () => {
    const bytes = Buffer.from('<meta charset="iso-8859-1"><p>café “quoted”</p>', 'utf8');
    expect(decodeHtml(bytes)).toMatchObject({ encoding: 'utf-8', source: 'utf-8' });
    expect(decodeHtml(bytes).text).toContain('café “quoted”');
  });

  it('does not trust a UTF-8 declaration on bytes that are not UTF-8', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="utf-8"><p>'), fixture('windows-1252-undeclared.html')]);
    expect(decodeHtml(bytes).text).toContain(SENTENCE);
  });

  it('decodes Shift_JIS when declared', () => {
    const bytes = Buffer.concat([
      Buffer.from('<meta charset="shift_jis"><p>'),
      iconv.encode('個人情報保護方針', 'shift_jis'),
    ]);
    expect(decodeHtml(bytes).text).toContain('個人情報保護方針');
  });

  it('maps charset labels the WHATWG way and rejects unknown ones', () => {
    expect(resolveEncoding('latin1')).toBe('windows-1252');
    expect(resolveEncoding(' UTF8 ')).toBe('utf-8');
    expect(resolveEncoding('utf-16')).toBe('utf-8');
    expect(resolveEncoding('x-made-up')).toBeNull();
  });

  it('tells binary bytes from text', () => {
    expect(looksBinary(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00]))).toBe(true);
    expect(looksBinary(Buffer.from('plain text\twith\r\nline breaks'))).toBe(false);
    expect(looksBinary(fixture('windows-1252-declared.html'))).toBe(false);
    expect(looksBinary(Buffer.alloc(0))).toBe(false);
  });
});
