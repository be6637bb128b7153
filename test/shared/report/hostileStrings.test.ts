import { parseHTML } from 'linkedom';
import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import { printSettings } from '../../../src/shared/report/printSettings';
import { renderReportHtml } from '../../../src/shared/report/renderReportHtml';
import { renderReportMarkdown } from '../../../src/shared/report/renderReportMarkdown';
import { reportStyles } from '../../../src/shared/report/reportStyles';
import { constructedReport, heading, paragraph } from './constructedReport';

/*
 * Policy text, titles and URLs come from archived pages and can hold anything:
 * the report must show them as text, never run or load them.
 */

const SCRIPT = '<script>alert("x")</script>';
const STYLE_BREAK = '</style><script>alert(1)</script>';
const ATTRIBUTE_BREAK = '"><img src=x onerror="alert(1)">';

function hostileReport() {
  return constructedReport(
    [
      heading(`Intro ${STYLE_BREAK}`),
      paragraph(`We keep ${SCRIPT} data & "quotes" 'single'.`),
      paragraph('Same text here.'),
    ],
    [
      heading(`Intro ${STYLE_BREAK}`),
      paragraph(`We keep ${SCRIPT} data & "quotes" 'single' ${ATTRIBUTE_BREAK} for years.`),
      paragraph('Same text here.'),
      paragraph(`New <a href="javascript:alert(3)">click</a> [link](javascript:alert(4)) **bold** ~~x~~ &amp; #hash`),
    ],
    {
      title: `Report ${SCRIPT}`,
      vendorName: ATTRIBUTE_BREAK,
      documentTitle: `</title>${STYLE_BREAK}`,
      event: { id: 'gdpr', label: '<b>GDPR</b>', date: '2018-05-25', description: SCRIPT },
      meta: { appVersion: `1.0 ${ATTRIBUTE_BREAK}`, generatedAt: '2026-05-01T12:00:00Z' },
    },
    {
      a: { waybackUrl: 'javascript:alert(document.cookie)', originalUrl: '  JaVaScRiPt:alert(2)' },
      b: { waybackUrl: 'data:text/html,<script>alert(5)</script>', originalUrl: 'https://example.com/p?a="x"&b=<y>' },
    },
  );
}

describe('renderReportHtml with hostile strings', () => {
  const html = renderReportHtml(hostileReport());
  const { document } = parseHTML(html);

  it('runs no script and loads nothing: no script, image, link, iframe or object element', () => {
    expect(document.querySelectorAll('script, img, link, iframe, object, embed, base, meta[http-equiv]')).toHaveLength(
      0,
    );
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    // No element carries an event handler (the hostile `onerror=` stays inside text).
    for (const element of document.querySelectorAll('*')) {
      for (const name of element.getAttributeNames()) expect(name).not.toMatch(/^on/i);
    }
  });

  it('keeps the one style sheet intact: policy text cannot close it', () => {
    const styles = document.querySelectorAll('style');
    expect(styles).toHaveLength(1);
    expect(styles[0]!.textContent).toBe(reportStyles('A4'));
    expect(html.match(/<\/style>/gi)).toHaveLength(1);
  });

  it('shows every hostile string as the text it is', () => {
    expect(document.querySelector('title')!.textContent).toBe(`Report ${SCRIPT}`);
    expect(document.querySelector('h1')!.textContent).toBe(`Report ${SCRIPT}`);
    const text = document.body.textContent!;
    for (const hostile of [SCRIPT, STYLE_BREAK, ATTRIBUTE_BREAK, `</title>${STYLE_BREAK}`, '<b>GDPR</b>']) {
      expect(text).toContain(hostile);
    }
    const inserted = [...document.querySelectorAll('.comparison ins')].map((node) => node.textContent).join('');
    expect(inserted).toContain(ATTRIBUTE_BREAK);
    expect(inserted).toContain('<a href="javascript:alert(3)">click</a>');
  });

  it('links only http(s) URLs; javascript: and data: URLs stay plain text', () => {
    const hrefs = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https?:\/\/|#)/);
    expect(hrefs).toContain('https://example.com/p?a=%22x%22&b=%3Cy%3E');
    const text = document.body.textContent!;
    expect(text).toContain('javascript:alert(document.cookie)');
    expect(text).toContain('data:text/html,<script>alert(5)</script>');
    // Every in-document link points at an element of the report.
    for (const href of hrefs.filter((h) => h.startsWith('#'))) {
      expect(document.getElementById(href.slice(1)), href).not.toBeNull();
    }
  });

  it('escapes the print header and footer templates too', () => {
    const settings = printSettings(hostileReport());
    for (const template of [settings.headerTemplate, settings.footerTemplate]) {
      expect(template).not.toMatch(/<script|<img/i);
    }
    const header = parseHTML(`<html><body>${settings.headerTemplate}</body></html>`).document;
    expect(header.body.textContent).toContain(`Report ${SCRIPT}`);
  });
});

describe('renderReportMarkdown with hostile strings', () => {
  const markdown = renderReportMarkdown(hostileReport());
  const { document } = parseHTML(`<html><body>${marked.parse(markdown, { async: false })}</body></html>`);

  it('renders (as GitHub-flavoured Markdown) to no HTML element from the policy and no unsafe link', () => {
    expect(document.querySelectorAll('script, img, style, iframe')).toHaveLength(0);
    const hrefs = [...document.querySelectorAll('a[href]')].map((a) => a.getAttribute('href')!);
    for (const href of hrefs) expect(href).toMatch(/^https?:\/\//);
    expect(hrefs.some((href) => href.startsWith('https://web.archive.org/'))).toBe(false);
    expect(hrefs).toContain('https://example.com/p?a=%22x%22&b=%3Cy%3E');
  });

  it('reads back the hostile strings as text', () => {
    const text = document.body.textContent!;
    for (const hostile of [SCRIPT, ATTRIBUTE_BREAK, '[link](javascript:alert(4)) **bold** ~~x~~ &amp; #hash']) {
      expect(text).toContain(hostile);
    }
    expect(text).toContain('javascript:alert(document.cookie)');
  });
});
