import type { Styles } from './terminal';

/** One column: its header and how to style a cell (applied after padding, so widths stay right). */
export interface Column {
  header: string;
  align?: 'left' | 'right';
  style?: (text: string) => string;
}

/** Render rows as aligned columns separated by two spaces, with a dimmed header. */
export function formatTable(columns: Column[], rows: string[][], styles: Styles): string {
  const widths = columns.map((column, index) =>
    Math.max(column.header.length, ...rows.map((row) => displayWidth(row[index] ?? ''))),
  );
  const pad = (text: string, index: number): string => {
    const gap = ' '.repeat(Math.max(0, widths[index]! - displayWidth(text)));
    return columns[index]!.align === 'right' ? gap + text : text + gap;
  };
  const lines = [
    columns
      .map((column, index) => styles.dim(pad(column.header, index)))
      .join('  ')
      .trimEnd(),
  ];
  for (const row of rows) {
    const cells = columns.map((column, index) => {
      const padded = pad(row[index] ?? '', index);
      return column.style ? column.style(padded) : padded;
    });
    lines.push(cells.join('  ').trimEnd());
  }
  return lines.join('\n');
}

/** Characters as a terminal counts them (good enough: code points, not bytes or UTF-16 units). */
function displayWidth(text: string): number {
  return [...text].length;
}
