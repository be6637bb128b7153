/**
 * An archived page made inert for display: the reader's "original page" view
 * shows it in a sandboxed frame, and this is the first line of defence (the
 * sandbox and the document's own CSP are the others). Archived pages come from
 * thousands of sites and are hostile input.
 *
 * What survives is text structure only: headings, paragraphs, lists, tables,
 * emphasis, quotes, code, line breaks and rules. Everything that could run,
 * fetch or navigate is removed: scripts, styles (elements, stylesheet links
 * and style attributes, so no CSS `url()`/`@import`/`expression()`), event
 * handlers, frames, objects, SVG, MathML, canvas, media, images (their alt
 * text stays, in brackets), forms and controls, `<meta refresh>`, `<base>`,
 * and every URL attribute. Links become plain text with their address shown
 * after them, so nothing in the view can be followed.
 */
import { createHash } from 'node:crypto';
import sanitizeHtml from 'sanitize-html';
import type { OriginalPage } from '../../shared/libraryDomain';
import { limitNesting } from '../extract/limitNesting';
import { stripReplayMarkup } from '../extract/waybackReplay';

/** What sanitizing removed (see {@link OriginalPage}). */
export type RemovedContent = OriginalPage['removed'];

/** A sanitized page: a complete, inert HTML document and what was taken out of it. */
export interface SanitizedOriginal {
  html: string;
  removed: RemovedContent;
}

export interface SanitizeOptions {
  /** The page's original URL: relative link addresses are shown resolved against it. */
  sourceUrl?: string | null;
}

/** Elements kept as they are (no attributes beyond the few listed below). */
const KEPT_TAGS = [
  'address', 'article', 'aside', 'blockquote', 'caption', 'col', 'colgroup', 'dd', 'div', 'dl', 'dt',
  'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'li',
  'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'del', 'dfn', 'em', 'i', 'ins', 'kbd', 'mark',
  'q', 'rp', 'rt', 'ruby', 's', 'samp', 'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr',
]; // prettier-ignore

/** Legacy or interactive elements shown as their plain equivalent. */
const RENAMED_TAGS: Record<string, string> = {
  font: 'span',
  center: 'div',
  big: 'span',
  tt: 'code',
  strike: 's',
  details: 'div',
  summary: 'div',
  listing: 'pre',
};

/** The marker a link becomes inside the sanitizer; rewritten to inert spans afterwards (see `inertLinks`). */
const LINK_MARKER = 'pae-link';

/**
 * Disallowed elements whose content goes too (not only the tag): code, styles,
 * embedded documents, media, form controls and the page title, whose text
 * would otherwise appear as stray words.
 */
const DROPPED_WITH_CONTENT = [
  'script', 'noscript', 'style', 'template', 'title', 'xmp', 'plaintext', 'textarea', 'select', 'option',
  'button', 'iframe', 'frame', 'frameset', 'noframes', 'noembed', 'object', 'embed', 'applet', 'svg', 'math',
  'canvas', 'audio', 'video', 'picture', 'map', 'portal', 'fencedframe', 'dialog',
]; // prettier-ignore

const SCRIPT_TAGS = new Set(['script', 'noscript']);
const EMBED_TAGS = new Set([
  'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'svg', 'math', 'canvas', 'audio', 'video',
  'picture', 'img', 'image', 'portal', 'fencedframe', 'form', 'input', 'button', 'select', 'textarea', 'base',
]); // prettier-ignore
/** Schemes that run code when followed. */
const SCRIPT_URL = /^(?:javascript|vbscript|livescript):/;
/** Addresses worth showing after a link's text. */
const SHOWN_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'ftp:', 'tel:']);
/** Deeper nesting is flattened (the text stays): no page needs it, and it stalls layout. */
const NESTING_LIMIT = 200;
const MAX_SHOWN_URL_CHARS = 300;

/**
 * The document's stylesheet: readable text that follows the system's light or
 * dark scheme. Its hash is the only style the document's CSP allows, so no
 * other inline style (had one slipped through) would apply.
 */
