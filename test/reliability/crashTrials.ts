/**
 * Crash trials (issue 8): a real import, in a child process running the real
 * CLI, is killed with SIGKILL at a random (seeded) moment; the archive is then
 * reopened and checked, and the same import is run again to completion.
 *
 * Each trial checks that
 * - integrity: `PRAGMA integrity_check` is ok, the FTS5 index passes its
 *   integrity-check against the blocks, no foreign key dangles;
 * - exactCommitted: the archive holds exactly the committed transactions of
 *   the killed import — the sources it recorded are the first ones the clean
 *   reference import stored, in order, each with all its snapshots (the same
 *   keys as in the reference), no snapshot of an unrecorded source, and
 *   nothing half-written (block lists equal blocks, no orphan rows);
 * - resumed: importing the same paths again skips the recorded sources,
 *   stores the rest, and leaves the same snapshots as the clean import; the
 *   killed import's row is no longer `running` (marked `failed`) and keeps
 *   its snapshots;
 * - noDuplicates: no snapshot key occurs twice, before or after the resume.
 *
 * The child commits one unit per transaction (POLICY_ARCHIVE_IMPORT_BATCH=1),
 * so a kill lands between or inside any of ~155 transactions.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { openArchive } from '../../src/main/archive/database';
import { runImport } from '../../src/main/importers/pipeline';
import type { ImportReport } from '../../src/shared/domain';
import {
  duplicateKeys,
  halfWrittenProblems,
  importRows,
  integrityProblems,
  recordedSources,
  snapshotKey,
  snapshotKeys,
  snapshotRows,
} from './archiveContent';
import { cliEntry, startCli, type CliEntry } from './cliProcess';
import { samplesDir } from '../support/paths';

export interface CrashTrialOptions {
  trials: number;
  seed: number;
  /** Created if missing; each trial's archive lives here (removed when the trial passes). */
  workDir: string;
  log?: (message: string) => void;
  /** Trials run at the same time (default: up to 4, by CPU count). */
  parallel?: number;
  /** What is imported (default: the princeton, princeton-history and open-terms-archive samples). */
  paths?: string[];
}

export interface CrashTrialResult {
  trial: number;
  /** ms after the import started (its first progress line) when SIGKILL was sent. */
  killedAfterMs: number;
  /** The import had already finished when the kill came (the checks still apply). */
  finishedBeforeKill: boolean;
  /** Sources the killed import had committed. */
  committedSources: number;
  integrityOk: boolean;
  exactCommitted: boolean;
  resumedOk: boolean;
  noDuplicates: boolean;
  passed: boolean;
  /** What failed, or a one-line summary. */
  detail: string;
}

/** The default import of the trials: the three sample folders (157 sources, 155 snapshots, 7 MB). */
export function crashTrialPaths(): string[] {
  return ['princeton', 'princeton-history', 'open-terms-archive'].map((name) => join(samplesDir, name));
}

/**
 * The same samples without Open Terms Archive's Claude.ai history (102 files,
 * 5.7 MB, most of the import's time): 55 sources of every format the samples
 * have, for the quick trials of `npm test`; `npm run reliability` takes all.
 */
export function quickCrashTrialPaths(): string[] {
  const services = readdirSync(join(samplesDir, 'open-terms-archive'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && entry.name !== 'Claude.ai')
    .map((entry) => join(samplesDir, 'open-terms-archive', entry.name))
    .sort();
  return [join(samplesDir, 'princeton'), join(samplesDir, 'princeton-history'), ...services];
}

const CHILD_ENV = { POLICY_ARCHIVE_IMPORT_BATCH: '1' };

interface Reference {
  durationMs: number;
  /** Sources in the order the import stored them. */
  sourceOrder: string[];
  /** Per source path: its snapshots' keys, sorted. */
  keysBySource: Map<string, string[]>;
  /** Per source path: snapshots it added. */
  countBySource: Map<string, number>;
  keys: string[];
}

/** Run `trials` crash trials; never throws for a failed trial (see `passed` / `detail`). */
export async function runCrashTrials(options: CrashTrialOptions): Promise<CrashTrialResult[]> {
  const log = options.log ?? (() => {});
  const paths = options.paths ?? crashTrialPaths();
  mkdirSync(options.workDir, { recursive: true });
  const entry = await cliEntry(options.workDir);
  log(`crash trials: CLI from ${entry.kind === 'built' ? 'the build (out/main/cli.js)' : 'the sources, bundled'}`);
  const reference = await referenceImport(entry, options.workDir, paths);
  log(
    `crash trials: clean import of ${reference.sourceOrder.length} sources, ${reference.keys.length} snapshots ` +
      `takes ${Math.round(reference.durationMs)} ms; killing at random points within it`,
  );

  const random = mulberry32(options.seed);
  const killTimes = Array.from({ length: options.trials }, () => Math.floor(random() * reference.durationMs));
  const results: CrashTrialResult[] = new Array(options.trials);
  let next = 0;
  const parallel = Math.max(1, options.parallel ?? Math.min(4, availableParallelism()));
  const lane = async (): Promise<void> => {
    while (next < options.trials) {
      const trial = next++;
      const result = await runTrial(trial, killTimes[trial]!, entry, options.workDir, paths, reference);
      results[trial] = result;
      log(`trial ${trial + 1}: ${result.passed ? 'passed' : 'FAILED'} — ${result.detail}`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, options.trials) }, lane));
  return results;
}

