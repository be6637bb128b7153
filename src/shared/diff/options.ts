import type { DiffIgnoreOptions } from '../domain';

/**
 * Options of the block diff; all optional. The ignore options (see
 * `DiffIgnoreOptions`) change what counts as a change, never the text shown;
 * the others bound the work so that no input can make the diff hang.
 */
export interface DiffOptions extends DiffIgnoreOptions {
  /**
   * Largest edit script (in blocks for the alignment, in words for a block's
   * word diff) that one Myers step may compute. Beyond it that stretch falls
   * back to whole deletions and insertions (and `stats.coarse` is set), so huge
   * or pathological inputs stay fast (jsdiff's Myers diff costs about the
   * square of the edit length).
   * @default 2000
   */
  maxEditLength?: number;
  /**
   * Time budget in milliseconds for the whole diff; once spent, the remaining
   * work falls back to whole-block changes (`stats.coarse`). A safety net:
   * results near the limit can depend on machine speed.
   * @default 2000
   */
  timeoutMs?: number;
  /**
   * How much two blocks at the same place must share (Dice coefficient over
   * their tokens, 0–1) to be shown as one changed block rather than a deletion
   * and an insertion.
   * @default 0.5
   */
  pairThreshold?: number;
  /**
   * How much a block deleted at one place and a block inserted at another must
   * share (Dice, 0–1) to be shown as one moved block. Identical blocks (under
   * the ignore options) always count as moved. Also the similarity above which
   * blocks of different kinds (a heading that became a paragraph) are shown as
   * one changed block.
   * @default 0.8
   */
  moveThreshold?: number;
}

/** Options with defaults applied, plus the wall-clock deadline derived from `timeoutMs`. */
export interface ResolvedDiffOptions {
  ignoreCase: boolean;
  ignoreWhitespace: boolean;
  ignorePunctuation: boolean;
  ignoreFormatting: boolean;
  maxEditLength: number;
  pairThreshold: number;
  moveThreshold: number;
  deadline: number;
}

export const DEFAULT_MAX_EDIT_LENGTH = 2000;
export const DEFAULT_TIMEOUT_MS = 2000;
export const DEFAULT_PAIR_THRESHOLD = 0.5;
export const DEFAULT_MOVE_THRESHOLD = 0.8;

const unit = (value: number): number => Math.min(1, Math.max(0, value));

export function resolveOptions(options: DiffOptions = {}, now: number = Date.now()): ResolvedDiffOptions {
  return {
    ignoreCase: options.ignoreCase ?? false,
    ignoreWhitespace: options.ignoreWhitespace ?? false,
    ignorePunctuation: options.ignorePunctuation ?? false,
    ignoreFormatting: options.ignoreFormatting ?? false,
    maxEditLength: Math.max(1, options.maxEditLength ?? DEFAULT_MAX_EDIT_LENGTH),
    pairThreshold: unit(options.pairThreshold ?? DEFAULT_PAIR_THRESHOLD),
    moveThreshold: unit(options.moveThreshold ?? DEFAULT_MOVE_THRESHOLD),
    deadline: now + Math.max(0, options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
  };
}

/** True when any ignore option is set (the older text is then shown only up to what was ignored). */
export function ignoresAnything(options: ResolvedDiffOptions): boolean {
  return options.ignoreCase || options.ignoreWhitespace || options.ignorePunctuation || options.ignoreFormatting;
}

/** Milliseconds left before the deadline (0 when spent). */
export function remainingMs(options: Pick<ResolvedDiffOptions, 'deadline'>): number {
  return Math.max(0, options.deadline - Date.now());
}

/**
 * Version of this engine's output. Bump it whenever `diffBlocks` counts or
 * aligns differently (tokens, moves, ratios…): statistics cached in archives
 * (the timeline's version_changes table) from another version are recomputed.
 */
export const DIFF_ENGINE_VERSION = 2;
