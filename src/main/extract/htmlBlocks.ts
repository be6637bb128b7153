/**
 * HTML → blocks. linkedom parses (it never runs scripts), Readability picks
 * the main content, and a small walker turns that content into blocks.
 * Archived pages are hostile input: nothing here executes or fetches anything.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import type { Block } from '../../shared/domain';
import { addBlock } from './addBlock';
import { limitNesting } from './limitNesting';
import { normalizeText } from './normalizeText';

/** The slice of the DOM the walker reads; linkedom's nodes satisfy it. */
interface DomNode {
  nodeType: number;
  childNodes: ArrayLike<DomNode>;
  textContent: string | null;
}
interface DomElement extends DomNode {
  localName: string;
  getAttribute(name: string): string | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
  removeAttribute(name: string): void;
  closest(selectors: string): DomElement | null;
  remove(): void;
  parentNode: DomElement | null;
}
interface DomDocument {
  title: string;
  body: DomElement | null;
  documentElement: DomElement | null;
  querySelector(selectors: string): DomElement | null;
  querySelectorAll(selectors: string): ArrayLike<DomElement>;
}

const ELEMENT_NODE = 1;
const TEXT_NODE = 3;
/** Stands for a <br> until the block is flushed; two in a row end a paragraph. */
const LINE_BREAK = '\u0001';
// eslint-disable-next-line no-control-regex -- the marker is a control character on purpose: it never occurs in page text.
const PARAGRAPH_BREAK = /\u0001\s*\u0001/;

const WAYBACK_TOOLBAR = /<!--\s*BEGIN WAYBACK TOOLBAR INSERT\s*-->[\s\S]*?<!--\s*END WAYBACK TOOLBAR INSERT\s*-->/gi;
const ALWAYS_DROPPED =
  'script, style, noscript, template, nav, footer, button, svg, iframe, object, embed, canvas, select, textarea, input, ' +
  '#wm-ipp, #wm-ipp-base, #wm-ipp-print, #donato';
// Cookie banners and consent managers, by the ids/classes the common ones use.
// Deliberately narrow: a cookie *policy* page wraps its text in "cookie-policy".
const COOKIE_BANNER =
  /(?:^|[\s_-])(?:cookie|cookies|consent|gdpr)[_-]?(?:banner|bar|notice|notification|popup|modal|overlay|message|dialog|wrapper|container|consent|law)(?:$|[\s_-])|onetrust|cookiebot|cookie-law-info|truste-consent|cc-window|cc_banner|osano-cm|qc-cmp|didomi-|usercentrics|iubenda-cs|klaro|cmplz-cookie|moove_gdpr|borlabs-cookie|termly-consent|cookie-script/i;
// A form with little text is a search box or sign-up; ASP.NET pages wrap the whole page in one form.
const SMALL_FORM_CHARS = 400;
// Site furniture Readability misses (or that the fallback root contains), by
// the class and id names themes use. A class token counts by its BEM block
// (`site-footer__legal` → `site-footer`). Never `header`: article headers
// hold the title and "last updated" date.
const LAYOUT_TOKEN =
  /^(?:site-header|global-header|masthead|top-?bar|navbar|mega-?menu|main-menu|main-nav|primary-nav|site-nav|nav-menu|menu-main|site-footer|global-footer|page-footer|footer|footer-wrapper|footer-container|footer-links|breadcrumbs?|skip-link|skip-to-content|back-to-top|feedback-widget|was-this-helpful|newsletter-signup|social-share|share-buttons)$/i;
// A furniture element holding most of the page's text is really a wrapper: keep it.
const LAYOUT_MAX_SHARE = 0.5;
// Consent dialogs labelled for screen readers: <div role="dialog" aria-label="Cookie consent">.
const CONSENT_DIALOG = 'dialog, [role="dialog"], [role="alertdialog"], [role="alert"], [aria-modal="true"]';
const CONSENT_LABEL = /\b(?:cookies?|consent|gdpr|privacy (?:choices|preferences|settings))\b/i;
// A short block outside the main content that says the site uses cookies and
// offers an "Accept"/"OK" control is a cookie banner, whatever its class.
const COOKIE_SENTENCE = /\b(?:uses?|using|use of|stores?|accept(?:ing)?|our)\s+(?:[\w-]+\s+){0,3}?cookies\b/i;
const ACCEPT_CONTROL =
  /^\W*(?:accept|agree|allow|ok|okay|got it|i understand|understood|close|dismiss|continue|yes|i consent)\b/i;