async function referenceImport(entry: CliEntry, workDir: string, paths: string[]): Promise<Reference> {
  const file = join(workDir, 'reference.sqlite');
  removeArchive(file);
  const run = startCli(entry, file, ['import', '--json', ...paths], CHILD_ENV);
  const exit = await run.exited;
  if (exit.code !== 0) throw new Error(`The reference import failed (exit ${exit.code}): ${exit.stderr.slice(-500)}`);
  const report = JSON.parse(exit.stdout) as ImportReport;
  const db = openArchive(file);
  try {
    const problems = [...integrityProblems(db), ...halfWrittenProblems(db)];
    if (problems.length > 0) throw new Error(`The reference archive is not sound: ${problems.join('; ')}`);
    const keysBySource = new Map<string, string[]>();
    for (const row of snapshotRows(db)) {
      const list = keysBySource.get(row.sourcePath) ?? [];
      list.push(snapshotKey(row));
      keysBySource.set(row.sourcePath, list);
    }
    for (const list of keysBySource.values()) list.sort();
    const [only] = importRows(db);
    if (!only) throw new Error('The reference import left no import row');
    const countBySource = recordedSources(db, only.uid);
    const sourceOrder = report.files.filter((file) => countBySource.has(file.path)).map((file) => file.path);
    if (sourceOrder.length !== countBySource.size) {
      throw new Error('The reference report does not list every recorded source (raise listedPerOutcome?)');
    }
    return { durationMs: exit.msAfterStart, sourceOrder, keysBySource, countBySource, keys: snapshotKeys(db) };
  } finally {
    db.close();
    removeArchive(file);
  }
}

async function runTrial(
  trial: number,
  killAfterMs: number,
  entry: CliEntry,
  workDir: string,
  paths: string[],
  reference: Reference,
): Promise<CrashTrialResult> {
  const file = join(workDir, `trial-${trial + 1}.sqlite`);
  removeArchive(file);
  const result: CrashTrialResult = {
    trial: trial + 1,
    killedAfterMs: killAfterMs,
    finishedBeforeKill: false,
    committedSources: 0,
    integrityOk: false,
    exactCommitted: false,
    resumedOk: false,
    noDuplicates: false,
    passed: false,
    detail: '',
  };
  const failures: string[] = [];
  try {
    const run = startCli(entry, file, ['import', ...paths], CHILD_ENV);
    await run.started;
    const timer = setTimeout(() => run.child.kill('SIGKILL'), killAfterMs);
    const exit = await run.exited;
    clearTimeout(timer);
    result.finishedBeforeKill = exit.signal !== 'SIGKILL';
    if (result.finishedBeforeKill && exit.code !== 0) {
      throw new Error(`the import failed on its own (exit ${exit.code}): ${exit.stderr.slice(-300)}`);
    }

    let db: Database.Database = openArchive(file);
    try {
      // 1. Integrity.
      const integrity = integrityProblems(db);
      result.integrityOk = integrity.length === 0;
      failures.push(...integrity);

      // 2. Exactly the committed transactions.
      const exact = committedProblems(db, reference, result.finishedBeforeKill);
      result.committedSources = exact.committed;
      result.exactCommitted = exact.problems.length === 0;
      failures.push(...exact.problems);
      const keysBefore = snapshotKeys(db);
      const duplicatesBefore = duplicateKeys(keysBefore);
      const killedImport = importRows(db)[0];

      // 3. Resume: the same import again, through the same pipeline, on a reopened archive.
      db.close();
      db = openArchive(file);
      const report = await runImport(db, paths);
      const resumed = resumeProblems(db, reference, report, exact.committedPaths, killedImport);
      failures.push(...resumed);
      result.resumedOk = resumed.length === 0;

      // 4. No duplicates, before or after.
      const duplicatesAfter = duplicateKeys(snapshotKeys(db));
      result.noDuplicates = duplicatesBefore.length === 0 && duplicatesAfter.length === 0;
      if (!result.noDuplicates) {
        failures.push(`duplicate snapshots: ${[...duplicatesBefore, ...duplicatesAfter].slice(0, 3).join(' | ')}`);
      }
      if (keysBefore.length === 0 && exact.committed > 0) failures.push('committed sources without snapshots');
    } finally {
      db.close();
    }
  } catch (error) {
    failures.push(`trial error: ${error instanceof Error ? error.message : String(error)}`);
  }
  result.passed =
    failures.length === 0 && result.integrityOk && result.exactCommitted && result.resumedOk && result.noDuplicates;
  result.detail = result.passed
    ? `killed after ${killAfterMs} ms${result.finishedBeforeKill ? ' (already finished)' : ''} with ` +
      `${result.committedSources}/${reference.sourceOrder.length} sources committed; resumed to the reference`
    : failures.join('; ');
  if (result.passed) removeArchive(file);
  return result;
}

