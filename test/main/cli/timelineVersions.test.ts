import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineVersion } from '../../../src/shared/domain';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import { magnitudeBar, type VendorVersionsJson } from '../../../src/main/cli/commands/timeline';
import { samplesDir, tempDir } from '../../support/paths';
import { cli, json } from './cliHarness';

/*
 * `timeline <vendor>`: folded versions with magnitudes and reference events,
 * over formlabs.com (2015–2018, across the GDPR) and Claude.ai (102 captures).
 */

let cleanup: () => void;
let db: string;

beforeAll(async () => {
  const temp = tempDir('pae-cli-timeline-');
  cleanup = temp.cleanup;
  db = join(temp.dir, 'archive.sqlite');
  const run = await cli([
    '--db',
    db,
    'import',
    join(samplesDir, 'princeton-history'),
    join(samplesDir, 'princeton'),
    join(samplesDir, 'open-terms-archive', 'Claude.ai'),
  ]);
  expect(run.code).toBe(ExitCode.ok);
});
afterAll(() => cleanup());

async function versionsOf(vendor: string): Promise<VendorVersionsJson> {
  const run = await cli(['--db', db, 'timeline', vendor, '--json']);
  expect(run.code).toBe(ExitCode.ok);
  return json<VendorVersionsJson>(run);
}

/** The output line of version `n` (its table row starts with `vN`). */
function versionLine(stdout: string, version: TimelineVersion): string {
  const line = stdout.split('\n').find((text) => text.startsWith(`v${version.number} `));
  if (!line) throw new Error(`no line for v${version.number} in:\n${stdout}`);
  return line;
}

describe('timeline <vendor>', () => {
  it('prints each version once with when it was seen, its captures, effective date and change', async () => {
    const { documents } = await versionsOf('formlabs.com');
    const [timeline] = documents;
    expect(timeline!.versions.length).toBeGreaterThanOrEqual(3);
    const run = await cli(['--db', db, 'timeline', 'formlabs.com']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout).toMatch(/^formlabs\.com \(formlabs\.com\) — \d+ captures, \d+ versions$/m);

    for (const version of timeline!.versions) {
      const line = versionLine(run.stdout, version);
      expect(line).toContain(`#${version.snapshot.id}`);
      expect(line).toContain(version.firstSeen.slice(0, 10));
      expect(line).toContain(version.lastSeen.slice(0, 10));
      expect(line).toMatch(new RegExp(`\\s${version.snapshotIds.length}\\s`));
      expect(line).toContain(version.effectiveDate ?? '—');
      if (!version.change) {
        expect(line).toContain('first version');
        continue;
      }
      const { wordsAdded, wordsRemoved, wordsMoved, changeRatio } = version.change;
      expect(line).toContain(`+${wordsAdded} −${wordsRemoved} ~${wordsMoved}`);
      expect(line).toContain(magnitudeBar(changeRatio));
    }
    // The 2016 text, captured again in 2017, is one version seen over both.
    expect(run.stdout).toMatch(/^v2 .*2016-05-09 → 2017-02-11/m);
  });

  it('lists the sections each version changed under it', async () => {
    const { documents } = await versionsOf('formlabs.com');
    const run = await cli(['--db', db, 'timeline', 'formlabs.com']);
    const lines = run.stdout.split('\n');
    for (const version of documents[0]!.versions.filter((candidate) => candidate.change)) {
      const index = lines.indexOf(versionLine(run.stdout, version));
      const sections = lines[index + 1]!;
      expect(sections.trim().startsWith('§ ')).toBe(true);
      expect(sections).toContain(version.change!.sectionsTouched[0]!);
    }
  });

  it('draws the GDPR between the last version before it and the first after it', async () => {
    const { documents, events } = await versionsOf('formlabs.com');
    expect(events.map((event) => event.id)).toEqual(['gdpr', 'ccpa', 'cpra']);
    const versions = documents[0]!.versions;
    const after = versions.find((version) => version.firstSeen >= '2018-05-25')!;
    const before = versions[versions.indexOf(after) - 1]!;

    const run = await cli(['--db', db, 'timeline', 'formlabs.com']);
    const lines = run.stdout.split('\n');
    const gdpr = lines.findIndex((line) => line.startsWith('── GDPR 2018-05-25'));
    expect(gdpr).toBeGreaterThan(lines.indexOf(versionLine(run.stdout, before)));
    expect(gdpr).toBeLessThan(lines.indexOf(versionLine(run.stdout, after)));
    expect(lines[gdpr]).toContain('policy-archive diff --across gdpr --vendor formlabs.com');
    // The CCPA came after the last capture: nothing was observed around it.
    expect(run.stdout).not.toContain('── CCPA');
  });

  it('folds Claude.ai’s 102 captures into 9 versions and says which ones alternate', async () => {
    const { documents } = await versionsOf('Claude.ai');
    const versions = documents[0]!.versions;
    expect(versions).toHaveLength(9);
    expect(versions.reduce((sum, version) => sum + version.snapshotIds.length, 0)).toBe(102);

    const run = await cli(['--db', db, 'timeline', 'Claude.ai']);
    expect(run.stdout).toMatch(/— 102 captures, 9 versions$/m);
    const rows = run.stdout.split('\n').filter((line) => /^v\d+ /.test(line));
    expect(rows).toHaveLength(9);
    // The service flipped between renderings in 2026: their captures interleave, and the listing says so.
    expect(run.stdout).toMatch(/↺ captures alternate with v\d/);
    // Every version after the first has a visible magnitude.
    for (const row of rows.slice(1)) expect(row).toContain('█');
  });

  it('keeps the per-capture listing with --all-captures', async () => {
    const run = await cli(['--db', db, 'timeline', 'Claude.ai', '--all-captures']);
    expect(run.code).toBe(ExitCode.ok);
    expect(run.stdout.split('\n').filter((line) => /^\s*#\d+ /.test(line))).toHaveLength(102);
    expect(run.stdout).toContain('* changed');
  });

  it('scales the magnitude bar so small edits show and rewrites fill it', () => {
    expect(magnitudeBar(0)).toBe('░'.repeat(10));
    expect(magnitudeBar(0.001)).toBe(`█${'░'.repeat(9)}`);
    expect(magnitudeBar(1)).toBe('█'.repeat(10));
    const cells = (ratio: number): number => [...magnitudeBar(ratio)].filter((cell) => cell === '█').length;
    expect(cells(0.05)).toBeLessThan(cells(0.3));
  });
});
