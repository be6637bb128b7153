/**
 * The diff engine: pure, no Node or DOM APIs, so main (handlers, CLI, reports)
 * and the renderer can both run it.
 */
export { diffBlocks, type BlockDiff } from './diffBlocks';
export { SECTION_SEPARATOR } from './diffStats';
export { DIFF_ENGINE_VERSION, type DiffOptions } from './options';
export { countWords } from './tokenize';
