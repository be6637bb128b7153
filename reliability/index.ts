/**
 * `npm run reliability [-- --trials 20 --seed 1 --no-browser --json --keep]`: the figures of issue 8.
 *
 * Runs, with the real importer, archive and Chromium:
 * - every hostile input of test/hostile/hostileCases.ts (handled = a clear
 *   per-file error naming the file, the rest imported, the archive unchanged
 *   by the bad file);
 * - crash trials (test/reliability/crashTrials.ts): an import killed with
 *   SIGKILL at a random point, then integrity, committed-transactions-only
 *   and resume checks;
 * - payload checks (test/security/payloadChecks.ts): pages and strings that
 *   would set a marker or fetch a recorder URL if they ever ran, shown in every
 *   view and exported; executed must be 0.
 * Prints the counts and every failure; exits 1 when anything was not handled,
 * failed or executed. The vitest/Playwright suites run the same functions with
 * fewer trials.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { hostileCases, runHostileCase } from '../test/hostile/hostileCases';
import { runCrashTrials } from '../test/reliability/crashTrials';
import { runPayloadChecks } from '../test/security/payloadChecks';

interface Figures {
  hostile: { tried: number; handled: number; failures: string[] };
  crash: { run: number; passed: number; failures: string[] };
  payloads: { tried: number; executed: number; details: string[] } | null;
  seconds: number;
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      trials: { type: 'string', default: '20' },
      seed: { type: 'string', default: String(Date.now() % 100_000) },
      'no-browser': { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
    },
  });
  const trials = Number(values.trials);
  const seed = Number(values.seed);
  if (!Number.isInteger(trials) || trials < 1) throw new Error(`--trials must be a positive integer, not ${values.trials}`);
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, not ${values.seed}`);
  const log = (message: string): void => {
    if (!values.json) process.stderr.write(`[reliability] ${message}\n`);
  };

  const workDir = mkdtempSync(join(tmpdir(), 'policy-archive-reliability-'));
  const started = performance.now();
  try {
    const figures: Figures = {
      hostile: { tried: 0, handled: 0, failures: [] },
      crash: { run: 0, passed: 0, failures: [] },
      payloads: null,
      seconds: 0,
    };

    const cases = hostileCases();
    log(`hostile inputs: ${cases.length} cases…`);
    for (const [index, hostileCase] of cases.entries()) {
      const caseDir = join(workDir, `hostile-${index}`);
      mkdirSync(caseDir, { recursive: true });
      const outcome = await runHostileCase(hostileCase, caseDir);
      figures.hostile.tried += 1;
      if (outcome.handled) figures.hostile.handled += 1;
      else figures.hostile.failures.push(`${outcome.name}: ${outcome.detail}`);
      rmSync(caseDir, { recursive: true, force: true });
    }

    log(`crash trials: ${trials} (seed ${seed})…`);
    const results = await runCrashTrials({ trials, seed, workDir: join(workDir, 'crash'), log });
    figures.crash.run = results.length;
    figures.crash.passed = results.filter((result) => result.passed).length;
    figures.crash.failures = results
      .filter((result) => !result.passed)
      .map((result) => `killed after ${result.killedAfterMs} ms: ${result.detail}`);

    if (!values['no-browser']) {
      log('payloads in every view and in the exports (Chromium)…');
      figures.payloads = await runPayloadChecks({ workDir: join(workDir, 'payloads'), log });
    }
    figures.seconds = Math.round((performance.now() - started) / 100) / 10;

    if (values.json) process.stdout.write(`${JSON.stringify({ seed, trials, ...figures }, null, 2)}\n`);
    else process.stdout.write(formatFigures(figures, seed));
    const failed =
      figures.hostile.handled < figures.hostile.tried ||
      figures.crash.passed < figures.crash.run ||
      (figures.payloads !== null && figures.payloads.executed > 0);
    return failed ? 1 : 0;
  } finally {
    if (values.keep) log(`work files kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  }
}

function formatFigures(figures: Figures, seed: number): string {
  const lines = [
    '',
    'Reliability (issue 8)',
    `  hostile inputs   tried ${figures.hostile.tried}, handled ${figures.hostile.handled}`,
    ...figures.hostile.failures.map((failure) => `    NOT HANDLED ${failure}`),
    `  crash trials     run ${figures.crash.run}, passed ${figures.crash.passed} (seed ${seed})`,
    ...figures.crash.failures.map((failure) => `    FAILED ${failure}`),
    figures.payloads
      ? `  payloads         tried ${figures.payloads.tried}, executed ${figures.payloads.executed} (must be 0)`
      : '  payloads         skipped (--no-browser)',
    ...(figures.payloads && figures.payloads.executed > 0
      ? figures.payloads.details.map((detail) => `    EXECUTED ${detail}`)
      : []),
    `  took ${figures.seconds} s`,
    '',
  ];
  return `${lines.join('\n')}\n`;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`reliability: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
