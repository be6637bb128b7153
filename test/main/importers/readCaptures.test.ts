import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkipFile } from '../../../src/main/importers/capture';
import { formatOf, readCaptures } from '../../../src/main/importers/readCaptures';
import type { ImportContext } from '../../../src/main/importers/readCaptures';
import { fixturesDir, sampleBytes, samplePath } from './samplePaths';

const context: ImportContext = { overrides: {}, knownVendors: [] };
const fixture = (name: string) =>
  [resolve(fixturesDir, 'importers', name), readFileSync(resolve(fixturesDir, 'importers', name))] as const;

function skipReason(path: string, bytes: Buffer, ctx: ImportContext = context): string {
  try {
    readCaptures(path, bytes, ctx);
  } catch (error) {
    if (error instanceof SkipFile) return error.message;
    throw error;
  }
  throw new Error('expected the file to be skipped');
}

describe('readCaptures', () => {
  it('skips binary bytes named .html', () => {
    const [path, bytes] = fixture('binary.html');
    expect(skipReason(path, bytes)).toBe('binary file, not text');
    expect(formatOf(path, bytes)).toBeNull();
  });

  it('skips unsupported file types, naming the extension', () => {
    expect(skipReason('/x/policy.pdf', Buffer.from('%PDF-1.4\n'))).toBe('unsupported file type: .pdf');
    expect(skipReason('/x/README', Buffer.from('hello'))).toBe('unsupported file type: (no extension)');
    expect(formatOf('/x/policy.pdf', Buffer.from('%PDF-1.4\n'))).toBeNull();
  });

  it('reads a Princeton file whatever its extension, even none', () => {
    const bytes = sampleBytes('princeton-history', 'formlabs.com', '2016-05-09.md');
    const [capture] = readCaptures('/dataset/f/fo/for/formlabs.com', bytes, context);
    expect(capture?.vendor.key).toBe('formlabs.com');
  });

  it('skips files with (next to) no text', () => {
    expect(
      skipReason('/x/empty.md', Buffer.alloc(0), {
        overrides: { vendor: 'a.com', capturedAt: '2020-01-01' },
        knownVendors: [],
      }),
    ).toBe('no policy text found');
    expect(skipReason('/x/empty.html', Buffer.from('<html><body><script>var a = 1;</script></body></html>'))).toBe(
      'no policy text found',
    );
    const headerOnly =
      '> *The following text is extracted and transformed from the a.com privacy policy that was archived on 2018-08-13.*\n\n#\n';
    expect(skipReason('/x/a.com.md', Buffer.from(headerOnly))).toBe('no policy text found');
  });

  it('names the file and the problem for a malformed header', () => {
    const [path, bytes] = fixture('bad-date-header.md');
    expect(() => readCaptures(path, bytes, context)).toThrowError(
      `${path}: malformed Princeton header: archive date "2018-13-45" is not a real date`,
    );
    expect(() => readCaptures(path, bytes, context)).not.toThrowError(SkipFile);
  });

  it('tells the format of every sample without extracting it', () => {
    expect(
      formatOf(
        samplePath('princeton', '000_9ca36c3538ce9d6e.txt'),
        sampleBytes('princeton', '000_9ca36c3538ce9d6e.txt'),
      ),
    ).toBe('princeton-plain');
    expect(
      formatOf(
        samplePath('princeton', '001_670e77c443145c28.txt'),
        sampleBytes('princeton', '001_670e77c443145c28.txt'),
      ),
    ).toBe('princeton-markdown');
    expect(
      formatOf(
        samplePath('princeton', '002_32d78ee2d899894e.txt'),
        sampleBytes('princeton', '002_32d78ee2d899894e.txt'),
      ),
    ).toBe('headerless-text');
    const html = samplePath('princeton-history', 'ultimaker.com', '2019-09-25.html');
    expect(formatOf(html, readFileSync(html))).toBe('princeton-html');
  });

  it('reads a windows-1252 Princeton HTML file with its declared charset', () => {
    const page = readFileSync(resolve(fixturesDir, 'charset', 'windows-1252-declared.html'));
    const header = Buffer.from(
      '<!--The following is the downloaded HTML source of the cafe.example.com privacy policy that was archived on 2010-03-01.\n Please check the original snapshot on the Wayback Machine (https://web.archive.org/web/20100301120000id_/http%3A//cafe.example.com/privacy) for the most accurate reproduction.-->\n',
    );
    const [capture] = readCaptures('/x/cafe.example.com.html', Buffer.concat([header, page]), context);
    expect(capture?.blocks.map((b) => b.text).join('\n')).toContain('“Your privacy matters,” says the café’s owner');
  });

  it('produces only normalised, non-empty blocks for every sample', () => {
    const files = [
      samplePath('princeton', '001_670e77c443145c28.txt'),
      samplePath('princeton-history', 'protolabs.com', '2012-12-31.html'),
      samplePath('open-terms-archive', 'Grok', 'Privacy Policy', '2025-11-11T15-31-48Z.md'),
    ];
    for (const file of files) {
      const [capture] = readCaptures(file, readFileSync(file), context);
      expect(capture!.blocks.length).toBeGreaterThan(0);
      for (const block of capture!.blocks) {
        expect(block.text).not.toBe('');
        expect(block.text).toBe(block.text.trim());
        expect(block.text).not.toMatch(/\s{2}|[\u200b\ufeff]/);
      }
    }
  });
});
