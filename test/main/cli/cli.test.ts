import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HIGHLIGHT_END,
  HIGHLIGHT_START,
  type DiffResult,
  type ImportReport,
  type SearchResult,
  type SnapshotDetail,
  type VendorSummary,
} from '../../../src/shared/domain';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import type { TimelineEntry } from '../../../src/main/cli/commands/timeline';
import { repoRoot, samplesDir, tempDir } from '../../support/paths';
import { cli, json } from './cliHarness';

const history = join(samplesDir, 'princeton-history');
/** Start of an ANSI colour sequence. */
const ESC = '\u001b[';
const GREEN = `${ESC}32m`;
const RED = `${ESC}31m`;

interface TimelineJson {
  vendor: VendorSummary;
  documents: Array<{ title: string; snapshots: TimelineEntry[] }>;
}

let dir: string;
let cleanup: () => void;
let db: string;
let importRun: Awaited<ReturnType<typeof cli>>;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('pae-cli-'));
  db = join(dir, 'archive.sqlite');
  importRun = await cli(['--db', db, 'import', history]);
});
afterAll(() => cleanup());

/** formlabs.com's captures, oldest first, from `timeline --all-captures --json`. */
async function formlabsSnapshots(): Promise<TimelineEntry[]> {
  const timeline = json<TimelineJson>(await cli(['--db', db, 'timeline', 'formlabs.com', '--all-captures', '--json']));
  return timeline.documents.flatMap((document) => document.snapshots);
}

describe('import', () => {
  it('imports the sample folder and reports what it did', () => {
    expect(importRun.code).toBe(ExitCode.ok);
    const done = /Done: 14 files — (\d+) imported \((\d+) snapshots\), (\d+) duplicates, 0 skipped, 0 failed/.exec(
      importRun.stdout,
    );
    expect(done).not.toBeNull();
    // The Markdown and HTML files of one capture may make one snapshot: the second then counts as a duplicate.
    expect(Number(done![1]) + Number(done![3])).toBe(14);
    expect(Number(done![2])).toBeGreaterThanOrEqual(13);
    // Not a terminal: plain progress lines on stderr, nothing on stdout but the report.
    expect(importRun.stderr).toMatch(/Importing: \d+\/14 files/);
  });

  it('reports files already imported as duplicates, with --json', async () => {
    const run = await cli(['--db', db, 'import', join(history, 'formlabs.com'), '--json']);
    expect(run.code).toBe(ExitCode.ok);
    const report = json<ImportReport>(run);
    expect(report.duplicates).toBe(4);
    expect(report.files).toHaveLength(4);
    expect(report.imported).toBe(0);
    expect(report.files.every((file) => file.outcome === 'duplicate')).toBe(true);
  });

  it('exits 1 when some files fail, naming each file and its reason, and keeps the rest', async () => {
    const { dir: scratch, cleanup: done } = tempDir('pae-cli-fail-');
    try {
      const missing = join(scratch, 'missing.md');
      const run = await cli([
        '--db',
        join(scratch, 'a.sqlite'),
        'import',
        missing,
        join(history, 'artec3d.com', '2017-02-17.md'),
      ]);
      expect(run.code).toBe(ExitCode.importFailures);
      const line = run.stdout.split('\n').find((text) => text.includes(missing));
      expect(line).toMatch(/^failed\s+\S.*: \S/); // outcome, path, reason
      expect(run.stdout).toMatch(/1 imported .* 1 failed/);
      const vendors = json<VendorSummary[]>(await cli(['--db', join(scratch, 'a.sqlite'), 'vendors', '--json']));
      expect(vendors.map((vendor) => vendor.key)).toEqual(['artec3d.com']);
    } finally {
      done();
    }
  });

  it('rejects a malformed --date as a usage error before touching the archive', async () => {
    const target = join(dir, 'never-created.sqlite');
    const run = await cli(['--db', target, 'import', history, '--date', '13/05/2018']);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toMatch(/invalid --date/);
    expect(existsSync(target)).toBe(false);
  });

  it('cancels on Ctrl+C with exit 130 and leaves the archive as it was', async () => {
    const { dir: scratch, cleanup: done } = tempDir('pae-cli-cancel-');
    try {
      const target = join(scratch, 'a.sqlite');
      let interrupt: (() => void) | undefined;
      const run = await cli(['--db', target, 'import', history], {
        onInterrupt: (handler) => {
          interrupt = handler;
          return () => (interrupt = undefined);
        },
        // The user presses Ctrl+C as soon as the first progress line appears.
        onStderr: () => {
          const press = interrupt;
          interrupt = undefined;
          press?.();
        },
      });
      expect(run.code).toBe(ExitCode.cancelled);
      expect(run.stderr).toContain('Import cancelled; the archive is as it was before.');
      const vendors = json<VendorSummary[]>(await cli(['--db', target, 'vendors', '--json']));
      expect(vendors).toEqual([]);
    } finally {
      done();
    }
  });
});

