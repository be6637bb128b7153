import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chromiumPrinter, findChromium, NO_CHROMIUM_MESSAGE } from '../../../../src/main/report/pdf/chromiumPrinter';
import { PdfPrinterUnavailableError, type PdfPrintSettings } from '../../../../src/main/report/pdf/pdfPrinter';
import { tempDir } from '../../../support/paths';
import { hasCjkFont, pdfInfo, pdfPages, pdfText, pdfWords, savePagePngs } from './popplerTools';

/*
 * The Chromium printer on the machine's Chromium (/usr/bin/chromium here and
 * in CI), checked with poppler: pages, text, links, headers, no network, no
 * scripts. The report renderers have their own tests; this HTML is ours.
 */

const settings = (pageSize: 'A4' | 'Letter' = 'A4'): PdfPrintSettings => ({
  pageSize,
  headerTemplate: '<div style="font-size:8px;width:100%;text-align:center"><span class="title"></span></div>',
  footerTemplate:
    '<div style="font-size:8px;width:100%;text-align:center">Page <span class="pageNumber"></span> of <span class="totalPages"></span> · sha256 ab12cd34</div>',
  margins: { top: '20mm', right: '15mm', bottom: '20mm', left: '15mm' },
});

const PARAGRAPHS = 180;
/** Paragraph n ends with its own marker word, so a clipped or lost last line shows as a missing marker. */
const paragraph = (n: number): string =>
  `<p>Paragraph ${n}: we may share personal data with processors acting on our behalf under written contracts ` +
  `that bind them to confidentiality, security and deletion when the service ends endmark${n}.</p>`;

const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test report — Café Ünïcode</title>
<link rel="stylesheet" href="https://cdn.example.com/report.css">
<style>body{font-family:"DejaVu Serif",serif;font-size:11pt} .bg{background:url(https://tracker.example/bg.png)}</style></head>
<body>
<h1>Privacy policy changes</h1>
<p class="bg">Accented: Café, naïve, Übermäßig, Łódź, São Paulo, Ελληνικά, Русский.</p>
<p lang="zh">CJK: 隐私政策 个人信息 数据保护</p>
<p>Captured at <a href="https://web.archive.org/web/20180525000000/https://formlabs.com/privacy/">the Wayback Machine</a>.</p>
<img src="https://tracker.example/pixel.gif" alt="">
<script>document.body.insertAdjacentText('beforeend', 'SCRIPT RAN')</script>
${Array.from({ length: PARAGRAPHS }, (_, index) => paragraph(index + 1)).join('\n')}
</body></html>`;

const blocked: string[] = [];
const printer = chromiumPrinter({ onBlockedRequest: (url) => blocked.push(url) });
let pdf: Buffer | undefined;
const printed = async (): Promise<Buffer> => (pdf ??= await printer.print(html, settings()));

afterAll(() => printer.close());

describe('chromiumPrinter', () => {
  it('finds the machine Chromium', () => {
    expect(findChromium()).toMatch(/chrom/i);
  });

  it('prints a long document on several A4 pages with every line of every paragraph', async () => {
    const bytes = await printed();
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const info = pdfInfo(bytes);
    expect(info['Page size']).toContain('(A4)');
    const pages = Number(info.Pages);
    expect(pages).toBeGreaterThan(4);
    expect(pages).toBeLessThan(30);

    const text = pdfText(bytes).replace(/\s+/g, ' ');
    for (let n = 1; n <= PARAGRAPHS; n++) expect(text).toContain(`endmark${n}.`);

    // No body line is cut at a page edge: every word of the text sits inside the page's margins.
    const pageHeight = pdfWords(bytes)[0]!.pageHeight;
    const margin = (20 / 25.4) * 72;
    const body = pdfWords(bytes).filter((word) => /^(Paragraph|endmark\d+\.)$/.test(word.text));
    expect(body.length).toBeGreaterThan(PARAGRAPHS);
    for (const word of body) {
      expect(word.yMin).toBeGreaterThanOrEqual(margin - 1);
      expect(word.yMax).toBeLessThanOrEqual(pageHeight - margin + 1);
    }
    savePagePngs(bytes, 'printer-long-a4', 2);
  });

  it('draws the header and footer templates with the title and page x of y on every page', async () => {
    const pages = pdfPages(await printed());
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pages.length} · sha256 ab12cd34`);
      expect(page).toContain('Test report — Café Ünïcode');
    });
  });

  it('keeps accented and Greek/Cyrillic text', async () => {
    const text = pdfText(await printed());
    for (const word of ['Café', 'naïve', 'Übermäßig', 'Łódź', 'São Paulo', 'Ελληνικά', 'Русский']) {
      expect(text).toContain(word);
    }
  });

  it.skipIf(!hasCjkFont())('keeps CJK text (needs a CJK font: fonts-wqy-microhei or fonts-noto-cjk)', async () => {
    expect(pdfText(await printed())).toContain('隐私政策 个人信息 数据保护');
  });

  it('keeps links as clickable URI annotations', async () => {
    const raw = (await printed()).toString('latin1');
    expect(raw).toContain('/URI (https://web.archive.org/web/20180525000000/https://formlabs.com/privacy/)');
  });

  it('never fetches anything and never runs the page script', async () => {
    const text = pdfText(await printed());
    expect(text).not.toContain('SCRIPT RAN');
    // Each external resource was asked for and refused (the image, the stylesheet).
    expect(blocked).toEqual(
      expect.arrayContaining(['https://tracker.example/pixel.gif', 'https://cdn.example.com/report.css']),
    );
  });

  it('prints Letter when asked, reusing the same browser', async () => {
    const letter = await printer.print('<!doctype html><meta charset="utf-8"><p>Short.</p>', settings('Letter'));
    const info = pdfInfo(letter);
    expect(info['Page size']).toContain('(letter)');
    expect(info.Pages).toBe('1');
  });
});

describe('chromiumPrinter without a Chromium', () => {
  it('looks at CHROMIUM_PATH first, then chromium, chromium-browser, google-chrome… on PATH', () => {
    const temp = tempDir('pae-chromium-');
    try {
      const program = join(temp.dir, 'chromium-browser');
      writeFileSync(program, '#!/bin/sh\n');
      chmodSync(program, 0o755);
      writeFileSync(join(temp.dir, 'chromium'), 'not executable');
      expect(findChromium({ PATH: temp.dir })).toBe(program);
      expect(findChromium({ PATH: temp.dir, CHROMIUM_PATH: '/opt/chrome/chrome' })).toBe('/opt/chrome/chrome');
    } finally {
      temp.cleanup();
    }
  });

  it('says what to install or set when the given program does not exist', async () => {
    const missing = chromiumPrinter({ env: { CHROMIUM_PATH: '/nonexistent/chromium' } });
    await expect(missing.print('<p>x</p>', settings())).rejects.toThrow(PdfPrinterUnavailableError);
    await expect(missing.print('<p>x</p>', settings())).rejects.toThrow(/\/nonexistent\/chromium.*CHROMIUM_PATH/);
    await missing.close();
  });

  it('explains the need for Chromium in its message', () => {
    expect(NO_CHROMIUM_MESSAGE).toMatch(/Chromium.*CHROMIUM_PATH.*apt install chromium.*--html/s);
  });
});
