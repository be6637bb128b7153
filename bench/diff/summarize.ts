import { formatMs, formatRatio } from './formatTime';
import { TOOL_ORDER, type PairMeasurement, type ToolName } from './measurement';
import type { RunOutcome } from './runOutcome';
import { GROUP_LABELS, GROUP_ORDER, type PairGroup } from './textPair';

/** A time in milliseconds; `atLeast` when a killed run (counted as its budget) went into it. */
export interface TimeStat {
  ms: number;
  atLeast: boolean;
}

export interface ToolSummary {
  tool: ToolName;
  /** Median over the group's pairs of each pair's median run (null: no run finished or was killed). */
  median: TimeStat | null;
  /** Slowest single run in the group. */
  worst: TimeStat | null;
  /** `median` ÷ ours' median. */
  ratio: TimeStat | null;
  runs: number;
  killed: number;
  failed: number;
  unavailable: number;
}

export interface GroupSummary {
  group: PairGroup;
  pairs: number;
  minBytes: number;
  maxBytes: number;
  /** Pairs on which our result rebuilt the newer text. */
  correct: number;
  coarse: number;
  tools: ToolSummary[];
}

export type TargetStatus = 'PASS' | 'FAIL' | 'N/A';

export interface TargetCheck {
  target: string;
  status: TargetStatus;
  detail: string;
}

/** A pair's time for one tool: the median of its runs; a killed run counts as its budget. */
export function pairTime(outcomes: readonly RunOutcome[]): TimeStat | null {
  const killed = outcomes.find((outcome) => outcome.kind === 'killed');
  if (killed && killed.kind === 'killed') return { ms: killed.budgetMs, atLeast: true };
  const times = outcomes.flatMap((outcome) => (outcome.kind === 'ok' ? [outcome.ms] : []));
  return times.length === 0 ? null : { ms: medianOf(times), atLeast: false };
}

