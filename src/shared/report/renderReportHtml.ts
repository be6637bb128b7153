import type { DiffBlock, DiffSpan, SnapshotSummary } from '../domain';
import { escapeHtml, linkHtml } from './htmlEscape';
import { reportItems, type MoveNote, type ReportItem } from './reportItems';
import { formattingOnly } from './reportSections';
import { reportStyles } from './reportStyles';
import {
  collapsedText,
  formatCount,
  formatRatio,
  formatUtc,
  ignoreDescription,
  moveText,
  statRows,
  subjectLine,
  totalStats,
  versionName,
} from './reportTitles';
import type { ReportComparison, ReportDocument, ReportOptions } from './reportTypes';

/**
 * The report as one complete, self-contained HTML document: inline CSS only
 * (no scripts, no external fonts, images or style sheets), ready for
 * Chromium's print-to-PDF (`@page` size from the options) and for saving as a
 * file. `options` override the layout, page size and collapsing the document
 * was built with (the ignore options were applied when it was built).
 *
 * Every changed section's first change carries the section's id; the cover's
 * list of changed sections shows `sectionPages.get(id)` as its page number
 * when given (a second rendering once the first PDF's pages are known).
 * Every string from the archive is escaped; only http(s) URLs become links.
 */
export function renderReportHtml(
  doc: ReportDocument,
  options?: Partial<ReportOptions>,
  sectionPages?: ReadonlyMap<string, number>,
): string {
  const pageSize = options?.pageSize ?? doc.options.pageSize;
  const layout = options?.layout ?? doc.options.layout;
  const includeUnchanged = options?.includeUnchanged ?? doc.options.includeUnchanged;
  const body = doc.comparisons
    .map((comparison) => comparisonHtml(comparison, layout, includeUnchanged, doc.comparisons.length > 1))
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Policy Archive Explorer ${escapeHtml(doc.meta.appVersion)}">
<meta name="color-scheme" content="light">
<title>${escapeHtml(doc.title)}</title>
<style>${reportStyles(pageSize)}</style>
</head>
<body class="layout-${layout}">
${coverHtml(doc, layout, includeUnchanged, sectionPages)}
${body}
</body>
</html>
`;
}

function coverHtml(
  doc: ReportDocument,
  layout: ReportOptions['layout'],
  includeUnchanged: boolean,
  sectionPages: ReadonlyMap<string, number> | undefined,
): string {
  const facts: Array<[string, string]> = [
    ['Vendor', escapeHtml(doc.vendorName)],
    ['Document', escapeHtml(doc.documentTitle)],
  ];
  if (doc.event) {
    facts.push([
      'Event',
      `${escapeHtml(doc.event.label)} (${escapeHtml(doc.event.date)}): ${escapeHtml(doc.event.description)}`,
    ]);
  }
  facts.push(
    ['Generated', escapeHtml(formatUtc(doc.meta.generatedAt))],
    ['App version', `Policy Archive Explorer ${escapeHtml(doc.meta.appVersion)}`],
    ['Differences ignored', escapeHtml(ignoreDescription(doc.options.ignore))],
    [
      'Layout',
      `${layout === 'inline' ? 'Inline redline' : 'Side by side'}; ` +
        (includeUnchanged ? 'full text' : 'unchanged paragraphs collapsed'),
    ],
  );
  const single = doc.comparisons.length === 1 ? doc.comparisons[0] : undefined;
  const stats = single ? single.stats : totalStats(doc.comparisons);
  const coarse = doc.comparisons.some((comparison) => comparison.stats.coarse);
  const parts = [
    `<section class="cover">`,
    `<h1>${escapeHtml(doc.title)}</h1>`,
    `<p class="subtitle">${escapeHtml(subjectLine(doc))}</p>`,
    factsTable(facts),
    single ? `<h2>Versions compared</h2>\n${versionsTable(single)}` : '',
    doc.timeline ? `<h2>Timeline</h2>\n${timelineTable(doc)}` : '',
    `<h2>Change statistics${single ? '' : ` (all ${doc.comparisons.length} comparisons)`}</h2>`,
    factsTable(
      statRows(stats, single ? 'Change ratio' : 'Largest change ratio').map(([label, value]) => [
        escapeHtml(label),
        escapeHtml(value),
      ]),
    ),
    coarse
      ? `<p class="warning note">Part of a very large change was compared paragraph by paragraph rather than word by word (a size bound was reached): those paragraphs show as wholly removed and added.</p>`
      : '',
    `<h2>Changed sections</h2>`,
    sectionsList(doc, sectionPages),
    legendHtml(),
    `</section>`,
  ];
  return parts.filter(Boolean).join('\n');
}

function factsTable(rows: Array<[string, string]>): string {
  const body = rows.map(([label, value]) => `<tr><th scope="row">${label}</th><td>${value}</td></tr>`).join('\n');
  return `<table class="facts">\n${body}\n</table>`;
}

/** The two versions side by side: capture time, stated effective date, URLs, content hash. */
function versionsTable(comparison: ReportComparison): string {
  const { a, b } = comparison;
  const row = (label: string, cell: (snapshot: SnapshotSummary) => string): string =>
    `<tr><th scope="row">${label}</th><td>${cell(a)}</td><td>${cell(b)}</td></tr>`;
  return [
    `<table class="versions">`,
    `<thead><tr><th></th><th>${escapeHtml(versionName(comparison.aVersion, 'Older'))}</th>` +
      `<th>${escapeHtml(versionName(comparison.bVersion, 'Newer'))}</th></tr></thead>`,
    row('Captured', (s) => escapeHtml(formatUtc(s.capturedAt))),
    row('Effective date (stated)', (s) => escapeHtml(s.effectiveDate ?? 'not stated')),
    row('Wayback Machine', (s) => (s.waybackUrl ? linkHtml(s.waybackUrl) : 'not recorded')),
    row('Original URL', (s) => (s.originalUrl ? linkHtml(s.originalUrl) : 'not recorded')),
    row('Words', (s) => escapeHtml(formatCount(s.wordCount))),
    row('Content hash (SHA-256)', (s) => `<span class="hash">${escapeHtml(s.contentHash)}</span>`),
    row('Archive snapshot id', (s) => String(s.id)),
    `</table>`,
  ].join('\n');
}

/**
 * A history report's versions with their dates and change magnitudes: one
 * tbody per version (kept on one page), its numbers in the first row and its
 * Wayback URL and content hash in a second, full-width one.
 */
function timelineTable(doc: ReportDocument): string {
  const versions = (doc.timeline ?? []).map((row) => {
    const change = row.change;
    // Days only: the exact capture times are in each comparison's header.
    const [first, last] = [row.firstSeen.slice(0, 10), row.lastSeen.slice(0, 10)];
    const seen = first === last ? escapeHtml(first) : `${escapeHtml(first)} – ${escapeHtml(last)}`;
    const link = row.snapshot.waybackUrl ? `${linkHtml(row.snapshot.waybackUrl)}<br>` : '';
    return (
      `<tbody class="version"><tr><td class="num">${row.version}</td><td>${seen}</td>` +
      `<td class="num">${row.captureCount}</td><td>${escapeHtml(row.effectiveDate ?? '—')}</td>` +
      `<td class="num">${change ? `+${formatCount(change.wordsAdded)}` : ''}</td>` +
      `<td class="num">${change ? `−${formatCount(change.wordsRemoved)}` : ''}</td>` +
      `<td class="num">${change ? formatCount(change.wordsMoved) : ''}</td>` +
      `<td class="num">${change ? escapeHtml(formatRatio(change.changeRatio)) : 'first'}</td>` +
      `<td class="num">${change ? change.sectionsTouched.length : ''}</td></tr>` +
      `<tr class="sources"><td></td><td colspan="8">${link}<span class="hash">sha256 ${escapeHtml(row.snapshot.contentHash)}</span></td></tr></tbody>`
    );
  });
  return [
    `<table class="timeline">`,
    `<thead><tr><th>Version</th><th>Seen</th><th>Captures</th><th>Effective</th><th>Added</th><th>Removed</th>` +
      `<th>Moved</th><th>Change</th><th>Sections</th></tr></thead>`,
    ...versions,
    `</table>`,
  ].join('\n');
}

/** The changed sections with links to their first change and the page where it is printed. */
function sectionsList(doc: ReportDocument, sectionPages: ReadonlyMap<string, number> | undefined): string {
  const grouped = doc.comparisons.length > 1;
  const lists = doc.comparisons.map((comparison) => {
    const heading = grouped ? `<h3>${escapeHtml(comparison.label)}</h3>` : '';
    if (comparison.sections.length === 0) {
      const changed = comparison.stats.sectionsTouched.length > 0 || hasChanges(comparison);
      return `${heading}<p class="note">${changed ? 'Changes only before the first heading.' : 'No changes.'}</p>`;
    }
    const items = comparison.sections.map((section) => {
      const page = sectionPages?.get(section.id);
      return (
        `<li><a class="label" href="#${section.id}">${escapeHtml(section.label)}</a><span class="leader"></span>` +
        `<span class="page" data-section="${section.id}">${page === undefined ? '' : page}</span></li>`
      );
    });
    return `${heading}<ol class="toc">\n${items.join('\n')}\n</ol>`;
  });
  return lists.join('\n');
}

function hasChanges(comparison: ReportComparison): boolean {
  return comparison.blocks.some((block) => block.change !== 'equal');
}

function legendHtml(): string {
  return (
    `<p class="legend">How to read: <ins>inserted text</ins> is underlined, <del>deleted text</del> is struck through; ` +
    `a bar in the margin marks an added (solid), removed (dotted) or changed (double) paragraph; ` +
    `a dashed frame marks the old place of moved text and a solid frame its new place (⇄ names the other place).</p>`
  );
}

function comparisonHtml(
  comparison: ReportComparison,
  layout: ReportOptions['layout'],
  includeUnchanged: boolean,
  numbered: boolean,
): string {
  const items = reportItems(comparison, includeUnchanged);
  const head = [
    `<div class="comparison-head">`,
    `<h2>${escapeHtml(numbered ? comparison.label : 'Changes')}</h2>`,
    `<div>${versionLine(comparison.a, comparison.aVersion, 'Older')}</div>`,
    `<div>${versionLine(comparison.b, comparison.bVersion, 'Newer')}</div>`,
    numbered
      ? `<div>+${formatCount(comparison.stats.wordsAdded)} / −${formatCount(comparison.stats.wordsRemoved)} words, ` +
        `${formatCount(comparison.stats.wordsMoved)} moved, ${comparison.stats.sectionsTouched.length} sections changed</div>`
      : '',
    `</div>`,
  ]
    .filter(Boolean)
    .join('\n');
  const body = layout === 'side-by-side' ? sideBySideHtml(comparison, items) : inlineHtml(items);
  return `<section class="comparison" id="${comparison.id}">\n${head}\n${body}\n</section>`;
}

function versionLine(snapshot: SnapshotSummary, version: number | null, fallback: 'Older' | 'Newer'): string {
  const link = snapshot.waybackUrl ? ` · ${linkHtml(snapshot.waybackUrl)}` : '';
  return (
    `<strong>${escapeHtml(versionName(version, fallback))}</strong>: captured ${escapeHtml(formatUtc(snapshot.capturedAt))}` +
    `${snapshot.effectiveDate ? `, effective ${escapeHtml(snapshot.effectiveDate)}` : ''}${link} · ` +
    `<span class="hash">sha256 ${escapeHtml(snapshot.contentHash)}</span>`
  );
}

/** One column: each block with its insertions and deletions marked in place. */
function inlineHtml(items: readonly ReportItem[]): string {
  return items
    .map((item) => {
      if (item.type === 'collapsed') return `<p class="collapsed">${escapeHtml(collapsedText(item.count))}</p>`;
      const { block, move, sectionId } = item;
      if (move) {
        const note = move.groupStart ? moveNoteHtml(move) : '';
        const inner = blockHtml(block, block.spans, sectionId, 'equal');
        return `<div class="move move-${move.role}" id="${move.anchor}">${note}${inner}</div>`;
      }
      return blockHtml(block, block.spans, sectionId, block.change);
    })
    .join('\n');
}

function moveNoteHtml(move: MoveNote): string {
  return `<p class="move-note"><a href="#${move.otherAnchor}">${escapeHtml(moveText(move.role, move.otherPath))}</a></p>`;
}

/**
 * Two columns, older text left and newer right, one table row per block (rows
 * never split across pages). Unchanged blocks read the same on both sides.
 */
function sideBySideHtml(comparison: ReportComparison, items: readonly ReportItem[]): string {
  const rows = items.map((item) => {
    if (item.type === 'collapsed') {
      return `<tr class="collapsed-row"><td colspan="2">${escapeHtml(collapsedText(item.count))}</td></tr>`;
    }
    const { block, move, sectionId } = item;
    const old = (): string =>
      blockHtml(
        block,
        block.spans.filter((span) => span.op !== 'insert'),
        null,
        'equal',
      );
    const now = (id: string | null): string =>
      blockHtml(
        block,
        block.spans.filter((span) => span.op !== 'delete'),
        id,
        'equal',
      );
    const rowId = sectionId ? ` id="${sectionId}"` : '';
    if (move) {
      const note = `<td class="moved move-note" id="${move.anchor}">${moveNoteHtml(move)}</td>`;
      return move.role === 'from'
        ? `<tr${rowId}><td class="moved">${old()}</td>${note}</tr>`
        : `<tr${rowId}>${note}<td class="moved">${now(null)}</td></tr>`;
    }
    switch (block.change) {
      case 'insert':
        return `<tr${rowId}><td class="empty"></td><td class="added">${now(null)}</td></tr>`;
      case 'delete':
        return `<tr${rowId}><td class="removed">${old()}</td><td class="empty"></td></tr>`;
      case 'replace':
        return `<tr${rowId}><td class="removed">${old()}</td><td class="added">${now(null)}</td></tr>`;
      default:
        return `<tr${rowId}><td>${old()}</td><td>${now(null)}</td></tr>`;
    }
  });
  return [
    `<table class="sbs">`,
    `<thead><tr><th>${escapeHtml(versionName(comparison.aVersion, 'Older'))} · ${escapeHtml(formatUtc(comparison.a.capturedAt))}</th>` +
      `<th>${escapeHtml(versionName(comparison.bVersion, 'Newer'))} · ${escapeHtml(formatUtc(comparison.b.capturedAt))}</th></tr></thead>`,
    `<tbody>`,
    ...rows,
    `</tbody>`,
    `</table>`,
  ].join('\n');
}

/**
 * A block as the element for its kind (headings h3–h6 under the report's own
 * h1/h2), its spans marked, and a bar class for its kind of change.
 */
function blockHtml(
  block: DiffBlock,
  spans: readonly DiffSpan[],
  id: string | null,
  change: DiffBlock['change'],
): string {
  const content = spansHtml(spans) + (formattingOnly(block) ? ` <span class="format-note">${FORMAT_NOTE}</span>` : '');
  const classes = ['blk', `chg-${change}`];
  const idAttr = id ? ` id="${id}"` : '';
  switch (block.kind) {
    case 'heading': {
      const tag = `h${Math.min(6, Math.max(1, block.level) + 2)}`;
      return `<${tag} class="${classes.join(' ')}"${idAttr}>${content}</${tag}>`;
    }
    case 'list-item':
      classes.push('li', `lvl${Math.min(6, Math.max(1, block.level))}`);
      return `<p class="${classes.join(' ')}"${idAttr}>${content}</p>`;
    case 'preformatted':
      return `<pre class="${classes.join(' ')}"${idAttr}>${content}</pre>`;
    case 'quote':
      return `<blockquote class="${classes.join(' ')}"${idAttr}>${content}</blockquote>`;
    case 'table-row':
      classes.push('row');
      return `<p class="${classes.join(' ')}"${idAttr}>${content}</p>`;
    default:
      return `<p class="${classes.join(' ')}"${idAttr}>${content}</p>`;
  }
}

const FORMAT_NOTE = '(formatting changed: heading level or paragraph type)';

function spansHtml(spans: readonly DiffSpan[]): string {
  return spans
    .map((span) => {
      const text = escapeHtml(span.text);
      if (span.op === 'insert') return `<ins>${text}</ins>`;
      if (span.op === 'delete') return `<del>${text}</del>`;
      return text;
    })
    .join('');
}
