import type { Block, BlockKind } from '../../shared/domain';
import { normalizeText } from './normalizeText';

/**
 * Normalise `text` and append it as a block, unless nothing is left of it:
 * the one place that enforces "blocks are normalised and never empty".
 */
export function addBlock(blocks: Block[], kind: BlockKind, level: number, text: string): void {
  const normalized = normalizeText(text);
  if (normalized !== '') blocks.push({ kind, level, text: normalized });
}
