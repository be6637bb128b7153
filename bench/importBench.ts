import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openArchive } from '../src/main/archive/database';
import { archiveInfo } from '../src/main/archive/queries';
import { runImport } from '../src/main/importers/pipeline';
import { generateCorpus } from './corpus/generateCorpus';

export interface ImportBenchOptions {
  /** Snapshots to generate and import (rounded to whole vendors). */
  snapshots: number;
  versionsPerVendor: number;
  seed: number;
  /** Keep the temporary corpus and archive (their folder is reported). */
  keep?: boolean;
  /** Progress messages (stderr in the CLI). */
  log?: (message: string) => void;
}

/** What one run measured. Times are wall-clock; sizes in bytes. */
export interface ImportBenchResult {
  snapshots: number;
  vendors: number;
  files: number;
  rawBytes: number;
  generateMs: number;
  importMs: number;
  snapshotsPerSecond: number;
  megabytesPerSecond: number;
  imported: number;
  failed: number;
  /** Main database file plus WAL, after closing (which checkpoints the WAL into the file). */
  archiveBytes: number;
  archiveToRaw: number;
  /** Distinct texts (versions) and distinct blocks stored: the dedup the archive achieved. */
  texts: number;
  blocks: number;
  /** The folder holding corpus/ and archive.sqlite when `keep` is set. */
  workDir: string | null;
}

/**
 * Generate a synthetic corpus into a temporary folder, import it into a fresh
 * archive with the real pipeline, and measure wall time and sizes.
 */
export async function runImportBench(options: ImportBenchOptions): Promise<ImportBenchResult> {
  const log = options.log ?? (() => {});
  const workDir = mkdtempSync(join(tmpdir(), 'pae-bench-'));
  try {
    const vendors = Math.max(1, Math.round(options.snapshots / options.versionsPerVendor));
    log(
      `generating ${vendors * options.versionsPerVendor} snapshots (${vendors} vendors × ${options.versionsPerVendor})…`,
    );
    const generateStart = performance.now();
    const corpusDir = join(workDir, 'corpus');
    const corpus = generateCorpus({
      outDir: corpusDir,
      vendors,
      versionsPerVendor: options.versionsPerVendor,
      seed: options.seed,
    });
    const generateMs = performance.now() - generateStart;

    log(`importing ${corpus.snapshots} files (${(corpus.totalBytes / 1048576).toFixed(1)} MB)…`);
    const dbPath = join(workDir, 'archive.sqlite');
    const db = openArchive(dbPath);
    let importMs: number;
    let report: Awaited<ReturnType<typeof runImport>>;
    let info: ReturnType<typeof archiveInfo>;
    try {
      const importStart = performance.now();
      report = await runImport(db, [corpusDir], { description: 'benchmark' });
      importMs = performance.now() - importStart;
      info = archiveInfo(db, dbPath);
    } finally {
      db.close();
    }
    const archiveBytes = fileSize(dbPath) + fileSize(`${dbPath}-wal`);
    const seconds = importMs / 1000;
    return {
      snapshots: corpus.snapshots,
      vendors: corpus.vendors,
      files: report.filesTotal,
      rawBytes: corpus.totalBytes,
      generateMs,
      importMs,
      snapshotsPerSecond: report.snapshotsAdded / seconds,
      megabytesPerSecond: corpus.totalBytes / 1048576 / seconds,
      imported: report.imported,
      failed: report.failed,
      archiveBytes,
      archiveToRaw: archiveBytes / corpus.totalBytes,
      texts: info.textCount,
      blocks: info.blockCount,
      workDir: options.keep ? workDir : null,
    };
  } finally {
    if (!options.keep) rmSync(workDir, { recursive: true, force: true });
  }
}

function fileSize(path: string): number {
  return existsSync(path) ? statSync(path).size : 0;
}
