import type { DiffBlock, DiffResult, DiffSpan, DiffStats, SnapshotSummary } from '../../shared/domain';
import { formatCapturedAt } from './formatDates';
import { blockPrefix, formatHeadingPath } from './formatText';
import type { Styles } from './terminal';

export interface DiffFormatOptions {
  /** Collapse each run of unchanged blocks to one `… n unchanged paragraphs …` line (default: the whole text). */
  onlyChanges: boolean;
  /** Colours (insertions green + underlined, deletions red + struck through) instead of `{+ +}` / `[- -]`. */
  useColor: boolean;
}

/** One side of the comparison, for the header lines. */
export function formatDiffSide(marker: '---' | '+++', snapshot: SnapshotSummary): string {
  return `${marker} #${snapshot.id} ${snapshot.vendorName} · ${snapshot.documentTitle} · captured ${formatCapturedAt(snapshot.capturedAt)}`;
}

/** Whether the diff holds any change (moves included). */
export function hasChanges(stats: DiffStats): boolean {
  return stats.blocksChanged + stats.blocksInserted + stats.blocksDeleted + stats.blocksMoved > 0;
}

/** Where a move went and came from: the two ends of each `moveId`, with their places in the block list. */
interface MoveEnds {
  from?: { block: DiffBlock; index: number };
  to?: { block: DiffBlock; index: number };
}

function moveEnds(blocks: readonly DiffBlock[]): Map<number, MoveEnds> {
  const moves = new Map<number, MoveEnds>();
  blocks.forEach((block, index) => {
    if (block.change !== 'move' || block.moveId === undefined) return;
    const ends = moves.get(block.moveId) ?? {};
    if (block.moveRole === 'from') ends.from = { block, index };
    else ends.to = { block, index };
    moves.set(block.moveId, ends);
  });
  return moves;
}

/**
 * What a moved block says about its other end: `⇄ moved down to § Section`
 * where it left, `⇄ moved from § Section (above)` where it arrived. The
 * direction matters most when the section is the same or there is none.
 */
function moveMarker(block: DiffBlock, index: number, moves: ReadonlyMap<number, MoveEnds>): string {
  const ends = block.moveId === undefined ? undefined : moves.get(block.moveId);
  const other = block.moveRole === 'from' ? ends?.to : ends?.from;
  if (!other) return '⇄ moved';
  const path = formatHeadingPath(other.block.headingPath);
  if (block.moveRole === 'from') {
    const direction = other.index > index ? 'down' : 'up';
    return path === '' ? `⇄ moved ${direction}` : `⇄ moved ${direction} to § ${path}`;
  }
  const side = other.index < index ? 'above' : 'below';
  return path === '' ? `⇄ moved from ${side}` : `⇄ moved from § ${path} (${side})`;
}

/** The text a block shows on one side: the older one (`old`) or the newer one. */
function sideText(block: DiffBlock, side: 'old' | 'new'): string {
  const skip = side === 'old' ? 'insert' : 'delete';
  return block.spans
    .filter((span) => span.op !== skip)
    .map((span) => span.text)
    .join('');
}

function excerpt(text: string, length = 60): string {
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}

function unchangedLine(count: number): string {
  return `… ${count} unchanged paragraph${count === 1 ? '' : 's'} …`;
}

/**
 * The word diff as terminal text, block by block. Moves show at both ends:
 * `⇄ moved to § …` where the block left (with its first words) and
 * `⇄ moved from § …` where it arrived (with any rewording marked).
 */
