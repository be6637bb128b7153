import type { DiffBlock, DiffSpan, SnapshotSummary } from '../domain';
import { safeHttpUrl } from './htmlEscape';
import { formattingOnly } from './reportSections';
import { reportItems } from './reportItems';
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
import type { ReportComparison, ReportDocument } from './reportTypes';

/** The convention for changes in Markdown reports (stated in every report). */
export const MARKDOWN_LEGEND =
  'Legend: **+inserted text+** (bold, between plus signs), ~~deleted text~~ (struck through), ' +
  '⇄ a moved paragraph (a note names the section it moved from or to), ' +
  '*… n unchanged paragraphs …* where unchanged text is left out.';

/**
 * The report as Markdown (GitHub-flavoured: tables and ~~strike-through~~):
 * the cover as a header block, then each comparison's redline with the
 * convention in `MARKDOWN_LEGEND`. Always inline (Markdown has no side by
 * side); unchanged runs collapse unless the document was built with
 * `includeUnchanged`. Policy text is backslash-escaped so it never turns into
 * markup, links or HTML; only http(s) URLs become links.
 */
export function renderReportMarkdown(doc: ReportDocument): string {
  const single = doc.comparisons.length === 1 ? doc.comparisons[0] : undefined;
  const lines: string[] = [`# ${escapeMarkdown(doc.title)}`, '', `*${escapeMarkdown(subjectLine(doc))}*`, ''];
  const facts: Array<[string, string]> = [
    ['Vendor', escapeMarkdown(doc.vendorName)],
    ['Document', escapeMarkdown(doc.documentTitle)],
  ];
  if (doc.event) {
    facts.push(['Event', escapeMarkdown(`${doc.event.label} (${doc.event.date}): ${doc.event.description}`)]);
  }
  facts.push(
    ['Generated', escapeMarkdown(formatUtc(doc.meta.generatedAt))],
    ['App version', `Policy Archive Explorer ${escapeMarkdown(doc.meta.appVersion)}`],
    ['Differences ignored', escapeMarkdown(ignoreDescription(doc.options.ignore))],
    ['Unchanged text', doc.options.includeUnchanged ? 'included in full' : 'collapsed'],
  );
  lines.push(...facts.map(([label, value]) => `> **${label}:** ${value}  `), '');

  if (single) lines.push('## Versions compared', '', ...versionsTable(single), '');
  if (doc.timeline) lines.push('## Timeline', '', ...timelineTable(doc), '');

  const stats = single ? single.stats : totalStats(doc.comparisons);
  lines.push(`## Change statistics${single ? '' : ` (all ${doc.comparisons.length} comparisons)`}`, '');
  lines.push(
    ...statRows(stats, single ? 'Change ratio' : 'Largest change ratio').map(
      ([label, value]) => `- **${label}:** ${escapeMarkdown(value)}`,
    ),
    '',
  );
  if (doc.comparisons.some((comparison) => comparison.stats.coarse)) {
    lines.push('*Part of a very large change was compared paragraph by paragraph rather than word by word.*', '');
  }

  lines.push('## Changed sections', '');
  for (const comparison of doc.comparisons) {
    if (!single) lines.push(`### ${escapeMarkdown(comparison.label)}`, '');
    if (comparison.sections.length === 0) lines.push('*No changes under a heading.*');
    comparison.sections.forEach((section, index) => lines.push(`${index + 1}. ${escapeMarkdown(section.label)}`));
    lines.push('');
  }
  lines.push(MARKDOWN_LEGEND, '');

  for (const comparison of doc.comparisons) {
    lines.push('---', '', ...comparisonMarkdown(comparison, !single, doc.options.includeUnchanged), '');
  }
  return `${lines
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function versionsTable(comparison: ReportComparison): string[] {
  const { a, b } = comparison;
  const row = (label: string, cell: (snapshot: SnapshotSummary) => string): string =>
    `| ${label} | ${cell(a)} | ${cell(b)} |`;
  return [
    `| | ${escapeMarkdown(versionName(comparison.aVersion, 'Older'))} | ${escapeMarkdown(versionName(comparison.bVersion, 'Newer'))} |`,
    '| --- | --- | --- |',
    row('Captured', (s) => escapeMarkdown(formatUtc(s.capturedAt))),
    row('Effective date (stated)', (s) => escapeMarkdown(s.effectiveDate ?? 'not stated')),
    row('Wayback Machine', (s) => urlMarkdown(s.waybackUrl)),
    row('Original URL', (s) => urlMarkdown(s.originalUrl)),
    row('Words', (s) => formatCount(s.wordCount)),
    row('Content hash (SHA-256)', (s) => `\`${s.contentHash}\``),
    row('Archive snapshot id', (s) => String(s.id)),
  ];
}

