import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PhraseHistory } from '../../../src/shared/searchDomain';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import type { TimelineEntry } from '../../../src/main/cli/commands/timeline';
import { samplesDir, tempDir } from '../../support/paths';
import { cli, json } from './cliHarness';

let cleanup: () => void;
let db: string;

beforeAll(async () => {
  const temp = tempDir('pae-cli-history-');
  cleanup = temp.cleanup;
  db = join(temp.dir, 'archive.sqlite');
  const run = await cli(['--db', db, 'import', join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history')]);
  expect(run.code).toBe(ExitCode.ok);
});
afterAll(() => cleanup());

async function formlabsCaptures(): Promise<TimelineEntry[]> {
  const run = await cli(['--db', db, 'timeline', 'formlabs.com', '--all-captures', '--json']);
  return json<{ documents: Array<{ snapshots: TimelineEntry[] }> }>(run).documents.flatMap(
    (document) => document.snapshots,
  );
}

describe('history <query>', () => {
  it('names the version that introduced the phrase and the diff that shows it', async () => {
    const run = await cli(['--db', db, 'history', '"legitimate interest"', '--vendor', 'formlabs.com']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toContain('Interpreted as: "legitimate interest"');
    expect(run.stdout).toMatch(/^1 document contained it/m);
    const row = run.stdout.split('\n').find((line) => line.startsWith('formlabs.com'));
    expect(row).toBeDefined();
    const diff = /diff (\d+) (\d+)/.exec(row!);
    expect(row).toContain('2018-08-13');
    expect(row).toContain('still present');

    // The two snapshots are formlabs.com's last pre-GDPR capture and its 2018 one.
    const captures = await formlabsCaptures();
    const before = captures.find((capture) => capture.id === Number(diff![1]))!;
    const after = captures.find((capture) => capture.id === Number(diff![2]))!;
    expect(before.capturedAt < '2018').toBe(true);
    expect(after.capturedAt.slice(0, 10)).toBe('2018-08-13');

    // And that diff shows the phrase arriving.
    const shown = await cli(['--db', db, 'diff', diff![1]!, diff![2]!]);
    expect(shown.code).toBe(ExitCode.ok);
    expect(shown.stdout).toMatch(/\{\+[^}]*legitimate interest/);
  });

  it('lists every vendor whose policy ever said it, and says which were there from their first version', async () => {
    const run = await cli(['--db', db, 'history', 'legitimate', 'interest']);
    expect(run.code).toBe(ExitCode.ok);
    const vendors = run.stdout
      .split('\n')
      .map((line) => /^(\S+\.com)\s/.exec(line)?.[1])
      .filter(Boolean);
    expect(vendors).toContain('formlabs.com');
    expect(vendors).toContain('ultimaker.com');
    expect(run.stdout).toMatch(/^ultimaker\.com .*\(first version\)/m);
  });

  it('prints the PhraseHistory as JSON', async () => {
    const run = await cli(['--db', db, 'history', '"legitimate interest"', '--to', '2018', '--json']);
    expect(run.code).toBe(ExitCode.ok);
    const history = json<PhraseHistory>(run);
    expect(history.query).toBe('"legitimate interest"');
    expect(history.documents.map((document) => document.vendorName)).toEqual(['formlabs.com']);
    expect(history.documents[0]!.spans[0]!.first.capturedAt.slice(0, 4)).toBe('2018');
  });

  it('says so when no document contains the query', async () => {
    const run = await cli(['--db', db, 'history', '"blockchain ledger"']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/No document contains it/);
  });

  it('rejects a date that does not exist and an unknown vendor with the usual exit codes', async () => {
    const badDate = await cli(['--db', db, 'history', 'cookies', '--from', '2018-02-30']);
    expect(badDate.code).toBe(ExitCode.usage);
    expect(badDate.stderr).toMatch(/2018-02-30/);
    const badVendor = await cli(['--db', db, 'history', 'cookies', '--vendor', 'nosuch.example']);
    expect(badVendor.code).toBe(ExitCode.notFound);
    expect(badVendor.stderr).toMatch(/Vendor "nosuch.example" not found/);
  });
});
