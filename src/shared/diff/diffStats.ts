import type { DiffBlock, DiffStats } from '../domain';
import { countWords } from './tokenize';

/** Heading paths are shown joined like this, in `sectionsTouched` and elsewhere. */
export const SECTION_SEPARATOR = ' › ';

/**
 * Count a diff:
 * - words in insertions are added, in deletions removed, in the unchanged
 *   spans of a move's destination moved (so rewording inside a moved block
 *   still counts as added/removed, the rest as moved only);
 * - every block of the newer version is unchanged, changed, inserted or a
 *   move destination, every block of the older one unchanged, changed, deleted
 *   or a move source; `blocksMoved` counts move pairs;
 * - `sectionsTouched`: the heading path of every block with a change, in the
 *   order of the diff, each once (a heading's own text is part of its path, so
 *   a renamed section lists itself; changes outside any section are not listed);
 * - `changeRatio`: (added + removed) / `words` (the words in the older and
 *   newer version together, `countWords` of every block's text).
 */
export function diffStats(blocks: readonly DiffBlock[], words: number, coarse: boolean): DiffStats {
  const stats = emptyDiffStats(coarse);
  const touched = new Set<string>();
  for (const block of blocks) {
    switch (block.change) {
      case 'equal':
        stats.blocksUnchanged++;
        break;
      case 'insert':
        stats.blocksInserted++;
        break;
      case 'delete':
        stats.blocksDeleted++;
        break;
      case 'replace':
        stats.blocksChanged++;
        break;
      case 'move':
        if (block.moveRole === 'to') stats.blocksMoved++;
        break;
    }
    for (const span of block.spans) {
      if (span.op === 'insert') stats.wordsAdded += countWords(span.text);
      else if (span.op === 'delete') stats.wordsRemoved += countWords(span.text);
      else if (block.moveRole === 'to') stats.wordsMoved += countWords(span.text);
    }
    if (block.change !== 'equal') {
      const path = block.kind === 'heading' ? [...block.headingPath, shownText(block)] : block.headingPath;
      const section = path.join(SECTION_SEPARATOR);
      if (section && !touched.has(section)) {
        touched.add(section);
        stats.sectionsTouched.push(section);
      }
    }
  }
  stats.changeRatio = words === 0 ? 0 : (stats.wordsAdded + stats.wordsRemoved) / words;
  return stats;
}

/** The text a block stands for: the older one for deletions and move sources, else the newer one. */
function shownText(block: DiffBlock): string {
  const skip = block.change === 'delete' || block.moveRole === 'from' ? 'insert' : 'delete';
  return block.spans
    .filter((span) => span.op !== skip)
    .map((span) => span.text)
    .join('');
}

/** Statistics of no change at all: every count zero (the start of a sum). */
export function emptyDiffStats(coarse = false): DiffStats {
  return {
    wordsAdded: 0,
    wordsRemoved: 0,
    wordsMoved: 0,
    blocksInserted: 0,
    blocksDeleted: 0,
    blocksChanged: 0,
    blocksMoved: 0,
    blocksUnchanged: 0,
    sectionsTouched: [],
    changeRatio: 0,
    coarse,
  };
}
