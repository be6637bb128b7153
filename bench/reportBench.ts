/**
 * Report export timings (issue 7): the largest real consecutive pair of the
 * samples (Claude.ai, ~130 KB each) and a generated 40-version history in one
 * report, as PDF (through the machine's Chromium, both print passes), HTML and
 * Markdown. Measures only; prints "not available" when no Chromium exists.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openArchive } from '../src/main/archive/database';
import { findVendor, vendorTimeline } from '../src/main/archive/queries';
import { runImport } from '../src/main/importers/pipeline';
import { chromiumPrinter, findChromium } from '../src/main/report/pdf/chromiumPrinter';
import { renderReportFile } from '../src/main/report/pdf/exportReport';
import type { PdfPrinter } from '../src/main/report/pdf/pdfPrinter';
import { buildReportDocument } from '../src/main/report/reportDocument';
import { documentTimeline } from '../src/main/timeline/documentTimeline';
import type { ReportOptions, ReportSubject } from '../src/shared/report/reportTypes';
import { DEFAULT_SAMPLES_DIR, generateCorpus } from './corpus/generateCorpus';
import { princetonMarkdown } from './corpus/princetonFile';

export interface ReportTiming {
  label: string;
  comparisons: number;
  /** Text of every version in the report, KB (both sides of a pair). */
  sourceKb: number;
  buildMs: number;
  htmlMs: number;
  markdownMs: number;
  /** Null when no Chromium is installed. */
  pdfMs: number | null;
  pdfKb: number | null;
}

export interface ReportBenchResult {
  chromium: string | null;
  timings: ReportTiming[];
}

const OPTIONS: ReportOptions = { pageSize: 'A4', layout: 'inline', includeUnchanged: false, ignore: {} };
const META = { appVersion: 'bench', generatedAt: '2026-01-01T00:00:00Z' };

export async function runReportBench(options: {
  seed: number;
  log: (message: string) => void;
}): Promise<ReportBenchResult> {
  const work = mkdtempSync(join(tmpdir(), 'pae-report-bench-'));
  const executable = findChromium();
  const printer = executable ? chromiumPrinter({ executablePath: executable }) : null;
  const timings: ReportTiming[] = [];
  try {
    const real = openArchive(join(work, 'real.sqlite'));
    await runImport(real, [join(DEFAULT_SAMPLES_DIR, 'open-terms-archive', 'Claude.ai')]);
    const largest = largestPair(real, 'Claude.ai');
    options.log(`largest real pair: snapshots ${largest.a} and ${largest.b}`);
    // A first print starts Chromium: not counted.
    if (printer) await measure(real, 'warm-up', largest.subject, largest.sourceKb, printer, false);
    timings.push(await measure(real, 'largest real pair', largest.subject, largest.sourceKb, printer, false));
    timings.push(await measure(real, 'largest real pair, full text', largest.subject, largest.sourceKb, printer, true));
    real.close();

    // A pair of documents of at least 150 KB each: no real pair is that large, so each side is a real
    // Claude.ai version followed by other real versions as further sections (the
    // changes between the two are the real ones between consecutive versions).
    const pair = openArchive(join(work, 'pair.sqlite'));
    const files = writeLargePair(join(work, 'pair'), 150 * 1024);
    await runImport(pair, files.paths);
    const pairVendor = vendorTimeline(pair, pair.prepare('SELECT id FROM vendors').pluck().get() as number)!;
    const pairIds = pairVendor.documents[0]!.snapshots.map((snapshot) => snapshot.id);
    const large: ReportSubject = { kind: 'pair', snapshotA: pairIds[0]!, snapshotB: pairIds[1]! };
    const label = `pair of ~${Math.round(files.kb / 2)} KB documents`;
    timings.push(await measure(pair, label, large, files.kb, printer, false));
    timings.push(await measure(pair, `${label}, full text`, large, files.kb, printer, true));
    pair.close();

    const corpus = generateCorpus({
      outDir: join(work, 'corpus'),
      vendors: 1,
      versionsPerVendor: 40,
      seed: options.seed,
    });
    const generated = openArchive(join(work, 'generated.sqlite'));
    await runImport(generated, corpus.files);
    const vendor = vendorTimeline(generated, generated.prepare('SELECT id FROM vendors').pluck().get() as number)!;
    const document = vendor.documents[0]!;
    const versions = documentTimeline(generated, document.id)!.versions.length;
    options.log(`generated history: ${versions} versions`);
    const sourceKb = corpus.totalBytes / 1024;
    const history: ReportSubject = { kind: 'history', documentId: document.id };
    timings.push(await measure(generated, `${versions}-version history`, history, sourceKb, printer, false));
    timings.push(await measure(generated, `${versions}-version history, full text`, history, sourceKb, printer, true));
    generated.close();
  } finally {
    await printer?.close();
    rmSync(work, { recursive: true, force: true });
  }
  return { chromium: executable, timings };
}

