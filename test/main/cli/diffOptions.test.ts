import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AcrossEvent, Block, DiffResult, DiffStats } from '../../../src/shared/domain';
import { openArchive } from '../../../src/main/archive/database';
import { ArchiveWriter } from '../../../src/main/archive/writer';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import { samplesDir, tempDir } from '../../support/paths';
import { aCapture, heading, listItem, paragraph } from '../archive/captureBuilder';
import { cli, json } from './cliHarness';

/*
 * `diff` flags and formats: ignore options, --only-changes, moves, --format
 * json|html, and --across <event>. Real archive: the Princeton samples plus
 * constructed pairs whose differences are known.
 */

let cleanup: () => void;
let db: string;
/** Snapshot ids of the constructed pairs. */
const pairs = { noise: [0, 0], moved: [0, 0] };

const filler = (topic: string): Block =>
  paragraph(`This paragraph about ${topic} stays exactly the same in both versions of the policy.`);

/** Differences each ignore option should stop counting, plus one real insertion (hostile text). */
const noisyOlder: Block[] = [
  heading('Privacy Policy', 1),
  filler('scope'),
  paragraph('Contact Us by Email at any time.'),
  paragraph('Send an e-mail to our office.'),
  paragraph('We use “cookies” — small files — on our site.'),
  paragraph('We keep your data for thirty days.'),
  filler('children'),
  filler('security'),
];
const noisyNewer: Block[] = [
  heading('Privacy Policy', 1),
  filler('scope'),
  paragraph('contact us by email at any time.'),
  paragraph('Send an e - mail to our office.'),
  paragraph('We use "cookies" - small files - on our site.'),
  listItem('We keep your data for thirty days.'),
  paragraph('Click <script>alert("pwned")</script> & read our <b>terms</b>.'),
  filler('children'),
  filler('security'),
];

const retention =
  'We keep account records for as long as your account is open and delete them within ninety days of its closure.';
const movedOlder: Block[] = [
  heading('Privacy Policy', 1),
  heading('Your rights', 2),
  paragraph(retention),
  filler('rights'),
  heading('Data retention', 2),
  filler('retention'),
];
const movedNewer: Block[] = [
  heading('Privacy Policy', 1),
  heading('Your rights', 2),
  filler('rights'),
  heading('Data retention', 2),
  filler('retention'),
  paragraph(retention),
];

beforeAll(async () => {
  const temp = tempDir('pae-cli-diff-');
  cleanup = temp.cleanup;
  db = join(temp.dir, 'archive.sqlite');
  const run = await cli(['--db', db, 'import', join(samplesDir, 'princeton-history'), join(samplesDir, 'princeton')]);
  expect(run.code).toBe(ExitCode.ok);

  const archive = openArchive(db);
  const writer = new ArchiveWriter(archive);
  const importId = writer.beginImport('constructed pairs');
  const add = (vendor: string, capturedAt: string, blocks: Block[], source: string): number =>
    writer.addCapture(
      importId,
      aCapture({ vendor: { key: vendor, displayName: vendor }, capturedAt, blocks, sourcePath: `/test/${source}` }),
      source.padStart(64, '0'),
    ).snapshotId;
  pairs.noise = [
    add('noise.example', '2020-01-01T00:00:00Z', noisyOlder, '1'),
    add('noise.example', '2021-01-01T00:00:00Z', noisyNewer, '2'),
  ];
  pairs.moved = [
    add('moved.example', '2020-01-01T00:00:00Z', movedOlder, '3'),
    add('moved.example', '2021-01-01T00:00:00Z', movedNewer, '4'),
  ];
  writer.finishImport(importId, 'done');
  archive.close();
});
afterAll(() => cleanup());

async function diffJson(ids: number[], ...flags: string[]): Promise<DiffResult> {
  const run = await cli(['--db', db, 'diff', String(ids[0]), String(ids[1]), '--format', 'json', ...flags]);
  expect(run.code).toBe(ExitCode.ok);
  return json<DiffResult>(run);
}

/** Everything the diff counts as changed. */
const counted = (stats: DiffStats): number =>
  stats.wordsAdded + stats.wordsRemoved + stats.blocksChanged + stats.blocksInserted + stats.blocksDeleted;

