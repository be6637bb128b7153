import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from '../../../support/paths';

/*
 * poppler-utils (pdftotext, pdfinfo, pdftoppm) read the PDFs the tests
 * print: installed here and by .ci/run, never needed by users.
 */

function withPdfFile<T>(pdf: Uint8Array, use: (file: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'pae-pdf-'));
  try {
    const file = join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return use(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of the PDF (UTF-8, pages separated by form feeds). */
export function pdfText(pdf: Uint8Array, layout = false): string {
  return withPdfFile(pdf, (file) =>
    execFileSync('pdftotext', [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }),
  );
}

/** The text of each page, in order. */
export function pdfPages(pdf: Uint8Array): string[] {
  return pdfText(pdf).split('\f').slice(0, -1);
}

/** `pdfinfo` fields (Pages, Page size, Title…). */
export function pdfInfo(pdf: Uint8Array): Record<string, string> {
  const out = withPdfFile(pdf, (file) => execFileSync('pdfinfo', [file], { encoding: 'utf8' }));
  return Object.fromEntries(
    out
      .split('\n')
      .map((line) => /^([^:]+):\s*(.*)$/.exec(line))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, match[2]!]),
  );
}

/** One word and its box, in points from the page's top left. */
export interface PdfWord {
  page: number;
  text: string;
  yMin: number;
  yMax: number;
  pageHeight: number;
}

/** Every word with its position (`pdftotext -bbox`). */
export function pdfWords(pdf: Uint8Array): PdfWord[] {
  const html = withPdfFile(pdf, (file) => execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' }));
  const words: PdfWord[] = [];
  let page = 0;
  let pageHeight = 0;
  for (const match of html.matchAll(
    /<page width="[\d.]+" height="([\d.]+)">|<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)<\/word>/g,
  )) {
    if (match[1] !== undefined) {
      page += 1;
      pageHeight = Number(match[1]);
    } else {
      words.push({ page, text: match[4]!, yMin: Number(match[2]), yMax: Number(match[3]), pageHeight });
    }
  }
  return words;
}

/**
 * Render the first pages as PNG into test-results/report-pages/<name>-<n>.png
 * (kept as test artefacts, for a person to look at); returns the files.
 */
export function savePagePngs(pdf: Uint8Array, name: string, pages = 2): string[] {
  const outDir = join(repoRoot, 'test-results', 'report-pages');
  mkdirSync(outDir, { recursive: true });
  return withPdfFile(pdf, (file) => {
    const dir = join(file, '..');
    execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', String(pages), file, join(dir, 'page')]);
    return readdirSync(dir)
      .filter((entry) => entry.endsWith('.png'))
      .sort()
      .map((entry, index) => {
        const target = join(outDir, `${name}-${index + 1}.png`);
        renameSync(join(dir, entry), target);
        return target;
      });
  });
}

/** Whether fontconfig has a font for Chinese (CJK text prints as boxes without one). */
export function hasCjkFont(): boolean {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return false;
  }
}