const CONTROLS = 'button, a, [role="button"], input[type="button"], input[type="submit"]';
const COOKIE_NOTICE_MAX_CHARS = 600;
const COOKIE_NOTICE_MAX_CLIMB = 6;
const COOKIE_NOTICE_MAX_CONTROLS = 50;
// Lines that are page widgets, never policy text.
const WIDGET_LINE =
  /^(?:back to top|top of page|return to top|skip to (?:the )?(?:main )?content|skip navigation|was this (?:page|article|information) (?:helpful|useful)\??(?: yes no)?|print(?: this page)?|share this(?: page)?)\W*$/i;

const CONTAINERS = new Set([
  'address',
  'article',
  'aside',
  'body',
  'center',
  'dd',
  'details',
  'dialog',
  'div',
  'dl',
  'dt',
  'fieldset',
  'figcaption',
  'figure',
  'form',
  'header',
  'hgroup',
  'html',
  'main',
  'p',
  'section',
  'summary',
  'caption',
]);
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/**
 * Deeper than this, nesting is not document structure but an attack on
 * recursive code: our walker recurses per level (100,000 nested <div>s
 * overflow the stack) and Readability's cleanup costs depth × size (minutes).
 * Real pages nest a few dozen levels.
 */
const MAX_NESTING = 256;
/** Dropped before a too-deep subtree is flattened to its text. */
const NON_TEXT = 'script, style, noscript, template';
const NOT_A_DATA_TABLE = 'table, h1, h2, h3, h4, h5, h6, form, pre, blockquote';
const LONGEST_DATA_CELL = 2000;

interface WalkContext {
  inQuote: boolean;
  /** Depth of the innermost list, 0 outside lists. */
  listDepth: number;
  /** Level of the list item whose text is being collected, 0 when not inside one. */
  itemLevel: number;
}

/** Collects text runs into the block currently open and emits blocks. */
class BlockWriter {
  readonly blocks: Block[] = [];
  private parts: string[] = [];

  text(run: string): void {
    this.parts.push(run);
  }

  flush(context: WalkContext): void {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    const kind = context.itemLevel > 0 ? 'list-item' : context.inQuote ? 'quote' : 'paragraph';
    for (const piece of text.split(PARAGRAPH_BREAK)) addBlock(this.blocks, kind, context.itemLevel, piece);
  }

  add(kind: Block['kind'], level: number, text: string): void {
    addBlock(this.blocks, kind, level, text);
  }
}

function isElement(node: DomNode): node is DomElement {
  return node.nodeType === ELEMENT_NODE;
}

/** Text of an element as one line, skipping what the walker drops. */
function textOf(element: DomElement): string {
  let out = '';
  for (const child of Array.from(element.childNodes)) {
    if (child.nodeType === TEXT_NODE) out += child.textContent ?? '';
    else if (isElement(child)) {
      if (child.localName === 'br') out += ' ';
      else if (CONTAINERS.has(child.localName) || child.localName in HEADINGS || child.localName === 'li')
        out += ` ${textOf(child)} `;
      else out += textOf(child);
    }
  }
  return out;
}

function isDataTable(table: DomElement): boolean {
  if (table.querySelector(NOT_A_DATA_TABLE)) return false;
  for (const cell of Array.from(table.querySelectorAll('td, th'))) {
    if ((cell.textContent ?? '').length > LONGEST_DATA_CELL) return false;
  }
  return true;
}

function writeTableRows(table: DomElement, writer: BlockWriter): void {
  for (const row of Array.from(table.querySelectorAll('tr'))) {
    const cells: string[] = [];
    for (const cell of Array.from(row.childNodes)) {
      if (!isElement(cell) || (cell.localName !== 'td' && cell.localName !== 'th')) continue;
      const text = normalizeText(textOf(cell));
      if (text !== '') cells.push(text);
    }
    writer.add('table-row', 0, cells.join(' | '));
  }
}

function walkChildren(element: DomElement, writer: BlockWriter, context: WalkContext): void {
  for (const child of Array.from(element.childNodes)) walkNode(child, writer, context);
}

