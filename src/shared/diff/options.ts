/** Options of the block diff; all optional. */
export interface DiffOptions {
  /**
   * Letters that differ only in case count as unchanged. What is shown is the
   * newer version's text; only what counts as a change differs.
   * @default false
   */
  ignoreCase?: boolean;
  /**
   * Whitespace between words (added, removed or different) counts as unchanged.
   * What is shown is the newer version's text.
   * @default false
   */
  ignoreWhitespace?: boolean;
  /**
   * Largest edit script (in blocks for the alignment, in tokens for a block's
   * word diff) worth computing. Beyond it the diff falls back to whole-block
   * changes, so huge or pathological inputs stay fast (jsdiff's Myers diff
   * costs about the square of the edit length: ~0.2 s at 2000, ~1.2 s at 5000).
   * @default 2000
   */
  maxEditLength?: number;
  /**
   * Time budget in milliseconds for the whole diff; once spent, the remaining
   * work falls back to whole-block changes. A safety net: results near the
   * limit can depend on machine speed.
   * @default 2000
   */
  timeoutMs?: number;
  /**
   * How much two blocks must share (Dice coefficient over their tokens, 0–1)
   * to be shown as one changed block rather than a deletion and an insertion.
   * @default 0.5
   */
  pairThreshold?: number;
}

/** Options with defaults applied, plus the wall-clock deadline derived from `timeoutMs`. */
export interface ResolvedDiffOptions {
  ignoreCase: boolean;
  ignoreWhitespace: boolean;
  maxEditLength: number;
  pairThreshold: number;
  deadline: number;
}

export const DEFAULT_MAX_EDIT_LENGTH = 2000;
export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_PAIR_THRESHOLD = 0.5;

export function resolveOptions(options: DiffOptions = {}, now: number = Date.now()): ResolvedDiffOptions {
  return {
    ignoreCase: options.ignoreCase ?? false,
    ignoreWhitespace: options.ignoreWhitespace ?? false,
    maxEditLength: Math.max(1, options.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH),
    pairThreshold: Math.min(1, Math.max(0, options.pairThreshold ?? DEFAULT_PAIR_THRESHOLD)),
    deadline: now + Math.max(0, options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
}

/** Milliseconds left before the deadline (0 when spent). */
export function remainingMs(options: ResolvedDiffOptions): number {
  return Math.max(0, options.deadline - Date.now());
}