export function formatDiffBlocks(blocks: readonly DiffBlock[], styles: Styles, options: DiffFormatOptions): string {
  const moves = moveEnds(blocks);
  const lines: string[] = [];
  let hidden = 0;
  let lastPath: string | null = null;
  const flushHidden = (): void => {
    if (hidden > 0) lines.push(styles.dim(unchangedLine(hidden)), '');
    hidden = 0;
  };
  for (const [index, block] of blocks.entries()) {
    if (block.change === 'equal' && options.onlyChanges) {
      hidden++;
      continue;
    }
    flushHidden();
    // In the collapsed view, give each change its section, unless the heading just printed already says it.
    const path = formatHeadingPath(block.headingPath);
    if (options.onlyChanges && block.kind !== 'heading' && path !== lastPath && path !== '')
      lines.push(styles.dim(`§ ${path}`));
    lastPath = block.kind === 'heading' ? formatHeadingPath([...block.headingPath, sideText(block, 'new')]) : path;

    if (block.change === 'move' && block.moveRole === 'from') {
      lines.push(styles.cyan(`${moveMarker(block, index, moves)}: “${excerpt(sideText(block, 'old'))}”`), '');
      continue;
    }
    if (block.change === 'move') lines.push(styles.cyan(moveMarker(block, index, moves)));
    const text =
      blockPrefix(block.kind, block.level) +
      block.spans.map((span) => formatSpan(span, styles, options.useColor)).join('');
    lines.push(block.kind === 'heading' && block.change === 'equal' ? styles.bold(text) : text, '');
  }
  flushHidden();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines.join('\n');
}

function formatSpan(span: DiffSpan, styles: Styles, useColor: boolean): string {
  if (span.op === 'equal') return span.text;
  if (useColor) {
    return span.op === 'insert'
      ? styles.green(styles.underline(span.text))
      : styles.red(styles.strikethrough(span.text));
  }
  return span.op === 'insert' ? `{+${span.text}+}` : `[-${span.text}-]`;
}

/** How many sections `formatDiffStats` names before summing up the rest. */
const SECTIONS_LISTED = 5;

/**
 * `+12 words, −4 words, 30 moved · 3 changed, 1 inserted, 0 deleted, 2 moved, 40 unchanged blocks · 5.1% changed`,
 * then the sections touched and, when a bound was hit, a note that part of the diff is coarse.
 */
export function formatDiffStats(stats: DiffStats, styles: Styles): string {
  const words =
    `${styles.green(`+${stats.wordsAdded} words`)}, ${styles.red(`−${stats.wordsRemoved} words`)}, ` +
    `${styles.cyan(`${stats.wordsMoved} moved`)}`;
  const blocks =
    `${stats.blocksChanged} changed, ${stats.blocksInserted} inserted, ${stats.blocksDeleted} deleted, ` +
    `${stats.blocksMoved} moved, ${stats.blocksUnchanged} unchanged blocks`;
  const lines = [`${words} · ${blocks} · ${formatRatio(stats.changeRatio)} changed`];
  if (stats.sectionsTouched.length > 0) lines.push(`Sections touched: ${listSections(stats.sectionsTouched)}`);
  if (stats.coarse) {
    lines.push(styles.yellow('Part of this diff hit a size or time bound and shows whole paragraphs as changed.'));
  }
  return lines.join('\n');
}

/** `A; B; C (+4 more)`: the first few sections touched. */
export function listSections(sections: readonly string[], listed = SECTIONS_LISTED): string {
  const named = sections.slice(0, listed).map((section) => (section === '' ? '(top)' : section));
  const more = sections.length - named.length;
  return more > 0 ? `${named.join('; ')} (+${more} more)` : named.join('; ');
}

/** A change ratio as a percentage, with a decimal for small ones: `0.4%`, `12%`. */
export function formatRatio(ratio: number): string {
  const percent = ratio * 100;
  if (percent === 0) return '0%';
  if (percent < 10) return `${Math.max(0.1, Math.round(percent * 10) / 10)}%`;
  return `${Math.round(percent)}%`;
}

/** What an HTML diff page says above the diff. */
export interface DiffHtmlOptions {
  /** Collapse runs of unchanged blocks. */
  onlyChanges: boolean;
  /** The page title (default: the two snapshots). */
  title?: string;
  /** Lines of context shown under the title (e.g. the versions either side of an event). */
  notes?: string[];
}

