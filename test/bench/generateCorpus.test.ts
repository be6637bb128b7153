import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus, type GeneratedCorpus } from '../../bench/corpus/generateCorpus';
import { splitChunks } from '../../bench/corpus/seedTexts';
import { samplesDir, tempDir } from '../support/paths';

const cleanups: Array<() => void> = [];
afterAll(() => cleanups.forEach((cleanup) => cleanup()));

function generate(seed: number, vendors = 3, versionsPerVendor = 6): { dir: string; corpus: GeneratedCorpus } {
  const { dir, cleanup } = tempDir('pae-corpus-');
  cleanups.push(cleanup);
  return { dir, corpus: generateCorpus({ outDir: dir, vendors, versionsPerVendor, seed, samplesDir }) };
}

/** Every file of a corpus folder: relative path → content. */
function snapshotOf(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const vendor of readdirSync(dir).sort()) {
    for (const file of readdirSync(join(dir, vendor)).sort()) {
      files.set(`${vendor}/${file}`, readFileSync(join(dir, vendor, file), 'utf8'));
    }
  }
  return files;
}

/** The policy text of a generated file, without the Princeton header line. */
function bodyOf(content: string): string[] {
  return splitChunks(content.split('\n').slice(1).join('\n'));
}

describe('generateCorpus', () => {
  const first = generate(42);

  it('writes vendors × versions Princeton Markdown files, one folder per vendor domain', () => {
    expect(first.corpus.snapshots).toBe(18);
    expect(first.corpus.files).toHaveLength(18);
    const files = snapshotOf(first.dir);
    expect([...files.keys()].every((path) => /^vendor\d{4}\.example\/\d{4}-\d{2}-\d{2}\.md$/.test(path))).toBe(true);
    expect(new Set([...files.keys()].map((path) => path.split('/')[0])).size).toBe(3);
    const total = [...files.values()].reduce((sum, content) => sum + Buffer.byteLength(content), 0);
    expect(first.corpus.totalBytes).toBe(total);
  });

  it('gives identical files for the same seed', () => {
    const again = generate(42);
    expect(snapshotOf(again.dir)).toEqual(snapshotOf(first.dir));
  });

  it('gives different files for a different seed', () => {
    const other = generate(43);
    const a = [...snapshotOf(first.dir).values()];
    const b = [...snapshotOf(other.dir).values()];
    expect(b).not.toEqual(a);
  });

  it('makes consecutive versions share most paragraphs without being identical', () => {
    for (const vendor of readdirSync(first.dir)) {
      const versions = readdirSync(join(first.dir, vendor))
        .sort()
        .map((file) => bodyOf(readFileSync(join(first.dir, vendor, file), 'utf8')));
      for (let index = 1; index < versions.length; index++) {
        const before = versions[index - 1]!;
        const after = versions[index]!;
        expect(after.join('\n\n')).not.toBe(before.join('\n\n'));
        const kept = new Set(before);
        const shared = after.filter((chunk) => kept.has(chunk)).length;
        expect(shared / after.length).toBeGreaterThan(0.6);
      }
    }
  });

  it('writes headers with increasing archive dates and matching Wayback links', () => {
    for (const vendor of readdirSync(first.dir)) {
      const files = readdirSync(join(first.dir, vendor)).sort();
      let previous = '';
      for (const file of files) {
        const header = readFileSync(join(first.dir, vendor, file), 'utf8').split('\n')[0]!;
        const date = file.replace(/\.md$/, '');
        expect(date > previous).toBe(true);
        previous = date;
        expect(header).toContain(`from the ${vendor} privacy policy that was archived on ${date}.`);
        const link = /\(https:\/\/web\.archive\.org\/web\/(\d{14})id_\/(https?%3A\/\/www\.[^)]+)\)/.exec(header);
        expect(link).not.toBeNull();
        expect(link![1]!.startsWith(date.replace(/-/g, ''))).toBe(true);
        expect(decodeURIComponent(link![2]!)).toMatch(new RegExp(`^https?://www\\.${vendor.replace(/\./g, '\\.')}/`));
      }
    }
  });

  const importer = resolve(__dirname, '../../src/main/importers/readCaptures.ts');
  it.skipIf(!existsSync(importer))(
    'produces files the Princeton importer reads with vendor, date and URL',
    async () => {
      const { readCaptures } = await import('../../src/main/importers/readCaptures');
      for (const path of first.corpus.files.slice(0, 6)) {
        const [vendor, file] = relative(first.dir, path).split('/') as [string, string];
        const captures = readCaptures(path, readFileSync(path), { overrides: {}, knownVendors: [] });
        expect(captures).toHaveLength(1);
        const capture = captures[0]!;
        expect(capture.sourceFormat).toBe('princeton-markdown');
        expect(capture.vendor.key).toBe(vendor);
        expect(capture.capturedAt.slice(0, 10)).toBe(file.replace(/\.md$/, ''));
        expect(capture.originalUrl).toMatch(new RegExp(`^https?://www\\.${vendor.replace(/\./g, '\\.')}/`));
        expect(capture.inferred).not.toContain('vendor');
        expect(capture.blocks.length).toBeGreaterThan(5);
      }
    },
  );
});
