import type { DiffBlock, DiffSpan, DiffStats, SnapshotSummary } from '../../shared/domain';
import { formatCapturedAt } from './formatDates';
import { blockPrefix, formatHeadingPath } from './formatText';
import type { Styles } from './terminal';

export interface DiffFormatOptions {
  /** Show unchanged blocks too (default: only changes, with a count of what was skipped). */
  all: boolean;
  /** Colours (insertions green + underlined, deletions red + struck through) instead of `{+ +}` / `[- -]`. */
  useColor: boolean;
}

/** One side of the comparison, for the header lines. */
export function formatDiffSide(marker: '---' | '+++', snapshot: SnapshotSummary): string {
  return `${marker} #${snapshot.id} ${snapshot.vendorName} · ${snapshot.documentTitle} · captured ${formatCapturedAt(snapshot.capturedAt)}`;
}

/** The word diff as terminal text, block by block. */
export function formatDiffBlocks(blocks: readonly DiffBlock[], styles: Styles, options: DiffFormatOptions): string {
  const lines: string[] = [];
  let hidden = 0;
  let lastPath: string | null = null;
  const flushHidden = (): void => {
    if (hidden > 0) lines.push(styles.dim(`… ${hidden} unchanged block${hidden === 1 ? '' : 's'} …`), '');
    hidden = 0;
  };
  for (const block of blocks) {
    if (block.change === 'equal' && !options.all) {
      hidden++;
      continue;
    }
    flushHidden();
    // Give each change its section, unless the heading just printed already says it.
    const path = formatHeadingPath(block.headingPath);
    if (!options.all && block.kind !== 'heading' && path !== lastPath && path !== '')
      lines.push(styles.dim(`§ ${path}`));
    lastPath = block.kind === 'heading' ? formatHeadingPath([...block.headingPath, headingText(block)]) : path;
    const text =
      blockPrefix(block.kind, block.level) +
      block.spans.map((span) => formatSpan(span, styles, options.useColor)).join('');
    lines.push(block.kind === 'heading' && block.change === 'equal' ? styles.bold(text) : text, '');
  }
  flushHidden();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

/** A heading's text as the reader sees it below the heading (the newer one, unless it was deleted). */
function headingText(block: DiffBlock): string {
  const skip = block.change === 'delete' ? 'insert' : 'delete';
  return block.spans
    .filter((span) => span.op !== skip)
    .map((span) => span.text)
    .join('');
}

function formatSpan(span: DiffSpan, styles: Styles, useColor: boolean): string {
  if (span.op === 'equal') return span.text;
  if (useColor) {
    return span.op === 'insert'
      ? styles.green(styles.underline(span.text))
      : styles.red(styles.strikethrough(span.text));
  }
  return span.op === 'insert' ? `{+${span.text}+}` : `[-${span.text}-]`;
}

/** `+12 words, −4 words · 3 changed, 1 inserted, 0 deleted, 40 unchanged blocks` */
export function formatDiffStats(stats: DiffStats, styles: Styles): string {
  const words = `${styles.green(`+${stats.wordsAdded} words`)}, ${styles.red(`−${stats.wordsRemoved} words`)}`;
  const blocks = `${stats.blocksChanged} changed, ${stats.blocksInserted} inserted, ${stats.blocksDeleted} deleted, ${stats.blocksUnchanged} unchanged blocks`;
  return `${words} · ${blocks}`;
}
