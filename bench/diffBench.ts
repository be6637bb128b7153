/**
 * Diff benchmark: our engine (`diffBlocks` on parsed blocks) against jsdiff
 * `diffWords`, diff-match-patch in word mode and `git diff --word-diff`, all
 * on the same pairs in one run — the real consecutive versions of the Open
 * Terms Archive samples, the largest real pair, and generated 20 KB / 200 KB
 * pairs with 1 %, 10 % and 50 % of their words edited. The slow tools run in
 * a child process with a hard per-run budget, so the run ends in minutes.
 * Measures only; nothing here asserts a timing.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownBlocks } from '../src/main/extract/markdownBlocks';
import { diffBlocks, type BlockDiff } from '../src/shared/diff/diffBlocks';
import type { Block } from '../src/shared/domain';
import { DEFAULT_SAMPLES_DIR } from './corpus/generateCorpus';
import { loadSeedPool } from './corpus/seedTexts';
import { checkReconstruction, type ReconstructionCheck } from './diff/checkReconstruction';
import { formatMs } from './diff/formatTime';
import { generatedPairs } from './diff/generatedPairs';
import { gitWordDiff, probeGit, writePairFiles } from './diff/gitWordDiff';
import type { PairMeasurement, ToolName } from './diff/measurement';
import { loadRealPairs } from './diff/realPairs';
import type { RunOutcome } from './diff/runOutcome';
import { SlowToolRunner } from './diff/slowToolRunner';
import { checkTargets, pairTime, summarizeGroups, type GroupSummary, type TargetCheck } from './diff/summarize';
import { GROUP_LABELS, type TextPair } from './diff/textPair';

export interface DiffBenchOptions {
  /** Seed of the generated pairs. */
  seed: number;
  /** Budget of one run of jsdiff, diff-match-patch or git, in milliseconds; past it the run is killed. */
  budgetMs: number;
  /** Timed runs per tool and pair (fewer once a run takes over 1 s: big pairs run once). */
  runs: number;
  /** Folder holding open-terms-archive/ and princeton-history/ (default: ../shared/samples beside the repo). */
  samplesDir?: string;
  log?: (message: string) => void;
}

