import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SwitcherEntry } from '../../../src/shared/searchDomain';
import { openArchive } from '../../../src/main/archive/database';
import { getSnapshot, listVendors, vendorTimeline } from '../../../src/main/archive/queries';
import { HEADING_BUDGET, MAX_HEADINGS_PER_DOCUMENT, switcherEntries } from '../../../src/main/archive/switcherQueries';
import { runImport } from '../../../src/main/importers/pipeline';
import { samplesDir, tempDir } from '../../support/paths';
import { storeCaptures } from '../search/searchFixture';
import { aCapture, heading, paragraph } from './captureBuilder';
import { tempArchive } from './tempArchive';

/*
 * The quick switcher's entries, read from a real archive of the samples: what
 * the palette can offer must be what the app can open.
 */

let db: Database.Database;
let dir: string;
let cleanup: () => void;
let entries: SwitcherEntry[];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('pae-switcher-'));
  db = openArchive(join(dir, 'archive.sqlite'));
  await runImport(db, [samplesDir]);
  entries = switcherEntries(db);
});
afterAll(() => {
  if (db?.open) db.close();
  cleanup?.();
});

const ofKind = (kind: SwitcherEntry['kind']): SwitcherEntry[] => entries.filter((entry) => entry.kind === kind);

describe('switcherEntries on the samples', () => {
  it('offers every vendor once, by its display name', () => {
    const vendors = listVendors(db);
    expect(vendors.length).toBeGreaterThanOrEqual(10);
    const offered = ofKind('vendor');
    expect(offered.map((entry) => entry.label).sort()).toEqual(vendors.map((vendor) => vendor.displayName).sort());
    expect(offered.map((entry) => entry.label)).toEqual(
      expect.arrayContaining(['formlabs.com', 'protolabs.com', 'ChatGPT', 'Claude.ai', 'Perplexity']),
    );
    for (const entry of offered) expect(entry.documentId).toBeNull();
    // Keys that only restate the name are not repeated beside it.
    expect(offered.find((entry) => entry.label === 'Le Chat')?.detail).toBe('');
    expect(offered.find((entry) => entry.label === 'formlabs.com')?.detail).toBe('');
  });

  it('gives every entry a unique id', () => {
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
  });

  it('offers every document with its vendor, opening at its newest capture', () => {
    const documents = ofKind('document');
    let total = 0;
    for (const vendor of listVendors(db)) {
      const timeline = vendorTimeline(db, vendor.id)!;
      for (const document of timeline.documents) {
        total += 1;
        const entry = documents.find((candidate) => candidate.documentId === document.id);
        expect(entry, `${vendor.displayName} · ${document.title}`).toBeDefined();
        expect(entry!.label).toBe(document.title);
        expect(entry!.detail).toBe(vendor.displayName);
        expect(entry!.vendorId).toBe(vendor.id);
        // The timeline lists captures oldest first: the last one is the newest.
        expect(entry!.snapshotId).toBe(document.snapshots.at(-1)!.id);
      }
    }
    expect(documents).toHaveLength(total);
  });

  it('offers section headings whose position really is that heading in the newest capture', () => {
    const headings = ofKind('heading');
    expect(headings.length).toBeGreaterThan(50);
    const documents = new Map(ofKind('document').map((entry) => [entry.documentId, entry]));
    for (const entry of headings) {
      const document = documents.get(entry.documentId)!;
      expect(entry.snapshotId).toBe(document.snapshotId);
      expect(entry.detail).toBe(`${document.detail} · ${document.label}`);
      const snapshot = getSnapshot(db, entry.snapshotId!)!;
      const block = snapshot.blocks[entry.position!];
      expect(block?.kind, entry.id).toBe('heading');
      expect(block?.text.replace(/\s+/g, ' ').trim()).toBe(entry.label);
    }
    // formlabs.com's newest policy (2018) has its GDPR-era sections.
    const formlabs = headings.filter((entry) => entry.detail === 'formlabs.com · Privacy Policy').map((e) => e.label);
    expect(formlabs).toEqual(expect.arrayContaining(['Cookies', 'Consent and Legitimate Interests in Processing']));
  });

  it('lists a document’s headings in reading order without repeats or the document title', () => {
    const byDocument = new Map<number | null, SwitcherEntry[]>();
    for (const entry of ofKind('heading'))
      byDocument.set(entry.documentId, [...(byDocument.get(entry.documentId) ?? []), entry]);
    for (const [, headings] of byDocument) {
      const positions = headings.map((entry) => entry.position!);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      const words = headings.map((entry) => entry.label.toLowerCase());
      expect(new Set(words).size).toBe(words.length);
      expect(words).not.toContain('privacy policy');
    }
    // Le Chat's newest capture repeats its whole outline (two language variants): offered once.
    const leChat = ofKind('heading').filter((entry) => entry.detail.startsWith('Le Chat'));
    expect(leChat.filter((entry) => entry.label === '4. Cookies')).toHaveLength(1);
  });

  it('stays within its bounds', () => {
    expect(ofKind('heading').length).toBeLessThanOrEqual(HEADING_BUDGET);
    const perDocument = new Map<number | null, number>();
    for (const entry of ofKind('heading'))
      perDocument.set(entry.documentId, (perDocument.get(entry.documentId) ?? 0) + 1);
    expect(Math.max(...perDocument.values())).toBeLessThanOrEqual(MAX_HEADINGS_PER_DOCUMENT);
  });

  it('offers a vendor imported later, with its document and sections', async () => {
    const file = join(dir, 'example-shop.com-2019-07-01.md');
    writeFileSync(
      file,
      '> *The following text is extracted and transformed from the example-shop.com privacy policy that was archived on 2019-07-01. ' +
        'Please check the [original snapshot on the Wayback Machine](https://web.archive.org/web/20190701120000id_/https%3A//example-shop.com/privacy) ' +
        'for the most accurate reproduction.*\n\n# Privacy Policy\n\nWe collect what you tell us.\n\n' +
        '## Biometric information\n\nWe never scan your face.\n\n## Contact us\n\nWrite to privacy@example-shop.com.\n',
    );
    const before = switcherEntries(db);
    const report = await runImport(db, [file]);
    expect(report.imported).toBe(1);
    const after = switcherEntries(db);
    const added = after.filter((entry) => !before.some((old) => old.id === entry.id));
    expect(added.map((entry) => `${entry.kind}: ${entry.label}`)).toEqual([
      'vendor: example-shop.com',
      'document: Privacy Policy',
      'heading: Biometric information',
      'heading: Contact us',
    ]);
  });
});