describe('diff --ignore-*', () => {
  it.each([['--ignore-case'], ['--ignore-whitespace'], ['--ignore-punctuation'], ['--ignore-formatting']])(
    '%s counts fewer changes on a pair that differs that way',
    async (flag) => {
      const plain = await diffJson(pairs.noise);
      const ignoring = await diffJson(pairs.noise, flag);
      expect(counted(ignoring.stats)).toBeLessThan(counted(plain.stats));
      // What is shown is still the newer text.
      const shown = ignoring.blocks
        .filter((block) => block.change !== 'delete')
        .map((block) =>
          block.spans
            .filter((span) => span.op !== 'delete')
            .map((span) => span.text)
            .join(''),
        );
      expect(shown).toEqual(noisyNewer.map((block) => block.text));
    },
  );

  it('with every flag, leaves only the real edit', async () => {
    const result = await diffJson(
      pairs.noise,
      '--ignore-case',
      '--ignore-whitespace',
      '--ignore-punctuation',
      '--ignore-formatting',
    );
    expect(result.stats.blocksChanged).toBe(0);
    expect(result.stats.blocksDeleted).toBe(0);
    expect(result.stats.blocksInserted).toBe(1);
    const inserted = result.blocks.find((block) => block.change === 'insert')!;
    expect(inserted.spans.map((span) => span.text).join('')).toContain('<script>');
  });
});

describe('diff --only-changes', () => {
  it('shows the whole text by default and collapses unchanged paragraphs when asked', async () => {
    const [a, b] = pairs.noise;
    const full = await cli(['--db', db, 'diff', String(a), String(b)]);
    expect(full.stdout).toContain('about children stays exactly the same');
    expect(full.stdout).not.toMatch(/unchanged paragraph/);

    const collapsed = await cli(['--db', db, 'diff', String(a), String(b), '--only-changes']);
    expect(collapsed.code).toBe(ExitCode.ok);
    expect(collapsed.stdout).not.toContain('about children stays exactly the same');
    expect(collapsed.stdout).toContain('… 2 unchanged paragraphs …');
    expect(collapsed.stdout).toContain('{+Click <script>alert("pwned")</script> & read our <b>terms</b>.+}');
  });
});

describe('diff: moves', () => {
  it('marks a moved paragraph at both ends with the section it went to and came from', async () => {
    const [a, b] = pairs.moved;
    const run = await cli(['--db', db, 'diff', String(a), String(b), '--only-changes']);
    expect(run.stdout).toContain('⇄ moved down to § Privacy Policy › Data retention: “We keep account records');
    expect(run.stdout).toContain('⇄ moved from § Privacy Policy › Your rights (above)');
    expect(run.stdout).not.toContain(`[-${retention}-]`);
    const result = await diffJson(pairs.moved);
    expect(result.stats.wordsMoved).toBeGreaterThan(0);
    expect(result.stats.wordsAdded + result.stats.wordsRemoved).toBe(0);
  });

  it('links the two ends in HTML', async () => {
    const [a, b] = pairs.moved;
    const run = await cli(['--db', db, 'diff', String(a), String(b), '--format', 'html']);
    const from = /id="(move-\d+-from)"/.exec(run.stdout);
    const to = /id="(move-\d+-to)"/.exec(run.stdout);
    expect(from && to).toBeTruthy();
    expect(run.stdout).toContain(`href="#${to![1]}"`);
    expect(run.stdout).toContain(`href="#${from![1]}"`);
  });
});

describe('diff --format', () => {
  it('json: the same diff as --json, parseable', async () => {
    const [a, b] = pairs.noise;
    const viaFormat = await diffJson(pairs.noise);
    const viaFlag = json<DiffResult>(await cli(['--db', db, 'diff', String(a), String(b), '--json']));
    expect(viaFormat).toEqual(viaFlag);
    expect(viaFormat.a.id).toBe(a);
  });

  it('html: one self-contained page without scripts, every piece of policy text escaped', async () => {
    const [a, b] = pairs.noise;
    const run = await cli(['--db', db, 'diff', String(a), String(b), '--format', 'html']);
    expect(run.code).toBe(ExitCode.ok);
    const html = run.stdout;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<b>/);
    expect(html).toContain(
      '&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; read our &lt;b&gt;terms&lt;/b&gt;',
    );
    // Nothing loaded from elsewhere; a CSP forbids it anyway.
    expect(html).not.toMatch(/\s(src|href)="(https?:)?\/\//i);
    expect(html).toContain("default-src 'none'");
    // Changes are marked by colour and by line style, so they survive printing and colour blindness.
    expect(html).toMatch(/ins \{[^}]*background[^}]*text-decoration: underline/);
    expect(html).toMatch(/del \{[^}]*background[^}]*text-decoration: line-through/);
    expect(html).toContain('<ins>');
    expect(html).toContain('<del>');
    expect(html).toMatch(/<h2 class="block equal">Privacy Policy<\/h2>/);
  });

  it('html: keeps section headings and collapses with --only-changes', async () => {
    const snapshots = json<{ documents: Array<{ snapshots: Array<{ id: number; textChange: string }> }> }>(
      await cli(['--db', db, 'timeline', 'formlabs.com', '--all-captures', '--json']),
    ).documents[0]!.snapshots;
    const changed = snapshots.filter((snapshot) => snapshot.textChange === 'changed');
    const [a, b] = [snapshots[0]!.id, changed.at(-1)!.id];
    const run = await cli(['--db', db, 'diff', String(a), String(b), '--format', 'html', '--only-changes']);
    expect(run.stdout).toMatch(/<h[2-6][^>]*>[^<]*Privacy Policy/);
    expect(run.stdout).toMatch(/<p class="unchanged">… \d+ unchanged paragraphs? …<\/p>/);
    expect(run.stdout).not.toMatch(/<script/i);
  });

  it('rejects an unknown format as a usage error', async () => {
    const [a, b] = pairs.noise;
    const run = await cli(['--db', db, 'diff', String(a), String(b), '--format', 'pdf']);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('pdf');
  });
});