export interface DiffBenchResult {
  budgetMs: number;
  runs: number;
  seed: number;
  /** `git --version`, or why git could not be run (its columns then read n/a). */
  git: string;
  /** One-minute load average when the section started and ended, and the CPU count: timings are only comparable on a quiet machine. */
  load: { start: number; end: number; cpus: number };
  pairs: PairMeasurement[];
  groups: GroupSummary[];
  targets: TargetCheck[];
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** A run over this is not repeated: repeating minutes-long runs adds little to the median. */
const REPEAT_BELOW_MS = 1000;

export async function runDiffBench(options: DiffBenchOptions): Promise<DiffBenchResult> {
  const log = options.log ?? (() => {});
  const loadAtStart = loadavg()[0] ?? 0;
  const samplesDir = options.samplesDir ?? DEFAULT_SAMPLES_DIR;
  const real = loadRealPairs(samplesDir);
  const generated = generatedPairs(loadSeedPool(samplesDir), options.seed);
  const pairs: Array<TextPair & { editedShare?: number }> = [
    ...real.consecutive,
    ...(real.largest ? [real.largest] : []),
    ...generated,
  ];
  const probe = probeGit();
  const gitProblem = probe.available ? null : probe.reason;
  const git = probe.available ? probe.version : probe.reason;
  log(
    `${pairs.length} pairs (${real.consecutive.length} real consecutive); budget ${options.budgetMs / 1000} s per run`,
  );

  const workDir = mkdtempSync(join(tmpdir(), 'pae-diffbench-'));
  const slow = new SlowToolRunner();
  const measurements: PairMeasurement[] = [];
  try {
    // Untimed: the largest real pair and the most edited 20 KB one exercise every step of ours
    // (alignment, moves, pairing, word spans); a 20 KB pair is quick for every tool.
    const quick = generated.find((pair) => pair.group === 'generated-20k') ?? real.consecutive[0]!;
    await warmUp(
      [...(real.largest ? [real.largest] : []), ...generated.filter((pair) => pair.group === 'generated-20k')],
      quick,
      { ...options, workDir, slow, gitProblem },
    );
    for (const [index, pair] of pairs.entries()) {
      const measurement = await measurePair(pair, { ...options, workDir, slow, gitProblem });
      measurements.push(measurement);
      if (pair.group !== 'real' || (index + 1) % 25 === 0 || index + 1 === real.consecutive.length) {
        log(progressLine(measurement, index + 1, pairs.length));
      }
    }
  } finally {
    slow.close();
    rmSync(workDir, { recursive: true, force: true });
  }
  const groups = summarizeGroups(measurements);
  return {
    budgetMs: options.budgetMs,
    runs: options.runs,
    seed: options.seed,
    git,
    load: { start: loadAtStart, end: loadavg()[0] ?? 0, cpus: cpus().length },
    pairs: measurements,
    groups,
    targets: checkTargets(measurements, groups),
  };
}

interface MeasureContext extends DiffBenchOptions {
  workDir: string;
  slow: SlowToolRunner;
  gitProblem: string | null;
}

async function measurePair(
  pair: TextPair & { editedShare?: number },
  context: MeasureContext,
): Promise<PairMeasurement> {
  const runs: Record<ToolName, RunOutcome[]> = { ours: [], oursParse: [], jsdiff: [], dmp: [], git: [] };

  const ours = measureOurs(pair, context.runs, runs);

  // git, as a process on two files.
  if (context.gitProblem) runs.git.push({ kind: 'unavailable', reason: context.gitProblem });
  else {
    const { fileA, fileB } = writePairFiles(context.workDir, pair.a, pair.b);
    await repeat(runs.git, context.runs, async () => gitWordDiff(fileA, fileB, context.budgetMs));
  }

  // The whole-text diffs, in the killable child.
  for (const tool of ['jsdiff', 'dmp'] as const) {
    await repeat(runs[tool], context.runs, () => context.slow.run(tool, pair.a, pair.b, context.budgetMs));
  }

  return {
    group: pair.group,
    label: pair.label,
    bytesA: Buffer.byteLength(pair.a),
    bytesB: Buffer.byteLength(pair.b),
    blocksA: ours.blocksA,
    blocksB: ours.blocksB,
    runs,
    correct: ours.check.newer,
    olderCorrect: ours.check.older,
    problem: ours.check.problem,
    coarse: ours.coarse,
    changeRatio: ours.changeRatio,
    editedShare: pair.editedShare ?? null,
  };
}

/**
 * Ours, in-process: parse both versions, then diff the blocks, timed apart
 * (`ours` = the diff, `oursParse` = both). The last result is checked. An
 * exception is a failed run and an incorrect pair, not the end of the bench.
 */
function measureOurs(
  pair: TextPair,
  times: number,
  runs: Record<ToolName, RunOutcome[]>,
): { blocksA: number; blocksB: number; check: ReconstructionCheck; coarse: boolean; changeRatio: number } {
  let last: { older: Block[]; newer: Block[]; diff: BlockDiff } | null = null;
  try {
    for (let run = 0; run < times; run++) {
      // Under `node --expose-gc`, collect first so a run does not pay for the previous pairs' garbage.
      collectGarbage?.();
      const started = performance.now();
      const older = markdownBlocks(pair.a);
      const newer = markdownBlocks(pair.b);
      const parsed = performance.now();
      const diff = diffBlocks(older, newer);
      const done = performance.now();
      runs.ours.push({ kind: 'ok', ms: done - parsed });
      runs.oursParse.push({ kind: 'ok', ms: done - started });
      last = { older, newer, diff };
      if (done - started > REPEAT_BELOW_MS) break;
    }
  } catch (error) {
    const reason = `ours: ${error instanceof Error ? error.message : String(error)}`;
    runs.ours.push({ kind: 'failed', reason });
    runs.oursParse.push({ kind: 'failed', reason });
    return {
      blocksA: 0,
      blocksB: 0,
      check: { newer: false, older: false, problem: reason },
      coarse: false,
      changeRatio: Number.NaN,
    };
  }
  return {
    blocksA: last!.older.length,
    blocksB: last!.newer.length,
    check: checkReconstruction(last!.diff, last!.older, last!.newer),
    // `?? ` guards: the engine's stats gained these fields in issue 4.
    coarse: last!.diff.stats.coarse ?? false,
    changeRatio: last!.diff.stats.changeRatio ?? Number.NaN,
  };
}

/** Run up to `times`, stopping after a run that failed, was killed or took over a second. */
async function repeat(into: RunOutcome[], times: number, run: () => Promise<RunOutcome>): Promise<void> {
  for (let index = 0; index < times; index++) {
    const outcome = await run();
    into.push(outcome);
    if (outcome.kind !== 'ok' || outcome.ms > REPEAT_BELOW_MS) return;
  }
}

/**
 * Untimed runs first, so the first measured pairs do not pay for loading the
 * code and V8 compiling its hot paths (a cold diffBlocks on the largest pair
 * takes several times its warm time).
 */
async function warmUp(oursPairs: readonly TextPair[], quick: TextPair, context: MeasureContext): Promise<void> {
  try {
    for (const pair of oursPairs) {
      for (let run = 0; run < 5; run++) diffBlocks(markdownBlocks(pair.a), markdownBlocks(pair.b));
    }
  } catch {
    // Reported on the measured pairs.
  }
  if (!context.gitProblem) {
    const { fileA, fileB } = writePairFiles(context.workDir, quick.a, quick.b);
    gitWordDiff(fileA, fileB, context.budgetMs);
  }
  for (const tool of ['jsdiff', 'dmp'] as const) {
    for (let run = 0; run < 3; run++) await context.slow.run(tool, quick.a, quick.b, context.budgetMs);
  }
}

function progressLine(pair: PairMeasurement, done: number, total: number): string {
  const time = (tool: ToolName): string => formatMs(pairTime(pair.runs[tool]));
  return (
    `${done}/${total} ${GROUP_LABELS[pair.group]}: ${pair.label} — ours ${time('ours')}, ` +
    `jsdiff ${time('jsdiff')}, dmp ${time('dmp')}, git ${time('git')}${pair.correct ? '' : ' — NOT CORRECT'}`
  );
}
