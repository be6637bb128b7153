import { HIGHLIGHT_END, HIGHLIGHT_START } from '../../../shared/domain';

/** A run of snippet text, highlighted when it matched the query. */
export interface SnippetPart {
  text: string;
  highlighted: boolean;
}

/**
 * Split a search snippet on the highlight markers into plain and highlighted
 * runs, so the view can wrap matches in <mark> without ever treating archive
 * text as HTML. Stray or unbalanced markers are dropped, never shown.
 */
export function splitHighlights(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let highlighted = false;
  let current = '';
  const flush = (): void => {
    if (current.length > 0) parts.push({ text: current, highlighted });
    current = '';
  };
  for (const char of snippet) {
    if (char === HIGHLIGHT_START) {
      flush();
      highlighted = true;
    } else if (char === HIGHLIGHT_END) {
      flush();
      highlighted = false;
    } else {
      current += char;
    }
  }
  flush();
  return parts;
}
