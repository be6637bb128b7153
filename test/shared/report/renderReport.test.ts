import { parseHTML } from 'linkedom';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { printSettings } from '../../../src/shared/report/printSettings';
import { renderReportHtml } from '../../../src/shared/report/renderReportHtml';
import { renderReportMarkdown } from '../../../src/shared/report/renderReportMarkdown';
import { constructedReport, heading, paragraph } from './constructedReport';

/*
 * Layout rules on small constructed reports: collapsing, kept headings,
 * moves, page numbers, print settings. (Real policies: test/main/report.)
 */

const filler = (section: string, count: number) =>
  Array.from({ length: count }, (_, index) => paragraph(`${section} paragraph number ${index + 1} stays the same.`));

const older = [
  heading('Overview', 1),
  ...filler('Overview', 3),
  heading('Data we collect', 2),
  ...filler('Collect', 4),
  paragraph('We collect your email address.'),
  heading('Cookies', 2),
  ...filler('Cookies', 2),
  paragraph('Cookies last one year and are set by us and by our partners for analytics.'),
  heading('Contact', 2),
  ...filler('Contact', 2),
];
const newer = [
  heading('Overview', 1),
  ...filler('Overview', 3),
  heading('Data we collect', 2),
  ...filler('Collect', 4),
  paragraph('We collect your email address and phone number.'),
  heading('Cookies', 2),
  ...filler('Cookies', 2),
  heading('Contact', 2),
  ...filler('Contact', 2),
  paragraph('Cookies last one year and are set by us and by our partners for analytics.'),
];

const body = (html: string) => parseHTML(html).document.querySelector('section.comparison')!;

describe('renderReportHtml', () => {
  it('collapses unchanged stretches with their counts, keeping the headings above each change', () => {
    const doc = constructedReport(older, newer);
    const section = body(renderReportHtml(doc));
    const runs = [...section.querySelectorAll('.collapsed')].map((node) => node.textContent);
    // Overview's 3 and Collect's 4 before the change, Cookies' 2 before the move source, Contact's 2 before its destination.
    expect(runs).toEqual([
      '… 3 unchanged paragraphs …',
      '… 4 unchanged paragraphs …',
      '… 2 unchanged paragraphs …',
      '… 2 unchanged paragraphs …',
    ]);
    // Every change is read under its headings (Overview is the parent of every section).
    const headings = [...section.querySelectorAll('h3, h4')].map((node) => node.textContent);
    expect(headings).toEqual(['Overview', 'Data we collect', 'Cookies', 'Contact']);
    expect(section.textContent).not.toContain('Overview paragraph number 1');
    const collapsed = runs.reduce((sum, text) => sum + Number(/\d+/.exec(text!)![0]), 0);
    const shownUnchanged = section.querySelectorAll('.chg-equal:not(.move *)').length;
    expect(collapsed + shownUnchanged).toBe(doc.comparisons[0]!.stats.blocksUnchanged);
  });

  it('shows every paragraph with includeUnchanged', () => {
    const section = body(renderReportHtml(constructedReport(older, newer), { includeUnchanged: true }));
    expect(section.querySelectorAll('.collapsed')).toHaveLength(0);
    for (const block of newer) expect(section.textContent).toContain(block.text);
  });

  it('marks a move at both places with a frame and a ⇄ note naming and linking the other section', () => {
    const html = renderReportHtml(constructedReport(older, newer));
    const { document } = parseHTML(html);
    const from = document.querySelector('.move.move-from')!;
    const to = document.querySelector('.move.move-to')!;
    expect(from.querySelector('.move-note')!.textContent).toBe('⇄ moved to § Overview › Contact');
    expect(to.querySelector('.move-note')!.textContent).toBe('⇄ moved from § Overview › Cookies');
    expect(from.querySelector('a')!.getAttribute('href')).toBe(`#${to.id}`);
    expect(to.querySelector('a')!.getAttribute('href')).toBe(`#${from.id}`);
    expect(from.textContent).toContain('Cookies last one year');
  });

  it('marks insertions with <ins> and deletions with <del>, styled by colour and line', () => {
    const html = renderReportHtml(
      constructedReport([paragraph('We keep logs for ninety days.')], [paragraph('We keep logs for thirty days.')]),
    );
    const section = body(html);
    expect([...section.querySelectorAll('ins')].map((node) => node.textContent)).toEqual(['thirty']);
    expect([...section.querySelectorAll('del')].map((node) => node.textContent)).toEqual(['ninety']);
    expect(html).toMatch(/ins \{[^}]*color:[^}]*text-decoration: underline/);
    expect(html).toMatch(/del \{[^}]*color:[^}]*text-decoration: line-through/);
  });

  it('lists the changed sections with anchors and fills in page numbers when given', () => {
    const doc = constructedReport(older, newer);
    const sections = doc.comparisons[0]!.sections;
    expect(sections.map((section) => section.label)).toEqual(doc.comparisons[0]!.stats.sectionsTouched);
    const empty = parseHTML(renderReportHtml(doc)).document;
    for (const section of sections) {
      expect(empty.getElementById(section.id), section.label).not.toBeNull();
      expect(empty.querySelector(`.page[data-section="${section.id}"]`)!.textContent).toBe('');
    }
    const pages = new Map(sections.map((section, index) => [section.id, index + 2]));
    const filled = parseHTML(renderReportHtml(doc, {}, pages)).document;
    expect([...filled.querySelectorAll('.toc .page')].map((node) => node.textContent)).toEqual(
      sections.map((_, index) => String(index + 2)),
    );
  });

  it('lays out side by side as one table row per block, older text left and newer right', () => {
    const doc = constructedReport(older, newer);
    const html = renderReportHtml(doc, { layout: 'side-by-side' });
    expect(html).toMatch(/tr \{ break-inside: avoid; \}/);
    const table = body(html).querySelector('table.sbs')!;
    const changed = [...table.querySelectorAll('tbody tr')].find((row) => row.textContent!.includes('email'))!;
    const [left, right] = [...changed.querySelectorAll('td')];
    expect(left!.textContent).toBe('We collect your email address.');
    expect(right!.textContent).toBe('We collect your email address and phone number.');
    expect(right!.querySelector('ins')!.textContent).toContain('phone number');
    expect(table.querySelectorAll('tr.collapsed-row')).toHaveLength(4);
  });

  it('sets the page size from the options', () => {
    const doc = constructedReport(older, newer);
    expect(renderReportHtml(doc)).toContain('@page { size: A4;');
    expect(renderReportHtml(doc, { pageSize: 'Letter' })).toContain('@page { size: letter;');
  });
});

