import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiffResult, DocumentTimeline } from '../../../src/shared/domain';
import { ExitCode } from '../../../src/main/cli/exitCodes';
import { samplesDir, tempDir } from '../../support/paths';
import { pdfInfo, pdfPages, pdfText, savePagePngs } from '../report/pdf/popplerTools';
import { cli, json } from './cliHarness';

/*
 * `export`: diff reports of real sample pairs (formlabs.com before and after
 * GDPR) printed through the machine's Chromium, read back with poppler.
 */

let cleanup: () => void;
let dir: string;
let db: string;
let versions: DocumentTimeline['versions'];
let diff: DiffResult;

beforeAll(async () => {
  const temp = tempDir('pae-cli-export-');
  cleanup = temp.cleanup;
  dir = temp.dir;
  db = join(dir, 'archive.sqlite');
  const run = await cli(['--db', db, 'import', join(samplesDir, 'princeton-history'), join(samplesDir, 'princeton')]);
  expect(run.code).toBe(ExitCode.ok);
  const timeline = json<{ documents: DocumentTimeline[] }>(
    await cli(['--db', db, 'timeline', 'formlabs.com', '--json']),
  );
  versions = timeline.documents[0]!.versions;
  expect(versions.length).toBeGreaterThan(2);
  const [a, b] = pair();
  diff = json<DiffResult>(await cli(['--db', db, 'diff', String(a), String(b), '--json']));
});
afterAll(() => cleanup());

/** The last version before GDPR (2018-05-25) and the first after it: a pair with many changes. */
function pair(): [number, number] {
  const after = versions.findIndex((version) => version.firstSeen >= '2018-05-25');
  const index = after > 0 ? after : versions.length - 1;
  return [versions[index - 1]!.snapshot.id, versions[index]!.snapshot.id];
}

/** A few whole words only in inserted (or deleted) spans, long enough to be unambiguous. */
function changedWords(op: 'insert' | 'delete'): string[] {
  const words = diff.blocks
    .flatMap((block) => block.spans.filter((span) => span.op === op))
    .flatMap((span) => span.text.split(/\s+/))
    .filter((word) => /^[A-Za-z]{9,}$/.test(word));
  return [...new Set(words)].slice(0, 5);
}

const normalized = (text: string): string => text.replace(/\s+/g, ' ');

describe('export <a> <b>', () => {
  let pdf: Buffer;
  let run: Awaited<ReturnType<typeof cli>>;
  beforeAll(async () => {
    const [a, b] = pair();
    run = await cli([
      '--db',
      db,
      'export',
      String(a),
      String(b),
      '--pdf',
      join(dir, 'pair.pdf'),
      '--html',
      join(dir, 'pair.html'),
      '--md',
      join(dir, 'pair.md'),
    ]);
    pdf = readFileSync(join(dir, 'pair.pdf'));
  });

  it('writes the PDF, HTML and Markdown files and says so', () => {
    expect(run.stderr).toContain(`Wrote ${join(dir, 'pair.pdf')} (pdf,`);
    expect(run.code).toBe(ExitCode.ok);
    for (const file of ['pair.pdf', 'pair.html', 'pair.md']) expect(existsSync(join(dir, file))).toBe(true);
    expect(readFileSync(join(dir, 'pair.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    savePagePngs(pdf, 'export-formlabs-gdpr', 3);
  });

  it('has a sane number of pages', () => {
    const pages = Number(pdfInfo(pdf).Pages);
    expect(pages).toBeGreaterThan(1);
    expect(pages).toBeLessThan(60);
  });

  it('contains the inserted and deleted words and the change statistics', () => {
    const text = normalized(pdfText(pdf));
    const inserted = changedWords('insert');
    const deleted = changedWords('delete');
    expect(inserted.length).toBeGreaterThan(0);
    expect(deleted.length).toBeGreaterThan(0);
    for (const word of [...inserted, ...deleted]) expect(text).toContain(word);
    for (const count of [diff.stats.wordsAdded, diff.stats.wordsRemoved]) {
      expect(text).toContain(count.toLocaleString('en-US'));
    }
  });

  it('links the Wayback captures', () => {
    expect(pdf.toString('latin1')).toMatch(/\/URI \(https?:\/\/web\.archive\.org\/web\//);
  });

  it('puts on the cover the page where each listed section really starts', () => {
    const pages = pdfPages(pdf);
    const section = diff.stats.sectionsTouched.at(-1)!;
    const heading = section.split(' › ').at(-1)!;
    // The cover line: the section label, then its page number.
    const cover = normalized(pages[0]! + (pages[1] ?? ''));
    const listed = new RegExp(`${escapeRegExp(heading)}\\s*\\.*\\s*(\\d+)`).exec(cover);
    expect(listed).not.toBeNull();
    const page = Number(listed![1]);
    expect(page).toBeGreaterThan(1);
    expect(normalized(pages[page - 1]!)).toContain(heading);
  });
});

describe('export --vendor', () => {
  it('--all: the whole history in one PDF with a timeline summary', async () => {
    const out = join(dir, 'history.pdf');
    const run = await cli(['--db', db, 'export', '--vendor', 'formlabs.com', '--all', '--pdf', out]);
    expect(run.stderr).toContain('Wrote');
    expect(run.code).toBe(ExitCode.ok);
    const pdf = readFileSync(out);
    const text = normalized(pdfText(pdf));
    // Every version's capture day is named somewhere in the report.
    for (const version of versions) expect(text).toContain(version.firstSeen.slice(0, 10));
    savePagePngs(pdf, 'export-formlabs-history', 2);
  });

  it('--across gdpr: the versions either side of GDPR', async () => {
    const out = join(dir, 'gdpr.md');
    const run = await cli(['--db', db, 'export', '--vendor', 'formlabs.com', '--across', 'GDPR', '--md', out]);
    expect(run.code).toBe(ExitCode.ok);
    expect(readFileSync(out, 'utf8')).toContain('GDPR');
  });
});

describe('export errors', () => {
  it('asks where to write when no output is given (exit 2)', async () => {
    const run = await cli(['--db', db, 'export', '1', '2']);
    expect(run.code).toBe(ExitCode.usage);
    expect(run.stderr).toContain('--pdf <file>');
  });

  it('names an unknown snapshot (exit 3)', async () => {
    const run = await cli(['--db', db, 'export', '1', '99999', '--html', join(dir, 'x.html')]);
    expect(run.code).toBe(ExitCode.notFound);
    expect(run.stderr).toContain('#99999');
  });

  it('says what it needs when there is no Chromium, and writes no file', async () => {
    const [a, b] = pair();
    const out = join(dir, 'none.pdf');
    const run = await cli(['--db', db, 'export', String(a), String(b), '--pdf', out], {
      env: { CHROMIUM_PATH: '/nonexistent/chromium' },
    });
    expect(run.code).not.toBe(ExitCode.ok);
    expect(run.stderr).toMatch(/\/nonexistent\/chromium.*CHROMIUM_PATH/);
    expect(existsSync(out)).toBe(false);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
