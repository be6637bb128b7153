#!/usr/bin/env node
/**
 * Electron security review with @doyensec/electronegativity, for CI:
 *
 *   node scripts/electronegativity.mjs [--csv <file>]      (npm run security:electron)
 *
 * Scans src/ with the Electron version installed in node_modules/electron
 * (electronegativity's own guess reads package.json ranges), writes the
 * findings as CSV (default: a temporary file; `--csv` keeps it), and fails
 * on every finding that security/electronegativity-justifications.json does
 * not justify, and on every file the scanner could not parse (an unparsed
 * file is an unchecked file). Justifications name the check and the file,
 * not the line, so they survive edits but not a new finding elsewhere.
 *
 * Works offline: the scanner tries to fetch translations and Electron's
 * release list, prints "No connectivity?" when it cannot, and scans anyway.
 *
 * The package's CLI (`npx electronegativity`) imports `commander` without
 * declaring it and so picks up this project's commander 14, whose API it
 * predates (`program.version is not a function`); its runner module, which
 * the CLI only wraps, is called directly instead.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const justificationsFile = join(root, 'security', 'electronegativity-justifications.json');

/** `--csv <file>` keeps the CSV report there; otherwise none is written. */
function csvTarget(argv) {
  const at = argv.indexOf('--csv');
  if (at !== -1) {
    const file = argv[at + 1];
    if (!file) throw new Error('--csv needs a file name');
    return { file: resolve(file), cleanup: () => {} };
  }
  // No CSV asked for: the findings come back from run(); the runner writes its CSV with callbacks
  // after run() resolves, so a temporary file could be removed under it.
  return { file: undefined, cleanup: () => {} };
}

/** A finding is justified when an entry names its check and its file (relative to src/). */
function justificationFor(issue, justifications) {
  return justifications.find((entry) => entry.check === issue.id && entry.file === issue.file);
}

function loadJustifications() {
  const parsed = JSON.parse(readFileSync(justificationsFile, 'utf8'));
  const entries = parsed.justified;
  if (!Array.isArray(entries)) throw new Error(`${justificationsFile}: expected { "justified": [ … ] }`);
  for (const [index, entry] of entries.entries()) {
    for (const field of ['check', 'file', 'justification']) {
      if (typeof entry[field] !== 'string' || entry[field].trim() === '') {
        throw new Error(`${justificationsFile}: entry ${index + 1} needs a non-empty "${field}"`);
      }
    }
  }
  return entries;
}

async function main() {
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const justifications = loadJustifications();
  const runnerModule = require('@doyensec/electronegativity/dist/runner.js');
  const run = typeof runnerModule === 'function' ? runnerModule : runnerModule.default;
  const csv = csvTarget(process.argv.slice(2));
  let result;
  try {
    result = await run(
      {
        input: join(root, 'src'),
        output: csv.file,
        isSarif: false,
        customScan: [],
        excludeFromScan: [],
        isRelative: true,
        isVerbose: false,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
    if (process.argv.includes('--csv')) console.log(`CSV report: ${csv.file}`);
  } finally {
    csv.cleanup();
  }

  const issues = result.issues ?? [];
  const parseErrors = result.errors ?? [];
  const unjustified = [];
  console.log(`electronegativity over src/ for Electron ${electronVersion}: ${issues.length} finding(s)`);
  for (const issue of issues) {
    const where = `${issue.file}:${issue.location?.line ?? '?'}`;
    const entry = justificationFor(issue, justifications);
    if (entry) {
      console.log(`  justified  ${issue.id} ${where}\n             ${entry.justification}`);
    } else {
      unjustified.push(issue);
      console.log(`  UNJUSTIFIED ${issue.id} ${where} (${issue.severity?.name ?? '?'}): ${issue.description}`);
      if (issue.sample) console.log(`             ${String(issue.sample).slice(0, 200)}`);
    }
  }
  for (const entry of justifications) {
    if (!issues.some((issue) => justificationFor(issue, [entry]))) {
      console.log(`  note: no finding matches the justification for ${entry.check} in ${entry.file} (remove it?)`);
    }
  }
  for (const error of parseErrors) console.log(`  COULD NOT PARSE ${JSON.stringify(error)}`);

  if (unjustified.length > 0 || parseErrors.length > 0) {
    console.error(
      `\n${unjustified.length} unjustified finding(s), ${parseErrors.length} unparsed file(s): fix them, or add a ` +
        `justification to ${justificationsFile.slice(root.length + 1)}.`,
    );
    process.exitCode = 1;
  } else {
    console.log('Every finding is justified.');
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