describe('printSettings', () => {
  it('puts the title in the header and page x of y with both content hashes in the footer', () => {
    const doc = constructedReport(older, newer);
    const settings = printSettings(doc, { pageSize: 'Letter' });
    expect(settings.pageSize).toBe('Letter');
    expect(printSettings(doc).pageSize).toBe('A4');
    expect(settings.headerTemplate).toContain(doc.title);
    expect(settings.footerTemplate).toContain('<span class="pageNumber"></span>');
    expect(settings.footerTemplate).toContain('<span class="totalPages"></span>');
    expect(settings.footerTemplate).toContain(`sha256 ${'1'.repeat(64)}`);
    expect(settings.footerTemplate).toContain(`sha256 ${'2'.repeat(64)}`);
    for (const margin of Object.values(settings.margins)) expect(margin).toMatch(/^\d+mm$/);
    // The HTML's @page margins are the same ones.
    const { top, right, bottom, left } = settings.margins;
    expect(renderReportHtml(doc)).toContain(`margin: ${top} ${right} ${bottom} ${left};`);
  });
});

describe('renderReportMarkdown', () => {
  it('marks insertions as **+…+** and deletions as ~~…~~, collapses runs and notes moves', () => {
    const markdown = renderReportMarkdown(
      constructedReport(
        [...older, paragraph('We keep logs for ninety days.')],
        [...newer, paragraph('We keep logs for thirty days.')],
      ),
    );
    expect(markdown).toMatch(/We keep logs for ~~ninety~~ ?\*\*\+thirty\+\*\* days\./);
    expect(markdown).toContain('*… 4 unchanged paragraphs …*');
    // The convention renders as strike-through and bold in GitHub-flavoured Markdown.
    const html = marked.parse(markdown, { async: false });
    expect(html).toContain('<del>ninety</del>');
    expect(html).toContain('<strong>+thirty+</strong>');
    expect(markdown).toContain('*⇄ moved to § Overview › Contact*');
    expect(markdown).toContain('⇄ Cookies last one year');
    expect(markdown).toContain('### Data we collect');
    expect(markdown).toContain('1. Overview › Data we collect');
  });
});
