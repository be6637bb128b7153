import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../../../src/main/cli/runCli';
import type { ConfirmingIo } from '../../../src/main/cli/commands/restore';
import type { ArchiveCheckReport, BackupResult, RestoreResult } from '../../../src/shared/maintenanceDomain';
import type { VendorSummary } from '../../../src/shared/domain';
import { tempDir } from '../../support/paths';
import { usePristineArchive, writeGarbage } from '../archive/maintenance/maintenanceFixture';
import { cli, json } from './cliHarness';

/*
 * backup, restore and check as a script or a person at a terminal uses them:
 * real archives in a temp folder, real damage, exit codes and messages.
 */

const pristine = usePristineArchive();
let dir: string;
let cleanup: () => void;
let archive: string;
beforeEach(() => {
  ({ dir, cleanup } = tempDir());
  archive = pristine.copy(dir);
});
afterEach(() => cleanup());

const run = (...args: string[]) => cli(['--db', archive, ...args]);

/** Run with a terminal on stdin that answers `answer` (null: stdin is not a terminal). */
async function runAtTerminal(answer: string | null, args: string[]) {
  let stdout = '';
  let stderr = '';
  const questions: string[] = [];
  const io: CliIo & ConfirmingIo = {
    stdout: { write: (chunk: string) => (stdout += chunk) },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    isTTY: false,
    env: {},
    onInterrupt: () => () => {},
    stdinIsTTY: answer !== null,
    ask: async (question) => {
      questions.push(question);
      return answer ?? '';
    },
  };
  const code = await runCli(['--db', archive, ...args], io);
  return { code, stdout, stderr, questions };
}

async function vendorNames(): Promise<string[]> {
  const listed = await run('vendors', '--json');
  return json<VendorSummary[]>(listed).map((vendor) => vendor.displayName);
}

describe('backup', () => {
  it('writes a backup that checks clean, and will not replace a file without --force', async () => {
    const target = join(dir, 'backup.sqlite');
    const done = await run('backup', target);
    expect(done.code).toBe(0);
    expect(done.stdout).toContain(`to ${target}`);
    expect(done.stdout).toMatch(/\d+ snapshots/);

    const checked = await cli(['--db', target, 'check']);
    expect(checked.code).toBe(0);
    expect(checked.stdout).toContain('The archive is sound.');
    // Said before the wait, on stderr (stdout stays the report).
    expect(checked.stderr).toContain(`Checking ${target}`);

    writeFileSync(target, 'keep me');
    const refused = await run('backup', target);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--force');
    expect(readFileSync(target, 'utf8')).toBe('keep me');

    const forced = await run('backup', target, '--force', '--json');
    expect(forced.code).toBe(0);
    expect(json<BackupResult>(forced).path).toBe(target);
  });

  it('refuses to back up onto the archive itself (exit 4), naming it', async () => {
    const refused = await run('backup', archive, '--force');
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(archive);
    expect((await run('check')).code).toBe(0);
  });
});

describe('check', () => {
  it('finds a broken search index (exit 1), repairs it with --repair (exit 0)', async () => {
    const db = new Database(archive);
    db.unsafeMode(true);
    db.exec('DELETE FROM blocks_fts_data WHERE id > 10');
    db.close();

    const found = await run('check');
    expect(found.code).toBe(1);
    expect(found.stdout).toMatch(/✗ Search index/);
    expect(found.stdout).toMatch(/repair/);

    const repaired = await run('check', '--repair', '--json');
    expect(repaired.code).toBe(0);
    const report = json<ArchiveCheckReport>(repaired);
    expect(report.checks.find((check) => check.id === 'full-text-index')).toMatchObject({ ok: true, repaired: true });

    expect((await run('check')).code).toBe(0);
    const search = await run('search', 'privacy', '--json');
    expect(json<{ totalDocuments: number }>(search).totalDocuments).toBeGreaterThan(0);
  });

  it('reports a damaged page (exit 1) with advice to restore, and --repair does not hide it', async () => {
    const probe = new Database(archive, { readonly: true });
    const page = probe
      .prepare("SELECT pageno FROM dbstat WHERE name = 'blocks' AND pagetype = 'leaf' LIMIT 1 OFFSET 2")
      .pluck()
      .get() as number;
    probe.close();
    writeGarbage(archive, page, 4096);

    for (const args of [['check'], ['check', '--repair']]) {
      const result = await run(...args);
      expect(result.code).toBe(1);
      expect(result.stdout).toMatch(/✗ File integrity/);
      expect(result.stdout).toMatch(/restore/i);
    }
  });

  it('exits 4 when there is no archive', async () => {
    const result = await cli(['--db', join(dir, 'none.sqlite'), 'check']);
    expect(result.code).toBe(4);
    expect(existsSync(join(dir, 'none.sqlite'))).toBe(false);
  });
});

describe('restore', () => {
  let backup: string;
  let before: string[];
  beforeEach(async () => {
    backup = join(dir, 'backup.sqlite');
    expect((await run('backup', backup)).code).toBe(0);
    before = await vendorNames();
    const first = json<VendorSummary[]>(await run('vendors', '--json'))[0]!;
    expect((await run('vendors', 'rename', String(first.id), 'Renamed after backup')).code).toBe(0);
  });

  it('refuses without --yes when stdin is not a terminal, changing nothing', async () => {
    const refused = await runAtTerminal(null, ['restore', backup]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--yes');
    expect(await vendorNames()).toContain('Renamed after backup');
  });

  it('--yes restores the backup and says where the previous archive was kept', async () => {
    const restored = await run('restore', backup, '--yes');
    expect(restored.code).toBe(0);
    const kept = /previous archive was kept at (.+)$/m.exec(restored.stdout)?.[1];
    expect(kept).toMatch(/archive\.before-restore-.+\.sqlite$/);
    expect(existsSync(kept!)).toBe(true);
    expect(await vendorNames()).toEqual(before);
    expect((await cli(['--db', kept!, 'vendors', '--json'])).stdout).toContain('Renamed after backup');
  });

  it('asks on a terminal: "n" leaves the archive alone (exit 130), "y" restores', async () => {
    const declined = await runAtTerminal('n', ['restore', backup]);
    expect(declined.questions[0]).toContain(backup);
    expect(declined.code).toBe(130);
    expect(await vendorNames()).toContain('Renamed after backup');

    const accepted = await runAtTerminal('y', ['restore', backup, '--json']);
    expect(accepted.code).toBe(0);
    expect(json<RestoreResult>(accepted).restoredFrom).toBe(backup);
    expect(await vendorNames()).toEqual(before);
  });

  it('refuses a file that is not a backup (exit 4), naming it, with the archive unchanged', async () => {
    const notes = join(dir, 'notes.txt');
    writeFileSync(notes, 'these are my notes, not a database'.repeat(40));
    const refused = await run('restore', notes, '--yes');
    expect(refused.code).toBe(4);
    expect(refused.stderr).toContain(notes);
    expect(refused.stderr).toMatch(/Nothing was changed/);
    expect(await vendorNames()).toContain('Renamed after backup');
  });
});
