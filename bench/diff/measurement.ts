import type { RunOutcome } from './runOutcome';
import type { PairGroup } from './textPair';

/**
 * The tools compared. `ours` is `diffBlocks` on parsed blocks, which is what
 * the app does (blocks come from the archive already parsed); `oursParse`
 * adds parsing both Markdown texts with `markdownBlocks`, the cost when
 * starting from raw files like the other tools do.
 */
export type ToolName = 'ours' | 'oursParse' | 'jsdiff' | 'dmp' | 'git';

export const TOOL_ORDER: readonly ToolName[] = ['ours', 'oursParse', 'jsdiff', 'dmp', 'git'];

export const TOOL_LABELS: Record<ToolName, string> = {
  ours: 'ours (diffBlocks)',
  oursParse: 'ours + parse',
  jsdiff: 'jsdiff diffWords',
  dmp: 'diff-match-patch words',
  git: 'git --word-diff',
};

/** Everything measured on one pair. */
export interface PairMeasurement {
  group: PairGroup;
  label: string;
  bytesA: number;
  bytesB: number;
  blocksA: number;
  blocksB: number;
  /** Each tool's timed runs, in order (several on quick pairs, one once a run passed 1 s or was killed). */
  runs: Record<ToolName, RunOutcome[]>;
  /** Our result rebuilds the newer version's block texts exactly (the CORRECT column). */
  correct: boolean;
  /** Our result also rebuilds the older version's block texts. */
  olderCorrect: boolean;
  /** What did not match, when something did not. */
  problem: string | null;
  /** Our diff hit a bound and fell back to whole-block changes somewhere. */
  coarse: boolean;
  /** Our diff's change ratio (0 identical … 1 nothing shared). */
  changeRatio: number;
  /** Generated pairs: share of the older text's words that the generator edited. */
  editedShare: number | null;
}