describe('switcherEntries bounds', () => {
  it('shares the heading budget fairly and keeps the shallowest headings of long outlines', () => {
    const archive = tempArchive();
    try {
      const outline = (name: string, count: number) => [
        heading(`${name} policy`, 1),
        ...Array.from({ length: count }, (_, index) => [
          heading(`${name} part ${index + 1}`, index % 4 === 0 ? 2 : 3),
          paragraph(`Text of part ${index + 1}.`),
        ]).flat(),
      ];
      storeCaptures(archive.db, [
        aCapture({ vendor: { key: 'small.example', displayName: 'Small' }, blocks: outline('Small', 4) }),
        aCapture({ vendor: { key: 'large.example', displayName: 'Large' }, blocks: outline('Large', 40) }),
        aCapture({ vendor: { key: 'huge.example', displayName: 'Huge' }, blocks: outline('Huge', 60) }),
      ]);
      const bounded = switcherEntries(archive.db, { headingBudget: 30 });
      const headingsOf = (vendor: string) =>
        bounded.filter((entry) => entry.kind === 'heading' && entry.detail.startsWith(`${vendor} ·`));

      // 31 in all would be 5 + 41 + 61: Small keeps its 5, the others share the other 25.
      expect(headingsOf('Small')).toHaveLength(5);
      expect(headingsOf('Large')).toHaveLength(12);
      expect(headingsOf('Huge')).toHaveLength(13);
      // The level-1 title and the level-2 parts (every fourth) come before level-3 ones.
      const large = headingsOf('Large').map((entry) => entry.label);
      expect(large.slice(0, 3)).toEqual(['Large policy', 'Large part 1', 'Large part 2']);
      expect(large).toContain('Large part 37');
      expect(large).not.toContain('Large part 3');
      const positions = headingsOf('Huge').map((entry) => entry.position!);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
      // Vendors and documents are never dropped.
      expect(bounded.filter((entry) => entry.kind !== 'heading')).toHaveLength(6);
    } finally {
      archive.dispose();
    }
  });

  it('names a vendor’s domain when it differs from its display name', () => {
    const archive = tempArchive();
    try {
      storeCaptures(archive.db, [aCapture({ vendor: { key: '3dhubs.com', displayName: '3D Hubs' } })]);
      const vendor = switcherEntries(archive.db).find((entry) => entry.kind === 'vendor')!;
      expect(vendor.label).toBe('3D Hubs');
      expect(vendor.detail).toBe('3dhubs.com');
    } finally {
      archive.dispose();
    }
  });
});