function walkNode(node: DomNode, writer: BlockWriter, context: WalkContext): void {
  if (node.nodeType === TEXT_NODE) {
    writer.text(node.textContent ?? '');
    return;
  }
  if (!isElement(node)) return;
  const tag = node.localName;
  const headingLevel = HEADINGS[tag];
  if (headingLevel !== undefined) {
    writer.flush(context);
    writer.add(context.inQuote ? 'quote' : 'heading', context.inQuote ? 0 : headingLevel, textOf(node));
    return;
  }
  switch (tag) {
    case 'br':
      writer.text(LINE_BREAK);
      return;
    case 'hr':
      writer.flush(context);
      return;
    case 'img':
      return;
    case 'ul':
    case 'ol':
    case 'menu': {
      writer.flush(context);
      const inner = { ...context, listDepth: context.listDepth + 1, itemLevel: 0 };
      walkChildren(node, writer, inner);
      writer.flush(inner);
      return;
    }
    case 'li': {
      writer.flush(context);
      const item = { ...context, itemLevel: Math.max(1, context.listDepth) };
      walkChildren(node, writer, item);
      writer.flush(item);
      return;
    }
    case 'pre':
      writer.flush(context);
      writer.add('preformatted', 0, node.textContent ?? '');
      return;
    case 'blockquote': {
      writer.flush(context);
      const quote = { ...context, inQuote: true };
      walkChildren(node, writer, quote);
      writer.flush(quote);
      return;
    }
    case 'table':
      writer.flush(context);
      if (isDataTable(node)) writeTableRows(node, writer);
      else walkLayout(node, writer, context);
      return;
    default:
      if (CONTAINERS.has(tag)) {
        if (context.itemLevel > 0) {
          // Paragraphs inside a list item belong to that item's text.
          writer.text(' ');
          walkChildren(node, writer, context);
          writer.text(' ');
        } else {
          writer.flush(context);
          walkChildren(node, writer, context);
          writer.flush(context);
        }
        return;
      }
      walkChildren(node, writer, context); // inline: a, span, strong, font…
  }
}

/** A table used for page layout: every cell is a container of its own. */
function walkLayout(element: DomElement, writer: BlockWriter, context: WalkContext): void {
  for (const child of Array.from(element.childNodes)) {
    if (isElement(child) && ['tbody', 'thead', 'tfoot', 'tr', 'td', 'th'].includes(child.localName)) {
      writer.flush(context);
      walkLayout(child, writer, context);
      writer.flush(context);
    } else {
      walkNode(child, writer, context);
    }
  }
}

function removeAll(document: DomDocument, selectors: string): void {
  for (const element of Array.from(document.querySelectorAll(selectors))) element.remove();
}

/** Whether a class/id label names site furniture (header, footer, menus, breadcrumbs, widgets). */
function isLayoutLabel(id: string | null, classes: string | null): boolean {
  if (id !== null && LAYOUT_TOKEN.test(id.trim())) return true;
  if (classes === null) return false;
  for (const token of classes.split(/\s+/)) {
    if (token !== '' && LAYOUT_TOKEN.test(token.split(/__|--/)[0] ?? '')) return true;
  }
  return false;
}

/**
 * Cookie banners that carry no telling class: from each "Accept"/"OK"
 * control, climb to the largest short block (no headings, outside
 * <main>/<article>) that says the site uses cookies, and remove it.
 */
function dropUnlabelledCookieNotices(document: DomDocument): void {
  // One pass over the text first: most pages never mention cookies, and a page
  // of many "Continue reading" links must not climb the tree for each.
  if (!COOKIE_SENTENCE.test(document.body?.textContent ?? '')) return;
  let examined = 0;
  for (const control of Array.from(document.querySelectorAll(CONTROLS))) {
    const label = normalizeText(control.textContent || control.getAttribute('value') || '');
    if (label.length > 30 || !ACCEPT_CONTROL.test(label) || control.closest('main, article, [role="main"]')) continue;
    if (++examined > COOKIE_NOTICE_MAX_CONTROLS) return;
    let notice: DomElement | null = null;
    let element = control.parentNode;
    for (let climb = 0; element && climb < COOKIE_NOTICE_MAX_CLIMB; climb++, element = element.parentNode) {
      if (element.localName === 'body' || element.localName === 'html') break;
      const text = normalizeText(element.textContent ?? '');
      if (text.length > COOKIE_NOTICE_MAX_CHARS || element.querySelector('h1, h2, h3')) break;
      if (COOKIE_SENTENCE.test(text)) notice = element;
    }
    notice?.remove();
  }
}

/** Remove what is never policy text: scripts, navigation, footers, forms, cookie banners, the Wayback toolbar. */
function dropBoilerplate(document: DomDocument): void {
  // Before buttons go: the cookie-notice rule recognises banners by their "Accept" button.
  dropUnlabelledCookieNotices(document);
  removeAll(document, ALWAYS_DROPPED);
  for (const form of Array.from(document.querySelectorAll('form'))) {
    if ((form.textContent ?? '').trim().length < SMALL_FORM_CHARS) form.remove();
  }
  for (const dialog of Array.from(document.querySelectorAll(CONSENT_DIALOG))) {
    if (CONSENT_LABEL.test(`${dialog.getAttribute('aria-label') ?? ''} ${dialog.getAttribute('id') ?? ''}`))
      dialog.remove();
  }
  const pageChars = (document.body?.textContent ?? '').length;
  for (const element of Array.from(document.querySelectorAll('[id], [class]'))) {
    const id = element.getAttribute('id');
    const classes = element.getAttribute('class');
    if (COOKIE_BANNER.test(`${id ?? ''} ${classes ?? ''}`)) element.remove();
    else if (isLayoutLabel(id, classes) && (element.textContent ?? '').length <= LAYOUT_MAX_SHARE * pageChars)
      element.remove();
  }
  // Readability drops h1/h2 whose id or class sounds negative ("contact", "share",
  // "meta"…): in a policy those are section headings ("Contact us"), so their
  // names go; nothing after this reads them. (Lower headings it keeps, except
  // when their id is an "unlikely candidate" such as "social-media": left as
  // is, so pages extract exactly as the Princeton dataset's Markdown did.)
  for (const heading of Array.from(document.querySelectorAll('h1, h2'))) {
    heading.removeAttribute('id');
    heading.removeAttribute('class');
  }
}