const STYLESHEET = `
:root { color-scheme: light dark; --text: #1f2328; --bg: #ffffff; --muted: #5c636b; --border: #d9d5cc; --link: #1f5fa8; }
@media (prefers-color-scheme: dark) {
  :root { --text: #e6e4df; --bg: #232429; --muted: #a3a7ae; --border: #3b3e46; --link: #9cc2ff; }
}
html { background: var(--bg); color: var(--text); }
body { margin: 0 auto; padding: 1rem 1.5rem 2.5rem; max-width: 46rem; overflow-wrap: break-word;
  font: 1.02rem/1.6 Charter, 'Bitstream Charter', 'Sitka Text', Cambria, Georgia, serif; }
h1, h2, h3, h4, h5, h6 { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Ubuntu, sans-serif;
  line-height: 1.3; margin: 1.4em 0 0.5em; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.3rem; } h3 { font-size: 1.15rem; } h4, h5, h6 { font-size: 1rem; }
p, ul, ol, dl, table, pre, blockquote, figure { margin: 0 0 0.85em; }
ul, ol { padding-inline-start: 1.5em; }
blockquote { border-inline-start: 3px solid var(--border); padding-inline-start: 1em; color: var(--muted); }
pre, code, kbd, samp { font-family: ui-monospace, Menlo, Consolas, 'Liberation Mono', monospace; font-size: 0.9em; }
pre { white-space: pre-wrap; }
table { border-collapse: collapse; max-width: 100%; }
td, th { border: 1px solid var(--border); padding: 0.25em 0.5em; vertical-align: top; text-align: start; }
hr { border: none; border-top: 1px solid var(--border); }
.link { color: var(--link); text-decoration: underline dotted; }
.link-url { color: var(--muted); font-size: 0.85em; word-break: break-all; }
.image-alt { color: var(--muted); font-style: italic; }
`;

const STYLE_HASH = createHash('sha256').update(STYLESHEET, 'utf8').digest('base64');
/**
 * Nothing may load, run, submit or change the base: only the stylesheet above
 * applies. `default-src 'none'` covers scripts, images, fonts, frames, media
 * and connections; `base-uri` and `form-action` are not covered by it.
 */
const DOCUMENT_CSP = `default-src 'none'; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'`;

function emptyCounts(): RemovedContent {
  return { scripts: 0, styles: 0, eventHandlers: 0, embeds: 0, links: 0 };
}

/** An attribute value as a URL scheme check sees it: no whitespace or control characters, lower case. */
function compactUrl(value: string): string {
  // eslint-disable-next-line no-control-regex -- browsers ignore these inside a scheme, so must we.
  return value.replace(/[\u0000-\u0020\u007f-\u009f]+/g, '').toLowerCase();
}

/** Count what an element brings that will not be shown (called for every element of the page). */
function countElement(counts: RemovedContent, name: string, attribs: Record<string, string>): void {
  if (SCRIPT_TAGS.has(name)) counts.scripts++;
  else if (name === 'style') counts.styles++;
  else if (EMBED_TAGS.has(name)) counts.embeds++;
  else if (name === 'link' && /\bstylesheet\b/i.test(attribs.rel ?? '')) counts.styles++;
  else if (name === 'meta' && (attribs['http-equiv'] ?? '').trim().toLowerCase() === 'refresh') counts.scripts++;
  for (const [attribute, value] of Object.entries(attribs)) {
    if (attribute.startsWith('on')) counts.eventHandlers++;
    else if (attribute === 'style') counts.styles++;
    else if (SCRIPT_URL.test(compactUrl(value ?? ''))) counts.scripts++;
  }
}

/** The address shown after a link's text, or null when it is not one worth showing (script, data…). */
function shownAddress(href: string, base: URL | null): string | null {
  const trimmed = href.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  let url: URL;
  try {
    url = base ? new URL(trimmed, base) : new URL(trimmed);
  } catch {
    return null;
  }
  if (!SHOWN_SCHEMES.has(url.protocol)) return null;
  const text = url.href;
  return text.length > MAX_SHOWN_URL_CHARS ? `${text.slice(0, MAX_SHOWN_URL_CHARS)}…` : text;
}

