import type { DiffBlock, DiffSpan } from '../../../shared/domain';

/** How heading paths are joined for display, as the diff engine's `sectionsTouched` joins them. */
export const SECTION_SEPARATOR = ' › ';

/** The section a diff block belongs to, as one string ('' before the first heading). */
export function sectionKeyOf(block: Pick<DiffBlock, 'headingPath'>): string {
  return block.headingPath.join(SECTION_SEPARATOR);
}

/** A block's text in the older version: every span but the insertions. */
export function oldTextOf(block: { spans: readonly DiffSpan[] }): string {
  return block.spans
    .filter((span) => span.op !== 'insert')
    .map((span) => span.text)
    .join('');
}

/** A block's text in the newer version: every span but the deletions. */
export function newTextOf(block: { spans: readonly DiffSpan[] }): string {
  return block.spans
    .filter((span) => span.op !== 'delete')
    .map((span) => span.text)
    .join('');
}

/** Whether the block exists only in the older version (deleted, or the place a moved block left). */
export function onlyInOld(block: Pick<DiffBlock, 'change' | 'moveRole'>): boolean {
  return block.change === 'delete' || (block.change === 'move' && block.moveRole === 'from');
}

/** Whether the block exists only in the newer version (inserted, or the place a moved block arrived). */
export function onlyInNew(block: Pick<DiffBlock, 'change' | 'moveRole'>): boolean {
  return block.change === 'insert' || (block.change === 'move' && block.moveRole === 'to');
}