function largestPair(
  db: Database.Database,
  vendorRef: string,
): { subject: ReportSubject; a: number; b: number; sourceKb: number } {
  const vendor = findVendor(db, vendorRef);
  if (!vendor) throw new Error(`${vendorRef} is not in the samples`);
  const document = vendorTimeline(db, vendor.id)!.documents[0]!;
  const versions = documentTimeline(db, document.id)!.versions;
  let best = 1;
  const words = (index: number): number =>
    versions[index]!.snapshot.wordCount + versions[index - 1]!.snapshot.wordCount;
  for (let index = 2; index < versions.length; index++) if (words(index) > words(best)) best = index;
  const a = versions[best - 1]!.snapshot.id;
  const b = versions[best]!.snapshot.id;
  const bytes = db
    .prepare(
      `SELECT sum(length(CAST(b.text AS BLOB))) FROM snapshots s JOIN text_blocks tb ON tb.text_id = s.text_id
       JOIN blocks b ON b.id = tb.block_id WHERE s.id IN (?, ?)`,
    )
    .pluck()
    .get(a, b) as number;
  return { subject: { kind: 'pair', snapshotA: a, snapshotB: b }, a, b, sourceKb: bytes / 1024 };
}

async function measure(
  db: Database.Database,
  label: string,
  subject: ReportSubject,
  sourceKb: number,
  printer: PdfPrinter | null,
  full: boolean,
): Promise<ReportTiming> {
  const started = performance.now();
  const report = buildReportDocument(db, subject, { ...OPTIONS, includeUnchanged: full }, META);
  const built = performance.now();
  await renderReportFile(report, 'html');
  const html = performance.now();
  await renderReportFile(report, 'markdown');
  const markdown = performance.now();
  const pdf = printer ? await renderReportFile(report, 'pdf', printer) : null;
  const printed = performance.now();
  return {
    label,
    comparisons: report.comparisons.length,
    sourceKb,
    buildMs: built - started,
    htmlMs: html - built,
    markdownMs: markdown - html,
    pdfMs: pdf ? printed - markdown : null,
    pdfKb: pdf ? pdf.bytes.length / 1024 : null,
  };
}

export function formatReportBench(result: ReportBenchResult): string {
  const lines = [
    `Report export — ${result.chromium ? `PDF through ${result.chromium} (both print passes)` : 'PDF not available: no Chromium or Google Chrome found (apt-get install chromium)'}; build = report model with diffs; TEXT KB = the text of every version in the report`,
    'CASE                                   COMPARISONS    TEXT KB  BUILD ms  HTML ms  MD ms   PDF ms   PDF KB',
  ];
  for (const timing of result.timings) {
    const cell = (value: number | null, width: number): string =>
      (value === null ? '–' : value.toFixed(0)).padStart(width);
    lines.push(
      `${timing.label.padEnd(38)} ${String(timing.comparisons).padStart(11)} ${cell(timing.sourceKb, 10)} ${cell(timing.buildMs, 9)} ${cell(timing.htmlMs, 8)} ${cell(timing.markdownMs, 6)} ${cell(timing.pdfMs, 8)} ${cell(timing.pdfKb, 8)}`,
    );
  }
  return lines.join('\n');
}

/**
 * Two Princeton-style Markdown files of about `bytes` each: the older is a
 * real Claude.ai version followed by earlier versions, the newer the next
 * real version followed by the same earlier versions.
 */
function writeLargePair(dir: string, bytes: number): { paths: string[]; kb: number } {
  const folder = join(DEFAULT_SAMPLES_DIR, 'open-terms-archive', 'Claude.ai', 'Privacy Policy');
  const versions = readdirSync(folder)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => readFileSync(join(folder, name), 'utf8'));
  const older = versions.at(-2)!;
  const newer = versions.at(-1)!;
  let filler = '';
  for (const text of versions.slice(0, -2).reverse()) {
    if (older.length + filler.length >= bytes) break;
    filler += `\n\n${text}`;
  }
  mkdirSync(dir, { recursive: true });
  const paths = [
    { text: older + filler, timestamp: '20260601000000' },
    { text: newer + filler, timestamp: '20260701000000' },
  ].map(({ text, timestamp }) => {
    const path = join(dir, `${timestamp}.md`);
    writeFileSync(
      path,
      princetonMarkdown({
        domain: 'large-pair.example',
        timestamp,
        originalUrl: 'https://large-pair.example/privacy',
        text,
      }),
    );
    return path;
  });
  const kb = paths.reduce((sum, path) => sum + statSync(path).size, 0) / 1024;
  return { paths, kb };
}
