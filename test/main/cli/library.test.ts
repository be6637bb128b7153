import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import type { SearchResult, VendorSummary } from '../../../src/shared/domain';
import type { MergeResult, SnapshotAnnotations, TagCount } from '../../../src/shared/libraryDomain';
import { samplesDir, tempDir } from '../../support/paths';
import { cli, json } from './cliHarness';

/* `vendors rename`, `vendors merge`, `tag` and `note` against an archive of the Princeton history samples. */

const history = join(samplesDir, 'princeton-history');

let dir: string;
let cleanup: () => void;
let db: string;

beforeEach(async () => {
  ({ dir, cleanup } = tempDir('pae-cli-library-'));
  db = join(dir, 'archive.sqlite');
  const run = await cli(['--db', db, 'import', history]);
  expect(run.code).toBe(ExitCode.ok);
});
afterEach(() => cleanup());

const run = (...args: string[]) => cli(['--db', db, ...args]);

async function vendors(): Promise<VendorSummary[]> {
  return json<VendorSummary[]>(await run('vendors', '--json'));
}

/** formlabs.com's first snapshot id, from its timeline. */
async function firstFormlabsSnapshot(): Promise<number> {
  const timeline = json<{ documents: Array<{ snapshots: Array<{ id: number }> }> }>(
    await run('timeline', 'formlabs.com', '--all-captures', '--json'),
  );
  return timeline.documents[0]!.snapshots[0]!.id;
}

describe('vendors rename', () => {
  it('renames the vendor, keeps its key, and says that re-imports still find it', async () => {
    const renamed = await run('vendors', 'rename', 'formlabs.com', 'Formlabs', 'Inc.');
    expect(renamed.code).toBe(ExitCode.ok);
    expect(renamed.stdout).toContain('Renamed formlabs.com to Formlabs Inc.');
    expect(renamed.stdout).toContain('key formlabs.com is kept');
    expect((await vendors()).find((vendor) => vendor.key === 'formlabs.com')!.displayName).toBe('Formlabs Inc.');

    // The 2018 Princeton copy of formlabs.com, not imported yet, goes to the renamed vendor.
    const before = (await vendors()).find((vendor) => vendor.key === 'formlabs.com')!;
    const again = await run('import', join(samplesDir, 'princeton', '001_670e77c443145c28.txt'));
    expect(again.code).toBe(ExitCode.ok);
    const after = await vendors();
    expect(after).toHaveLength(5);
    expect(after.find((vendor) => vendor.key === 'formlabs.com')).toMatchObject({
      displayName: 'Formlabs Inc.',
      snapshotCount: before.snapshotCount + 1,
    });
    // The new name finds it too.
    expect((await run('timeline', 'Formlabs Inc.')).code).toBe(ExitCode.ok);
  });

  it('prints the renamed vendor with --json', async () => {
    const renamed = json<VendorSummary>(await run('vendors', 'rename', 'protolabs.com', 'Proto Labs', '--json'));
    expect(renamed).toMatchObject({ key: 'protolabs.com', displayName: 'Proto Labs' });
  });

  it('refuses a name another vendor has (exit 2), an unknown vendor (exit 3) and a missing name (exit 2)', async () => {
    const taken = await run('vendors', 'rename', 'formlabs.com', 'ARTEC3D.COM');
    expect(taken.code).toBe(ExitCode.usage);
    expect(taken.stderr).toContain('Merge the two vendors instead');
    const unknown = await run('vendors', 'rename', 'nope.example', 'Nope');
    expect(unknown.code).toBe(ExitCode.notFound);
    expect(unknown.stderr).toContain('Vendor "nope.example" not found');
    expect((await run('vendors', 'rename', 'formlabs.com')).code).toBe(ExitCode.usage);
    expect((await run('vendors', 'rename', 'formlabs.com', '  ')).code).toBe(ExitCode.usage);
    expect((await vendors()).map((vendor) => vendor.displayName)).toContain('formlabs.com');
  });
});

describe('vendors merge', () => {
  it('merges vendors into one, prints what moved, and the old keys still name it', async () => {
    const before = await vendors();
    const proto = before.find((vendor) => vendor.key === 'protolabs.com')!;
    const hubs = before.find((vendor) => vendor.key === '3dhubs.com')!;
    const formlabs = before.find((vendor) => vendor.key === 'formlabs.com')!;

    const merged = await run('vendors', 'merge', 'protolabs.com', '3dhubs.com', '--into', 'formlabs.com');
    expect(merged.code).toBe(ExitCode.ok);
    expect(merged.stdout).toContain('Merged protolabs.com (protolabs.com), 3dhubs.com (3dhubs.com) into formlabs.com');
    const moved = proto.snapshotCount + hubs.snapshotCount;
    expect(merged.stdout).toContain(`${moved} snapshots moved`);
    expect(merged.stdout).toContain('0 duplicate captures dropped');

    const after = await vendors();
    expect(after).toHaveLength(before.length - 2);
    expect(after.find((vendor) => vendor.id === formlabs.id)!.snapshotCount).toBe(formlabs.snapshotCount + moved);
    // The merged keys lead to the vendor that remains.
    const timeline = json<{ vendor: VendorSummary }>(await run('timeline', 'protolabs.com', '--json'));
    expect(timeline.vendor.id).toBe(formlabs.id);
    const search = json<SearchResult>(await run('search', 'Proto Labs', '--json'));
    expect(search.hits.length).toBeGreaterThan(0);
    expect(search.hits.every((hit) => hit.vendorId === formlabs.id)).toBe(true);
  });

  it('prints the MergeResult with --json', async () => {
    const result = json<MergeResult>(await run('vendors', 'merge', 'ultimaker.com', '--into', 'artec3d.com', '--json'));
    expect(result.vendor.key).toBe('artec3d.com');
    expect(result.duplicatesDropped).toBe(0);
    expect(result.snapshotsMoved).toBeGreaterThan(0);
  });

  it('refuses merging a vendor into itself (exit 2), unknown vendors (exit 3) and a missing --into (exit 2)', async () => {
    const self = await run('vendors', 'merge', 'formlabs.com', 'protolabs.com', '--into', 'formlabs.com');
    expect(self.code).toBe(ExitCode.usage);
    expect(self.stderr).toContain('into itself');
    const unknown = await run('vendors', 'merge', 'nope.example', '--into', 'formlabs.com');
    expect(unknown.code).toBe(ExitCode.notFound);
    expect((await run('vendors', 'merge', 'protolabs.com', '--into', 'nope.example')).code).toBe(ExitCode.notFound);
    expect((await run('vendors', 'merge', 'protolabs.com')).code).toBe(ExitCode.usage);
    expect(await vendors()).toHaveLength(5);
  });
});

