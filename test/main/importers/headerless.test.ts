import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SkipFile } from '../../../src/main/importers/capture';
import { readCaptures } from '../../../src/main/importers/readCaptures';
import type { ImportContext } from '../../../src/main/importers/readCaptures';
import { fixturesDir, sampleBytes, samplePath } from './samplePaths';

const hubsPath = samplePath('princeton', '002_32d78ee2d899894e.txt');
const hubsBytes = sampleBytes('princeton', '002_32d78ee2d899894e.txt');
const knownVendors = [
  { key: 'protolabs.com', displayName: 'protolabs.com' },
  { key: '3dhubs.com', displayName: '3dhubs.com' },
  { key: 'formlabs.com', displayName: 'formlabs.com' },
];
const read = (path: string, bytes: Buffer, context: ImportContext) => {
  const captures = readCaptures(path, bytes, context);
  expect(captures).toHaveLength(1);
  return captures[0]!;
};
const fixture = (name: string) =>
  [resolve(fixturesDir, 'importers', name), readFileSync(resolve(fixturesDir, 'importers', name))] as const;

describe('header-less 3D Hubs copy (lower-cased, one sentence per line)', () => {
  it('with the vendor supplied: vendor not inferred, capture date inferred from "last updated. may 2020."', () => {
    const capture = read(hubsPath, hubsBytes, { overrides: { vendor: '3dhubs.com' }, knownVendors: [] });
    expect(capture).toMatchObject({
      vendor: { key: '3dhubs.com', displayName: '3dhubs.com' },
      document: { key: 'privacy-policy', title: 'Privacy Policy' },
      effectiveDate: '2020-05',
      capturedAt: '2020-05-01T00:00:00Z',
      waybackUrl: null,
      originalUrl: null,
      sourceFormat: 'headerless-text',
    });
    expect(capture.inferred).toEqual(['capturedAt']);
  });

  it('with vendor and date supplied: nothing inferred', () => {
    const capture = read(hubsPath, hubsBytes, {
      overrides: { vendor: '3dhubs.com', capturedAt: '2020-06-15T08:00:00Z' },
      knownVendors: [],
    });
    expect(capture.capturedAt).toBe('2020-06-15T08:00:00Z');
    expect(capture.effectiveDate).toBe('2020-05');
    expect(capture.inferred).toEqual([]);
  });

  it('a supplied vendor that the archive knows by display name reuses that vendor', () => {
    const capture = read(hubsPath, hubsBytes, {
      overrides: { vendor: '3D Hubs' },
      knownVendors: [{ key: '3dhubs.com', displayName: '3D Hubs' }],
    });
    expect(capture.vendor).toEqual({ key: '3dhubs.com', displayName: '3D Hubs' });
    expect(capture.inferred).not.toContain('vendor');
  });

  it('infers the vendor from the archive\'s known vendors ("3d hubs" → 3dhubs.com) and says so', () => {
    const capture = read(hubsPath, hubsBytes, { overrides: {}, knownVendors });
    expect(capture.vendor.key).toBe('3dhubs.com');
    expect(capture.inferred).toEqual(['vendor', 'capturedAt']);
    expect(capture.effectiveDate).toBe('2020-05');
  });

  it('with no known vendors, still infers "3d hubs" from the text, marked inferred', () => {
    const capture = read(hubsPath, hubsBytes, { overrides: {}, knownVendors: [] });
    expect(capture.vendor).toEqual({ key: '3d-hubs', displayName: '3d hubs' });
    expect(capture.inferred).toContain('vendor');
  });

  it('keeps one block per line of the copy', () => {
    const capture = read(hubsPath, hubsBytes, { overrides: { vendor: '3dhubs.com' }, knownVendors: [] });
    const lines = hubsBytes
      .toString('utf8')
      .split('\n')
      .filter((line) => line.trim() !== '');
    expect(capture.blocks).toHaveLength(lines.length);
    expect(capture.blocks.slice(1, 4).map((block) => block.text)).toEqual([
      'privacy policy.',
      'last updated.',
      'may 2020.',
    ]);
  });
});