function timelineTable(doc: ReportDocument): string[] {
  return [
    '| Version | First seen | Last seen | Captures | Effective | Added | Removed | Moved | Change | Sections | Wayback Machine | SHA-256 |',
    '| ---: | --- | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- | --- |',
    ...(doc.timeline ?? []).map((row) => {
      const c = row.change;
      return (
        `| ${row.version} | ${escapeMarkdown(formatUtc(row.firstSeen))} | ${escapeMarkdown(formatUtc(row.lastSeen))} | ` +
        `${row.captureCount} | ${escapeMarkdown(row.effectiveDate ?? '—')} | ${c ? `+${formatCount(c.wordsAdded)}` : ''} | ` +
        `${c ? `−${formatCount(c.wordsRemoved)}` : ''} | ${c ? formatCount(c.wordsMoved) : ''} | ` +
        `${c ? escapeMarkdown(formatRatio(c.changeRatio)) : 'first version'} | ${c ? c.sectionsTouched.length : ''} | ` +
        `${urlMarkdown(row.snapshot.waybackUrl)} | \`${row.snapshot.contentHash}\` |`
      );
    }),
  ];
}

function comparisonMarkdown(comparison: ReportComparison, numbered: boolean, includeUnchanged: boolean): string[] {
  const lines = [
    `## ${escapeMarkdown(numbered ? comparison.label : 'Changes')}`,
    '',
    `- ${versionLine(comparison.a, comparison.aVersion, 'Older')}`,
    `- ${versionLine(comparison.b, comparison.bVersion, 'Newer')}`,
    '',
  ];
  for (const item of reportItems(comparison, includeUnchanged)) {
    if (item.type === 'collapsed') {
      lines.push(`*${escapeMarkdown(collapsedText(item.count))}*`, '');
      continue;
    }
    if (item.move?.groupStart) lines.push(`*${escapeMarkdown(moveText(item.move.role, item.move.otherPath))}*`, '');
    lines.push(blockMarkdown(item.block, item.move ? '⇄ ' : ''), '');
  }
  return lines;
}

function versionLine(snapshot: SnapshotSummary, version: number | null, fallback: 'Older' | 'Newer'): string {
  return (
    `**${versionName(version, fallback)}:** captured ${escapeMarkdown(formatUtc(snapshot.capturedAt))}` +
    `${snapshot.effectiveDate ? `, effective ${escapeMarkdown(snapshot.effectiveDate)}` : ''}, ` +
    `${urlMarkdown(snapshot.waybackUrl)}, sha256 \`${snapshot.contentHash}\``
  );
}

/** A block as a Markdown line for its kind (headings ### and below, under the report's # and ##). */
function blockMarkdown(block: DiffBlock, prefix: string): string {
  const note = formattingOnly(block) ? ' *(formatting changed: heading level or paragraph type)*' : '';
  const text = prefix + spansMarkdown(block.spans) + note;
  switch (block.kind) {
    case 'heading':
      return `${'#'.repeat(Math.min(6, Math.max(1, block.level) + 2))} ${text}`;
    case 'list-item':
      return `${'  '.repeat(Math.max(0, block.level - 1))}- ${text}`;
    case 'quote':
      return `> ${text}`;
    default:
      return escapeLineStart(text);
  }
}

function spansMarkdown(spans: readonly DiffSpan[]): string {
  return spans
    .map((span) => {
      if (span.op === 'equal') return escapeMarkdown(span.text);
      // Emphasis must not start or end with whitespace: keep the spaces outside the markers.
      const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(span.text) ?? [];
      if (!core) return span.text;
      const marked = span.op === 'insert' ? `**+${escapeMarkdown(core)}+**` : `~~${escapeMarkdown(core)}~~`;
      return `${lead}${marked}${trail}`;
    })
    .join('')
    .replace(/\s*\n\s*/g, '  \n');
}

/**
 * Text that reads as itself in Markdown: every character that could start
 * markup, a link, HTML or an entity is backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]<>#|~]/g, '\\$&').replace(/&(?=#?\w+;)/g, '\\&');
}

/** A paragraph must not start like a list item, a numbered item or a setext underline. */
function escapeLineStart(text: string): string {
  return text.replace(/^(\d+)([.)])/, '$1\\$2').replace(/^([-+=])/, '\\$1');
}

/** An http(s) URL as an autolink; anything else as escaped text (never a link). */
function urlMarkdown(url: string | null): string {
  if (!url) return 'not recorded';
  const safe = safeHttpUrl(url);
  return safe ? `<${safe}>` : escapeMarkdown(url);
}