describe('diff --across <event> --vendor <vendor>', () => {
  it('diffs formlabs.com’s last version before the GDPR with the first after it', async () => {
    const run = await cli(['--db', db, 'diff', '--across', 'gdpr', '--vendor', 'formlabs.com', '--only-changes']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^What changed across GDPR \(2018-05-25\) — formlabs\.com · Privacy Policy$/m);
    expect(run.stdout).toMatch(/^Before: v\d+ \(#\d+\), seen 2016-05-09 to 2017-02-11, effective 2015-10-15$/m);
    expect(run.stdout).toMatch(/^After: v\d+ \(#\d+\), seen 2018-08-13, effective 2018-05-25$/m);
    expect(run.stdout).toMatch(/\{\+[^]+?\+\}/);

    const result = json<AcrossEvent & { diff: DiffResult | null }>(
      await cli(['--db', db, 'diff', '--across', 'GDPR', '--vendor', 'formlabs.com', '--json']),
    );
    expect(result.event.id).toBe('gdpr');
    expect(result.diff!.a.id).toBe(result.before!.snapshot.id);
    expect(result.diff!.b.id).toBe(result.after!.snapshot.id);
    expect(result.diff!.stats.wordsAdded).toBeGreaterThan(0);
  });

  it('says so when no version was captured on one side of the event', async () => {
    const run = await cli(['--db', db, 'diff', '--across', 'ccpa', '--vendor', 'formlabs.com']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toContain('No new version of formlabs.com · Privacy Policy was captured on or after CCPA');
    const result = json<AcrossEvent & { diff: DiffResult | null }>(
      await cli(['--db', db, 'diff', '--across', 'ccpa', '--vendor', 'formlabs.com', '--json']),
    );
    expect(result.after).toBeNull();
    expect(result.diff).toBeNull();
    const html = await cli(['--db', db, 'diff', '--across', 'ccpa', '--vendor', 'formlabs.com', '--format', 'html']);
    expect(html.code).toBe(ExitCode.ok);
    expect(html.stdout).toMatch(/^<!doctype html>/);
    expect(html.stdout).toContain('No new version of formlabs.com · Privacy Policy was captured on or after CCPA');
  });

  it('refuses unclear requests with a usage error, and an unknown vendor with exit 3', async () => {
    const unknownEvent = await cli(['--db', db, 'diff', '--across', 'brexit', '--vendor', 'formlabs.com']);
    expect(unknownEvent.code).toBe(ExitCode.usage);
    expect(unknownEvent.stderr).toContain('Known events: gdpr (2018-05-25)');
    expect((await cli(['--db', db, 'diff', '--across', 'gdpr'])).code).toBe(ExitCode.usage);
    expect((await cli(['--db', db, 'diff', '1', '2', '--across', 'gdpr', '--vendor', 'formlabs.com'])).code).toBe(
      ExitCode.usage,
    );
    expect((await cli(['--db', db, 'diff', '1', '2', '--vendor', 'formlabs.com'])).code).toBe(ExitCode.usage);
    const nobody = await cli(['--db', db, 'diff', '--across', 'gdpr', '--vendor', 'nobody.example']);
    expect(nobody.code).toBe(ExitCode.notFound);
  });
});