/**
 * The diff as one self-contained HTML page: no scripts, no external
 * resources (a CSP forbids both), every piece of policy text escaped.
 * Insertions and deletions are marked by colour and by underline /
 * strike-through (readable without colour and when printed); moved blocks
 * link to their other end; headings keep their level.
 */
export function formatDiffHtml(result: DiffResult, options: DiffHtmlOptions): string {
  const title =
    options.title ?? `${result.b.vendorName} · ${result.b.documentTitle}: #${result.a.id} → #${result.b.id}`;
  const moves = moveEnds(result.blocks);
  const body: string[] = [];
  let hidden = 0;
  let lastSection = '';
  const flushHidden = (): void => {
    if (hidden > 0) body.push(`<p class="unchanged">${escapeHtml(unchangedLine(hidden))}</p>`);
    hidden = 0;
  };
  for (const [index, block] of result.blocks.entries()) {
    if (block.change === 'equal' && options.onlyChanges) {
      hidden++;
      continue;
    }
    flushHidden();
    // In the collapsed view, say which section a change is in when it is not the one last named or shown.
    const section = formatHeadingPath(block.headingPath);
    if (options.onlyChanges && block.kind !== 'heading' && section !== '' && section !== lastSection) {
      body.push(`<p class="section">${escapeHtml(`§ ${section}`)}</p>`);
    }
    lastSection =
      block.kind === 'heading' ? formatHeadingPath([...block.headingPath, sideText(block, 'new')]) : section;
    body.push(htmlBlock(block, index, moves));
  }
  flushHidden();
  if (!hasChanges(result.stats)) body.push('<p class="unchanged">No differences.</p>');

  const { stats } = result;
  const side = (marker: string, snapshot: SnapshotSummary): string =>
    `${marker} #${snapshot.id} · captured ${formatCapturedAt(snapshot.capturedAt)} UTC` +
    (snapshot.effectiveDate ? ` · effective ${snapshot.effectiveDate}` : '');
  const header = [
    `<h1>${escapeHtml(title)}</h1>`,
    ...(options.notes ?? []).map((note) => `<p class="note">${escapeHtml(note)}</p>`),
    `<p class="sides"><span class="old">${escapeHtml(side('−', result.a))}</span><br>` +
      `<span class="new">${escapeHtml(side('+', result.b))}</span></p>`,
    `<p class="stats"><ins>+${stats.wordsAdded} words</ins> <del>−${stats.wordsRemoved} words</del> ` +
      `<span class="moved">⇄ ${stats.wordsMoved} words moved</span> · ${escapeHtml(formatRatio(stats.changeRatio))} changed` +
      (stats.sectionsTouched.length > 0
        ? `<br>Sections touched: ${escapeHtml(listSections(stats.sectionsTouched, 12))}`
        : '') +
      (stats.coarse ? '<br>Part of this diff hit a size or time bound and shows whole paragraphs as changed.' : '') +
      '</p>',
    '<p class="legend">Legend: <ins>inserted</ins> <del>deleted</del> <span class="moved">⇄ moved</span></p>',
  ];
  return htmlPage(title, header, body);
}

/** A page with a title and notes but no diff (e.g. no version on one side of an event). */
export function formatNoticeHtml(title: string, notes: readonly string[]): string {
  return htmlPage(
    title,
    [`<h1>${escapeHtml(title)}</h1>`],
    notes.map((note) => `<p class="note">${escapeHtml(note)}</p>`),
  );
}