describe('vendors', () => {
  it('lists every imported vendor in a table', async () => {
    const run = await cli(['--db', db, 'vendors']);
    expect(run.code).toBe(ExitCode.ok);
    for (const domain of ['3dhubs.com', 'artec3d.com', 'formlabs.com', 'protolabs.com', 'ultimaker.com']) {
      expect(run.stdout).toContain(domain);
    }
    expect(run.stdout.split('\n')[0]).toMatch(/^ID\s+VENDOR\s+KEY\s+DOCS\s+SNAPSHOTS\s+VERSIONS/);
    expect(run.stdout).not.toContain(ESC);
  });

  it('prints JSON with --json', async () => {
    const vendors = json<VendorSummary[]>(await cli(['--db', db, 'vendors', '--json']));
    expect(vendors).toHaveLength(5);
    const formlabs = vendors.find((vendor) => vendor.key === 'formlabs.com')!;
    expect(formlabs.snapshotCount).toBe((await formlabsSnapshots()).length);
    expect(formlabs.versionCount).toBeLessThanOrEqual(formlabs.snapshotCount);
  });
});

describe('timeline --all-captures', () => {
  it('lists a vendor’s captures by date and marks where the text changed', async () => {
    const run = await cli(['--db', db, 'timeline', 'formlabs.com', '--all-captures']);
    expect(run.code).toBe(ExitCode.ok);
    const dates = [...run.stdout.matchAll(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}/g)].map((match) => match[0].slice(0, 10));
    expect(dates).toEqual([...dates].sort());
    expect(new Set(dates)).toEqual(new Set(['2015-05-04', '2016-05-09', '2017-02-11']));
    expect(run.stdout).toContain('first');
    expect(run.stdout).toContain('* changed');
  });

  it('marks each capture whose text differs from the capture before it', async () => {
    const snapshots = await formlabsSnapshots();
    expect(snapshots[0]?.textChange).toBe('first');
    for (let index = 1; index < snapshots.length; index++) {
      const current = snapshots[index]!;
      const previous = snapshots[index - 1]!;
      const expected =
        current.contentHash === previous.contentHash
          ? 'same'
          : current.formattingHash === previous.formattingHash
            ? 'formatting'
            : 'changed';
      expect(current.textChange).toBe(expected);
    }
    expect(snapshots.map((snapshot) => snapshot.sourceFormat)).toContain('princeton-html');
  });

  it('finds the vendor by id or by name, ignoring case', async () => {
    const vendors = json<VendorSummary[]>(await cli(['--db', db, 'vendors', '--json']));
    const formlabs = vendors.find((vendor) => vendor.key === 'formlabs.com')!;
    const byId = await cli(['--db', db, 'timeline', String(formlabs.id), '--all-captures', '--json']);
    const byName = await cli(['--db', db, 'timeline', 'FORMLABS.COM', '--all-captures', '--json']);
    expect(json<TimelineJson>(byId).vendor.key).toBe('formlabs.com');
    expect(json<TimelineJson>(byName).vendor.key).toBe('formlabs.com');
  });

  it('exits 3 for an unknown vendor', async () => {
    const run = await cli(['--db', db, 'timeline', 'no-such-vendor.example']);
    expect(run.code).toBe(ExitCode.notFound);
    expect(run.stderr).toContain('Vendor "no-such-vendor.example" not found');
    expect(run.stdout).toBe('');
  });
});