function parseBase(sourceUrl: string | null | undefined): URL | null {
  if (!sourceUrl) return null;
  try {
    const url = new URL(sourceUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Replace the sanitizer's link markers with inert text: the link's words in a
 * `span.link` (its address as a tooltip) followed by the address itself. The
 * markers can only come from our own transform (a `pae-link` element in the
 * page is renamed to a span before it), and the sanitizer escapes attribute
 * values, so matching its exact output is safe.
 */
function inertLinks(html: string): string {
  const open: Array<string | null> = [];
  return html.replace(/<pae-link(?: title="([^"]*)")?>|<\/pae-link>/g, (tag, title: string | undefined) => {
    if (!tag.startsWith('</')) {
      open.push(title ?? null);
      return title === undefined ? '<span class="link">' : `<span class="link" title="${title}">`;
    }
    const address = open.pop();
    return address ? `</span> <span class="link-url">(${address})</span>` : '</span>';
  });
}

/** The `lang` of the page's `<html>` element, when it is a plausible language tag. */
function pageLanguage(html: string): string {
  const lang = /<html\b[^>]*?\slang\s*=\s*["']?([A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8}){0,3})\b/i.exec(html.slice(0, 4096));
  return lang?.[1] ?? 'en';
}

/**
 * Sanitize an archived page's body into inert HTML (no document wrapper) and
 * count what was removed. Wayback replay markup (toolbar, replay scripts,
 * rewritten links) is stripped first, so it is neither shown nor counted.
 */
export function sanitizeFragment(html: string, options: SanitizeOptions = {}): SanitizedOriginal {
  const counts = emptyCounts();
  const base = parseBase(options.sourceUrl);
  // sanitize-html's parser slows down with depth (4.5 s for 100k nested <div>s): cut nesting first, linearly.
  const page = stripReplayMarkup(limitNesting(html, NESTING_LIMIT));
  const transformTags: Record<string, sanitizeHtml.Transformer> = {
    // A `pae-link` in the page itself must not pass for one of ours.
    [LINK_MARKER]: () => ({ tagName: 'span', attribs: {} }),
    a: (_name, attribs): sanitizeHtml.Tag => {
      const href = attribs.href;
      if (href === undefined) return { tagName: 'span', attribs: {} };
      if (!SCRIPT_URL.test(compactUrl(href))) counts.links++;
      const address = shownAddress(href, base);
      const shown: sanitizeHtml.Attributes = {};
      if (address !== null) shown.title = address;
      return { tagName: LINK_MARKER, attribs: shown };
    },
    img: (_name, attribs): sanitizeHtml.Tag => {
      const alt = (attribs.alt ?? '').replace(/\s+/g, ' ').trim();
      // An image without words leaves nothing; one with words leaves them, in brackets.
      if (alt === '') return { tagName: 'img', attribs: {} };
      return { tagName: 'span', attribs: { class: 'image-alt' }, text: `[${alt}]` };
    },
  };
  for (const [from, to] of Object.entries(RENAMED_TAGS)) transformTags[from] = () => ({ tagName: to, attribs: {} });

  const body = sanitizeHtml(page, {
    allowedTags: [...KEPT_TAGS, LINK_MARKER],
    allowedAttributes: {
      '*': ['lang', 'dir'],
      [LINK_MARKER]: ['title'],
      abbr: ['title'],
      td: ['colspan', 'rowspan'],
      th: ['colspan', 'rowspan', 'scope'],
      ol: ['start', 'reversed', 'type'],
      li: ['value'],
    },
    allowedClasses: { span: ['image-alt'] },
    allowedSchemes: [],
    allowedSchemesAppliedToAttributes: [],
    allowProtocolRelative: false,
    allowVulnerableTags: false,
    parseStyleAttributes: false,
    disallowedTagsMode: 'discard',
    nonTextTags: DROPPED_WITH_CONTENT,
    nestingLimit: NESTING_LIMIT,
    transformTags,
    onOpenTag: (name, attribs) => countElement(counts, name, attribs),
  });
  return { html: inertLinks(body), removed: counts };
}

/**
 * Turn an archived page into a complete, inert HTML document for the reader's
 * sandboxed frame: the sanitized content (see the file comment), a small
 * readable stylesheet, and a CSP that lets nothing load or run. Returns the
 * document and the counts of what was removed.
 */
export function sanitizeOriginal(html: string, options: SanitizeOptions = {}): SanitizedOriginal {
  const { html: body, removed } = sanitizeFragment(html, options);
  const document = [
    '<!doctype html>',
    `<html lang="${pageLanguage(html)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${DOCUMENT_CSP}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="color-scheme" content="light dark">',
    '<title>Original page (sanitized)</title>',
    `<style>${STYLESHEET}</style>`,
    '</head>',
    `<body>${body}</body>`,
    '</html>',
  ].join('\n');
  return { html: document, removed };
}
