/**
 * The search benchmark's archives: a generated corpus imported with the real
 * pipeline, kept between runs in a data folder (default /work/bench-data).
 *
 * For N snapshots the folder holds
 *   texts-N/            the generated Princeton Markdown files (what ripgrep and lunr read)
 *   search-N.sqlite     the archive `runImport` made from them
 *   search-N.json       the parameters it was made with
 * The archive is written under a temporary name and renamed when complete,
 * so a reader never sees a half-written one; the manifest is written last. A later run reuses them when the
 * recorded parameters (size, versions per vendor, seed, schema version,
 * generator version) match. An archive that only has an older schema is
 * upgraded in place by the app's own migrations (what happens to a user's
 * archive), unless `regenerate` is set; otherwise it is made again.
 *
 *   tsx bench/search/benchArchive.ts --snapshots 10000 [--versions 20] [--seed 1] [--dir /work/bench-data]
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { openArchive } from '../../src/main/archive/database';
import { LATEST_SCHEMA_VERSION } from '../../src/main/archive/migrations';
import { runImport } from '../../src/main/importers/pipeline';
import { generateCorpus } from '../corpus/generateCorpus';

/** Bump when the way archives are made changes, so stale ones are made again. */
const GENERATOR_VERSION = 1;
/** Where archives live unless told otherwise: outside the repository, shared with the search helpers. */
export const DEFAULT_BENCH_DATA_DIR = '/work/bench-data';

export interface BenchArchiveOptions {
  /** Snapshots wanted (rounded to whole vendors). */
  snapshots: number;
  versionsPerVendor: number;
  seed: number;
  /** Folder holding archives and texts (created when missing). */
  dataDir?: string;
  /** Make the archive again even when one with the same parameters exists (no reuse, no upgrade). */
  regenerate?: boolean;
  /** Progress messages (stderr in the CLI). */
  log?: (message: string) => void;
}

/** What the manifest records: a reused archive matches all of it. */
export interface BenchArchiveParameters {
  generatorVersion: number;
  schemaVersion: number;
  snapshots: number;
  vendors: number;
  versionsPerVendor: number;
  seed: number;
}

export interface BenchArchive {
  /** The archive file (open it read-only). */
  path: string;
  /** Folder of the generated Markdown files, one per snapshot (vendor folders). */
  textsDir: string;
  parameters: BenchArchiveParameters;
  /** Snapshots the import stored (equals parameters.snapshots unless files were rejected). */
  snapshotsStored: number;
  archiveBytes: number;
  textsBytes: number;
  /** True when an existing archive was reused; the times below are then those recorded when it was made. */
  reused: boolean;
  /** Set when an archive made with an older schema was upgraded by the app's migrations: that schema version. */
  upgradedFrom: number | null;
  generateMs: number;
  importMs: number;
  /** When it was made (ISO). */
  createdAt: string;
}

interface Manifest {
  parameters: BenchArchiveParameters;
  snapshotsStored: number;
  textsBytes: number;
  generateMs: number;
  importMs: number;
  createdAt: string;
  upgradedFrom?: number;
}

/** File names for a size, inside the data folder. */
export function benchArchivePaths(dataDir: string, snapshots: number) {
  return {
    archive: join(dataDir, `search-${snapshots}.sqlite`),
    manifest: join(dataDir, `search-${snapshots}.json`),
    texts: join(dataDir, `texts-${snapshots}`),
  };
}

/** The parameters an archive of this size would be made with. */
export function benchArchiveParameters(options: BenchArchiveOptions): BenchArchiveParameters {
  const vendors = Math.max(1, Math.round(options.snapshots / options.versionsPerVendor));
  return {
    generatorVersion: GENERATOR_VERSION,
    schemaVersion: LATEST_SCHEMA_VERSION,
    snapshots: vendors * options.versionsPerVendor,
    vendors,
    versionsPerVendor: options.versionsPerVendor,
    seed: options.seed,
  };
}

/** Whether two parameter sets describe the same archive. */
export function sameParameters(a: BenchArchiveParameters, b: BenchArchiveParameters): boolean {
  return (
    a.generatorVersion === b.generatorVersion &&
    a.schemaVersion === b.schemaVersion &&
    a.snapshots === b.snapshots &&
    a.vendors === b.vendors &&
    a.versionsPerVendor === b.versionsPerVendor &&
    a.seed === b.seed
  );
}

/**
 * Return the archive (and texts) for these options, reusing the ones in the
 * data folder when their manifest matches, otherwise generating the corpus and
 * importing it with the real `runImport` (minutes at 100k snapshots).
 */