/**
 * Elements nested deeper than MAX_NESTING keep only their text (one run):
 * walks the tree without recursion, so any depth is safe, and leaves every
 * later step a tree of bounded depth.
 */
function flattenDeepNesting(document: DomDocument): void {
  const root = document.documentElement;
  if (!root) return;
  const stack: Array<{ element: DomElement; depth: number }> = [{ element: root, depth: 0 }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    for (const child of Array.from(next.element.childNodes)) {
      if (!isElement(child)) continue;
      if (next.depth + 1 < MAX_NESTING) {
        stack.push({ element: child, depth: next.depth + 1 });
        continue;
      }
      for (const hidden of Array.from(child.querySelectorAll(NON_TEXT))) hidden.remove();
      child.textContent = child.textContent ?? '';
    }
  }
}

function parsePage(html: string): DomDocument {
  const { document } = parseHTML(html) as unknown as { document: DomDocument };
  flattenDeepNesting(document);
  dropBoilerplate(document);
  return document;
}

function fallbackRoot(document: DomDocument): DomElement | null {
  return document.querySelector('main') ?? document.querySelector('article') ?? document.body;
}

/**
 * The element holding the page's main content, and the page title: what
 * Readability finds, else <main>, <article> or <body> of a fresh parse
 * (Readability rewrites the document it is given, even when it gives up).
 */
function mainContent(html: string, document: DomDocument): { root: DomElement | null; title: string } {
  const pageTitle = document.title;
  const fallbackChars = normalizeText(fallbackRoot(document)?.textContent ?? '').length;
  let article: ReturnType<Readability<DomElement>['parse']> = null;
  try {
    article = new Readability<DomElement>(document as never, {
      serializer: (node) => node as unknown as DomElement,
    }).parse();
  } catch {
    article = null;
  }
  const content = article?.content ?? null;
  const contentChars = normalizeText(content?.textContent ?? '').length;
  // Readability sometimes settles on a teaser or a sidebar; a result far
  // shorter than the page's text means it missed the policy.
  if (content && contentChars > 0 && contentChars >= 0.2 * fallbackChars) {
    return { root: content, title: article?.title || pageTitle };
  }
  return { root: fallbackRoot(parsePage(html)), title: pageTitle };
}

/** Extracted structure of one HTML page. */
export interface HtmlExtraction {
  blocks: Block[];
  /** The page title (Readability's guess, else `<title>`), normalised; '' when none. */
  title: string;
  /** `<link rel="canonical">` or `og:url`, when the page states it. */
  canonicalUrl: string | null;
}

/**
 * Extract the main content of an HTML page as blocks: the page title first
 * (as a level-1 heading, as the Princeton Markdown export does), then
 * headings, paragraphs, list items, table rows, preformatted text and quotes.
 */
export function extractHtml(html: string): HtmlExtraction {
  const page = limitNesting(html.replace(WAYBACK_TOOLBAR, ''), MAX_NESTING);
  const document = parsePage(page);
  const canonicalUrl =
    document.querySelector('link[rel="canonical"]')?.getAttribute('href') ??
    document.querySelector('meta[property="og:url"]')?.getAttribute('content') ??
    null;
  const { root, title } = mainContent(page, document);
  const writer = new BlockWriter();
  const normalizedTitle = normalizeText(title);
  if (normalizedTitle !== '') writer.add('heading', 1, normalizedTitle);
  const context: WalkContext = { inQuote: false, listDepth: 0, itemLevel: 0 };
  if (root) {
    walkNode(root, writer, context);
    writer.flush(context);
  }
  const blocks = writer.blocks.filter((block) => block.kind === 'heading' || !WIDGET_LINE.test(block.text));
  // Drop the page's own heading when it repeats the title we put first.
  const second = blocks[1];
  if (second && second.kind === 'heading' && second.text.toLowerCase() === normalizedTitle.toLowerCase())
    blocks.splice(1, 1);
  return { blocks, title: normalizedTitle, canonicalUrl: canonicalUrl === null ? null : canonicalUrl.trim() || null };
}

/** Blocks of an HTML page's main content (see {@link extractHtml}). */
export function htmlBlocks(html: string): Block[] {
  return extractHtml(html).blocks;
}
