/**
 * Bound how deeply an HTML page's elements nest, before any parser sees it.
 *
 * HTML parsers keep a stack of open elements and scan or shift it for every
 * tag (htmlparser2, under linkedom, uses `Array#unshift`), so a page of
 * 100,000 nested <div>s costs seconds and a 64 MB one hours; the recursive
 * code after the parser overflows the stack. No real page nests more than a
 * few dozen levels. This pass removes opening tags beyond `maxDepth` (and
 * the closing tags that match them), keeping all text: one linear scan.
 */

/** Elements that never hold content (so never nest). */
const VOID_ELEMENTS = new Set([
  'area',
  'base',
  'br',
  'col',
  'embed',
  'hr',
  'img',
  'input',
  'link',
  'meta',
  'param',
  'source',
  'track',
  'wbr',
  'keygen',
  'frame',
  'basefont',
  'isindex',
]);

const P_ONLY = new Set(['p']);
/** An opening tag that closes the open element on top when it is one of these (as parsers do). */
const IMPLIES_CLOSE = new Map<string, ReadonlySet<string>>([
  ['p', P_ONLY],
  ['div', P_ONLY],
  ['li', new Set(['li'])],
  ['dd', new Set(['dd', 'dt'])],
  ['dt', new Set(['dd', 'dt'])],
  ['tr', new Set(['tr', 'td', 'th'])],
  ['td', new Set(['td', 'th'])],
  ['th', new Set(['td', 'th'])],
  ['option', new Set(['option'])],
  ['h1', P_ONLY],
  ['h2', P_ONLY],
  ['h3', P_ONLY],
  ['h4', P_ONLY],
  ['h5', P_ONLY],
  ['h6', P_ONLY],
  ['ul', P_ONLY],
  ['ol', P_ONLY],
  ['table', P_ONLY],
  ['section', P_ONLY],
]);

// Comments and raw-text elements are skipped whole (their "<" are not tags), then tags.
const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<(script|style|textarea|title|xmp|noscript|plaintext)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)|<(\/?)([a-zA-Z][^\s/>]*)[^>]*>/gi;

/**
 * `html` with element nesting limited to `maxDepth` levels: opening tags
 * deeper than that are removed, with their closing tags, so their text joins
 * the element at the limit. Pages within the limit are returned unchanged.
 */
export function limitNesting(html: string, maxDepth: number): string {
  // A page with fewer tags than the limit cannot exceed it.
  let tags = 0;
  for (let at = html.indexOf('<'); at >= 0 && tags <= maxDepth; at = html.indexOf('<', at + 1)) tags++;
  if (tags <= maxDepth) return html;

  const stack: string[] = [];
  const open = new Map<string, number>();
  const dropped = new Map<string, number>();
  const parts: string[] = [];
  let copiedTo = 0;
  const drop = (from: number, length: number): void => {
    parts.push(html.slice(copiedTo, from));
    copiedTo = from + length;
  };
  const pop = (): void => {
    const name = stack.pop();
    if (name !== undefined) open.set(name, (open.get(name) ?? 1) - 1);
  };

  for (const match of html.matchAll(TOKEN)) {
    const rawName = match[3];
    if (match[1] !== undefined || rawName === undefined) continue;
    const name = rawName.toLowerCase();
    if (VOID_ELEMENTS.has(name)) continue;
    if (match[2] === '/') {
      // Dropped elements are the innermost ones: their closing tags come first.
      const waiting = dropped.get(name) ?? 0;
      if (waiting > 0) {
        dropped.set(name, waiting - 1);
        drop(match.index, match[0].length);
      } else if ((open.get(name) ?? 0) > 0) {
        while (stack.length > 0 && stack[stack.length - 1] !== name) pop();
        pop();
      }
      continue;
    }
    const closes = IMPLIES_CLOSE.get(name);
    while (closes && stack.length > 0 && closes.has(stack[stack.length - 1] ?? '')) pop();
    if (stack.length >= maxDepth) {
      dropped.set(name, (dropped.get(name) ?? 0) + 1);
      drop(match.index, match[0].length);
      continue;
    }
    stack.push(name);
    open.set(name, (open.get(name) ?? 0) + 1);
  }
  if (parts.length === 0) return html;
  parts.push(html.slice(copiedTo));
  return parts.join('');
}
