import type { LibraryDocument, LibraryVendor } from '../../../shared/libraryDomain';

/** One line of the library sidebar: a vendor, or one of the documents of an expanded vendor. */
export type LibraryRow =
  | { kind: 'vendor'; key: string; vendor: LibraryVendor; expanded: boolean }
  | { kind: 'document'; key: string; vendor: LibraryVendor; document: LibraryDocument };

/**
 * The sidebar as one flat list (what the virtual list renders and the arrow
 * keys walk): each vendor, followed by its documents when it is expanded.
 */
export function libraryRows(vendors: readonly LibraryVendor[], expanded: ReadonlySet<number>): LibraryRow[] {
  const rows: LibraryRow[] = [];
  for (const vendor of vendors) {
    const open = expanded.has(vendor.id);
    rows.push({ kind: 'vendor', key: `v${vendor.id}`, vendor, expanded: open });
    if (!open) continue;
    for (const document of vendor.documents) {
      rows.push({ kind: 'document', key: `d${document.id}`, vendor, document });
    }
  }
  return rows;
}

/** The index of a vendor's own row, or -1 when it is not listed (filtered out). */
export function vendorRowIndex(rows: readonly LibraryRow[], vendorId: number): number {
  return rows.findIndex((row) => row.kind === 'vendor' && row.vendor.id === vendorId);
}

/**
 * Where ↑/↓/Home/End/PageUp/PageDown lead from `index`, clamped to the
 * list (no wrapping: a long list that wraps loses the user). Null for other keys.
 */
export function rowIndexAfterKey(key: string, index: number, count: number, page = 10): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(index + 1, last);
    case 'ArrowUp':
      return Math.max(index - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(index + page, last);
    case 'PageUp':
      return Math.max(index - page, 0);
    default:
      return null;
  }
}