describe('header-less files that cannot be fully told', () => {
  it('fails with the file and "pass --date" when no date is stated and none supplied', () => {
    const [path, bytes] = fixture('headerless-undated.txt');
    expect(() => readCaptures(path, bytes, { overrides: {}, knownVendors: [] })).toThrowError(
      `${path}: no header; cannot tell the capture date — pass --date`,
    );
    const capture = read(path, bytes, { overrides: { capturedAt: '2021-02' }, knownVendors: [] });
    expect(capture.capturedAt).toBe('2021-02-01T00:00:00Z');
    expect(capture.vendor.displayName).toBe('acme widgets');
    expect(capture.inferred).toEqual(['vendor']);
  });

  it('fails with the file and "pass --vendor" when nothing names the vendor', () => {
    const [path, bytes] = fixture('headerless-anonymous.txt');
    expect(() => readCaptures(path, bytes, { overrides: {}, knownVendors })).toThrowError(
      `${path}: no header; cannot tell the vendor — pass --vendor`,
    );
    const capture = read(path, bytes, { overrides: { vendor: 'shop.example.org' }, knownVendors });
    expect(capture).toMatchObject({
      vendor: { key: 'shop.example.org' },
      effectiveDate: '2021-03-03',
      capturedAt: '2021-03-03T00:00:00Z',
    });
  });

  it('rejects a supplied capture date that is not a date', () => {
    expect(() =>
      readCaptures(hubsPath, hubsBytes, {
        overrides: { vendor: '3dhubs.com', capturedAt: 'last spring' },
        knownVendors: [],
      }),
    ).toThrowError(/capture date "last spring" is not an ISO date/);
  });

  it('skips text that is not a policy', () => {
    const [path, bytes] = fixture('not-a-policy.txt');
    const attempt = () =>
      readCaptures(path, bytes, { overrides: { vendor: 'x.com', capturedAt: '2020-01-01' }, knownVendors: [] });
    expect(attempt).toThrowError(SkipFile);
    expect(attempt).toThrowError('does not look like a privacy policy or terms document');
  });

  it('skips a short note that mentions privacy but is no policy', () => {
    const bytes = Buffer.from(
      'Our privacy policy moved. Please see the new page on our website for the details you need.\n',
    );
    expect(() =>
      readCaptures('/notes/moved.txt', bytes, { overrides: { vendor: 'x.com' }, knownVendors: [] }),
    ).toThrowError('does not look like a privacy policy or terms document');
  });
});

describe('header-less HTML', () => {
  const policy = `<p>${'We collect personal information you give us and use it to provide the service. '.repeat(8)}</p>`;

  it('takes the vendor from the canonical URL (inferred) and the date from the text', () => {
    const html = `<html><head><title>Privacy</title><link rel="canonical" href="https://www.example.com/legal/privacy"></head>
      <body><main><h1>Privacy Policy</h1><p>Last updated: 2 January 2019</p>${policy}</main></body></html>`;
    const capture = read('/saved/privacy.html', Buffer.from(html), { overrides: {}, knownVendors: [] });
    expect(capture).toMatchObject({
      vendor: { key: 'example.com' },
      originalUrl: 'https://www.example.com/legal/privacy',
      effectiveDate: '2019-01-02',
      capturedAt: '2019-01-02T00:00:00Z',
      sourceFormat: 'headerless-text',
    });
    expect(capture.inferred).toEqual(['vendor', 'capturedAt', 'originalUrl']);
  });

  it('needs the same vendor and date as header-less text', () => {
    const html = `<html><body><main>${policy}</main></body></html>`;
    expect(() => readCaptures('/saved/p.htm', Buffer.from(html), { overrides: {}, knownVendors: [] })).toThrowError(
      /p\.htm: no header; cannot tell the vendor — pass --vendor/,
    );
    const capture = read('/saved/p.htm', Buffer.from(html), {
      overrides: { vendor: 'example.org', capturedAt: '2019-03-01' },
      knownVendors: [],
    });
    expect(capture).toMatchObject({ vendor: { key: 'example.org' }, capturedAt: '2019-03-01T00:00:00Z', inferred: [] });
  });
});
