/**
 * The "bad input" suite (issue 8): every hostile input of test/hostile is
 * imported beside a good policy through the real pipeline into a real
 * archive, and must be handled — the import finishes, the hostile file gets
 * a report line whose reason names the problem (or is imported harmlessly,
 * as its case documents), the good file is imported, and the archive is
 * intact and holds nothing of a refused file. Then a closer look at the
 * cases users would notice most: the size cap, the bombs, the symlink loop.
 */
import { mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImportReport } from '../../../src/shared/domain';
import { openArchive } from '../../../src/main/archive/database';
import { listImportEntries } from '../../../src/main/importers/listImportEntries';
import { runImport } from '../../../src/main/importers/pipeline';
import { hostileCases, runHostileCase, type HostileCase } from '../../hostile/hostileCases';
import { tempDir } from '../../support/paths';

const cases = hostileCases();

let work: { dir: string; cleanup: () => void };
beforeAll(() => {
  work = tempDir('pae-hostile-');
});
afterAll(() => work.cleanup());

function caseNamed(fragment: string): HostileCase {
  const found = cases.find((candidate) => candidate.name.includes(fragment));
  if (!found) throw new Error(`no hostile case named like "${fragment}"`);
  return found;
}

/** Build one case alone in a fresh folder and import that folder; the archive is closed afterwards. */
async function importCase(
  fragment: string,
): Promise<{ report: ImportReport; hostilePath: string; folder: string; snapshots: number }> {
  const folder = join(work.dir, `direct-${Math.random().toString(36).slice(2)}`);
  mkdirSync(folder);
  const hostilePath = await caseNamed(fragment).build(folder);
  const db: Database.Database = openArchive(join(work.dir, `${Math.random().toString(36).slice(2)}.sqlite`));
  try {
    const report = await runImport(db, [folder]);
    const snapshots = db.prepare('SELECT count(*) FROM snapshots').pluck().get() as number;
    return { report, hostilePath, folder, snapshots };
  } finally {
    db.close();
  }
}

describe('hostile inputs beside a good file', () => {
  it('covers every kind of bad input the issue lists', () => {
    const categories = new Set(cases.map((hostileCase) => hostileCase.category));
    for (const category of [
      'gzip',
      'warc',
      'wacz',
      'bomb',
      'binary',
      'size',
      'structure',
      'encoding',
      'date',
      'path',
      'symlink',
    ] as const) {
      expect(categories, category).toContain(category);
    }
    expect(new Set(cases.map((hostileCase) => hostileCase.name)).size).toBe(cases.length);
  });

  it.each(cases.map((hostileCase) => [hostileCase.name, hostileCase] as const))(
    '%s',
    async (_name, hostileCase) => {
      const outcome = await runHostileCase(hostileCase, work.dir);
      expect(outcome.detail).not.toBe('');
      expect(outcome.handled, outcome.detail).toBe(true);
    },
    60_000,
  );
});

describe('the cases a user notices', () => {
  it('refuses a 300 MB page by its size, without reading it', async () => {
    const { report, hostilePath } = await importCase('300 MB single page');
    // Sparse: 300 MB long, next to nothing on disk — reading it would still take 300 MB of memory.
    expect(statSync(hostilePath).size).toBe(300 * 1024 * 1024);
    expect(report.files.find((file) => file.path === hostilePath)).toMatchObject({
      outcome: 'failed',
      reason: 'too large (300 MB; the limit is 64 MB)',
    });
    expect(report.imported).toBe(0);
  });

  it('refuses a WACZ zip bomb from the zip directory, saying nothing was inflated', async () => {
    const { report, hostilePath } = await importCase('WACZ zip bomb: a 1 MB');
    const line = report.files.find((file) => file.path === hostilePath);
    expect(line?.outcome).toBe('failed');
    expect(line?.reason).toMatch(/archive\/data\.warc is refused as a zip bomb/);
    expect(line?.reason).toMatch(/to 1024 MB .*nothing was inflated/);
  });

  it('stops decoding a gzip Content-Encoding bomb at the 64 MB cap', async () => {
    const { report } = await importCase('gzip Content-Encoding bomb');
    const failed = report.files.filter((file) => file.outcome === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]?.path).toMatch(/^encoding-bomb\.warc\.gz › https:\/\/hostile\.example\/privacy/);
    expect(failed[0]?.reason).toMatch(/decoded page is larger than 64 MB/);
  });

  it('refuses a gzip member that inflates past 64 MB at a bomb ratio, instead of reading 1 GB of zeros', async () => {
    const { report, hostilePath } = await importCase('record says 2 KB');
    const line = report.files.find((file) => file.path === hostilePath);
    expect(line?.outcome).toBe('failed');
    expect(line?.reason).toMatch(/refused as a decompression bomb: a gzip member inflates past (16|64) MB from \d+ KB/);
  });

  it('does not store a WARC page whose Content-Length cuts it short', async () => {
    const { report, snapshots } = await importCase('Content-Length is smaller');
    expect(snapshots).toBe(0);
    const record = report.files.find((file) => file.path.startsWith('length-short.warc › '));
    expect(record).toMatchObject({ outcome: 'failed' });
    expect(record?.reason).toMatch(/goes on past its Content-Length/);
  });

  it('reports a file named .warc.gz whose gzip is corrupt instead of passing over it', async () => {
    const { report, hostilePath } = await importCase('gzip magic followed by garbage');
    expect(report.files).toEqual([
      expect.objectContaining({
        path: hostilePath,
        outcome: 'failed',
        reason: expect.stringMatching(/gzip data is corrupt/),
      }),
    ]);
  });

  it('ends the walk of a folder whose symlink points at its parent, listing each file once', async () => {
    const folder = join(work.dir, `loop-${Math.random().toString(36).slice(2)}`);
    mkdirSync(folder);
    const page = caseNamed('file name: "name with').build(folder) as string;
    const loop = caseNamed('folder symlink pointing at its parent').build(folder) as string;
    const listing = await listImportEntries([folder, loop]);
    expect(listing.entries.map((entry) => entry.path)).toEqual([page]);
    expect(listing.problems).toEqual([]);
  });

  it('imports a page nested 100,000 elements deep with its text', async () => {
    const { report, snapshots } = await importCase('100,000 nested <div>');
    expect(report.imported).toBe(1);
    expect(snapshots).toBe(1);
  });

  it('refuses capture times before the web and in the future, naming the time', async () => {
    const early = await importCase('year 0 (00000101000000)');
    const late = await importCase('year 9999');
    expect(early.report.files[0]?.reason).toBe('capture time 0000-01-01T00:00:00Z is before the web existed (1991)');
    expect(late.report.files[0]?.reason).toBe('capture time 9999-12-31T23:59:59Z is in the future');
    expect(early.snapshots + late.snapshots).toBe(0);
  });
});
