import { MONO_FONTS, PAGE_MARGINS, SANS_FONTS, SERIF_FONTS } from './printSettings';
import type { ReportPageSize } from './reportTypes';

/**
 * The report's one inline style sheet: print first (`@page` size and
 * margins, no page breaks inside table rows or right after headings), readable
 * on screen too. Changes are marked by colour AND a line style (underline for
 * insertions, strike-through for deletions, frames for moves, bars for changed
 * paragraphs), so a black-and-white print still tells them apart. Constant
 * apart from the page size: no user text ever goes in here.
 */
export function reportStyles(pageSize: ReportPageSize): string {
  const { top, right, bottom, left } = PAGE_MARGINS;
  return `
@page { size: ${pageSize === 'Letter' ? 'letter' : 'A4'}; margin: ${top} ${right} ${bottom} ${left}; }
:root { color-scheme: light; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { margin: 0; background: #fff; color: #111; font-family: ${SERIF_FONTS}; font-size: 10.5pt; line-height: 1.45;
  orphans: 3; widows: 3; overflow-wrap: break-word; text-rendering: optimizeLegibility; }
@media screen { body { max-width: 48em; margin: 2em auto; padding: 0 1.5em; } body.layout-side-by-side { max-width: 96em; } }
h1, h2, h3.comparison-title, .cover, .legend, .note, th, .move-note, .collapsed, .toc { font-family: ${SANS_FONTS}; }
h1 { font-size: 17pt; line-height: 1.25; margin: 0 0 4pt; }
h2 { font-size: 12.5pt; margin: 16pt 0 6pt; break-after: avoid; }
.subtitle { font-size: 11pt; color: #333; margin: 0 0 12pt; }
.cover { break-after: page; font-size: 9.5pt; }
.comparison { break-before: page; }
.cover + .comparison { break-before: auto; }
.comparison-head { border-bottom: 1pt solid #333; margin-bottom: 10pt; padding-bottom: 4pt; font-family: ${SANS_FONTS}; font-size: 8.5pt; }
.comparison-head h2 { margin-top: 0; }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 2.5pt 5pt; vertical-align: top; text-align: left; border-bottom: 0.5pt solid #bbb; overflow-wrap: anywhere; }
.versions { table-layout: fixed; }
.timeline { font-size: 8.5pt; }
.timeline th { white-space: nowrap; }
.timeline tbody.version { break-inside: avoid; }
.timeline tr:first-child td { border-bottom: none; white-space: nowrap; overflow-wrap: normal; }
.timeline tr.sources td { padding-top: 0; }
thead th { border-bottom: 1pt solid #333; }
tr { break-inside: avoid; }
.facts th { width: 10em; font-weight: 600; }
.versions thead th:first-child { width: 9em; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.hash { font-family: ${MONO_FONTS}; font-size: 7.5pt; word-break: break-all; }
a { color: #0b4fa8; text-decoration: underline; }
.url { word-break: break-all; }
.warning { border: 1pt solid #8a5a00; padding: 4pt 6pt; }
.toc { padding-left: 0; list-style: none; }
.toc li { display: flex; align-items: baseline; gap: 4pt; break-inside: avoid; }
.toc .label { flex: 0 1 auto; }
.toc .leader { flex: 1 1 auto; border-bottom: 0.5pt dotted #777; min-width: 1em; }
.toc .page { flex: 0 0 auto; min-width: 2em; text-align: right; font-variant-numeric: tabular-nums; }
.toc h3 { font-size: 10pt; margin: 8pt 0 2pt; }
.legend { border: 0.5pt solid #999; padding: 4pt 6pt; font-size: 8.5pt; }
ins { color: #05551c; background: #d8f3df; text-decoration: underline; text-decoration-thickness: 1pt; text-underline-offset: 1.5pt; }
del { color: #9b1111; background: #fde0e0; text-decoration: line-through; text-decoration-thickness: 1pt; }
.blk { margin: 0 0 6pt; padding-left: 7pt; border-left: 2.5pt solid transparent; }
h3.blk, h4.blk, h5.blk, h6.blk { font-family: ${SANS_FONTS}; break-after: avoid; margin: 10pt 0 4pt; line-height: 1.3; }
h3.blk { font-size: 12pt; } h4.blk { font-size: 11pt; } h5.blk { font-size: 10.5pt; } h6.blk { font-size: 10.5pt; font-style: italic; }
.lvl2 { margin-left: 1.4em; } .lvl3 { margin-left: 2.8em; } .lvl4, .lvl5, .lvl6 { margin-left: 4.2em; }
.li::before { content: "• "; }
pre.blk { white-space: pre-wrap; font-family: ${MONO_FONTS}; font-size: 9pt; }
blockquote.blk { margin-left: 1.5em; font-style: italic; }
.row { font-size: 9.5pt; }
.chg-insert { border-left: 2.5pt solid #1a7f37; }
.chg-delete { border-left: 2.5pt dotted #b42318; }
.chg-replace { border-left: 2.5pt double #444; }
.move { border: 1pt dashed #5b2e9e; padding: 3pt 6pt; margin: 0 0 6pt; }
.move.move-to { border-style: solid; }
.move .blk { margin-bottom: 2pt; }

.format-note { font-family: ${SANS_FONTS}; font-size: 7.5pt; font-style: italic; font-weight: normal; color: #555; }
.move-note { font-size: 8pt; color: #4b2a91; font-style: italic; margin: 0 0 2pt; }
.move-note a { color: inherit; }
.collapsed { text-align: center; color: #555; font-size: 8.5pt; font-style: italic; margin: 4pt 0 8pt; padding: 2pt 0;
  border-top: 0.5pt dashed #999; border-bottom: 0.5pt dashed #999; }
.sbs { table-layout: fixed; }
.sbs thead { display: table-header-group; }
.sbs td { width: 50%; }
.sbs td .blk { margin: 0; border-left: none; padding-left: 0; }
.sbs td.removed { border-left: 2.5pt dotted #b42318; }
.sbs td.added { border-left: 2.5pt solid #1a7f37; }
.sbs td.moved { border: 1pt dashed #5b2e9e; }
.sbs td.empty { background: #f4f4f4; }
.sbs tr.collapsed-row td { text-align: center; color: #555; font-style: italic; font-size: 8.5pt; font-family: ${SANS_FONTS}; }
`;
}