export async function ensureBenchArchive(options: BenchArchiveOptions): Promise<BenchArchive> {
  const log = options.log ?? (() => {});
  const dataDir = resolve(options.dataDir ?? DEFAULT_BENCH_DATA_DIR);
  const parameters = benchArchiveParameters(options);
  const paths = benchArchivePaths(dataDir, parameters.snapshots);
  const existing = readManifest(paths.manifest);
  const present = existing !== null && existsSync(paths.archive) && existsSync(paths.texts);
  if (present && !options.regenerate && sameParameters(existing.parameters, parameters)) {
    log(`reusing ${paths.archive} (made ${existing.createdAt}; same parameters)`);
    return { ...fromManifest(existing, paths), reused: true };
  }
  const older = existing?.parameters.schemaVersion ?? parameters.schemaVersion;
  if (
    present &&
    !options.regenerate &&
    older < parameters.schemaVersion &&
    sameParameters({ ...existing.parameters, schemaVersion: parameters.schemaVersion }, parameters)
  ) {
    log(`upgrading ${paths.archive} from schema ${older} to ${parameters.schemaVersion} with the app's migrations…`);
    const started = performance.now();
    // Opening read-write runs the forward migrations, exactly as the app does with a user's archive.
    const db = openArchive(paths.archive);
    try {
      // Readers of the shared archive may keep close() from folding the WAL back: do it now, so the
      // file stands alone and its size is the archive's.
      db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      db.close();
    }
    const upgraded: Manifest = { ...existing, parameters, upgradedFrom: existing.upgradedFrom ?? older };
    writeFileSync(paths.manifest, `${JSON.stringify(upgraded, null, 2)}\n`);
    log(`upgraded in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return { ...fromManifest(upgraded, paths), reused: true };
  }
  if (existing)
    log(
      `${paths.archive} was made with other parameters${options.regenerate ? ' or regeneration was asked for' : ''}: making it again`,
    );

  mkdirSync(dataDir, { recursive: true });
  // The texts go to their final folder (snapshots record their source path); without a
  // manifest they count as incomplete, so the manifest goes first and comes back last.
  rmSync(paths.manifest, { force: true });
  rmSync(paths.texts, { recursive: true, force: true });
  const tempArchive = `${paths.archive}.tmp-${process.pid}`;
  try {
    log(
      `generating ${parameters.snapshots} snapshots (${parameters.vendors} vendors × ${parameters.versionsPerVendor}) into ${paths.texts}…`,
    );
    const generateStart = performance.now();
    const corpus = generateCorpus({
      outDir: paths.texts,
      vendors: parameters.vendors,
      versionsPerVendor: parameters.versionsPerVendor,
      seed: parameters.seed,
    });
    const generateMs = performance.now() - generateStart;
    log(`generated ${(corpus.totalBytes / 1048576).toFixed(1)} MB in ${(generateMs / 1000).toFixed(1)} s; importing…`);

    const importStart = performance.now();
    const db = openArchive(tempArchive);
    let snapshotsStored: number;
    try {
      let lastLog = 0;
      const report = await runImport(db, [paths.texts], {
        description: `search benchmark, ${parameters.snapshots} snapshots, seed ${parameters.seed}`,
        onProgress: (progress) => {
          const now = performance.now();
          if (now - lastLog < 10_000) return;
          lastLog = now;
          const rate = progress.snapshotsAdded / ((now - importStart) / 1000);
          log(
            `  ${progress.filesDone}/${progress.filesTotal} files, ${progress.snapshotsAdded} snapshots (${rate.toFixed(0)}/s)`,
          );
        },
      });
      if (report.failed > 0) throw new Error(`the importer rejected ${report.failed} generated files`);
      snapshotsStored = report.snapshotsAdded;
    } finally {
      // Closing the last connection checkpoints the WAL into the file and removes it.
      db.close();
    }
    const importMs = performance.now() - importStart;

    rmSync(`${paths.archive}-wal`, { force: true });
    rmSync(`${paths.archive}-shm`, { force: true });
    renameSync(tempArchive, paths.archive);
    const manifest: Manifest = {
      parameters,
      snapshotsStored,
      textsBytes: corpus.totalBytes,
      generateMs,
      importMs,
      createdAt: new Date().toISOString(),
    };
    writeFileSync(paths.manifest, `${JSON.stringify(manifest, null, 2)}\n`);
    log(`imported in ${(importMs / 1000).toFixed(1)} s → ${paths.archive}`);
    return { ...fromManifest(manifest, paths), reused: false };
  } finally {
    for (const file of [tempArchive, `${tempArchive}-wal`, `${tempArchive}-shm`]) rmSync(file, { force: true });
  }
}

function fromManifest(manifest: Manifest, paths: ReturnType<typeof benchArchivePaths>): Omit<BenchArchive, 'reused'> {
  return {
    path: paths.archive,
    textsDir: paths.texts,
    parameters: manifest.parameters,
    snapshotsStored: manifest.snapshotsStored,
    archiveBytes: statSync(paths.archive).size,
    textsBytes: manifest.textsBytes,
    generateMs: manifest.generateMs,
    importMs: manifest.importMs,
    createdAt: manifest.createdAt,
    upgradedFrom: manifest.upgradedFrom ?? null,
  };
}

function readManifest(path: string): Manifest | null {
  if (!existsSync(path)) return null;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      snapshots: { type: 'string', default: '10000' },
      versions: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      dir: { type: 'string', default: DEFAULT_BENCH_DATA_DIR },
      regenerate: { type: 'boolean', default: false },
    },
  });
  const started = Date.now();
  return ensureBenchArchive({
    snapshots: Number(values.snapshots),
    versionsPerVendor: Number(values.versions),
    seed: Number(values.seed),
    dataDir: values.dir,
    regenerate: values.regenerate,
    log: (message) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${message}\n`),
  }).then((archive) => {
    process.stdout.write(
      `${archive.path}: ${archive.snapshotsStored} snapshots, ${(archive.archiveBytes / 1048576).toFixed(1)} MB ` +
        `(texts ${(archive.textsBytes / 1048576).toFixed(1)} MB)${archive.reused ? ', reused' : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`,
    );
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error: unknown) => {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  });
}