/** The page around already-escaped header and body lines. */
function htmlPage(title: string, header: readonly string[], body: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="Policy Archive Explorer">
<title>${escapeHtml(title)}</title>
<style>${HTML_STYLE}</style>
</head>
<body>
<header>
${header.join('\n')}
</header>
<main>
${body.join('\n')}
</main>
</body>
</html>
`;
}

const HTML_STYLE = `
body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
header { border-bottom: 1px solid #d0d7de; margin-bottom: 1.5rem; }
h1 { font-size: 1.4rem; }
ins { color: #055d20; background: #dafbe1; text-decoration: underline; }
del { color: #82071e; background: #ffebe9; text-decoration: line-through; }
.moved, .move > .marker { color: #0a3069; background: #ddf4ff; }
.block { margin: 0.6rem 0; }
.block.changed { border-left: 3px solid #bf8700; padding-left: 0.6rem; }
.block.inserted { border-left: 3px solid #1a7f37; padding-left: 0.6rem; }
.block.deleted { border-left: 3px solid #cf222e; padding-left: 0.6rem; }
.move { border-left: 3px dashed #0969da; padding-left: 0.6rem; }
.move > .marker { display: block; font-size: 0.9rem; text-decoration: none; }
.move.from > .text { color: #57606a; text-decoration: line-through dashed; }
.item { padding-left: calc(var(--depth, 1) * 1.2rem); }
.item::before { content: "• "; }
.section { color: #57606a; font-size: 0.85rem; margin: 1rem 0 0; }
.unchanged { color: #57606a; font-style: italic; text-align: center; }
.note, .sides, .stats, .legend { color: #57606a; }
pre { white-space: pre-wrap; }
`;

/** One diff block as HTML: headings as headings, list items indented, changes marked. */
function htmlBlock(block: DiffBlock, index: number, moves: ReadonlyMap<number, MoveEnds>): string {
  const classes = ['block', BLOCK_CLASS[block.change]];
  const content = block.spans.map(htmlSpan).join('');

  if (block.change === 'move') {
    const role = block.moveRole === 'from' ? 'from' : 'to';
    const otherRole = role === 'from' ? 'to' : 'from';
    const ends = block.moveId === undefined ? undefined : moves.get(block.moveId);
    const marker = escapeHtml(moveMarker(block, index, moves));
    const id = `move-${block.moveId ?? 0}-${role}`;
    const link = ends?.[otherRole] ? `<a href="#move-${block.moveId ?? 0}-${otherRole}">${marker}</a>` : marker;
    const text = role === 'from' ? escapeHtml(sideText(block, 'old')) : content;
    return `<div class="move ${role}" id="${id}"><span class="marker">${link}</span>${htmlElement(block, `<span class="text">${text}</span>`)}</div>`;
  }
  if (block.change === 'insert') return htmlElement(block, `<ins>${escapeHtml(sideText(block, 'new'))}</ins>`, classes);
  if (block.change === 'delete') return htmlElement(block, `<del>${escapeHtml(sideText(block, 'old'))}</del>`, classes);
  return htmlElement(block, content, classes);
}

const BLOCK_CLASS: Record<DiffBlock['change'], string> = {
  equal: 'equal',
  insert: 'inserted',
  delete: 'deleted',
  replace: 'changed',
  move: 'moved-block',
};

/** The element a block kind reads as; `html` is already escaped. */
function htmlElement(block: DiffBlock, html: string, classes: string[] = ['block']): string {
  const className = classes.join(' ');
  switch (block.kind) {
    case 'heading': {
      const tag = `h${Math.min(6, Math.max(2, block.level + 1))}`;
      return `<${tag} class="${className}">${html}</${tag}>`;
    }
    case 'list-item':
      return `<p class="${className} item" style="--depth: ${Math.max(1, Math.min(8, block.level))}">${html}</p>`;
    case 'quote':
      return `<blockquote class="${className}">${html}</blockquote>`;
    case 'preformatted':
      return `<pre class="${className}">${html}</pre>`;
    default:
      return `<p class="${className}">${html}</p>`;
  }
}

function htmlSpan(span: DiffSpan): string {
  const text = escapeHtml(span.text);
  if (span.op === 'insert') return `<ins>${text}</ins>`;
  if (span.op === 'delete') return `<del>${text}</del>`;
  return text;
}

/** Escape text for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
}

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
