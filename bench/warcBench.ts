/**
 * Web-archive import benchmark: a crawl-shaped gzip WARC (policy pages from the
 * synthetic corpus, interleaved with images, other pages and requests) is
 * written to disk, then imported with the real pipeline while memory is sampled.
 * It shows that a large WARC streams: peak memory stays flat as the file grows.
 */
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { WARCRecord, WARCSerializer } from 'warcio';
import { openArchive } from '../src/main/archive/database';
import { runImport } from '../src/main/importers/pipeline';
import { generateCorpus } from './corpus/generateCorpus';

export interface WarcBenchOptions {
  /** Policy pages in the WARC (each also gets a request, an image and an unrelated page). */
  pages: number;
  versionsPerVendor: number;
  seed: number;
  log?: (message: string) => void;
}

export interface WarcBenchResult {
  pages: number;
  records: number;
  warcBytes: number;
  importMs: number;
  recordsPerSecond: number;
  megabytesPerSecond: number;
  snapshotsAdded: number;
  skipped: number;
  failed: number;
  /** Highest resident set size and V8 heap seen while importing, in bytes. */
  peakRss: number;
  peakHeap: number;
}

async function* once(bytes: Uint8Array): AsyncGenerator<Uint8Array> {
  yield bytes;
}

const escapeHtml = (text: string): string => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A generated Princeton Markdown file as the HTML page it stands for (header line dropped). */
function markdownToHtml(markdown: string): string {
  const body = markdown
    .split(/\n\s*\n/)
    .slice(1)
    .map((chunk) => chunk.trim())
    .filter((chunk) => chunk !== '')
    .map((chunk) => {
      const heading = /^(#{1,6})\s+(.*)$/.exec(chunk);
      return heading
        ? `<h${heading[1]!.length}>${escapeHtml(heading[2]!)}</h${heading[1]!.length}>`
        : `<p>${escapeHtml(chunk)}</p>`;
    })
    .join('\n');
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>Privacy Policy</title></head><body><nav><a href="/">Home</a></nav><main>${body}</main><footer>© Example</footer></body></html>`;
}

async function record(fd: number, options: Parameters<typeof WARCRecord.create>[0], body: Uint8Array): Promise<void> {
  const serialized = await WARCSerializer.serialize(WARCRecord.create(options, once(body)), { gzip: true });
  writeSync(fd, serialized);
}

/** Write the WARC record by record, so even the generator never holds it whole. */
async function writeCrawl(files: string[], warcPath: string): Promise<number> {
  const fd = openSync(warcPath, 'w');
  let records = 0;
  try {
    for (const [index, file] of files.entries()) {
      const vendor = basename(dirname(file));
      const date = `${basename(file, '.md')}T12:00:00Z`;
      const url = `https://${vendor}/privacy-policy`;
      await record(
        fd,
        { url, date, type: 'request', statusline: 'GET /privacy-policy HTTP/1.1', httpHeaders: { Host: vendor } },
        new Uint8Array(),
      );
      const html = Buffer.from(markdownToHtml(readFileSync(file, 'utf8')));
      await record(
        fd,
        { url, date, type: 'response', httpHeaders: { 'Content-Type': 'text/html; charset=utf-8' } },
        html,
      );
      const logo = Buffer.alloc(2048, index % 251);
      await record(
        fd,
        { url: `https://${vendor}/logo.png`, date, type: 'response', httpHeaders: { 'Content-Type': 'image/png' } },
        logo,
      );
      const about = Buffer.from(
        `<html><head><title>About ${vendor}</title></head><body><p>We make things.</p></body></html>`,
      );
      await record(
        fd,
        { url: `https://${vendor}/about`, date, type: 'response', httpHeaders: { 'Content-Type': 'text/html' } },
        about,
      );
      records += 4;
    }
  } finally {
    closeSync(fd);
  }
  return records;
}

export async function runWarcBench(options: WarcBenchOptions): Promise<WarcBenchResult> {
  const log = options.log ?? (() => {});
  const workDir = mkdtempSync(join(tmpdir(), 'pae-warc-bench-'));
  try {
    const vendors = Math.max(1, Math.round(options.pages / options.versionsPerVendor));
    log(`generating ${vendors * options.versionsPerVendor} policy pages and writing the WARC…`);
    const corpus = generateCorpus({
      outDir: join(workDir, 'corpus'),
      vendors,
      versionsPerVendor: options.versionsPerVendor,
      seed: options.seed,
    });
    const warcPath = join(workDir, 'crawl.warc.gz');
    const records = await writeCrawl(corpus.files, warcPath);
    const warcBytes = statSync(warcPath).size;

    const db = openArchive(join(workDir, 'archive.sqlite'));
    let peakRss = 0;
    let peakHeap = 0;
    const sample = (): void => {
      const usage = process.memoryUsage();
      peakRss = Math.max(peakRss, usage.rss);
      peakHeap = Math.max(peakHeap, usage.heapUsed);
    };
    // With --expose-gc, collect before each sample so the figure is live memory, not GC slack.
    const collect = (globalThis as { gc?: () => void }).gc;
    const sampler = setInterval(() => {
      collect?.();
      sample();
    }, 250);
    log(`importing ${records} records (${(warcBytes / 1048576).toFixed(1)} MB gzip)…`);
    const started = performance.now();
    const report = await runImport(db, [warcPath], { onProgress: sample });
    const importMs = performance.now() - started;
    clearInterval(sampler);
    sample();
    db.close();
    return {
      pages: corpus.snapshots,
      records,
      warcBytes,
      importMs,
      recordsPerSecond: records / (importMs / 1000),
      megabytesPerSecond: warcBytes / 1048576 / (importMs / 1000),
      snapshotsAdded: report.snapshotsAdded,
      skipped: report.skipped,
      failed: report.failed,
      peakRss,
      peakHeap,
    };
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