describe('show', () => {
  it('prints the metadata and the text with Markdown headings', async () => {
    const [, markdown] = await formlabsSnapshots();
    const run = await cli(['--db', db, 'show', String(markdown!.id)]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/Vendor:\s+formlabs\.com/);
    expect(run.stdout).toMatch(/Captured:\s+2016-05-09 14:50 UTC/);
    expect(run.stdout).toContain('https://web.archive.org/web/20160509145001id_/');
    expect(run.stdout).toMatch(/^# Privacy Policy/m);
    expect(run.stdout).toMatch(/^#{2,3} Changes to this Privacy Policy$/m);
    expect(run.stdout).toContain('Formlabs is committed to protecting your privacy.');
  });

  it('accepts #id and prints the blocks with --json', async () => {
    const [first] = await formlabsSnapshots();
    const snapshot = json<SnapshotDetail>(await cli(['--db', db, 'show', `#${first!.id}`, '--json']));
    expect(snapshot.id).toBe(first!.id);
    expect(snapshot.blocks.some((block) => block.kind === 'heading')).toBe(true);
  });

  it('exits 3 for an unknown snapshot and 2 for something that is not an id', async () => {
    const unknown = await cli(['--db', db, 'show', '999999']);
    expect(unknown.code).toBe(ExitCode.notFound);
    expect(unknown.stderr).toContain('Snapshot 999999 not found');
    const bad = await cli(['--db', db, 'show', 'latest']);
    expect(bad.code).toBe(ExitCode.usage);
    expect(bad.stderr).toContain('expected a snapshot id');
  });
});

describe('search', () => {
  it('prints ranked hits with bracketed highlights', async () => {
    const run = await cli(['--db', db, 'search', 'cookies', '--limit', '3']);
    expect(run.code).toBe(ExitCode.ok);
    // Plain words are read as typed: no "Read as" line.
    expect(run.stdout).not.toMatch(/^Read as:/m);
    expect(run.stdout).toMatch(/^\d+ documents found \(showing 1–3\)/m);
    expect(run.stdout).toMatch(/^1\. /m);
    expect(run.stdout).toMatch(/\[\[cookies\]\]/i);
    expect(run.stdout).not.toContain(HIGHLIGHT_START);
    expect(run.stdout).not.toContain(HIGHLIGHT_END);
  });

  it('highlights in colour on a terminal, and not with --no-color', async () => {
    const coloured = await cli(['--db', db, 'search', 'cookies'], { isTTY: true });
    expect(coloured.stdout).toContain(ESC);
    expect(coloured.stdout).not.toContain('[[');
    const plain = await cli(['--db', db, '--no-color', 'search', 'cookies'], { isTTY: true });
    expect(plain.stdout).not.toContain(ESC);
    const noColorEnv = await cli(['--db', db, 'search', 'cookies'], { isTTY: true, env: { NO_COLOR: '1' } });
    expect(noColorEnv.stdout).not.toContain(ESC);
  });

  it('limits to one vendor and prints JSON', async () => {
    const result = json<SearchResult>(
      await cli(['--db', db, 'search', 'privacy', '--vendor', 'formlabs.com', '--json']),
    );
    expect(result.hits.length).toBeGreaterThan(0);
    expect(result.hits.every((hit) => hit.vendorName === 'formlabs.com')).toBe(true);
    expect(result.interpretedAs).toContain('privacy');
  });

  it('does not fail on odd input such as unbalanced quotes and hyphens', async () => {
    const run = await cli(['--db', db, 'search', '"opt-out', 'AND', '-']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^Read as: "opt-out"$/m);
    expect(run.stdout).toContain('ignored: a quote (") with no closing quote');
    expect(run.stdout).toContain('ignored: a lone "-" with no word after it');
    // After `--`, a leading minus is the query's exclusion, not an option.
    const excluded = json<SearchResult>(await cli(['--db', db, 'search', '--json', '--', 'privacy', '-cookies']));
    expect(excluded.interpretedAs).toMatch(/NOT/);
  });

  it('exits 3 for an unknown --vendor and 2 for a bad --limit', async () => {
    expect((await cli(['--db', db, 'search', 'data', '--vendor', 'nobody'])).code).toBe(ExitCode.notFound);
    expect((await cli(['--db', db, 'search', 'data', '--limit', '0'])).code).toBe(ExitCode.usage);
  });
});

describe('diff', () => {
  it('marks insertions and deletions with {+ +} and [- -] and prints the stats', async () => {
    const snapshots = await formlabsSnapshots();
    const first = snapshots[0]!;
    const last = snapshots.find((snapshot) => snapshot.contentHash !== first.contentHash)!;
    const run = await cli(['--db', db, 'diff', String(first.id), String(last.id)]);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(new RegExp(`^--- #${first.id} formlabs\\.com`, 'm'));
    expect(run.stdout).toMatch(new RegExp(`^\\+\\+\\+ #${last.id} formlabs\\.com`, 'm'));
    expect(run.stdout).toMatch(/\{\+[^]+?\+\}/);
    expect(run.stdout).toMatch(/\[-[^]+?-\]/);
    expect(run.stdout).toMatch(
      /\+\d+ words, −\d+ words, \d+ moved · \d+ changed, \d+ inserted, \d+ deleted, \d+ moved, \d+ unchanged blocks · [\d.]+% changed/,
    );
    expect(run.stdout).not.toContain(ESC);
  });

  it('uses colours instead of markers on a terminal', async () => {
    const snapshots = await formlabsSnapshots();
    const run = await cli(['--db', db, 'diff', String(snapshots[0]!.id), String(snapshots[1]!.id)], { isTTY: true });
    expect(run.stdout).toContain(GREEN); // insertions
    expect(run.stdout).toContain(RED); // deletions
    expect(run.stdout).not.toContain('{+');
  });

  it('prints the diff as JSON whose spans rebuild the newer text', async () => {
    const snapshots = await formlabsSnapshots();
    const [a, b] = [snapshots[0]!, snapshots[snapshots.length - 1]!];
    const result = json<DiffResult>(await cli(['--db', db, 'diff', String(a.id), String(b.id), '--json']));
    expect(result.a.id).toBe(a.id);
    expect(result.b.id).toBe(b.id);
    const newer = json<SnapshotDetail>(await cli(['--db', db, 'show', String(b.id), '--json']));
    const rebuilt = result.blocks
      .filter((block) => block.change !== 'delete')
      .map((block) =>
        block.spans
          .filter((span) => span.op !== 'delete')
          .map((span) => span.text)
          .join(''),
      );
    expect(rebuilt).toEqual(newer.blocks.map((block) => block.text));
    expect(result.stats.wordsAdded + result.stats.wordsRemoved).toBeGreaterThan(0);
  });

  it('says so when two snapshots have the same text', async () => {
    const snapshots = await formlabsSnapshots();
    const same = snapshots.find((snapshot) => snapshot.textChange === 'same')!;
    const before = snapshots[snapshots.indexOf(same) - 1]!;
    const run = await cli(['--db', db, 'diff', String(before.id), String(same.id)]);
    expect(run.stdout).toContain('No differences.');
  });

  it('exits 3 when a snapshot is unknown', async () => {
    const [first] = await formlabsSnapshots();
    const run = await cli(['--db', db, 'diff', String(first!.id), '424242']);
    expect(run.code).toBe(ExitCode.notFound);
    expect(run.stderr).toContain('Snapshot 424242 not found');
  });
});

describe('usage and errors', () => {
  it('prints help with every command and exit 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(ExitCode.ok);
    for (const command of ['import', 'vendors', 'timeline', 'show', 'search', 'diff']) {
      expect(run.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    }
    expect(run.stdout).toContain('--db <file>');
  });

  it('prints help for a command', async () => {
    const run = await cli(['diff', '--help']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toContain('--ignore-case');
  });

  it('prints the package version', async () => {
    const { version } = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { version: string };
    const run = await cli(['--version']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout.trim()).toBe(version);
  });

  it('exits 2 for an unknown command, an unknown option or a missing argument', async () => {
    const unknown = await cli(['--db', db, 'frobnicate']);
    expect(unknown.code).toBe(ExitCode.usage);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect((await cli(['--db', db, 'vendors', '--colour'])).code).toBe(ExitCode.usage);
    expect((await cli(['--db', db, 'diff', '1'])).code).toBe(ExitCode.usage);
  });

  it('exits 4 without creating a file when the archive does not exist', async () => {
    const missing = join(dir, 'nowhere', 'archive.sqlite');
    const run = await cli(['--db', missing, 'vendors']);
    expect(run.code).toBe(ExitCode.archive);
    expect(run.stderr).toContain(`No archive at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });

  it('exits 4 naming the file when it is not an archive', async () => {
    const notAnArchive = join(dir, 'notes.sqlite');
    writeFileSync(notAnArchive, 'these are my notes, not a database\n'.repeat(200));
    const run = await cli(['--db', notAnArchive, 'vendors']);
    expect(run.code).toBe(ExitCode.archive);
    expect(run.stderr).toContain(notAnArchive);
  });

  it('uses the default archive (POLICY_ARCHIVE_DB) when --db is not given', async () => {
    const run = await cli(['vendors', '--json'], { env: { POLICY_ARCHIVE_DB: db } });
    expect(run.code).toBe(ExitCode.ok);
    expect(json<VendorSummary[]>(run)).toHaveLength(5);
  });
});

describe('entry point', () => {
  it('runs as a real process through tsx', () => {
    const result = spawnSync('npx', ['tsx', 'src/main/cli/index.ts', '--help'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Usage: policy-archive');
  });
});
