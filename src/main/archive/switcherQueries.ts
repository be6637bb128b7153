import type Database from 'better-sqlite3';
import type { SwitcherEntry } from '../../shared/searchDomain';
import { HEADING_CODE } from './blockKinds';
import { cachedStatement } from './statementCache';

/*
 * What the quick switcher (Ctrl/Cmd+K) can jump to: every vendor, every
 * document, and the section headings of each document's newest snapshot.
 *
 * Bounded so the renderer's index stays small at any archive size: headings
 * come only from each document's newest capture (older versions' headings
 * are mostly the same words), at most MAX_HEADINGS_PER_DOCUMENT per document,
 * and at most HEADING_BUDGET in all, shared fairly between documents (a
 * document with few headings leaves its share to the others; a document over
 * its share keeps its shallowest headings). Vendors and documents are never
 * dropped: an archive of 5,000 vendors with ~1.2 documents each yields about
 * 5,000 vendor + 6,000 document entries + at most 20,000 headings (~3 per
 * document there): ~31,000 entries.
 */

/** Most headings any one document contributes (a longer outline is usually mis-extracted text). */
export const MAX_HEADINGS_PER_DOCUMENT = 100;
/** Most heading entries in all, however large the archive. */
export const HEADING_BUDGET = 20_000;
/** Headings longer than this are cut (with an ellipsis): a heading that long is a paragraph. */
export const MAX_HEADING_LENGTH = 160;

interface VendorRow {
  id: number;
  key: string;
  displayName: string;
}

interface DocumentRow {
  id: number;
  vendorId: number;
  title: string;
  vendorName: string;
  snapshotId: number | null;
}

interface HeadingRow {
  documentId: number;
  position: number;
  level: number;
  text: string;
}

/** A document's candidate headings, deduplicated, in position order. */
interface DocumentHeadings {
  document: DocumentRow;
  headings: HeadingRow[];
}

/** Bounds of switcherEntries (the defaults are the constants above; tests pass small ones). */
export interface SwitcherBounds {
  headingBudget?: number;
  maxHeadingsPerDocument?: number;
}

/**
 * Every entry of the quick switcher, in a stable order: vendors by name,
 * documents by vendor and title, then headings by document and position.
 * Vendors' `detail` is their key (domain) when it says more than the name
 * (`3dhubs.com` for "3D Hubs"), else empty; documents and headings carry the newest
 * snapshot to open (`snapshotId`), headings also their block `position` in it.
 */
export function switcherEntries(db: Database.Database, bounds: SwitcherBounds = {}): SwitcherEntry[] {
  const vendors = cachedStatement(
    db,
    'SELECT id, key, display_name AS displayName FROM vendors ORDER BY display_name COLLATE NOCASE, id',
  ).all() as VendorRow[];
  // The newest capture by the timeline's order (capture time, then id); the
  // UNIQUE (document_id, captured_at, text_id) index serves the subquery.
  const documents = cachedStatement(
    db,
    `SELECT d.id, d.vendor_id AS vendorId, d.title, v.display_name AS vendorName,
            (SELECT s.id FROM snapshots s WHERE s.document_id = d.id
             ORDER BY s.captured_at DESC, s.id DESC LIMIT 1) AS snapshotId
     FROM documents d JOIN vendors v ON v.id = d.vendor_id
     ORDER BY v.display_name COLLATE NOCASE, v.id, d.title COLLATE NOCASE, d.id`,
  ).all() as DocumentRow[];

  const entries: SwitcherEntry[] = [];
  for (const vendor of vendors) entries.push(vendorEntry(vendor));
  for (const document of documents) {
    entries.push({
      id: `d:${document.id}`,
      kind: 'document',
      label: document.title,
      detail: document.vendorName,
      vendorId: document.vendorId,
      documentId: document.id,
      snapshotId: document.snapshotId,
      position: null,
    });
  }
  const budget = {
    total: bounds.headingBudget ?? HEADING_BUDGET,
    perDocument: bounds.maxHeadingsPerDocument ?? MAX_HEADINGS_PER_DOCUMENT,
  };
  for (const { document, headings } of withinBudget(headingsByDocument(db, documents), budget)) {
    for (const heading of headings) {
      entries.push({
        id: `h:${document.id}:${heading.position}`,
        kind: 'heading',
        label: clip(heading.text),
        detail: `${document.vendorName} · ${document.title}`,
        vendorId: document.vendorId,
        documentId: document.id,
        snapshotId: document.snapshotId,
        position: heading.position,
      });
    }
  }
  return entries;
}

