import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchive } from '../../../../src/main/archive/database';
import { checkArchive } from '../../../../src/main/archive/maintenance/checkArchive';
import { runCheckInWorker } from '../../../../src/main/archive/maintenance/checkInWorker';
import { repoRoot, tempDir } from '../../../support/paths';
import { usePristineArchive } from './maintenanceFixture';

/*
 * The app runs "Check archive" in a worker thread (the built checkWorker.js,
 * as electron-vite bundles it) so the window never freezes on a large archive.
 */

const workerScript = join(repoRoot, 'out', 'main', 'checkWorker.js');
const archive = usePristineArchive();
let dir: string;
let cleanup: () => void;
beforeEach(() => ({ dir, cleanup } = tempDir()));
afterEach(() => cleanup());

describe('runCheckInWorker', () => {
  it('checks a sound archive while the calling thread keeps running', async () => {
    expect(existsSync(workerScript), `${workerScript} is missing: run npm run build`).toBe(true);
    const file = archive.copy(dir);
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      const report = await runCheckInWorker(workerScript, { dbPath: file, nativeBinding: undefined, repair: false });
      expect(report.ok).toBe(true);
      expect(report.archivePath).toBe(file);
      expect(report.checks.map((check) => check.id)).toContain('full-text-index');
    } finally {
      clearInterval(timer);
    }
    // A check run on this thread would have let no timer fire until it was done.
    expect(ticks).toBeGreaterThan(0);
  });

  it('repairs a damaged full-text index in the worker; a check from this thread then finds it sound', async () => {
    const file = archive.copy(dir);
    const db = openArchive(file);
    db.unsafeMode(true);
    db.prepare('DELETE FROM blocks_fts_data WHERE id > 10').run();
    db.unsafeMode(false);
    expect(checkArchive(db).ok).toBe(false);

    const report = await runCheckInWorker(workerScript, { dbPath: file, nativeBinding: undefined, repair: true });
    expect(report.checks.find((check) => check.id === 'full-text-index')).toMatchObject({ ok: true, repaired: true });
    // The other connection sees the repaired index.
    expect(checkArchive(db).ok).toBe(true);
    db.close();
  });

  it('rejects with a message naming the file when it is not an archive', async () => {
    const file = join(dir, 'notes.sqlite');
    writeFileSync(file, 'not a database at all, just text '.repeat(200));
    await expect(
      runCheckInWorker(workerScript, { dbPath: file, nativeBinding: undefined, repair: false }),
    ).rejects.toThrow(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*not a SQLite database`));
  });
});
