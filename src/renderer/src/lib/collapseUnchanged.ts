import type { DiffBlock } from '../../../shared/domain';

/** A stretch of a diff as displayed: blocks shown, or unchanged blocks folded into one line. */
export type DiffSegment =
  | { type: 'shown'; start: number; end: number }
  | {
      type: 'collapsed';
      /** First folded block; also the key `expanded` uses for this run. */
      start: number;
      end: number;
      /** Folded blocks that are not headings (paragraphs, list items, table rows…). */
      paragraphs: number;
      headings: number;
    };

export interface CollapseOptions {
  /** Unchanged blocks kept visible on each side of a change. */
  context: number;
  /** `start`s of folded runs the user opened. */
  expanded: ReadonlySet<number>;
}

/**
 * "Only changes": split a diff into shown stretches and folded runs of
 * unchanged blocks, keeping `context` unchanged blocks next to each change.
 * A run the user expanded (by its `start`) is shown whole.
 */
export function collapseUnchanged(blocks: readonly DiffBlock[], options: CollapseOptions): DiffSegment[] {
  const segments: DiffSegment[] = [];
  const context = Math.max(0, Math.floor(options.context));
  const show = (start: number, end: number): void => {
    if (end <= start) return;
    const last = segments.at(-1);
    if (last?.type === 'shown' && last.end === start) last.end = end;
    else segments.push({ type: 'shown', start, end });
  };

  let index = 0;
  while (index < blocks.length) {
    if (blocks[index]!.change !== 'equal') {
      show(index, index + 1);
      index += 1;
      continue;
    }
    let runEnd = index;
    while (runEnd < blocks.length && blocks[runEnd]!.change === 'equal') runEnd += 1;
    // Context only where there is a change to give it to.
    const keepBefore = index > 0 ? context : 0;
    const keepAfter = runEnd < blocks.length ? context : 0;
    const foldStart = index + keepBefore;
    const foldEnd = runEnd - keepAfter;
    if (foldEnd <= foldStart || options.expanded.has(foldStart)) {
      show(index, runEnd);
    } else {
      show(index, foldStart);
      let headings = 0;
      for (let folded = foldStart; folded < foldEnd; folded += 1) {
        if (blocks[folded]!.kind === 'heading') headings += 1;
      }
      segments.push({
        type: 'collapsed',
        start: foldStart,
        end: foldEnd,
        paragraphs: foldEnd - foldStart - headings,
        headings,
      });
      show(foldEnd, runEnd);
    }
    index = runEnd;
  }
  return segments;
}

/** Every block shown: the layout when "only changes" is off. */
export function allShown(blocks: readonly DiffBlock[]): DiffSegment[] {
  return blocks.length === 0 ? [] : [{ type: 'shown', start: 0, end: blocks.length }];
}

/** "12 unchanged paragraphs", "1 unchanged paragraph and 2 headings", for a folded run. */
export function collapsedLabel(segment: { paragraphs: number; headings: number }): string {
  const parts: string[] = [];
  if (segment.paragraphs > 0)
    parts.push(`${segment.paragraphs} unchanged ${segment.paragraphs === 1 ? 'paragraph' : 'paragraphs'}`);
  if (segment.headings > 0) {
    const word = segment.headings === 1 ? 'heading' : 'headings';
    parts.push(parts.length > 0 ? `${segment.headings} ${word}` : `${segment.headings} unchanged ${word}`);
  }
  return parts.join(' and ');
}
