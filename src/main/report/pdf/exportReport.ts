import type Database from 'better-sqlite3';
import { printSettings } from '../../../shared/report/printSettings';
import { renderReportHtml } from '../../../shared/report/renderReportHtml';
import { renderReportMarkdown } from '../../../shared/report/renderReportMarkdown';
import type { ReportDocument, ReportMeta, ReportOptions, ReportSubject } from '../../../shared/report/reportTypes';
import { buildReportDocument } from '../reportDocument';
import { chromiumPrinter } from './chromiumPrinter';
import type { PdfPrinter } from './pdfPrinter';
import { namedDestinationPages, withPageProbes } from './sectionPages';

/** The file formats a report is exported in. */
export type ReportFormat = 'pdf' | 'html' | 'markdown';

/** What to export, how, and in which format. */
export interface ReportExportRequest {
  format: ReportFormat;
  subject: ReportSubject;
  options: ReportOptions;
  meta: ReportMeta;
}

/** An exported report: the file's bytes, a file name to offer, and its media type. */
export interface ExportedReport {
  bytes: Buffer;
  defaultName: string;
  mediaType: string;
}

const MEDIA_TYPES: Record<ReportFormat, string> = {
  pdf: 'application/pdf',
  html: 'text/html; charset=utf-8',
  markdown: 'text/markdown; charset=utf-8',
};
const EXTENSIONS: Record<ReportFormat, string> = { pdf: 'pdf', html: 'html', markdown: 'md' };

/**
 * Build the report for `request.subject` from the archive and render it as
 * PDF, self-contained HTML or Markdown. PDF prints with `printer` (left open
 * for the caller to reuse) or, when none is given, a Chromium of the machine
 * started for this export and closed after it.
 */
export async function exportReport(
  db: Database.Database,
  request: ReportExportRequest,
  printer?: PdfPrinter,
): Promise<ExportedReport> {
  const doc = buildReportDocument(db, request.subject, request.options, request.meta);
  return renderReportFile(doc, request.format, printer);
}

/** Render a built report in one format (see {@link exportReport}). */
export async function renderReportFile(
  doc: ReportDocument,
  format: ReportFormat,
  printer?: PdfPrinter,
): Promise<ExportedReport> {
  const defaultName = reportFileName(doc, format);
  const mediaType = MEDIA_TYPES[format];
  if (format === 'html')
    return { bytes: Buffer.from(renderReportHtml(doc, doc.options), 'utf8'), defaultName, mediaType };
  if (format === 'markdown') return { bytes: Buffer.from(renderReportMarkdown(doc), 'utf8'), defaultName, mediaType };
  if (printer) return { bytes: await printReportPdf(doc, printer), defaultName, mediaType };
  const own = chromiumPrinter();
  try {
    return { bytes: await printReportPdf(doc, own), defaultName, mediaType };
  } finally {
    await own.close();
  }
}

/**
 * Print a report to PDF with the changed sections' page numbers filled in on
 * the cover: a first printing (with a link to every section appended after
 * the content) tells on which page each section landed, the second prints the
 * report with those numbers. Numbers that change the cover's layout (a longer
 * number wrapping a line) could move sections, so when the final PDF itself
 * records the sections (the cover links to them) and a page moved, it prints
 * once more with the corrected numbers.
 */
export async function printReportPdf(doc: ReportDocument, printer: PdfPrinter): Promise<Buffer> {
  const settings = printSettings(doc, doc.options);
  const ids = doc.comparisons.flatMap((comparison) => comparison.sections.map((section) => section.id));
  if (ids.length === 0) return printer.print(renderReportHtml(doc, doc.options), settings);

  let pages = namedDestinationPages(
    await printer.print(withPageProbes(renderReportHtml(doc, doc.options), ids), settings),
  );
  let pdf = await printer.print(renderReportHtml(doc, doc.options, pages), settings);
  for (let attempt = 0; attempt < 2; attempt++) {
    const printed = namedDestinationPages(pdf);
    const moved = ids.some((id) => printed.has(id) && printed.get(id) !== pages.get(id));
    if (!moved) break;
    pages = new Map([...pages, ...printed]);
    pdf = await printer.print(renderReportHtml(doc, doc.options, pages), settings);
  }
  return pdf;
}

/**
 * A file name for the report: vendor, document and what was compared, e.g.
 * `formlabs-privacy-policy-2018-05-01-to-2018-08-13.pdf`, `…-history.pdf`,
 * `…-across-gdpr.pdf`.
 */
export function reportFileName(doc: ReportDocument, format: ReportFormat): string {
  const first = doc.comparisons[0];
  const last = doc.comparisons.at(-1);
  let what = 'report';
  if (doc.kind === 'history') what = 'history';
  else if (doc.kind === 'across' && doc.event) what = `across-${doc.event.id}`;
  else if (first && last) what = `${first.a.capturedAt.slice(0, 10)}-to-${last.b.capturedAt.slice(0, 10)}`;
  const base = [slug(doc.vendorName), slug(doc.documentTitle), what].filter(Boolean).join('-');
  return `${base}.${EXTENSIONS[format]}`;
}

/** Lower-case letters and digits (any script) joined by hyphens: safe in file names on every system. */
function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
}
