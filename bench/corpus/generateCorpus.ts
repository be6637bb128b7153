/**
 * Synthetic corpus for benchmarks and scale tests: N vendors × M versions of
 * privacy policies, grown from the real sample texts by the edits real
 * policies go through (sentences rewritten, inserted, deleted; sections
 * inserted, deleted, moved; the "Last updated" line changed), written as
 * Princeton-dataset Markdown files so they go through the real importer.
 * Deterministic: the same options give byte-identical files.
 *
 *   tsx bench/corpus/generateCorpus.ts --out DIR --vendors N --versions M --seed S
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { applyRandomEdit, setLastUpdated } from './policyEdits';
import { archiveDate, princetonMarkdown } from './princetonFile';
import { mixSeed, mulberry32, type Random } from './prng';
import { loadSeedPool, type SeedPool } from './seedTexts';

export interface GenerateCorpusOptions {
  outDir: string;
  vendors: number;
  versionsPerVendor: number;
  seed: number;
  /** The samples folder holding princeton-history/ and open-terms-archive/ (default: ../shared/samples beside the repo). */
  samplesDir?: string;
}

export interface GeneratedCorpus {
  /** Absolute paths of the written files, vendor by vendor, oldest version first. */
  files: string[];
  /** Total size of the files in bytes (the raw text an archive is compared with). */
  totalBytes: number;
  vendors: number;
  snapshots: number;
}

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_SAMPLES_DIR = resolve(REPO_ROOT, '..', 'shared', 'samples');
const PATHS = ['privacy-policy', 'privacy', 'legal/privacy', 'about/privacy-policy', 'legal/privacy-notice'];
const DAY_MS = 86_400_000;

/** Generate the corpus into `outDir` (`<domain>/<archive date>.md`); see the module comment. */
export function generateCorpus(options: GenerateCorpusOptions): GeneratedCorpus {
  if (!Number.isInteger(options.vendors) || options.vendors < 1) throw new Error('vendors must be a positive integer');
  if (!Number.isInteger(options.versionsPerVendor) || options.versionsPerVendor < 1) {
    throw new Error('versionsPerVendor must be a positive integer');
  }
  const pool = loadSeedPool(options.samplesDir ?? DEFAULT_SAMPLES_DIR);
  const width = Math.max(4, String(options.vendors - 1).length);
  const files: string[] = [];
  let totalBytes = 0;
  for (let vendor = 0; vendor < options.vendors; vendor++) {
    // One stream per vendor: vendor k is the same whatever the number of vendors.
    const random = mulberry32(mixSeed(options.seed, vendor));
    const domain = `vendor${String(vendor).padStart(width, '0')}.example`;
    for (const snapshot of vendorHistory(domain, options.versionsPerVendor, pool, random)) {
      const path = join(options.outDir, domain, `${archiveDate(snapshot.timestamp)}.md`);
      const content = princetonMarkdown(snapshot);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, content);
      files.push(resolve(path));
      totalBytes += Buffer.byteLength(content);
    }
  }
  return { files, totalBytes, vendors: options.vendors, snapshots: files.length };
}

/** One vendor's versions, oldest first, each a few edits away from the one before. */
function* vendorHistory(domain: string, versions: number, pool: SeedPool, random: Random) {
  const seed = random.pick(pool.seeds);
  const chunks = [...seed.chunks];
  const name = domain.replace(/\.example$/, '').replace(/^vendor/, 'Vendor ');
  chunks.splice(Math.min(1, chunks.length), 0, `This privacy policy applies to ${name} and the ${domain} website.`);
  // Vendors sharing a seed still start from different texts.
  for (let edits = random.int(3, 6); edits > 0; edits--) applyRandomEdit(chunks, pool, random);

  const originalUrl = `${random.chance(0.5) ? 'https' : 'http'}://www.${domain}/${random.pick(PATHS)}`;
  // Spread the versions over about ten years, whatever their number.
  const maxGapDays = Math.max(2, Math.floor(3650 / versions));
  let day = Date.UTC(2008, 0, 1) + random.int(0, 1500) * DAY_MS;
  let previous = '';
  for (let version = 0; version < versions; version++) {
    if (version > 0) {
      day += random.int(1, maxGapDays) * DAY_MS;
      for (let edits = random.int(1, 3); edits > 0; edits--) applyRandomEdit(chunks, pool, random);
    }
    const timestamp = wayback14(day, random);
    // Most revisions bump the date; some policies change silently.
    if (version === 0 || random.chance(0.8)) setLastUpdated(chunks, archiveDate(timestamp));
    let text = chunks.join('\n\n');
    if (text === previous) {
      applyRandomEdit(chunks, pool, random);
      text = chunks.join('\n\n');
    }
    previous = text;
    yield { domain, timestamp, originalUrl, text };
  }
}

/** A 14-digit Wayback timestamp on the given UTC day at a random time. */
function wayback14(dayMs: number, random: Random): string {
  const at = new Date(dayMs + random.int(0, DAY_MS / 1000 - 1) * 1000);
  return at.toISOString().replace(/[-:T]/g, '').slice(0, 14);
}

function main(): void {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      vendors: { type: 'string', default: '10' },
      versions: { type: 'string', default: '10' },
      seed: { type: 'string', default: '1' },
      samples: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help || !values.out) {
    process.stdout.write(
      'Usage: tsx bench/corpus/generateCorpus.ts --out DIR [--vendors N] [--versions M] [--seed S] [--samples DIR]\n',
    );
    process.exitCode = values.help ? 0 : 2;
    return;
  }
  const number = (name: string, value: string): number => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) throw new Error(`--${name} must be a whole number, got "${value}"`);
    return parsed;
  };
  const started = Date.now();
  const corpus = generateCorpus({
    outDir: resolve(values.out),
    vendors: number('vendors', values.vendors),
    versionsPerVendor: number('versions', values.versions),
    seed: number('seed', values.seed),
    ...(values.samples ? { samplesDir: resolve(values.samples) } : {}),
  });
  process.stdout.write(
    `Wrote ${corpus.snapshots} snapshots of ${corpus.vendors} vendors ` +
      `(${(corpus.totalBytes / 1048576).toFixed(1)} MB) to ${resolve(values.out)} in ${Date.now() - started} ms\n`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main();
  } catch (error) {
    process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  }
}
