import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SearchHit, SearchResult, SnapshotSummary, VendorSummary } from '../../../src/shared/domain';
import type { SearchVersionHit } from '../../../src/shared/searchDomain';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import { samplesDir, tempDir } from '../../support/paths';
import { cli, json } from './cliHarness';

// `search` with filters, versions and paging, on the Princeton sample history (5 vendors, 2012–2019).

let cleanup: () => void;
let db: string;

beforeAll(async () => {
  const temp = tempDir('pae-cli-search-');
  cleanup = temp.cleanup;
  db = join(temp.dir, 'archive.sqlite');
  expect((await cli(['--db', db, 'import', join(samplesDir, 'princeton-history')])).code).toBe(ExitCode.ok);
});
afterAll(() => cleanup());

const search = async (...args: string[]): Promise<SearchResult> => {
  const run = await cli(['--db', db, 'search', '--json', ...args]);
  expect(run.code, run.stderr).toBe(ExitCode.ok);
  return json<SearchResult>(run);
};

/** A vendor's captures, oldest first. */
async function captures(vendorKey: string): Promise<SnapshotSummary[]> {
  const timeline = json<{ vendor: VendorSummary; documents: Array<{ snapshots: SnapshotSummary[] }> }>(
    await cli(['--db', db, 'timeline', vendorKey, '--all-captures', '--json']),
  );
  return timeline.documents.flatMap((document) => document.snapshots);
}

describe('search filters on the command line', () => {
  it('--vendor can be repeated', async () => {
    const all = await search('privacy', '--limit', '100');
    expect(new Set(all.hits.map((hit) => hit.vendorName)).size).toBe(5);
    const two = await search('privacy', '--vendor', 'formlabs.com', '--vendor', 'ultimaker.com');
    expect(two.hits.map((hit) => hit.vendorName).sort()).toEqual(['formlabs.com', 'ultimaker.com']);
  });

  it('--type keeps one kind of document', async () => {
    expect((await search('privacy', '--type', 'privacy-policy')).totalDocuments).toBe(5);
    expect((await search('privacy', '--type', 'terms-of-service')).hits).toEqual([]);
  });

  it('--from and --to keep captures in a period, a year meaning the whole year', async () => {
    const result = await search('privacy', '--from', '2016', '--to', '2016');
    expect(result.hits.length).toBeGreaterThan(0);
    for (const hit of result.hits) expect(hit.snapshot.capturedAt.slice(0, 4)).toBe('2016');
  });

  it("--latest shows each document's newest capture", async () => {
    const result = await search('privacy', '--latest', '--vendor', 'formlabs.com');
    const newest = (await captures('formlabs.com')).at(-1)!;
    expect(result.hits.map((hit) => hit.snapshot.id)).toEqual([newest.id]);
  });

  it('--in-force shows the capture each document had on that date', async () => {
    const formlabs = await captures('formlabs.com');
    const inForce = formlabs.filter((capture) => capture.capturedAt <= '2016-06-01T23:59:59Z').at(-1)!;
    const result = await search('privacy', '--in-force', '2016-06-01', '--vendor', 'formlabs.com');
    expect(result.hits.map((hit) => hit.snapshot.id)).toEqual([inForce.id]);
    expect((await search('privacy', '--in-force', '2000')).hits).toEqual([]);
  });

  it('prints the filters it used', async () => {
    const run = await cli(['--db', db, 'search', 'privacy', '--vendor', 'formlabs.com', '--from', '2016', '--latest']);
    expect(run.stdout).toContain('Filters: vendor formlabs.com; captured 2016 to …; latest version only');
  });
});

describe('search --versions', () => {
  it('lists every matching version under each document', async () => {
    const result = json<SearchResult & { hits: Array<SearchHit & { versions: SearchVersionHit[] }> }>(
      await cli(['--db', db, 'search', 'privacy', '--vendor', 'formlabs.com', '--versions', '--json']),
    );
    const [hit] = result.hits;
    expect(hit!.versions.length).toBeGreaterThan(1);
    // Versions fold identical captures: together they cover every matching capture.
    expect(hit!.versions.reduce((sum, version) => sum + version.captureCount, 0)).toBe(hit!.matchingSnapshotCount);
    const text = await cli(['--db', db, 'search', 'privacy', '--vendor', 'formlabs.com', '--versions']);
    expect(text.stdout).toMatch(new RegExp(`${hit!.versions.length} matching versions, newest first:`));
    expect(text.stdout).toContain(`- #${hit!.versions[0]!.snapshot.id}`);
  });
});

describe('search paging', () => {
  it('--offset gives the next page of the same order', async () => {
    const four = await search('data', '--limit', '4');
    const second = await search('data', '--limit', '2', '--offset', '2');
    expect(second.offset).toBe(2);
    expect(second.hits.map((hit) => hit.documentId)).toEqual(four.hits.slice(2, 4).map((hit) => hit.documentId));
    const text = await cli(['--db', db, 'search', 'data', '--limit', '2', '--offset', '2']);
    expect(text.stdout).toMatch(/^3\. /m);
    expect(text.stdout).toMatch(/\(showing 3–4\)/);
    expect(text.stdout).toContain('More: add --offset 4');
  });
});

describe('search errors', () => {
  it('exits 2 for a date that does not exist or a bad number, naming the option', async () => {
    const month = await cli(['--db', db, 'search', 'data', '--in-force', '2018-13']);
    expect(month.code).toBe(ExitCode.usage);
    expect(month.stderr).toContain('--in-force "2018-13" is not a date: no such month');
    expect((await cli(['--db', db, 'search', 'data', '--from', 'yesterday'])).code).toBe(ExitCode.usage);
    expect((await cli(['--db', db, 'search', 'data', '--offset', '-1'])).code).toBe(ExitCode.usage);
    expect((await cli(['--db', db, 'search', 'data', '--limit', '1001'])).code).toBe(ExitCode.usage);
  });

  it('exits 3 for an unknown vendor', async () => {
    const run = await cli(['--db', db, 'search', 'data', '--vendor', 'formlabs.com', '--vendor', 'nobody']);
    expect(run.code).toBe(ExitCode.notFound);
    expect(run.stderr).toContain('Vendor "nobody" not found');
  });
});