/** Does the killed import's content equal the reference's first N sources, whole? */
function committedProblems(
  db: Database.Database,
  reference: Reference,
  finished: boolean,
): { problems: string[]; committed: number; committedPaths: Set<string> } {
  const problems: string[] = [];
  const imports = importRows(db);
  if (imports.length !== 1) {
    problems.push(`expected the one killed import in the archive, found ${imports.length}`);
  }
  const killed = imports[0];
  if (killed && killed.status !== (finished ? 'done' : 'running')) {
    problems.push(`the ${finished ? 'finished' : 'killed'} import is '${killed.status}'`);
  }
  const recorded = killed ? recordedSources(db, killed.uid) : new Map<string, number>();
  const committedPaths = new Set(recorded.keys());

  // The recorded sources are a prefix of the reference order: no committed transaction lost in between.
  const prefix = reference.sourceOrder.slice(0, recorded.size);
  const missing = prefix.filter((path) => !recorded.has(path));
  if (missing.length > 0) {
    problems.push(
      `recorded sources are not the first ${recorded.size} stored: missing ${missing.slice(0, 3).join(', ')}`,
    );
  }
  if (finished && recorded.size !== reference.sourceOrder.length) {
    problems.push(`finished import recorded ${recorded.size} of ${reference.sourceOrder.length} sources`);
  }

  // Each recorded source has all its snapshots, and no snapshot comes from an unrecorded source.
  const keysBySource = new Map<string, string[]>();
  for (const row of snapshotRows(db)) {
    if (!recorded.has(row.sourcePath)) {
      problems.push(`snapshot from ${row.sourcePath}, a source not recorded as stored (half an import)`);
      continue;
    }
    const list = keysBySource.get(row.sourcePath) ?? [];
    list.push(snapshotKey(row));
    keysBySource.set(row.sourcePath, list);
  }
  for (const [path, count] of recorded) {
    const keys = (keysBySource.get(path) ?? []).sort();
    const expected = reference.keysBySource.get(path) ?? [];
    if (keys.join('\n') !== expected.join('\n')) {
      problems.push(`${path}: ${keys.length} snapshots, the clean import has ${expected.length}`);
    }
    if (count !== reference.countBySource.get(path)) problems.push(`${path}: recorded ${count} snapshots`);
  }
  problems.push(...halfWrittenProblems(db));
  return { problems, committed: recorded.size, committedPaths };
}

function resumeProblems(
  db: Database.Database,
  reference: Reference,
  report: ImportReport,
  committedPaths: Set<string>,
  killed: { uid: string; snapshots: number } | undefined,
): string[] {
  const problems: string[] = [];
  if (report.failed > 0) problems.push(`the resumed import failed ${report.failed} files`);
  for (const file of report.files) {
    if (committedPaths.has(file.path) && !(file.outcome === 'duplicate' && file.reason === 'already imported')) {
      problems.push(`${file.path} was committed before the kill but the resume did not skip it (${file.outcome})`);
    }
  }
  const keys = snapshotKeys(db);
  if (keys.join('\n') !== reference.keys.join('\n')) {
    const have = new Set(keys);
    const want = new Set(reference.keys);
    const lost = reference.keys.filter((key) => !have.has(key)).length;
    const extra = keys.filter((key) => !want.has(key)).length;
    problems.push(
      `after the resume: ${keys.length} snapshots (${lost} missing, ${extra} extra) vs ${reference.keys.length}`,
    );
  }
  const rows = importRows(db);
  const sources = rows.reduce((sum, row) => sum + row.sources, 0);
  if (sources !== reference.sourceOrder.length) problems.push(`${sources} sources recorded after the resume`);
  if (killed) {
    const row = rows.find((candidate) => candidate.uid === killed.uid);
    if (!row) problems.push('the killed import row vanished');
    else {
      if (row.status === 'running') problems.push("the killed import's row is still 'running'");
      if (row.status !== 'done' && row.finishedAt === null) problems.push('the killed import has no finish time');
      if (row.snapshots !== killed.snapshots) problems.push('the killed import lost snapshots on resume');
    }
  }
  if (rows.at(-1)?.status !== 'done') problems.push(`the resumed import is '${rows.at(-1)?.status}'`);
  problems.push(...integrityProblems(db), ...halfWrittenProblems(db));
  return problems;
}

function removeArchive(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
}

/** A small seeded PRNG (mulberry32): the same seed gives the same kill times. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
