/**
 * Page numbers of report sections, read back from a first printing.
 *
 * Chromium's PDF writer (Skia) turns every in-document link `<a href="#id">`
 * into a named destination `/id [pageRef /XYZ x y z]` in the catalog's
 * `/Dests`. So: print once with a link to every section appended after the
 * content (it cannot move anything before it), read which page each
 * destination points to, and render again with the numbers filled in. No PDF
 * text tool is needed, so this works on users' machines too.
 */

/**
 * `html` with a link to each of `ids` appended at the end of the body, for a
 * first printing only: the links make Chromium record where each id landed,
 * and anything after the content leaves the pages before it as they were.
 */
export function withPageProbes(html: string, ids: readonly string[]): string {
  const links = ids.map((id) => `<a href="#${escapeAttribute(id)}">.</a>`).join(' ');
  const probe = `<div data-page-probe style="break-before:page">${links}</div>`;
  const end = html.search(/<\/body\s*>/i);
  return end < 0 ? html + probe : html.slice(0, end) + probe + html.slice(end);
}

/**
 * The 1-based page of every named destination in a PDF written by Chromium
 * (`/Dests` in the catalog). Empty when the PDF has none or is laid out in a
 * way this reader does not follow (compressed object streams): callers then
 * simply go without page numbers.
 */
export function namedDestinationPages(pdf: Uint8Array): Map<string, number> {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const pages = new Map<string, number>();
  const catalog = /\/Type\s*\/Catalog\b/.exec(text);
  if (!catalog) return pages;
  const catalogBody = enclosingObject(text, catalog.index);
  const pagesRef = /\/Pages\s+(\d+)\s+\d+\s+R/.exec(catalogBody);
  if (!pagesRef) return pages;
  const order = new Map<number, number>();
  collectPages(text, Number(pagesRef[1]), order, new Set());

  let dests: string | null = null;
  const destsRef = /\/Dests\s+(\d+)\s+\d+\s+R/.exec(catalogBody);
  if (destsRef) dests = objectBody(text, Number(destsRef[1]));
  else dests = /\/Dests\s*(<<[\s\S]*?>>)/.exec(catalogBody)?.[1] ?? null;
  if (!dests) return pages;

  for (const match of dests.matchAll(/\/((?:[^\s/[\]<>(){}%#]|#[0-9a-fA-F]{2})+)\s*\[\s*(\d+)\s+\d+\s+R/g)) {
    const page = order.get(Number(match[2]));
    if (page !== undefined) pages.set(decodeName(match[1]!), page);
  }
  return pages;
}

/** Walk the page tree from `ref`, numbering leaf pages from 1 in document order. */
function collectPages(text: string, ref: number, order: Map<number, number>, seen: Set<number>): void {
  if (seen.has(ref)) return; // A malformed, cyclic tree.
  seen.add(ref);
  const body = objectBody(text, ref);
  if (body === null) return;
  if (/\/Type\s*\/Page\b(?!s)/.test(body)) {
    order.set(ref, order.size + 1);
    return;
  }
  const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
  if (!kids) return;
  for (const kid of kids[1]!.matchAll(/(\d+)\s+\d+\s+R/g)) collectPages(text, Number(kid[1]), order, seen);
}

/** The text between `n 0 obj` and its `endobj`, or null. */
function objectBody(text: string, ref: number): string | null {
  const start = new RegExp(`(?:^|[\\r\\n\\s])${ref}\\s+0\\s+obj\\b`).exec(text);
  if (!start) return null;
  const from = start.index + start[0].length;
  const end = text.indexOf('endobj', from);
  return end < 0 ? null : text.slice(from, end);
}

/** The object around position `at` (the catalog), as `objectBody` would return it. */
function enclosingObject(text: string, at: number): string {
  const start = text.lastIndexOf(' obj', at);
  const end = text.indexOf('endobj', at);
  return text.slice(start < 0 ? 0 : start, end < 0 ? text.length : end);
}

/** A PDF name's `#xx` escapes are bytes of its UTF-8 spelling. */
function decodeName(name: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < name.length; i++) {
    if (name[i] === '#' && /^[0-9a-fA-F]{2}$/.test(name.slice(i + 1, i + 3))) {
      bytes.push(parseInt(name.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(name.charCodeAt(i) & 0xff);
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
