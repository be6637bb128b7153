import { describe, expect, it } from 'vitest';
import { decodeHtml } from '../../../src/main/extract/charset';
import { extractHtml, htmlBlocks } from '../../../src/main/extract/htmlBlocks';
import { sampleBytes } from '../importers/samplePaths';

const filler =
  'We collect the information you give us when you create an account, place an order or contact support, and we use it only to provide the services you asked for.';

/** A page whose main content is unambiguous, wrapped in the usual site furniture. */
function page(content: string, extra = ''): string {
  return `<!DOCTYPE html><html><head><title>Example Privacy Policy</title>
    <script>var tracking = "SCRIPT-TEXT";</script><style>.x{color:red}</style></head>
    <body>
      <nav><a href="/">Home</a> <a href="/shop">NAV-TEXT Shop</a></nav>
      <div id="cookie-banner">COOKIE-BANNER-TEXT We use cookies. <button>Accept</button></div>
      <main><article>${content}</article></main>
      <footer>FOOTER-TEXT © Example Inc. <a href="/jobs">Jobs</a></footer>
      ${extra}
    </body></html>`;
}

describe('htmlBlocks', () => {
  it('maps headings, paragraphs, nested list items, table rows, pre and blockquote', () => {
    const blocks = htmlBlocks(
      page(`
        <h2>Information we collect</h2>
        <p>${filler}</p>
        <ul>
          <li>Account data
            <ul><li>name</li><li><p>e-mail</p> <p>address</p></li></ul>
          </li>
          <li>Order data</li>
        </ul>
        <h3>Retention</h3>
        <table><tr><th>Data</th><th>Kept for</th></tr><tr><td>Orders</td><td>7 years</td></tr></table>
        <pre>opt-out:   true</pre>
        <blockquote><p>We never sell your data.</p></blockquote>
        <p>${filler}</p>`),
    );
    const texts = blocks.map((b) => `${b.kind}/${b.level}: ${b.text}`);
    expect(texts).toEqual([
      'heading/1: Example Privacy Policy',
      'heading/2: Information we collect',
      `paragraph/0: ${filler}`,
      'list-item/1: Account data',
      'list-item/2: name',
      'list-item/2: e-mail address',
      'list-item/1: Order data',
      'heading/3: Retention',
      'table-row/0: Data | Kept for',
      'table-row/0: Orders | 7 years',
      'preformatted/0: opt-out: true',
      'quote/0: We never sell your data.',
      `paragraph/0: ${filler}`,
    ]);
  });

  it('never includes script, style, navigation, footer, form or cookie-banner text', () => {
    const text = htmlBlocks(
      page(
        `<h2>Policy</h2><p>${filler}</p><p>${filler}</p>`,
        '<form><input value="FORM-TEXT"><button>Search</button></form>',
      ),
    )
      .map((b) => b.text)
      .join('\n');
    for (const noise of [
      'SCRIPT-TEXT',
      'color:red',
      'NAV-TEXT',
      'FOOTER-TEXT',
      'COOKIE-BANNER-TEXT',
      'FORM-TEXT',
      'Accept',
    ]) {
      expect(text).not.toContain(noise);
    }
    expect(text).toContain(filler);
  });

  it('splits paragraphs at double <br> and joins single line breaks', () => {
    const blocks = htmlBlocks(
      `<html><body><main><p>${filler}<br><br>Second paragraph<br>on two lines.</p></main></body></html>`,
    );
    expect(blocks.map((b) => b.text)).toContain('Second paragraph on two lines.');
    expect(blocks.map((b) => b.text)).toContain(filler);
  });

  it('reads a layout table cell by cell instead of as one giant row', () => {
    const blocks = htmlBlocks(
      `<html><body><table><tr><td><h2>Privacy</h2><p>${filler}</p><p>Second ${filler}</p></td></tr></table></body></html>`,
    );
    expect(blocks.some((b) => b.kind === 'table-row')).toBe(false);
    expect(blocks).toContainEqual({ kind: 'paragraph', level: 0, text: `Second ${filler}` });
  });

  it('strips the Wayback Machine toolbar from pages saved through the replay', () => {
    const html = page(`<h2>Policy</h2><p>${filler}</p><p>${filler}</p>`).replace(
      '<body>',
      '<body><!-- BEGIN WAYBACK TOOLBAR INSERT --><div id="wm-ipp-base">TOOLBAR-TEXT 142 captures</div><!-- END WAYBACK TOOLBAR INSERT -->',
    );
    expect(htmlBlocks(html).some((b) => b.text.includes('TOOLBAR-TEXT'))).toBe(false);
  });

  it('falls back to <body> when Readability finds no article, and never returns empty blocks', () => {
    const blocks = htmlBlocks('<html><body><div>Short note about cookies.</div><p>   </p></body></html>');
    expect(blocks).toEqual([{ kind: 'paragraph', level: 0, text: 'Short note about cookies.' }]);
  });

  it('reports the canonical URL a page states', () => {
    const html = page(`<p>${filler}</p>`).replace(
      '<head>',
      '<head><link rel="canonical" href="https://example.com/privacy">',
    );
    expect(extractHtml(html).canonicalUrl).toBe('https://example.com/privacy');
  });

  describe('the real formlabs.com page of 2017-02-11', () => {
    const html = decodeHtml(sampleBytes('princeton-history', 'formlabs.com', '2017-02-11.html')).text;
    const blocks = htmlBlocks(html);
    const all = blocks.map((b) => b.text).join('\n');

    it('keeps the policy with its section headings and list items', () => {
      expect(blocks[0]).toEqual({ kind: 'heading', level: 1, text: 'Privacy Policy – Formlabs' });
      expect(blocks).toContainEqual({ kind: 'paragraph', level: 0, text: 'Effective Date – Oct. 15, 2015' });
      expect(blocks).toContainEqual({ kind: 'heading', level: 2, text: 'Information We Collect' });
      expect(blocks).toContainEqual({ kind: 'heading', level: 3, text: 'Cookies' });
      expect(blocks).toContainEqual({
        kind: 'list-item',
        level: 1,
        text: 'To review the user information that you have supplied to us',
      });
    });

    it('leaves out the site navigation, footer, contact form and scripts', () => {
      expect(all).not.toContain('Find a Reseller'); // footer
      expect(all).not.toContain('3D Printers Materials Industries'); // main navigation
      expect(all).not.toContain('Questions? Get in touch.'); // sales form
      expect(all).not.toContain('Afghanistan'); // its country list
      expect(all).not.toMatch(/function\s*\(|NREUM|optimizely/);
    });
  });
});
