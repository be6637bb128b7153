import type { DiffBlock } from '../../../shared/domain';

/** One block of a diff as displayed, with the section it belongs to when changes are shown alone. */
export interface DiffRow {
  block: DiffBlock;
  /** Heading path shown above the block when only changes are listed and the section changed. */
  section: string | null;
}

/**
 * Rows for the diff view. With `onlyChanges`, unchanged blocks are dropped and
 * each change is labelled with its section (heading path) so it keeps its context.
 */
export function diffRows(blocks: readonly DiffBlock[], onlyChanges: boolean): DiffRow[] {
  if (!onlyChanges) return blocks.map((block) => ({ block, section: null }));
  const rows: DiffRow[] = [];
  let lastSection: string | null = null;
  for (const block of blocks) {
    if (block.change === 'equal') continue;
    const section = block.headingPath.join(' › ');
    rows.push({ block, section: section !== lastSection && section.length > 0 ? section : null });
    lastSection = section;
    // A changed heading is itself shown: the blocks under it need no label repeating it.
    if (block.kind === 'heading' && block.change !== 'delete') {
      const title = block.spans
        .filter((span) => span.op !== 'delete')
        .map((span) => span.text)
        .join('');
      lastSection = [...block.headingPath, title].join(' › ');
    }
  }
  return rows;
}
