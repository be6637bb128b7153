import type { DiffBlock } from '../domain';
import { SECTION_SEPARATOR } from '../diff/diffStats';
import type { ReportSection } from './reportTypes';

/**
 * The sections of a diff that hold changes, in diff order, each with the
 * index of its first changed block and an id `<prefix>-s<n>`. The same
 * sections, in the same order, as `DiffStats.sectionsTouched`: a changed
 * heading counts under its own text, changes before the first heading are not
 * listed.
 */
export function reportSections(blocks: readonly DiffBlock[], prefix: string): ReportSection[] {
  const sections: ReportSection[] = [];
  const seen = new Set<string>();
  blocks.forEach((block, blockIndex) => {
    if (block.change === 'equal') return;
    const path = block.kind === 'heading' ? [...block.headingPath, blockText(block)] : block.headingPath;
    const label = path.join(SECTION_SEPARATOR);
    if (!label || seen.has(label)) return;
    seen.add(label);
    sections.push({ id: `${prefix}-s${sections.length + 1}`, path, label, blockIndex });
  });
  return sections;
}

/** The text a block stands for: the older one for deletions and move sources, else the newer one. */
export function blockText(block: DiffBlock): string {
  return sideText(block, block.change === 'delete' || block.moveRole === 'from' ? 'old' : 'new');
}

/** A block's older (non-insert spans) or newer (non-delete spans) text. */
export function sideText(block: DiffBlock, side: 'old' | 'new'): string {
  const skip = side === 'old' ? 'insert' : 'delete';
  return block.spans
    .filter((span) => span.op !== skip)
    .map((span) => span.text)
    .join('');
}

/** A block changed in place without a word changing: only its heading level or its kind (list item, paragraph…). */
export function formattingOnly(block: DiffBlock): boolean {
  return block.change === 'replace' && block.spans.every((span) => span.op === 'equal');
}
