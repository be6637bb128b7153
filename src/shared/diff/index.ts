/**
 * The diff engine: pure, no Node or DOM APIs, so main (handlers, CLI, reports)
 * and the renderer can both run it.
 */
export { diffBlocks, type BlockDiff } from './diffBlocks';
export type { DiffOptions } from './options';
export { countWords } from './tokenize';
