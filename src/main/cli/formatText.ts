import { HIGHLIGHT_END, HIGHLIGHT_START, type Block, type BlockKind } from '../../shared/domain';
import type { Styles } from './terminal';

/** The Markdown-like marker a block starts with: `## ` for headings, `- ` for list items, `> ` for quotes. */
export function blockPrefix(kind: BlockKind, level: number): string {
  switch (kind) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(1, level)))} `;
    case 'list-item':
      return `${'  '.repeat(Math.max(0, level - 1))}- `;
    case 'quote':
      return '> ';
    case 'preformatted':
      return '    ';
    default:
      return '';
  }
}

/** A policy's text for reading in a terminal: one block per paragraph, headings bold. */
export function formatBlocks(blocks: readonly Block[], styles: Styles): string {
  return blocks
    .map((block) => {
      const line = blockPrefix(block.kind, block.level) + block.text;
      return block.kind === 'heading' ? styles.bold(line) : line;
    })
    .join('\n\n');
}

/**
 * Turn the search highlight markers into something visible: bold yellow on a
 * terminal, `[[term]]` otherwise (so the match survives pipes and logs).
 */
export function renderHighlights(snippet: string, styles: Styles, useColor: boolean): string {
  const pattern = new RegExp(`${HIGHLIGHT_START}([^${HIGHLIGHT_END}]*)${HIGHLIGHT_END}`, 'g');
  const rendered = snippet.replace(pattern, (_match, term: string) =>
    useColor ? styles.bold(styles.yellow(term)) : `[[${term}]]`,
  );
  // A snippet cut inside a highlight leaves a lone marker; never print control characters.
  return rendered.replaceAll(HIGHLIGHT_START, '').replaceAll(HIGHLIGHT_END, '');
}

/** `Section › Subsection`, or an empty string at the top level. */
export function formatHeadingPath(path: readonly string[]): string {
  return path.join(' › ');
}
