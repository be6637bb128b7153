import type { DiffBlock } from '../../../shared/domain';
import { headingTag } from './blockGroups';

/** The HTML element a diff block is shown as in the inline layout. */
export function diffBlockTag(block: Pick<DiffBlock, 'kind' | 'level'>): string {
  if (block.kind === 'heading') return headingTag(block.level);
  if (block.kind === 'preformatted') return 'pre';
  if (block.kind === 'quote') return 'blockquote';
  return block.kind === 'paragraph' ? 'p' : 'div';
}

/**
 * A changed block whose words all stayed: only its structure changed (a
 * heading's level, a list item that became a paragraph), which the spans cannot show.
 */
export function isFormattingOnly(block: Pick<DiffBlock, 'change' | 'spans'>): boolean {
  return block.change === 'replace' && block.spans.every((span) => span.op === 'equal');
}

/** What a screen reader hears before a changed block ('' for unchanged ones). */
export function changeLabel(block: Pick<DiffBlock, 'change' | 'moveRole' | 'spans'>): string {
  if (isFormattingOnly(block)) return 'block with a formatting change only';
  switch (block.change) {
    case 'equal':
      return '';
    case 'insert':
      return 'added block';
    case 'delete':
      return 'removed block';
    case 'replace':
      return 'changed block';
    case 'move':
      return block.moveRole === 'from' ? 'block moved away from here' : 'block moved here';
  }
}
