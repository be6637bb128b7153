import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { setVendorTags } from '../../src/main/archive/annotations';
import { openArchive } from '../../src/main/archive/database';
import { ArchiveWriter } from '../../src/main/archive/writer';
import { watchArchive, type ArchiveWatcher } from '../../src/main/archiveWatcher';
import { tempDir } from '../support/paths';
import { aCapture, paragraph } from './archive/captureBuilder';

/*
 * The app's connection and a second one on the same file, as the app and the
 * CLI are: what the other one commits is announced once it settles.
 */

let cleanup: () => void;
let app: Database.Database;
let cli: Database.Database;
let watcher: ArchiveWatcher;
let changes: number;
let clock: number;
let quiet: boolean;

beforeEach(() => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  const file = join(temp.dir, 'archive.sqlite');
  app = openArchive(file);
  cli = openArchive(file);
  changes = 0;
  clock = 0;
  quiet = false;
  watcher = watchArchive({
    db: () => app,
    onChange: () => (changes += 1),
    quiet: () => quiet,
    intervalMs: 0,
    maxWaitMs: 10_000,
    now: () => clock,
  });
});
afterEach(() => {
  watcher.stop();
  app.close();
  cli.close();
  cleanup();
});

let captured = 0;
/** What a CLI import commits: one capture in one transaction. */
function cliCommit(): void {
  const writer = new ArchiveWriter(cli);
  const importId = writer.beginImport('cli');
  captured += 1;
  const capture = aCapture({
    capturedAt: `2018-01-${String(captured).padStart(2, '0')}T00:00:00Z`,
    blocks: [paragraph(`Version ${captured} of what we collect.`)],
  });
  writer.addCapture(importId, capture, 'e'.repeat(64));
  writer.finishImport(importId, 'done');
}

describe('watchArchive', () => {
  it('announces another connection’s commit once, when it has settled', () => {
    watcher.check();
    expect(changes).toBe(0);
    cliCommit();
    watcher.check(); // changed: wait for it to settle
    expect(changes).toBe(0);
    watcher.check(); // nothing new since: announce
    expect(changes).toBe(1);
    watcher.check();
    expect(changes).toBe(1);
  });

  it('ignores the app’s own writes on its connection', () => {
    const writer = new ArchiveWriter(app);
    const importId = writer.beginImport('app');
    writer.addCapture(importId, aCapture(), 'f'.repeat(64));
    writer.finishImport(importId, 'done');
    setVendorTags(app, 1, ['mine']);
    watcher.check();
    watcher.check();
    expect(changes).toBe(0);
  });

  it('announces a long run of commits at most every maxWait, and once more when it ends', () => {
    for (let second = 0; second < 25; second += 2) {
      clock = second * 1000;
      cliCommit();
      watcher.check();
    }
    // Changes pending since 0 s: announced at 10 s and at 20 s (the run was still going).
    expect(changes).toBe(2);
    clock = 26_000;
    watcher.check();
    expect(changes).toBe(3);
  });

  it('stays silent while the app’s own work writes, and after sync() for what the app announced itself', () => {
    quiet = true;
    cliCommit();
    watcher.check();
    watcher.check();
    quiet = false;
    watcher.check();
    expect(changes).toBe(0);
    cliCommit();
    watcher.sync();
    watcher.check();
    watcher.check();
    expect(changes).toBe(0);
  });

  it('skips a closed connection and takes a reopened one as the new baseline', () => {
    app.close();
    expect(() => watcher.check()).not.toThrow();
    app = openArchive(cli.name);
    watcher.check();
    watcher.check();
    expect(changes).toBe(0);
    cliCommit();
    watcher.check();
    watcher.check();
    expect(changes).toBe(1);
  });
});
