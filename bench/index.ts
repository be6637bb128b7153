/**
 * Import benchmark: `npm run bench [-- --sizes 1000,10000 --versions 20 --seed 1 --json --keep]`.
 * Prints import throughput and archive size against raw text size for each
 * corpus size. Measures only; nothing here asserts a timing.
 */
import { arch, cpus, platform } from 'node:os';
import { parseArgs } from 'node:util';
import { runImportBench, type ImportBenchResult } from './importBench';

interface BenchConfig {
  sizes: number[];
  versionsPerVendor: number;
  seed: number;
  json: boolean;
  keep: boolean;
}

function readConfig(argv: string[]): BenchConfig | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      sizes: { type: 'string', default: '1000,10000' },
      versions: { type: 'string', default: '20' },
      seed: { type: 'string', default: '1' },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) return null;
  const positive = (name: string, text: string): number => {
    const value = Number(text.trim());
    if (!Number.isInteger(value) || value < 1)
      throw new Error(`--${name}: expected positive whole numbers, got "${text}"`);
    return value;
  };
  return {
    sizes: values.sizes.split(',').map((size) => positive('sizes', size)),
    versionsPerVendor: positive('versions', values.versions),
    seed: positive('seed', values.seed),
    json: values.json,
    keep: values.keep,
  };
}

function formatTable(results: ImportBenchResult[]): string {
  const headers = [
    'SNAPSHOTS',
    'VENDORS',
    'RAW MB',
    'IMPORT s',
    'SNAPSHOTS/s',
    'MB/s',
    'ARCHIVE MB',
    'ARCHIVE/RAW',
    'TEXTS',
    'BLOCKS',
    'FAILED',
  ];
  const mb = (bytes: number): string => (bytes / 1048576).toFixed(1);
  const rows = results.map((result) => [
    String(result.snapshots),
    String(result.vendors),
    mb(result.rawBytes),
    (result.importMs / 1000).toFixed(1),
    result.snapshotsPerSecond.toFixed(0),
    result.megabytesPerSecond.toFixed(2),
    mb(result.archiveBytes),
    `${(result.archiveToRaw * 100).toFixed(0)}%`,
    String(result.texts),
    String(result.blocks),
    String(result.failed),
  ]);
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column]!.length)));
  return [headers, ...rows]
    .map((row) => row.map((cell, column) => cell.padStart(widths[column]!)).join('  '))
    .join('\n');
}

async function main(): Promise<void> {
  const config = readConfig(process.argv.slice(2));
  if (!config) {
    process.stdout.write('Usage: npm run bench -- [--sizes 1000,10000] [--versions 20] [--seed 1] [--json] [--keep]\n');
    return;
  }
  const environment = {
    node: process.version,
    platform: `${platform()} ${arch()}`,
    cpu: cpus()[0]?.model ?? 'unknown',
  };
  const results: ImportBenchResult[] = [];
  for (const size of config.sizes) {
    const result = await runImportBench({
      snapshots: size,
      versionsPerVendor: config.versionsPerVendor,
      seed: config.seed,
      keep: config.keep,
      log: (message) => process.stderr.write(`[${size}] ${message}\n`),
    });
    if (result.workDir) process.stderr.write(`[${size}] kept ${result.workDir}\n`);
    results.push(result);
  }
  if (config.json) {
    process.stdout.write(`${JSON.stringify({ environment, config, results }, null, 2)}\n`);
    return;
  }
  process.stdout.write(
    `Import benchmark — seed ${config.seed}, ${config.versionsPerVendor} versions per vendor; ` +
      `Node ${environment.node}, ${environment.platform}, ${environment.cpu}\n\n`,
  );
  process.stdout.write(`${formatTable(results)}\n\n`);
  process.stdout.write(
    'IMPORT s excludes generating the corpus. RAW MB = generated file bytes. ARCHIVE MB = .sqlite + -wal after close\n' +
      '(closing checkpoints the WAL). TEXTS = distinct versions stored, BLOCKS = distinct blocks (shared across versions).\n',
  );
  if (results.some((result) => result.failed > 0)) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
