import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ArchiveBusyError } from '../../src/main/archive/busy';
import { openArchive } from '../../src/main/archive/database';
import { archiveInfo } from '../../src/main/archive/queries';
import { ExitCode } from '../../src/main/cli/exitCodes';
import { createInProcessImportService } from '../../src/main/importService';
import { runImport } from '../../src/main/importers/pipeline';
import { searchArchive } from '../../src/main/search/search';
import type { ImportReport } from '../../src/shared/domain';
import { tableCounts } from '../support/archiveState';
import { samplesDir, tempDir } from '../support/paths';
import { duplicateKeys, halfWrittenProblems, importRows, integrityProblems, snapshotKeys } from './archiveContent';
import { cliEntry, startCli, type CliEntry } from './cliProcess';
import { quickCrashTrialPaths } from './crashTrials';

const history = join(samplesDir, 'princeton-history');
/** Open Terms Archive's services but Claude.ai (102 of its 157 files), to keep the suite quick. */
const openTerms = quickCrashTrialPaths().filter((path) => path.includes('open-terms-archive'));
const princeton = join(samplesDir, 'princeton');
/** One unit per transaction, so concurrent imports interleave many commits. */
const SMALL_BATCHES = { POLICY_ARCHIVE_IMPORT_BATCH: '1' };

const temp = tempDir('pae-concurrency-');
let entry: CliEntry;
beforeAll(async () => {
  entry = await cliEntry(temp.dir);
});
afterAll(() => temp.cleanup());

let archiveCount = 0;
function newArchivePath(): string {
  archiveCount += 1;
  return join(temp.dir, `archive-${archiveCount}.sqlite`);
}

/** Keys of the archive built by importing `paths` one after the other, in this process. */
async function sequentialKeys(...paths: string[][]): Promise<string[]> {
  const db = openArchive(newArchivePath());
  try {
    for (const list of paths) await runImport(db, list);
    return snapshotKeys(db);
  } finally {
    db.close();
  }
}

function expectSound(db: Database.Database): void {
  expect(integrityProblems(db)).toEqual([]);
  expect(halfWrittenProblems(db)).toEqual([]);
  expect(duplicateKeys(snapshotKeys(db))).toEqual([]);
}

describe('two writers on one archive', () => {
  it("the app's import service and a CLI import at the same time both finish, as if run one after the other", async () => {
    const file = newArchivePath();
    const appDb = openArchive(file);
    try {
      const service = createInProcessImportService(appDb);
      const finished: ImportReport[] = [];
      service.onEvent((event) => {
        if (event.name === 'import:finished') finished.push(event.payload);
      });
      const cli = startCli(entry, file, ['import', history], SMALL_BATCHES);
      await cli.started;
      // The app's import starts while the CLI's is under way; both commit small batches.
      service.start({ paths: openTerms });
      const [exit] = await Promise.all([cli.exited, service.idle()]);

      expect(exit.stderr).not.toMatch(/busy|locked/i);
      expect(exit.code).toBe(ExitCode.ok);
      expect(finished).toHaveLength(1);
      expect(finished[0]).toMatchObject({ failed: 0, cancelled: false });
      expect(finished[0]!.imported).toBeGreaterThan(30);
      expectSound(appDb);
      expect(snapshotKeys(appDb)).toEqual(await sequentialKeys([history], openTerms));
      expect(importRows(appDb).map((row) => row.status)).toEqual(['done', 'done']);
    } finally {
      appDb.close();
    }
  });

  it('two CLI imports of overlapping folders at once store every capture once', async () => {
    const file = newArchivePath();
    // princeton and princeton-history share a capture (formlabs.com, 2017-02-11): it must be stored once.
    const first = startCli(entry, file, ['import', history], SMALL_BATCHES);
    await first.started;
    const second = startCli(entry, file, ['import', princeton, history], SMALL_BATCHES);
    const exits = await Promise.all([first.exited, second.exited]);

    expect(exits.map((exit) => exit.code)).toEqual([ExitCode.ok, ExitCode.ok]);
    const db = openArchive(file);
    try {
      expectSound(db);
      expect(snapshotKeys(db)).toEqual(await sequentialKeys([history], [princeton, history]));
    } finally {
      db.close();
    }
  });

  it('a process searching in a loop during an import never fails and never sees snapshots vanish', async () => {
    const file = newArchivePath();
    const reader = openArchive(file);
    try {
      const cli = startCli(entry, file, ['import', history, ...openTerms], SMALL_BATCHES);
      let ended = false;
      const exited = cli.exited.finally(() => {
        ended = true;
      });
      let searches = 0;
      let lastSnapshots = 0;
      let lastDocuments = 0;
      const errors: string[] = [];
      while (!ended) {
        try {
          const result = searchArchive(reader, { query: 'personal data' });
          const { snapshotCount } = archiveInfo(reader, file);
          if (snapshotCount < lastSnapshots) errors.push(`snapshots went from ${lastSnapshots} to ${snapshotCount}`);
          if (result.totalExact && result.totalDocuments < lastDocuments) {
            errors.push(`matching documents went from ${lastDocuments} to ${result.totalDocuments}`);
          }
          lastSnapshots = snapshotCount;
          if (result.totalExact) lastDocuments = result.totalDocuments;
          searches += 1;
        } catch (error) {
          errors.push((error as Error).message);
        }
        await nextTurn();
      }
      const exit = await exited;

      expect(exit.code).toBe(ExitCode.ok);
      expect(errors).toEqual([]);
      expect(searches).toBeGreaterThan(5);
      // Once the import is over, the reader sees all of it.
      expect(archiveInfo(reader, file).snapshotCount).toBe((await sequentialKeys([history, ...openTerms])).length);
      expect(searchArchive(reader, { query: 'personal data' }).totalDocuments).toBeGreaterThan(0);
    } finally {
      reader.close();
    }
  });
});

