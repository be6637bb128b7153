/**
 * The history of a phrase: per document, when the query appeared in its
 * policy and when it was dropped (the `search:history` channel).
 *
 * A document's versions are its runs of consecutive captures (by capture
 * time) with the same text; a version contains the query when one of its
 * blocks matches the FTS expression parseQuery makes of it (the same
 * per-block matching as search, so `cookies -analytics` means a block about
 * cookies that does not mention analytics). Consecutive containing versions
 * form a span; the version before a span introduced the query's absence →
 * presence change, so the diff `before → first` is the change that
 * introduced it, and `last → after` the one that dropped it.
 *
 * Filters: `vendorIds`, `documentKeys`, `capturedFrom` / `capturedTo` restrict
 * the captures the history is made of (versions are counted within them).
 * `latestOnly` and `inForceOn` select one snapshot per document, which leaves
 * no history to tell, so they are ignored here.
 */
import type Database from 'better-sqlite3';
import type { PhraseHistoryRequest } from '../../shared/contract';
import type { DocumentPhraseHistory, PhraseHistory, PhraseSpan, PhraseVersionRef } from '../../shared/searchDomain';
import { documentLabels, historyCaptures, snapshotDates, type HistoryCaptureRow } from '../archive/historyQueries';
import { searchCatalogue } from '../archive/searchCatalogue';
import { textBlockIndex } from '../archive/textBlockIndex';
import { historyScope } from './historyScope';
import { archiveQuery } from './stemmedPrefixes';

/** When each document that ever contained the query (within the filters) contained it. */
export function phraseHistory(db: Database.Database, request: PhraseHistoryRequest): PhraseHistory {
  const started = performance.now();
  const { fts } = archiveQuery(db, request.query);
  // The block lists and the catalogue are read (or refreshed) outside the transaction, where they can be cached.
  if (fts) {
    textBlockIndex(db);
    searchCatalogue(db);
  }
  // One read transaction: the queries below see the same archive even if an import commits meanwhile.
  const documents = fts ? db.transaction(() => readHistories(db, fts, request.filters))() : [];
  return {
    query: request.query,
    interpretedAs: fts,
    documents,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

function readHistories(
  db: Database.Database,
  fts: string,
  filters: PhraseHistoryRequest['filters'],
): DocumentPhraseHistory[] {
  const histories = documentHistories(historyCaptures(db, fts, historyScope(filters)));
  if (histories.length === 0) return [];

  // Versions are known by snapshot id until here; read the dates of those a history names.
  const named = new Set<number>();
  for (const history of histories) {
    for (const span of history.spans) {
      for (const id of [span.before, span.first, span.last, span.after]) if (id !== null) named.add(id);
    }
  }
  const dates = new Map(snapshotDates(db, [...named]).map((row) => [row.snapshotId, row]));
  const ref = (snapshotId: number): PhraseVersionRef => {
    const found = dates.get(snapshotId)!;
    return { snapshotId, capturedAt: found.capturedAt, effectiveDate: found.effectiveDate };
  };
  const labels = new Map(
    documentLabels(
      db,
      histories.map((history) => history.documentId),
    ).map((label) => [label.documentId, label]),
  );

  const documents: DocumentPhraseHistory[] = [];
  for (const history of histories) {
    const label = labels.get(history.documentId);
    if (!label) continue;
    documents.push({
      documentId: history.documentId,
      vendorId: label.vendorId,
      vendorName: label.vendorName,
      documentTitle: label.documentTitle,
      versionCount: history.versionCount,
      containingVersionCount: history.containingVersionCount,
      spans: history.spans.map((span): PhraseSpan => ({
        first: ref(span.first),
        last: ref(span.last),
        before: span.before === null ? null : ref(span.before),
        after: span.after === null ? null : ref(span.after),
      })),
      presentInLatest: history.presentInLatest,
    });
  }
  return documents.sort(
    (a, b) => compare(a.spans[0]!.first.capturedAt, b.spans[0]!.first.capturedAt) || a.documentId - b.documentId,
  );
}

/** A span as snapshot ids (the first capture of each version). */
interface SpanIds {
  first: number;
  last: number;
  before: number | null;
  after: number | null;
}

interface HistoryIds {
  documentId: number;
  versionCount: number;
  containingVersionCount: number;
  spans: SpanIds[];
  presentInLatest: boolean;
}

/**
 * Per document (rows ordered by document, then capture time): its versions,
 * runs of consecutive captures with the same text, each named by its first
 * capture; and the spans of consecutive versions that contain the query.
 * Documents without a containing version are left out.
 */
function documentHistories(rows: readonly HistoryCaptureRow[]): HistoryIds[] {
  const histories: HistoryIds[] = [];
  let index = 0;
  while (index < rows.length) {
    const documentId = rows[index]![0];
    const spans: SpanIds[] = [];
    let open: SpanIds | null = null;
    let previousText = -1;
    let previousVersion: number | null = null;
    let versionCount = 0;
    let containingVersionCount = 0;
    let lastContains = false;
    for (; index < rows.length && rows[index]![0] === documentId; index++) {
      const [, snapshotId, textId, contains] = rows[index]!;
      if (textId === previousText) continue;
      previousText = textId;
      versionCount += 1;
      lastContains = contains === 1;
      if (lastContains) {
        containingVersionCount += 1;
        if (open) open.last = snapshotId;
        else open = { first: snapshotId, last: snapshotId, before: previousVersion, after: null };
      } else if (open) {
        open.after = snapshotId;
        spans.push(open);
        open = null;
      }
      previousVersion = snapshotId;
    }
    if (open) spans.push(open);
    if (spans.length > 0) {
      histories.push({ documentId, versionCount, containingVersionCount, spans, presentInLatest: lastContains });
    }
  }
  return histories;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