describe('tag', () => {
  it('adds, removes and shows a vendor’s tags, cleaned and sorted', async () => {
    const added = await run(
      'tag',
      'vendor',
      'formlabs.com',
      '--add',
      'GDPR',
      '--add',
      ' 3D printing ',
      '--add',
      'gdpr',
    );
    expect(added.code).toBe(ExitCode.ok);
    expect(added.stdout).toBe('Tags of formlabs.com: 3D printing, GDPR\n');
    const removed = await run('tag', 'vendor', 'formlabs.com', '--remove', '3d PRINTING', '--remove', 'nope');
    expect(removed.stdout).toBe('Tags of formlabs.com: GDPR\n');
    expect(removed.stderr).toContain('formlabs.com has no tag "nope"');
    expect(json<{ tags: string[] }>(await run('tag', 'vendor', 'formlabs.com', '--json')).tags).toEqual(['GDPR']);
    const cleared = await run('tag', 'vendor', 'formlabs.com', '--clear');
    expect(cleared.stdout).toContain('formlabs.com has no tags. Add one with: policy-archive tag vendor formlabs.com');
  });

  it('tags a snapshot and lists every tag with its counts', async () => {
    const snapshotId = await firstFormlabsSnapshot();
    const tagged = await run('tag', 'snapshot', `#${snapshotId}`, '--add', 'baseline', '--add', 'GDPR');
    expect(tagged.code).toBe(ExitCode.ok);
    expect(tagged.stdout).toMatch(new RegExp(`^Tags of #${snapshotId} \\(formlabs.com, .*\\): baseline, GDPR\\n$`));
    await run('tag', 'vendor', 'protolabs.com', '--add', 'gdpr');
    const list = await run('tag', 'list');
    expect(list.stdout.split('\n')[0]).toMatch(/^TAG\s+VENDORS\s+SNAPSHOTS$/);
    expect(json<TagCount[]>(await run('tag', 'list', '--json'))).toEqual([
      { name: 'baseline', vendorCount: 0, snapshotCount: 1 },
      { name: 'GDPR', vendorCount: 1, snapshotCount: 1 },
    ]);
  });

  it('says what to do when nothing is tagged, and exits 3 for an unknown vendor or snapshot', async () => {
    expect((await run('tag', 'list')).stdout).toContain('No tags yet.');
    const vendor = await run('tag', 'vendor', 'nope.example', '--add', 'x');
    expect(vendor.code).toBe(ExitCode.notFound);
    const snapshot = await run('tag', 'snapshot', '9999', '--add', 'x');
    expect(snapshot.code).toBe(ExitCode.notFound);
    expect(snapshot.stderr).toContain('Snapshot #9999 not found');
    expect((await run('tag', 'snapshot', 'abc')).code).toBe(ExitCode.usage);
    // A tag longer than the contract allows is a usage error.
    expect((await run('tag', 'vendor', 'formlabs.com', '--add', 'x'.repeat(61))).code).toBe(ExitCode.usage);
  });
});

describe('note', () => {
  it('writes, shows and removes the note on a snapshot', async () => {
    const snapshotId = String(await firstFormlabsSnapshot());
    const empty = await run('note', snapshotId);
    expect(empty.code).toBe(ExitCode.ok);
    expect(empty.stdout).toContain(`No note on #${snapshotId}`);
    expect(empty.stdout).toContain(`policy-archive note ${snapshotId} <text…>`);

    const saved = await run('note', snapshotId, 'Before', 'the GDPR.');
    expect(saved.stdout).toContain(`Saved the note on #${snapshotId} (formlabs.com, Privacy Policy`);
    const shown = await run('note', snapshotId);
    expect(shown.stdout).toMatch(/last edited \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC:\nBefore the GDPR\.\n$/);
    const asJson = json<SnapshotAnnotations>(await run('note', snapshotId, '--json'));
    expect(asJson).toMatchObject({ snapshotId: Number(snapshotId), note: 'Before the GDPR.', tags: [] });

    expect((await run('note', snapshotId, '--clear')).stdout).toContain(`Removed the note on #${snapshotId}`);
    expect((await run('note', snapshotId, '--clear')).stdout).toContain(`There was no note on #${snapshotId}`);
    expect(json<SnapshotAnnotations>(await run('note', snapshotId, '--json')).note).toBeNull();
  });

  it('refuses text together with --clear (exit 2) and an unknown snapshot (exit 3)', async () => {
    const snapshotId = String(await firstFormlabsSnapshot());
    const both = await run('note', snapshotId, 'text', '--clear');
    expect(both.code).toBe(ExitCode.usage);
    expect(both.stderr).toContain('either a note text or --clear');
    expect((await run('note', '9999', 'text')).code).toBe(ExitCode.notFound);
  });
});