/** Median of numbers (mean of the two middle ones for an even count). */
export function medianOf(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of nothing');
  const sorted = [...values].sort((x, y) => x - y);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median of time stats; `atLeast` when a lower bound is among the values it rests on. */
export function medianStat(stats: readonly TimeStat[]): TimeStat | null {
  if (stats.length === 0) return null;
  const sorted = [...stats].sort((x, y) => x.ms - y.ms);
  const middle = Math.floor(sorted.length / 2);
  const used = sorted.length % 2 === 1 ? [sorted[middle]!] : [sorted[middle - 1]!, sorted[middle]!];
  return {
    ms: used.reduce((sum, stat) => sum + stat.ms, 0) / used.length,
    atLeast: used.some((stat) => stat.atLeast),
  };
}

function worstRun(outcomes: readonly RunOutcome[]): TimeStat | null {
  let worst: TimeStat | null = null;
  for (const outcome of outcomes) {
    const stat =
      outcome.kind === 'ok'
        ? { ms: outcome.ms, atLeast: false }
        : outcome.kind === 'killed'
          ? { ms: outcome.budgetMs, atLeast: true }
          : null;
    if (stat && (!worst || stat.ms > worst.ms || (stat.ms === worst.ms && stat.atLeast))) worst = stat;
  }
  return worst;
}

function ratioOf(tool: TimeStat | null, ours: TimeStat | null): TimeStat | null {
  if (!tool || !ours || ours.ms <= 0) return null;
  return { ms: tool.ms / ours.ms, atLeast: tool.atLeast };
}

/** Per group (in table order, empty groups left out): each tool's median, worst and ratio to ours. */
export function summarizeGroups(pairs: readonly PairMeasurement[]): GroupSummary[] {
  const summaries: GroupSummary[] = [];
  for (const group of GROUP_ORDER) {
    const members = pairs.filter((pair) => pair.group === group);
    if (members.length === 0) continue;
    const medians = new Map<ToolName, TimeStat | null>();
    for (const tool of TOOL_ORDER) {
      medians.set(tool, medianStat(members.flatMap((pair) => pairTime(pair.runs[tool]) ?? [])));
    }
    const tools = TOOL_ORDER.map((tool): ToolSummary => {
      const outcomes = members.flatMap((pair) => pair.runs[tool]);
      return {
        tool,
        median: medians.get(tool) ?? null,
        worst: worstRun(outcomes),
        ratio: ratioOf(medians.get(tool) ?? null, medians.get('ours') ?? null),
        runs: outcomes.length,
        killed: outcomes.filter((outcome) => outcome.kind === 'killed').length,
        failed: outcomes.filter((outcome) => outcome.kind === 'failed').length,
        unavailable: outcomes.filter((outcome) => outcome.kind === 'unavailable').length,
      };
    });
    const sizes = members.map((pair) => Math.max(pair.bytesA, pair.bytesB));
    summaries.push({
      group,
      pairs: members.length,
      minBytes: Math.min(...sizes),
      maxBytes: Math.max(...sizes),
      correct: members.filter((pair) => pair.correct).length,
      coarse: members.filter((pair) => pair.coarse).length,
      tools,
    });
  }
  return summaries;
}

/** Thresholds of the targets. */
export const TARGETS = {
  largestRealMs: 100,
  anyPairMs: 1000,
  jsdiffFactor: 5,
  gitFactor: 2,
} as const;

/**
 * The targets, computed from the measurements (ours = `diffBlocks`):
 * the largest real pair under 100 ms, no pair over 1 s, at least 5× faster
 * than jsdiff `diffWords` on every large pair (largest real + generated
 * 200 KB; a killed jsdiff run counts as its budget, so the true factor is at
 * least that), and within 2× of git's word diff (ratio of medians, in every group).
 */
export function checkTargets(pairs: readonly PairMeasurement[], groups: readonly GroupSummary[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  const kb = (bytes: number): string => `${(bytes / 1024).toFixed(0)} KB`;

  const largest = pairs.find((pair) => pair.group === 'real-largest');
  const largestTime = largest ? pairTime(largest.runs.ours) : null;
  checks.push(
    !largest || !largestTime
      ? {
          target: `150 KB-class real pair under ${TARGETS.largestRealMs} ms`,
          status: 'N/A',
          detail: 'no real pair measured',
        }
      : {
          target: `150 KB-class real pair under ${TARGETS.largestRealMs} ms`,
          status: largestTime.ms < TARGETS.largestRealMs ? 'PASS' : 'FAIL',
          detail:
            `${formatMs(largestTime)} on the largest real pair available (the samples hold no 150 KB policy): ` +
            `${kb(largest.bytesA)} → ${kb(largest.bytesB)}, ${largest.label}`,
        },
  );

  let worst: { stat: TimeStat; pair: PairMeasurement } | null = null;
  for (const pair of pairs) {
    const stat = worstRun(pair.runs.ours);
    if (stat && (!worst || stat.ms > worst.stat.ms)) worst = { stat, pair };
  }
  checks.push(
    worst
      ? {
          target: `no pair over ${TARGETS.anyPairMs / 1000} s`,
          status: worst.stat.ms <= TARGETS.anyPairMs ? 'PASS' : 'FAIL',
          detail: `slowest of ${pairs.length} pairs ${formatMs(worst.stat)}: ${worst.pair.label}`,
        }
      : { target: `no pair over ${TARGETS.anyPairMs / 1000} s`, status: 'N/A', detail: 'nothing measured' },
  );

  let least: { ratio: TimeStat; pair: PairMeasurement } | null = null;
  const large = pairs.filter((pair) => pair.group === 'real-largest' || pair.group === 'generated-200k');
  for (const pair of large) {
    const ratio = ratioOf(pairTime(pair.runs.jsdiff), pairTime(pair.runs.ours));
    if (ratio && (!least || ratio.ms < least.ratio.ms)) least = { ratio, pair };
  }
  checks.push(
    least
      ? {
          target: `≥ ${TARGETS.jsdiffFactor}× faster than jsdiff diffWords on the large pairs`,
          status: least.ratio.ms >= TARGETS.jsdiffFactor ? 'PASS' : 'FAIL',
          detail: `least of ${large.length} large pairs (largest real, generated 200 KB) ${formatRatio(least.ratio)}: ${least.pair.label}`,
        }
      : {
          target: `≥ ${TARGETS.jsdiffFactor}× faster than jsdiff diffWords on the large pairs`,
          status: 'N/A',
          detail: 'no large pair with both times',
        },
  );

  const gitRatios = groups.flatMap((group) => {
    const ours = group.tools.find((tool) => tool.tool === 'ours')?.median ?? null;
    const git = group.tools.find((tool) => tool.tool === 'git')?.median ?? null;
    return ours && git && git.ms > 0 ? [{ group: group.group, ratio: ours.ms / git.ms }] : [];
  });
  checks.push(
    gitRatios.length > 0
      ? {
          target: `within ${TARGETS.gitFactor}× of git --word-diff (ratio of medians)`,
          status: gitRatios.every((entry) => entry.ratio <= TARGETS.gitFactor) ? 'PASS' : 'FAIL',
          detail: gitRatios
            .map((entry) => `${GROUP_LABELS[entry.group]} ${entry.ratio.toFixed(2)}× git's time`)
            .join(', '),
        }
      : {
          target: `within ${TARGETS.gitFactor}× of git --word-diff (ratio of medians)`,
          status: 'N/A',
          detail: 'git not available',
        },
  );
  return checks;
}
