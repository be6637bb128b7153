import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SkipFile } from '../../../src/main/importers/capture';
import type { Capture } from '../../../src/main/importers/capture';
import { documentKeyOf, matchOpenTermsArchivePath } from '../../../src/main/importers/openTermsArchive';
import { formatOf, readCaptures } from '../../../src/main/importers/readCaptures';
import { samplePath } from './samplePaths';

const root = samplePath('open-terms-archive');
const services = [
  { folder: 'ChatGPT', key: 'chatgpt', firstEffective: '2024-11-04' }, // "Updated: November 4, 2024"
  { folder: 'Claude.ai', key: 'claude.ai', firstEffective: '2025-10-08' }, // "Effective October 8, 2025"
  { folder: 'DeepSeek', key: 'deepseek', firstEffective: '2025-07-04' }, // "> Last Update: July 4, 2025"
  { folder: 'Grok', key: 'grok', firstEffective: '2025-07-10' }, // "_Effective: July 10, 2025_"
  { folder: 'Le Chat', key: 'le-chat', firstEffective: '2025-05-27' }, // "_Effective 27 May 2025_"
  { folder: 'Perplexity', key: 'perplexity', firstEffective: '2025-10-31' }, // "**Last updated: October 31, 2025**"
  { folder: 'Qwen Chat', key: 'qwen-chat', firstEffective: '2025-04-25' }, // "Last updated: April 25, 2025"
];

describe('Open Terms Archive released-dataset samples', () => {
  it('has the seven services on disk', () => {
    expect(readdirSync(root).sort()).toEqual(services.map((s) => s.folder).sort());
  });

  describe.each(services)('$folder', ({ folder, key, firstEffective }) => {
    const dir = join(root, folder, 'Privacy Policy');
    const names = readdirSync(dir).sort();
    const outcomes = names.map((name) => {
      const path = join(dir, name);
      try {
        return {
          name,
          capture: readCaptures(path, readFileSync(path), { overrides: {}, knownVendors: [] })[0] as Capture,
        };
      } catch (error) {
        if (error instanceof SkipFile) return { name, skipped: error.message };
        throw error;
      }
    });

    it('reads every file on disk: one capture each, or a skip with a reason', () => {
      expect(outcomes).toHaveLength(names.length);
      const skipped = outcomes.filter((o) => 'skipped' in o);
      if (folder === 'Le Chat') {
        // The service once served a redirect notice instead of its policy; that is not a version.
        expect(skipped).toEqual([{ name: '2025-12-15T11-34-51Z.md', skipped: 'redirect placeholder, not a policy' }]);
      } else {
        expect(skipped).toEqual([]);
      }
    });

    it('names vendor and document after the folders, and takes the capture time from the file name', () => {
      for (const outcome of outcomes) {
        if (!('capture' in outcome) || !outcome.capture) continue;
        const { capture, name } = outcome;
        expect(capture.vendor).toEqual({ key, displayName: folder });
        expect(capture.document).toEqual({ key: 'privacy-policy', title: 'Privacy Policy' });
        const [, date, h, m, s] = /^(\d{4}-\d{2}-\d{2})T(\d{2})-(\d{2})-(\d{2})Z\.md$/.exec(name)!;
        expect(capture.capturedAt).toBe(`${date}T${h}:${m}:${s}Z`);
        expect(capture).toMatchObject({
          originalUrl: null,
          waybackUrl: null,
          sourceFormat: 'open-terms-archive',
          inferred: [],
        });
        expect(capture.blocks.length).toBeGreaterThan(20);
      }
    });

    it('reads the effective date the first version states', () => {
      const first = outcomes[0];
      expect(first && 'capture' in first ? first.capture?.effectiveDate : undefined).toBe(firstEffective);
    });

    it('is recognised as Open Terms Archive by its path', () => {
      const path = join(dir, names[0]!);
      expect(formatOf(path, readFileSync(path))).toBe('open-terms-archive');
    });
  });
});

describe('matchOpenTermsArchivePath', () => {
  it('reads service, terms type and record time from the path', () => {
    expect(matchOpenTermsArchivePath('/data/Le Chat/Privacy Policy/2025-11-11T15-20-03Z.md')).toEqual({
      service: 'Le Chat',
      termsType: 'Privacy Policy',
      capturedAt: '2025-11-11T15:20:03Z',
    });
  });

  it('refuses other shapes and impossible times', () => {
    expect(matchOpenTermsArchivePath('/data/Service/Privacy Policy/2025-11-11.md')).toBeNull();
    expect(matchOpenTermsArchivePath('/data/Service/Privacy Policy/2025-11-11T15-20-03Z.html')).toBeNull();
    expect(matchOpenTermsArchivePath('/data/Service/Privacy Policy/2025-13-11T15-20-03Z.md')).toBeNull();
    expect(matchOpenTermsArchivePath('/data/Service/Privacy Policy/2025-11-11T25-20-03Z.md')).toBeNull();
    expect(matchOpenTermsArchivePath('/2025-11-11T15-20-03Z.md')).toBeNull();
  });

  it('slugs the terms type into a document key', () => {
    expect(documentKeyOf('Privacy Policy')).toBe('privacy-policy');
    expect(documentKeyOf('Terms of Service ')).toBe('terms-of-service');
  });
});
