import type { Block, SourceFormat, SnapshotSummary } from '../../../shared/domain';
import type { OriginalPage } from '../../../shared/libraryDomain';

/** A heading of the open snapshot, as the reader's outline lists it. */
export interface ReaderOutlineEntry {
  /** The heading's position among the snapshot's blocks (PolicyText marks it as `data-position`). */
  position: number;
  text: string;
  /** Indent: 0 for the snapshot's shallowest heading level. */
  depth: number;
}

/** The snapshot's headings in order, indented relative to its shallowest heading. */
export function readerOutline(blocks: readonly Block[]): ReaderOutlineEntry[] {
  const headings = blocks.flatMap((block, position) =>
    block.kind === 'heading' ? [{ position, text: block.text, level: block.level }] : [],
  );
  const top = Math.min(...headings.map((heading) => heading.level));
  return headings.map(({ position, text, level }) => ({ position, text, depth: Math.min(level - top, 4) }));
}

/**
 * The entry the reader is in: the last heading at or above `line` (pixels from
 * the top of the viewport, where reading happens), given each entry's current
 * top. Null before the first heading.
 */
export function currentOutlineEntry(
  entries: readonly ReaderOutlineEntry[],
  tops: readonly number[],
  line: number,
): ReaderOutlineEntry | null {
  let current: ReaderOutlineEntry | null = null;
  entries.forEach((entry, index) => {
    const top = tops[index];
    if (top !== undefined && top <= line) current = entry;
  });
  return current;
}

const HTML_FORMATS: ReadonlySet<SourceFormat> = new Set(['princeton-html', 'wayback-html', 'html-page']);

/**
 * Whether the snapshot was read from an HTML page, so an original may be
 * stored (the view still says so when none is: older imports, huge pages).
 */
export function mayHaveOriginal(snapshot: Pick<SnapshotSummary, 'sourceFormat' | 'sourcePath' | 'origin'>): boolean {
  if (HTML_FORMATS.has(snapshot.sourceFormat)) return true;
  return (
    snapshot.sourceFormat === 'headerless-text' &&
    (/\.html?$/i.test(snapshot.sourcePath) || snapshot.origin === 'warc' || snapshot.origin === 'wacz')
  );
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

/** What sanitizing took out of a page, in words ("3 scripts, 2 styles and 5 images, frames or forms"). */
export function removedSummary(removed: OriginalPage['removed']): string {
  const parts = [
    removed.scripts > 0 ? plural(removed.scripts, 'script', 'scripts') : null,
    removed.styles > 0 ? plural(removed.styles, 'style sheet or style', 'style sheets and styles') : null,
    removed.eventHandlers > 0 ? plural(removed.eventHandlers, 'event handler', 'event handlers') : null,
    removed.embeds > 0
      ? plural(removed.embeds, 'image, frame, form or media item', 'images, frames, forms and media items')
      : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return 'nothing active was found';
  const last = parts.pop()!;
  return `removed ${parts.length > 0 ? `${parts.join(', ')} and ${last}` : last}`;
}

/** Bytes in a short human form (`73 KB`, `1.2 MB`). */
export function byteSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1048576).toFixed(1)} MB`;
}
