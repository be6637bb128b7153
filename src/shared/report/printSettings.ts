import { escapeHtml } from './htmlEscape';
import { formatUtc, versionName } from './reportTitles';
import type { ReportComparison, ReportDocument, ReportOptions, ReportPageSize } from './reportTypes';

/** Page margins of the printed report (CSS lengths); the HTML's `@page` rule uses the same ones. */
export const PAGE_MARGINS = { top: '20mm', right: '16mm', bottom: '22mm', left: '16mm' } as const;

/** Font stacks: system fonts first, then CJK fallbacks so Chinese, Japanese and Korean text has glyphs. */
export const SERIF_FONTS =
  'Charter, "Bitstream Charter", Georgia, Cambria, "Noto Serif", "DejaVu Serif", "Liberation Serif", ' +
  '"Times New Roman", "Noto Serif CJK SC", "Noto Serif CJK JP", "Noto Serif CJK KR", "Source Han Serif SC", ' +
  '"Songti SC", SimSun, "Hiragino Mincho ProN", "Yu Mincho", "Noto Sans CJK SC", "Noto Sans CJK JP", ' +
  '"Noto Sans CJK KR", "WenQuanYi Micro Hei", "Microsoft YaHei", "Malgun Gothic", serif';
export const SANS_FONTS =
  'system-ui, -apple-system, "Segoe UI", "Helvetica Neue", Arial, "Noto Sans", "DejaVu Sans", ' +
  '"Liberation Sans", "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK KR", "Source Han Sans SC", ' +
  '"PingFang SC", "Hiragino Sans", "Microsoft YaHei", "Malgun Gothic", "WenQuanYi Micro Hei", sans-serif';
export const MONO_FONTS =
  'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", monospace';

/** What Chromium's print-to-PDF needs besides the HTML (Electron `printToPDF` / Playwright `page.pdf`). */
export interface PrintSettings {
  pageSize: ReportPageSize;
  /** Chromium header/footer templates: static HTML with inline styles; `pageNumber`/`totalPages` spans are filled per page. */
  headerTemplate: string;
  footerTemplate: string;
  margins: { top: string; right: string; bottom: string; left: string };
}

/**
 * Print settings for a report: the page size (from `options`, else the
 * document's), a header with the report title and vendor, and a footer with
 * "Page x of y" and the SHA-256 content hashes of the compared versions (the
 * first and last version of a history; every version's hash is on its
 * summary page), so a reader of any printed page can verify the source.
 */
export function printSettings(doc: ReportDocument, options?: Partial<ReportOptions>): PrintSettings {
  const side = `padding:0 ${PAGE_MARGINS.right} 0 ${PAGE_MARGINS.left}`;
  const base = `width:100%;box-sizing:border-box;${side};font-family:${escapeHtml(SANS_FONTS)};color:#444;`;
  const headerTemplate =
    `<div style="${base}font-size:8px;display:flex;justify-content:space-between;gap:12px;">` +
    `<span style="overflow:hidden;white-space:nowrap;text-overflow:ellipsis;">${escapeHtml(doc.title)}</span>` +
    `<span style="white-space:nowrap;">${escapeHtml(doc.vendorName)}</span></div>`;
  const hashes = footerHashes(doc)
    .map(
      ({ label, hash }) =>
        `<div>${escapeHtml(label)}: <span style="font-family:${escapeHtml(MONO_FONTS)};">sha256 ${escapeHtml(hash)}</span></div>`,
    )
    .join('');
  const footerTemplate =
    `<div style="${base}font-size:7px;display:flex;justify-content:space-between;align-items:flex-end;gap:12px;">` +
    `<div>${hashes}</div>` +
    `<div style="white-space:nowrap;font-size:8px;">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div></div>`;
  return {
    pageSize: options?.pageSize ?? doc.options.pageSize,
    headerTemplate,
    footerTemplate,
    margins: { ...PAGE_MARGINS },
  };
}

/** The versions whose content hashes the footer shows. */
export function footerHashes(doc: ReportDocument): Array<{ label: string; hash: string }> {
  const first: ReportComparison | undefined = doc.comparisons[0];
  const last: ReportComparison | undefined = doc.comparisons.at(-1);
  if (!first || !last) return [];
  const name = (version: number | null, fallback: 'Older' | 'Newer', capturedAt: string): string =>
    `${versionName(version, fallback)} (captured ${formatUtc(capturedAt)})`;
  return [
    { label: name(first.aVersion, 'Older', first.a.capturedAt), hash: first.a.contentHash },
    { label: name(last.bVersion, 'Newer', last.b.capturedAt), hash: last.b.contentHash },
  ];
}
