import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ImportProgress } from '../../../src/shared/domain';
import { openArchive } from '../../../src/main/archive/database';
import { listVendors, vendorTimeline } from '../../../src/main/archive/queries';
import { runImport } from '../../../src/main/importers/pipeline';
import { assertArchiveIntegrity, tableCounts } from '../../support/archiveState';
import { samplesDir, tempDir } from '../../support/paths';

const princeton = join(samplesDir, 'princeton');
const history = join(samplesDir, 'princeton-history');
const ota = join(samplesDir, 'open-terms-archive');

/** Content tables only: the imports log legitimately records every attempt. */
function contentCounts(db: Database.Database): Record<string, number> {
  const counts = tableCounts(db);
  delete counts.imports;
  return counts;
}

describe('runImport', () => {
  let dir: string;
  let cleanup: () => void;
  let db: Database.Database;

  beforeEach(() => {
    ({ dir, cleanup } = tempDir());
    db = openArchive(join(dir, 'archive.sqlite'));
  });
  afterEach(() => {
    db.close();
    cleanup();
  });

  it('imports every Princeton sample, inferring the header-less vendor from the others', async () => {
    const report = await runImport(db, [princeton, history]);
    expect(report.cancelled).toBe(false);
    expect(report.failed).toBe(0);
    // Two files repeat a capture another file already gave (formlabs 2017-02-11 as Markdown and
    // HTML extract to the same text; princeton/004 is artec3d's 2017-02-17 Markdown): stored once.
    expect(report.imported).toBe(5 + 14 - 2);
    expect(report.duplicates).toBe(2);
    expect(report.files.filter((file) => file.outcome === 'duplicate').map((file) => file.reason)).toEqual([
      'same capture already in the archive',
      'same capture already in the archive',
    ]);
    expect(
      listVendors(db)
        .map((vendor) => vendor.key)
        .sort(),
    ).toEqual(['3dhubs.com', 'artec3d.com', 'formlabs.com', 'protolabs.com', 'ultimaker.com']);
    const headerless = report.files.find((file) => file.path.endsWith('002_32d78ee2d899894e.txt'));
    expect(headerless?.outcome).toBe('imported');
    expect(headerless?.reason).toMatch(/inferred: .*vendor/);

    const formlabs = listVendors(db).find((vendor) => vendor.key === 'formlabs.com')!;
    const timeline = vendorTimeline(db, formlabs.id)!;
    const dates = timeline.documents.flatMap((doc) =>
      doc.snapshots.map((snapshot) => snapshot.capturedAt.slice(0, 10)),
    );
    // Pre- and post-GDPR versions of formlabs.com, Markdown and HTML forms of a capture on one date.
    expect(new Set(dates)).toEqual(new Set(['2015-05-04', '2016-05-09', '2017-02-11', '2018-08-13']));
    expect(timeline.documents).toHaveLength(1);
    assertArchiveIntegrity(db);
  });

  it('is idempotent: importing the same input twice changes nothing', async () => {
    await runImport(db, [princeton, history]);
    const before = contentCounts(db);
    const again = await runImport(db, [princeton, history]);
    expect(again.snapshotsAdded).toBe(0);
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(19);
    expect(contentCounts(db)).toEqual(before);
  });

  it('imports the Open Terms Archive samples as seven services with their full histories', async () => {
    const report = await runImport(db, [ota]);
    expect(report.failed).toBe(0);
    const vendors = listVendors(db);
    expect(vendors).toHaveLength(7);
    const claude = vendors.find((vendor) => vendor.displayName === 'Claude.ai')!;
    expect(claude.snapshotCount).toBe(102);
    // Consecutive identical files share one stored text.
    expect(claude.versionCount).toBeLessThan(claude.snapshotCount);
  });

  it('reports progress as it goes, ending with every file done', async () => {
    const events: ImportProgress[] = [];
    const report = await runImport(db, [history], {
      progressIntervalMs: 0,
      onProgress: (progress) => events.push(progress),
    });
    expect(events[0]?.phase).toBe('scanning');
    const last = events[events.length - 1]!;
    expect(last.phase).toBe('done');
    expect(last.filesDone).toBe(last.filesTotal);
    expect(last.filesTotal).toBe(14);
    expect(last.snapshotsAdded).toBe(report.snapshotsAdded);
    const done = events.map((event) => event.filesDone);
    expect(done).toEqual([...done].sort((x, y) => x - y));
  });

  it('cancelled mid-import leaves the archive exactly as before', async () => {
    await runImport(db, [princeton]);
    const before = contentCounts(db);
    const controller = new AbortController();
    let seen = 0;
    const report = await runImport(db, [history, ota], {
      signal: controller.signal,
      batchFiles: 10,
      progressIntervalMs: 0,
      onProgress: (progress) => {
        // Cancel once a good part of the import is already committed.
        if (progress.filesDone >= 60 && ++seen === 1) controller.abort();
      },
    });
    expect(report.cancelled).toBe(true);
    expect(report.snapshotsAdded).toBe(0);
    expect(report.files.some((file) => file.reason === 'import cancelled; undone')).toBe(true);
    expect(contentCounts(db)).toEqual(before);
    assertArchiveIntegrity(db);
  });

  it('lists skipped and failed files with reasons and imports the rest', async () => {
    const input = join(dir, 'input');
    mkdirSync(input);
    cpSync(join(history, 'formlabs.com'), join(input, 'formlabs.com'), { recursive: true });
    writeFileSync(join(input, 'shopping-list.txt'), 'eggs\nmilk\nbread\n');
    writeFileSync(
      join(input, 'broken.md'),
      '> *The following text is extracted and transformed from the example.com privacy policy that was archived on 2018-13-45. Please check the [original snapshot on the Wayback Machine](https://web.archive.org/web/20181345000000id_/https%3A//example.com/privacy) for the most accurate reproduction.*\n\n# Privacy\n\nWe collect personal information.\n',
    );
    const report = await runImport(db, [input, join(dir, 'missing-folder')]);
    const byName = (name: string) => report.files.find((file) => file.path.endsWith(name));
    expect(byName('shopping-list.txt')?.outcome).toBe('skipped');
    expect(byName('shopping-list.txt')?.reason).toBeTruthy();
    expect(byName('broken.md')?.outcome).toBe('failed');
    expect(byName('broken.md')?.reason).toMatch(/date/i);
    // The report names the file once, beside the reason, not again inside it.
    expect(byName('broken.md')?.reason).not.toContain(input);
    expect(byName('missing-folder')?.outcome).toBe('failed');
    expect(report.imported + report.duplicates).toBe(4);
    expect(listVendors(db).map((vendor) => vendor.key)).toEqual(['formlabs.com']);
  });

  it('resumes: files recorded by an earlier, interrupted run are not imported again', async () => {
    // An interrupted run commits whole batches; simulate one that got through formlabs.com only.
    await runImport(db, [join(history, 'formlabs.com')]);
    const resumed = await runImport(db, [history]);
    const formlabs = resumed.files.filter((file) => file.path.includes('formlabs.com'));
    expect(formlabs).toHaveLength(4);
    expect(formlabs.every((file) => file.reason === 'already imported')).toBe(true);
    expect(resumed.imported).toBe(10);
  });

  it('keeps identical files that are different captures (dated by their file names)', async () => {
    const folder = join(dir, 'Example', 'Privacy Policy');
    mkdirSync(folder, { recursive: true });
    const text = '# Privacy Policy\n\nWe collect personal data to run the service and never sell it to anyone.\n';
    for (const name of ['2025-01-01T00-00-00Z.md', '2025-02-01T00-00-00Z.md']) writeFileSync(join(folder, name), text);
    // One file per transaction, so the second file is checked after the first is committed.
    const report = await runImport(db, [join(dir, 'Example')], { batchFiles: 1 });
    expect(report.imported).toBe(2);
    const vendor = listVendors(db)[0]!;
    expect(vendor.snapshotCount).toBe(2);
    expect(vendor.versionCount).toBe(1);
  });

  it('uses the vendor and date the caller supplies for a header-less file, not marked inferred', async () => {
    const report = await runImport(db, [join(princeton, '002_32d78ee2d899894e.txt')], {
      overrides: { vendor: '3dhubs.com', capturedAt: '2020-06-15' },
    });
    expect(report.imported).toBe(1);
    expect(report.files[0]?.reason ?? '').not.toMatch(/vendor|capturedAt/);
    const vendor = listVendors(db)[0]!;
    expect(vendor.key).toBe('3dhubs.com');
    const snapshot = vendorTimeline(db, vendor.id)!.documents[0]!.snapshots[0]!;
    expect(snapshot.capturedAt.slice(0, 10)).toBe('2020-06-15');
    expect(snapshot.effectiveDate).toBe('2020-05');
    expect(snapshot.inferred).not.toContain('vendor');
    expect(snapshot.inferred).not.toContain('capturedAt');
  });
});