describe('a busy archive', () => {
  it('a CLI import that cannot get the write lock exits with the busy code and message, changing nothing', async () => {
    const file = newArchivePath();
    const holder = openArchive(file);
    try {
      await runImport(holder, [princeton]);
      const before = tableCounts(holder);
      holder.exec('BEGIN IMMEDIATE');
      const blocked = startCli(entry, file, ['import', history], { POLICY_ARCHIVE_BUSY_TIMEOUT_MS: '200' });
      const exit = await blocked.exited;
      holder.exec('COMMIT');

      expect(exit.code).toBe(ExitCode.busy);
      expect(exit.stderr).toContain(
        `error: The archive ${file} is busy: another import (in the app or the CLI) is writing to it. ` +
          'Try again when it finishes.',
      );
      expect(tableCounts(holder)).toEqual(before);
      expectSound(holder);

      // Once the lock is free, the same command works.
      const again = await startCli(entry, file, ['import', history]).exited;
      expect(again.code).toBe(ExitCode.ok);
      expect(snapshotKeys(holder)).toEqual(await sequentialKeys([princeton], [history]));
    } finally {
      holder.close();
    }
  });

  it('an import that loses the lock mid-way stops with ArchiveBusyError, keeps what it committed, and resumes', async () => {
    const file = newArchivePath();
    const importer = openArchive(file, { busyTimeoutMs: 100 });
    const other = openArchive(file);
    try {
      let holding = false;
      const stopped = runImport(importer, [history, ...openTerms], {
        batchFiles: 1,
        progressIntervalMs: 0,
        onProgress: (progress) => {
          // Another writer starts a long transaction once the import has committed a few files.
          if (!holding && progress.snapshotsAdded >= 10) {
            other.exec('BEGIN IMMEDIATE');
            holding = true;
          }
        },
      });
      await expect(stopped).rejects.toThrow(ArchiveBusyError);
      await expect(stopped).rejects.toThrow(`The archive ${file} is busy`);
      other.exec('ROLLBACK');

      expectSound(importer);
      const kept = snapshotKeys(importer).length;
      expect(kept).toBeGreaterThanOrEqual(10);
      expect(importRows(importer)).toMatchObject([{ status: 'running', snapshots: kept }]);

      const resumed = await runImport(importer, [history, ...openTerms]);
      expect(resumed.failed).toBe(0);
      expect(resumed.snapshotsAdded).toBe(snapshotKeys(importer).length - kept);
      expectSound(importer);
      expect(snapshotKeys(importer)).toEqual(await sequentialKeys([history, ...openTerms]));
      // The stopped import is no longer "running": the resumed one marked it failed (its snapshots stay).
      expect(importRows(importer).map((row) => [row.status, row.snapshots])).toEqual([
        ['failed', kept],
        ['done', snapshotKeys(importer).length - kept],
      ]);
    } finally {
      other.close();
      importer.close();
    }
  });
});
