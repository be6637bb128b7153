import type { DiffBenchResult } from '../diffBench';
import { formatMs, formatRatio } from './formatTime';
import { TOOL_LABELS, TOOL_ORDER, type PairMeasurement } from './measurement';
import { pairTime, type GroupSummary, type TargetCheck } from './summarize';
import { GROUP_LABELS } from './textPair';

/** Right-aligned columns (the first `leftColumns` left-aligned), two spaces apart. */
export function formatColumns(headers: readonly string[], rows: readonly string[][], leftColumns = 0): string {
  const widths = headers.map((header, column) =>
    Math.max([...header].length, ...rows.map((row) => [...(row[column] ?? '')].length)),
  );
  const pad = (cell: string, column: number): string => {
    const fill = ' '.repeat(widths[column]! - [...cell].length);
    return column < leftColumns ? cell + fill : fill + cell;
  };
  return [headers, ...rows]
    .map((row) =>
      headers
        .map((_, column) => pad(row[column] ?? '', column))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

function kb(bytes: number): string {
  return (bytes / 1024).toFixed(0);
}

function sizeRange(group: GroupSummary): string {
  const low = kb(group.minBytes);
  const high = kb(group.maxBytes);
  return low === high ? high : `${low}–${high}`;
}

/**
 * One row per group and tool: median and worst time, the ratio of the
 * tool's median to ours, killed/failed runs; CORRECT (pairs whose newer text
 * our diff rebuilt) and COARSE on our row.
 */
export function formatGroupTable(groups: readonly GroupSummary[]): string {
  const headers = ['GROUP', 'TOOL', 'PAIRS', 'KB', 'MEDIAN', 'WORST', '× OURS', 'KILLED', 'CORRECT', 'COARSE'];
  const rows: string[][] = [];
  for (const group of groups) {
    group.tools.forEach((tool, index) => {
      const first = index === 0;
      const unavailable = tool.unavailable > 0 && tool.unavailable === tool.runs;
      rows.push([
        first ? GROUP_LABELS[group.group] : '',
        TOOL_LABELS[tool.tool],
        first ? String(group.pairs) : '',
        first ? sizeRange(group) : '',
        unavailable ? 'n/a' : formatMs(tool.median),
        unavailable ? 'n/a' : formatMs(tool.worst),
        unavailable ? 'n/a' : tool.tool === 'ours' ? '1×' : formatRatio(tool.ratio),
        tool.killed > 0 ? String(tool.killed) : tool.failed > 0 ? `${tool.failed} failed` : '',
        tool.tool === 'ours' ? `${group.correct}/${group.pairs}` : '',
        tool.tool === 'ours' ? String(group.coarse) : '',
      ]);
    });
  }
  return formatColumns(headers, rows, 2);
}

/** One row per pair (for the few big pairs): each tool's time and our correctness. */
export function formatPairTable(pairs: readonly PairMeasurement[]): string {
  const headers = ['PAIR', 'KB A → B', 'EDITED', ...TOOL_ORDER.map((tool) => TOOL_LABELS[tool]), 'CORRECT'];
  const rows = pairs.map((pair) => [
    pair.label,
    `${kb(pair.bytesA)} → ${kb(pair.bytesB)}`,
    pair.editedShare === null ? '' : `${(pair.editedShare * 100).toFixed(1)} %`,
    ...TOOL_ORDER.map((tool) => {
      const runs = pair.runs[tool];
      if (runs.length > 0 && runs.every((run) => run.kind === 'unavailable')) return 'n/a';
      if (runs.some((run) => run.kind === 'failed')) return 'failed';
      return formatMs(pairTime(runs));
    }),
    pair.correct ? 'yes' : 'NO',
  ]);
  return formatColumns(headers, rows, 1);
}

export function formatTargets(targets: readonly TargetCheck[]): string {
  return targets.map((check) => `  ${check.status.padEnd(4)}  ${check.target}: ${check.detail}`).join('\n');
}

/** The whole diff section as printed by `npm run bench` (`environment`: Node, platform and CPU, for the title). */
export function formatDiffReport(result: DiffBenchResult, environment?: string): string {
  const big = result.pairs.filter((pair) => pair.group !== 'real');
  const wrong = result.pairs.filter((pair) => !pair.correct);
  const olderWrong = result.pairs.filter((pair) => pair.correct && !pair.olderCorrect);
  const failures = result.pairs.flatMap((pair) =>
    TOOL_ORDER.flatMap((tool) =>
      pair.runs[tool].flatMap((run) => (run.kind === 'failed' ? [`${pair.label}: ${run.reason}`] : [])),
    ),
  );
  const lines = [
    `Diff benchmark — ${result.pairs.length} pairs, seed ${result.seed}; up to ${result.runs} runs per tool and pair ` +
      `(one once a run passes 1 s); jsdiff, diff-match-patch and git killed after ${result.budgetMs / 1000} s; ${result.git}` +
      (environment ? `; ${environment}` : '') +
      `; load average ${result.load.start.toFixed(1)} → ${result.load.end.toFixed(1)} on ${result.load.cpus} CPUs`,
    '',
    formatGroupTable(result.groups),
    '',
    formatPairTable(big),
    '',
    "MEDIAN: median over the group of each pair's median run; WORST: slowest single run; × OURS: median ÷ ours' median.",
    'ours = diffBlocks on parsed blocks (what the app does: the archive stores blocks); ours + parse adds markdownBlocks on',
    'both texts. jsdiff diffWords and diff-match-patch (word mode, Diff_Timeout 0) run on the whole Markdown texts in a',
    'child process, timed inside it; git = wall time of `git diff --no-index --word-diff=porcelain` on two files.',
    'A killed run counts as its budget, so "> N s (killed)" and "≥" are lower bounds. CORRECT: the newer version\'s blocks',
    'rebuilt exactly from our spans. COARSE: pairs where a bound made part of our diff whole-block.',
    ...(Math.max(result.load.start, result.load.end) > result.load.cpus
      ? [
          `The machine was busy (load average above ${result.load.cpus}, its CPU count): times, WORST above all, are noisy;`,
          'compare runs made on a quiet machine.',
        ]
      : []),
    '',
    'Targets (ours):',
    formatTargets(result.targets),
  ];
  if (wrong.length > 0) {
    lines.push('', `NOT CORRECT on ${wrong.length} pairs:`);
    for (const pair of wrong.slice(0, 10)) lines.push(`  ${pair.label}: ${pair.problem ?? '?'}`);
  }
  if (olderWrong.length > 0) {
    lines.push('', `Older version not rebuilt (newer was) on ${olderWrong.length} pairs:`);
    for (const pair of olderWrong.slice(0, 5)) lines.push(`  ${pair.label}: ${pair.problem ?? '?'}`);
  }
  if (failures.length > 0) {
    lines.push('', `Failed runs (${failures.length}):`);
    for (const failure of failures.slice(0, 10)) lines.push(`  ${failure}`);
  }
  return lines.join('\n');
}
