import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../src/main/archive/database';
import { checkArchive } from '../../src/main/archive/maintenance/checkArchive';
import { createArchiveReopener } from '../../src/main/archiveReopen';
import {
  createHandlers,
  invokeHandler,
  type ConfirmQuestion,
  type HandlerContext,
  type Handlers,
} from '../../src/main/handlers';
import { createInProcessImportService } from '../../src/main/importService';
import type { EventName } from '../../src/shared/events';
import type { ArchiveCheckReport, BackupResult, RestoreResult } from '../../src/shared/maintenanceDomain';
import type { VendorSummary } from '../../src/shared/domain';
import { samplesDir, tempDir } from '../support/paths';
import { usePristineArchive } from './archive/maintenance/maintenanceFixture';

/*
 * The maintenance channels through the handler table, with the host's dialogs
 * played by the test: what the app does on File › Back Up Archive…, Restore
 * from Backup… and Check Archive….
 */

const pristine = usePristineArchive();
let dir: string;
let cleanup: () => void;
let context: HandlerContext;
let handlers: Handlers;
let importDb: Database.Database;
/** What the dialogs answer next. */
let backupTarget: string | null;
let restoreFile: string | null;
let confirmAnswer: boolean;
const questions: ConfirmQuestion[] = [];
const emitted: EventName[] = [];
let reopened = 0;

beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  const archivePath = pristine.copy(dir);
  // Imports use their own connection, like the app's import worker.
  importDb = openArchive(archivePath);
  backupTarget = join(dir, 'backup.sqlite');
  restoreFile = null;
  confirmAnswer = true;
  questions.length = 0;
  emitted.length = 0;
  reopened = 0;
  context = {
    db: openArchive(archivePath),
    archivePath,
    imports: createInProcessImportService(importDb),
    chooseImportPaths: async () => [],
    openExternal: async () => {},
    saveText: async () => null,
    appVersion: 'test',
    pdfPrinter: () => {
      throw new Error('no printer in this test');
    },
    saveReport: async () => null,
    chooseBackupTarget: async () => backupTarget,
    chooseRestoreFile: async () => restoreFile,
    confirm: async (question) => {
      questions.push(question);
      return confirmAnswer;
    },
    emit: (name) => emitted.push(name),
  };
  context.reopenArchive = createArchiveReopener(
    context,
    () => openArchive(archivePath),
    () => reopened++,
  );
  handlers = createHandlers(context);
});
afterEach(async () => {
  await context.imports.idle();
  if (context.db.open) context.db.close();
  importDb.close();
  cleanup();
});

const call = <T>(channel: string, ...args: unknown[]) => invokeHandler(handlers, channel, args) as Promise<T>;
const vendorNames = async () => (await call<VendorSummary[]>('vendors:list')).map((vendor) => vendor.displayName);

describe('archive:backup', () => {
  it('backs up to the chosen file with progress events; a cancelled dialog writes nothing', async () => {
    const result = await call<BackupResult>('archive:backup');
    expect(result.path).toBe(backupTarget);
    expect(existsSync(backupTarget!)).toBe(true);
    expect(emitted).toContain('archive:maintenance');

    backupTarget = null;
    expect(await call('archive:backup')).toBeNull();
  });
});

describe('archive:restore', () => {
  beforeEach(async () => {
    await call('archive:backup');
    restoreFile = backupTarget;
    const [first] = await call<VendorSummary[]>('vendors:list');
    await call('vendors:rename', first!.id, 'Renamed after backup');
  });

  it('asks, restores, reopens the connection and tells the window to reload', async () => {
    const before = context.db;
    const result = await call<RestoreResult>('archive:restore');
    expect(questions[0]?.message).toContain(restoreFile!);
    expect(result.previousKeptAt).toMatch(/before-restore/);
    expect(reopened).toBe(1);
    expect(context.db).not.toBe(before);
    expect(before.open).toBe(false);
    expect(emitted).toContain('archive:changed');
    // The same handler table now answers from the restored archive.
    expect(await vendorNames()).not.toContain('Renamed after backup');
  });

  it('does nothing when the user cancels the file dialog or says no', async () => {
    restoreFile = null;
    expect(await call('archive:restore')).toBeNull();
    restoreFile = backupTarget;
    confirmAnswer = false;
    expect(await call('archive:restore')).toBeNull();
    expect(reopened).toBe(0);
    expect(await vendorNames()).toContain('Renamed after backup');
  });

  it('refuses while an import runs, with a message saying so', async () => {
    await call('import:start', { paths: [join(samplesDir, 'princeton-history')] });
    await expect(call('archive:restore')).rejects.toThrow(/import is running/);
    expect(reopened).toBe(0);
    await context.imports.idle();
    expect(await call<RestoreResult>('archive:restore')).not.toBeNull();
  });

  it('a failed restore (not a backup) still leaves the app on a working archive', async () => {
    restoreFile = join(samplesDir, 'princeton', '000_9ca36c3538ce9d6e.txt');
    await expect(call('archive:restore')).rejects.toThrow(/000_9ca36c3538ce9d6e\.txt.*Nothing was changed/s);
    expect(await vendorNames()).toContain('Renamed after backup');
  });
});

describe('archive:check', () => {
  it('reports a sound archive, and repairs a broken index when asked', async () => {
    expect((await call<ArchiveCheckReport>('archive:check', { repair: false })).ok).toBe(true);
    context.db.unsafeMode(true);
    context.db.exec('DELETE FROM blocks_fts_data WHERE id > 10');
    context.db.unsafeMode(false);
    expect((await call<ArchiveCheckReport>('archive:check', { repair: false })).ok).toBe(false);
    const repaired = await call<ArchiveCheckReport>('archive:check', { repair: true });
    expect(repaired.ok).toBe(true);
    expect(emitted).toContain('archive:changed');
  });

  it('runs in the host’s runCheck when it has one (the app: a worker thread), and refuses a backup meanwhile', async () => {
    let release!: () => void;
    const asked: boolean[] = [];
    context.runCheck = ({ repair }) => {
      asked.push(repair);
      return new Promise<ArchiveCheckReport>((resolve) => {
        release = () => resolve(checkArchive(context.db, { repair }));
      });
    };
    const checking = call<ArchiveCheckReport>('archive:check', { repair: true });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(asked).toEqual([true]);
    await expect(call('archive:backup')).rejects.toThrow(/A check of the archive is running/);
    release();
    expect((await checking).ok).toBe(true);
    // Done: a backup may run again.
    expect(await call<BackupResult | null>('archive:backup')).not.toBeNull();
  });

  it('validates its argument like every channel', async () => {
    await expect(call('archive:check', { repair: 'yes' })).rejects.toThrow(/Invalid arguments for archive:check/);
    await expect(call('archive:check')).rejects.toThrow(/Invalid arguments/);
  });
});

describe('a host without maintenance dialogs (the CLI)', () => {
  it('answers backup and restore with a clear error', async () => {
    delete context.chooseBackupTarget;
    delete context.reopenArchive;
    await expect(call('archive:backup')).rejects.toThrow(/Backing up is not available here/);
    await expect(call('archive:restore')).rejects.toThrow(/Restoring is not available here/);
  });
});
