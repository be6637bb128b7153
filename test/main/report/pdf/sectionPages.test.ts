import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPrinter } from '../../../../src/main/report/pdf/chromiumPrinter';
import type { PdfPrintSettings } from '../../../../src/main/report/pdf/pdfPrinter';
import { namedDestinationPages, withPageProbes } from '../../../../src/main/report/pdf/sectionPages';
import { pdfPages } from './popplerTools';

/*
 * Page numbers for the cover's list of changed sections, read back from a
 * first printing by Chromium (no PDF text tool), checked against the pages
 * poppler finds the headings on.
 */

const settings: PdfPrintSettings = {
  pageSize: 'A4',
  headerTemplate: '<span></span>',
  footerTemplate: '<div style="font-size:8px">Page <span class="pageNumber"></span></div>',
  margins: { top: '15mm', right: '15mm', bottom: '15mm', left: '15mm' },
};

const filler = (words: number): string => `<p>${'retention '.repeat(words)}</p>`;
/** Sections of different lengths, so they start at uneven places; ids like the report's (`c1-s3`). */
const sections = [
  { id: 'c1-s1', title: 'Information we collect', paragraphs: 3 },
  { id: 'c1-s2', title: 'How we use cookies', paragraphs: 25 },
  { id: 'c1-s3', title: 'Données personnelles', paragraphs: 9 },
  { id: 'c2-s1', title: 'Your rights', paragraphs: 40 },
  { id: 'c2-s2', title: 'Contact', paragraphs: 1 },
];
const html =
  '<!doctype html><html><head><meta charset="utf-8"><title>Sections</title></head><body>' +
  sections
    .map((section) => `<h2 id="${section.id}">${section.title}</h2>${filler(60).repeat(section.paragraphs)}`)
    .join('') +
  '</body></html>';

const printer = chromiumPrinter();
afterAll(() => printer.close());

describe('section pages', () => {
  it('finds the page each section starts on, as a reader of the PDF sees it', async () => {
    const ids = sections.map((section) => section.id);
    const probed = await printer.print(withPageProbes(html, ids), settings);
    const found = namedDestinationPages(probed);

    const plain = pdfPages(await printer.print(html, settings));
    const expected = new Map(
      sections.map((section) => [section.id, plain.findIndex((page) => page.includes(section.title)) + 1]),
    );
    expect(found).toEqual(expected);
    // The sections really are spread over several pages.
    expect(new Set(found.values()).size).toBeGreaterThan(2);
  });

  it('adds the probe links after the content, so the pages before them keep their text', async () => {
    const ids = sections.map((section) => section.id);
    const plain = pdfPages(await printer.print(html, settings));
    const probed = pdfPages(await printer.print(withPageProbes(html, ids), settings));
    expect(probed.slice(0, plain.length).map(stripFooter)).toEqual(plain.map(stripFooter));
  });

  it('finds nothing in a PDF without in-document links', async () => {
    expect(namedDestinationPages(await printer.print(html, settings)).size).toBe(0);
    expect(namedDestinationPages(Buffer.from('not a pdf')).size).toBe(0);
  });
});

/** The footer's page number is the only text allowed to differ (the probe page adds to the total elsewhere). */
function stripFooter(page: string): string {
  return page.replace(/Page \d+/g, '');
}