function vendorEntry(vendor: VendorRow): SwitcherEntry {
  // `le-chat` says nothing `Le Chat` does not; `3dhubs.com` beside `3D Hubs` does (and is searched).
  const sameName = sameWords(vendor.key) === sameWords(vendor.displayName);
  return {
    id: `v:${vendor.id}`,
    kind: 'vendor',
    label: vendor.displayName,
    detail: sameName ? '' : vendor.key,
    vendorId: vendor.id,
    documentId: null,
    snapshotId: null,
    position: null,
  };
}

/**
 * The headings of each document's newest snapshot, read in one pass, without
 * repeats: a heading that says the same as an earlier one of its document, or
 * as the document's title, adds nothing to jump to.
 */
function headingsByDocument(db: Database.Database, documents: DocumentRow[]): DocumentHeadings[] {
  const rows = cachedStatement(
    db,
    `SELECT n.documentId, tb.position, b.level, b.text
     FROM (SELECT d.id AS documentId,
                  (SELECT s.text_id FROM snapshots s WHERE s.document_id = d.id
                   ORDER BY s.captured_at DESC, s.id DESC LIMIT 1) AS textId
           FROM documents d) n
     JOIN text_blocks tb ON tb.text_id = n.textId
     JOIN blocks b ON b.id = tb.block_id
     WHERE b.kind = ?
     ORDER BY n.documentId, tb.position`,
  ).all(HEADING_CODE) as HeadingRow[];

  const byId = new Map<number, DocumentHeadings>();
  const seen = new Map<number, Set<string>>();
  for (const document of documents) {
    byId.set(document.id, { document, headings: [] });
    seen.set(document.id, new Set([sameWords(document.title)]));
  }
  for (const row of rows) {
    const text = row.text.trim();
    const words = sameWords(text);
    const target = byId.get(row.documentId);
    const known = seen.get(row.documentId);
    if (!target || !known || words.length === 0 || known.has(words)) continue;
    known.add(words);
    target.headings.push({ ...row, text });
  }
  return documents.flatMap((document) => {
    const found = byId.get(document.id);
    return found && found.headings.length > 0 ? [found] : [];
  });
}

/**
 * Share the heading budget between documents: each gets at most an equal share of
 * what is left, documents with fewer headings than their share pass the rest
 * on, and a document cut short keeps its shallowest headings (then the
 * earliest), listed in reading order.
 */
function withinBudget(
  documents: DocumentHeadings[],
  budget: { total: number; perDocument: number },
): DocumentHeadings[] {
  const bySize = [...documents].sort((a, b) => a.headings.length - b.headings.length);
  const kept = new Map<number, HeadingRow[]>();
  let remaining = budget.total;
  bySize.forEach(({ document, headings }, index) => {
    const share = Math.min(budget.perDocument, Math.floor(remaining / (bySize.length - index)));
    const chosen =
      headings.length <= share
        ? headings
        : [...headings]
            .sort((a, b) => a.level - b.level || a.position - b.position)
            .slice(0, share)
            .sort((a, b) => a.position - b.position);
    remaining -= chosen.length;
    kept.set(document.id, chosen);
  });
  return documents.map(({ document }) => ({ document, headings: kept.get(document.id) ?? [] }));
}

/** A heading's words for spotting repeats: case, punctuation and spacing ignored. */
function sameWords(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function clip(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ');
  return oneLine.length <= MAX_HEADING_LENGTH ? oneLine : `${oneLine.slice(0, MAX_HEADING_LENGTH - 1).trimEnd()}…`;
}
