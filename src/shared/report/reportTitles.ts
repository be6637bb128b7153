import type { DiffIgnoreOptions, DiffStats } from '../domain';
import { emptyDiffStats, SECTION_SEPARATOR } from '../diff/diffStats';
import type { ReportComparison, ReportDocument } from './reportTypes';

/*
 * Wording shared by the HTML and Markdown renderers (plain text; each renderer
 * escapes it for its format).
 */

/** `2018-08-13T14:21:16Z` → `2018-08-13 14:21:16 UTC`; anything else unchanged. */
export function formatUtc(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?Z$/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** "1 paragraph" / "12 paragraphs". */
export function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}

/** The text of a collapsed run: "… 12 unchanged paragraphs …". */
export function collapsedText(count: number): string {
  return `… ${plural(count, 'unchanged paragraph')} …`;
}

/** A number with thousands separators. */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}

/** A change ratio as a percentage with one decimal ("3.4 %"; "< 0.1 %" for tiny non-zero ratios). */
export function formatRatio(ratio: number): string {
  if (ratio > 0 && ratio < 0.001) return '< 0.1 %';
  return `${(ratio * 100).toFixed(1)} %`;
}

/** What the diff ignored, in words ("nothing" when no option is set). */
export function ignoreDescription(ignore: DiffIgnoreOptions): string {
  const parts: string[] = [];
  if (ignore.ignoreCase) parts.push('letter case');
  if (ignore.ignoreWhitespace) parts.push('whitespace');
  if (ignore.ignorePunctuation) parts.push('punctuation and quote/dash styles');
  if (ignore.ignoreFormatting) parts.push('formatting');
  return parts.length === 0 ? 'nothing (every difference is shown)' : parts.join(', ');
}

/** A section path for "moved from/to § …". */
export function sectionName(path: readonly string[]): string {
  return path.length === 0 ? 'the beginning (before the first heading)' : `§ ${path.join(SECTION_SEPARATOR)}`;
}

/** "⇄ moved to § Data we collect" / "⇄ moved from § …". */
export function moveText(role: 'from' | 'to', otherPath: readonly string[]): string {
  return `⇄ moved ${role === 'from' ? 'to' : 'from'} ${sectionName(otherPath)}`;
}

/** "Version 2" or "Older version" / "Newer version". */
export function versionName(version: number | null, fallback: 'Older' | 'Newer'): string {
  return version === null ? `${fallback} version` : `Version ${version}`;
}

/** The change statistics as label/value rows (cover and Markdown header). */
export function statRows(stats: DiffStats, ratioLabel = 'Change ratio'): Array<[string, string]> {
  return [
    ['Words added', formatCount(stats.wordsAdded)],
    ['Words removed', formatCount(stats.wordsRemoved)],
    ['Words moved', formatCount(stats.wordsMoved)],
    ['Sections changed', formatCount(stats.sectionsTouched.length)],
    [
      'Paragraphs',
      `${formatCount(stats.blocksInserted)} added, ${formatCount(stats.blocksDeleted)} removed, ` +
        `${formatCount(stats.blocksChanged)} changed, ${formatCount(stats.blocksMoved)} moved, ` +
        `${formatCount(stats.blocksUnchanged)} unchanged`,
    ],
    [ratioLabel, formatRatio(stats.changeRatio)],
  ];
}

/** Totals over every comparison (a history report's summary). */
export function totalStats(comparisons: readonly ReportComparison[]): DiffStats {
  const total = emptyDiffStats();
  const sections = new Set<string>();
  let ratio = 0;
  for (const { stats } of comparisons) {
    total.wordsAdded += stats.wordsAdded;
    total.wordsRemoved += stats.wordsRemoved;
    total.wordsMoved += stats.wordsMoved;
    total.blocksInserted += stats.blocksInserted;
    total.blocksDeleted += stats.blocksDeleted;
    total.blocksChanged += stats.blocksChanged;
    total.blocksMoved += stats.blocksMoved;
    total.blocksUnchanged += stats.blocksUnchanged;
    total.coarse ||= stats.coarse;
    ratio = Math.max(ratio, stats.changeRatio);
    for (const section of stats.sectionsTouched) sections.add(section);
  }
  total.sectionsTouched = [...sections];
  // No single ratio describes several pairs; the largest one is the most telling.
  total.changeRatio = ratio;
  return total;
}

/** The subject in one line, for the cover's subtitle. */
export function subjectLine(doc: ReportDocument): string {
  const [first] = doc.comparisons;
  switch (doc.kind) {
    case 'history':
      return `Every change across ${plural(doc.timeline?.length ?? doc.comparisons.length + 1, 'version')}`;
    case 'across':
      return doc.event ? `What changed across ${doc.event.label} (${doc.event.date}): ${doc.event.description}` : '';
    default:
      return first ? `${versionName(first.aVersion, 'Older')} → ${versionName(first.bVersion, 'Newer')}` : '';
  }
}
