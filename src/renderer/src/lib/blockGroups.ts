import type { Block } from '../../../shared/domain';

/** Blocks grouped for display: consecutive list items form one list, consecutive table rows one table. */
export type BlockGroup =
  { type: 'list'; items: Block[] } | { type: 'table'; rows: string[][] } | { type: 'block'; block: Block };

/** Table cells as the extractors join them (`a | b | c`). */
export function tableCells(text: string): string[] {
  return text.split(' | ');
}

export function groupBlocks(blocks: readonly Block[]): BlockGroup[] {
  const groups: BlockGroup[] = [];
  for (const block of blocks) {
    const last = groups.at(-1);
    if (block.kind === 'list-item') {
      if (last?.type === 'list') last.items.push(block);
      else groups.push({ type: 'list', items: [block] });
    } else if (block.kind === 'table-row') {
      if (last?.type === 'table') last.rows.push(tableCells(block.text));
      else groups.push({ type: 'table', rows: [tableCells(block.text)] });
    } else {
      groups.push({ type: 'block', block });
    }
  }
  return groups;
}

/**
 * The HTML heading element for a policy heading. The app title is h1 and the
 * document title h2, so policy headings start at h3 (capped at h6).
 */
export function headingTag(level: number): 'h3' | 'h4' | 'h5' | 'h6' {
  const clamped = Math.min(Math.max(level, 1), 4);
  return (['h3', 'h4', 'h5', 'h6'] as const)[clamped - 1] ?? 'h6';
}
